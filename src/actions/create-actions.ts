/**
 * The component-content stage: files, manifests and charts of every component, with the onCreate
 * actions around them, in Zarf's order (assemble.go assemblePackageComponent): components one after
 * another, each one's `before` actions, then its content, then its `after` actions. Images come
 * after this stage (main.ts), so an action may build one or write an image archive. A package
 * without onCreate actions has its content collected all at once, in parallel.
 *
 * What an action creates is looked for after it ran: the checks before the build let missing local
 * paths pass when the package has actions (definition/check-package.ts), and collection (then, for
 * image archives, the end of this stage) refuses one still missing at its line. Local files a
 * component packages are copied into the run's folder when an action runs after them, so a later
 * action that changes or removes them does not change what was collected (Zarf copies them too).
 *
 * Each action's output goes to the log in a group of its own, titled by its description (or its
 * command); a failing action is one error at its line, with its exit code and last lines of output.
 */
import { constants } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { LadingError, LadingErrors } from '../errors.js';
import { createActionCount, type CreateActionList } from '../definition/create-actions.js';
import { formatPath, type PathSegment } from '../definition/positions.js';
import type { ZarfComponent } from '../definition/schema.js';
import { collectComponentContent, type CollectOptions, type ComponentContent } from '../package/components/collect.js';
import { isInside, realRoots, resolveLocalPath } from '../package/components/paths.js';
import type { TarEntry } from '../package/tarball.js';
import { actionSpec } from './config.js';
import { ActionCancelled, ActionFailure, runAction } from './run-action.js';

/** An action that ran, for the job summary. */
export interface ActionRecord {
  when: CreateActionList;
  title: string;
  durationMs: number;
  attempts: number;
}

export interface ContentWithActions extends ComponentContent {
  /** The onCreate actions run, by component name, in the order they ran. */
  actions: Record<string, ActionRecord[]>;
}

export interface ContentStageOptions extends CollectOptions {
  /** Runs `fn` with its log lines in a collapsible group of the log (`::group::title`). */
  group: (title: string, fn: () => Promise<void>) => Promise<void>;
  /** The run's cancellation: stops a running action's command and everything it started. */
  signal?: AbortSignal;
  /** Default: process.platform (which shell runs the commands). */
  platform?: NodeJS.Platform;
}

/** Lines of a failing command's output named in its error message (the summary shows more). */
const MESSAGE_LINES = 5;

type Listed = { index: number; component: ZarfComponent };

export async function collectContentWithActions(opts: ContentStageOptions): Promise<ContentWithActions> {
  const listed = opts.components;
  if (!listed.some((c) => createActionCount(c.component) > 0)) return { ...(await collectComponentContent(opts)), actions: {} };

  const out: ContentWithActions = { entries: {}, items: {}, blobs: [], actions: {} };
  const seenBlobs = new Set<string>();
  const roots = await realRoots({ dir: opts.definition.dir, roots: opts.definition.roots, display: opts.display });
  for (let k = 0; k < listed.length; k++) {
    const c = listed[k] as Listed;
    await runActions(opts, c, 'before', out);
    const part = await collectComponentContent({ ...opts, components: [c], workDir: path.join(opts.workDir, `component-${c.index}`) });
    const actionsFollow = (c.component.actions?.onCreate?.after ?? []).length > 0 || listed.slice(k + 1).some((l) => createActionCount(l.component) > 0);
    const entries = part.entries[c.component.name] ?? [];
    (out.entries[c.component.name] ??= []).push(...(actionsFollow ? await keepLocalFiles(entries, roots, path.join(opts.workDir, `component-${c.index}`, 'kept')) : entries));
    (out.items[c.component.name] ??= []).push(...(part.items[c.component.name] ?? []));
    for (const b of part.blobs) {
      if (seenBlobs.has(b.digest)) continue;
      seenBlobs.add(b.digest);
      out.blobs.push(b);
    }
    await runActions(opts, c, 'after', out);
  }
  await checkImageArchives(opts);
  return out;
}

/** Runs a component's `before` or `after` actions one after another; the first failure stops the build. */
async function runActions(opts: ContentStageOptions, c: Listed, when: CreateActionList, out: ContentWithActions): Promise<void> {
  const onCreate = c.component.actions?.onCreate;
  const list = onCreate?.[when] ?? [];
  for (let j = 0; j < list.length; j++) {
    const action = list[j];
    if (action === undefined) continue;
    const field: PathSegment[] = ['components', c.index, 'actions', 'onCreate', when, j];
    const spec = actionSpec(action, onCreate?.defaults, opts.definition.dir);
    let failure: unknown;
    let ran: { durationMs: number; attempts: number } | undefined;
    await opts.group(spec.title, async () => {
      opts.log(`${formatPath(field)} of component ${c.component.name}, in ${opts.display(spec.dir)}${spec.mute ? ' (output muted)' : ''}`);
      try {
        ran = await runAction(spec, { log: opts.log, ...(opts.signal !== undefined ? { signal: opts.signal } : {}), ...(opts.platform !== undefined ? { platform: opts.platform } : {}) });
      } catch (e) {
        failure = e;
      }
    });
    if (failure !== undefined) throw actionError(failure, field, when, opts);
    const r = ran as { durationMs: number; attempts: number };
    (out.actions[c.component.name] ??= []).push({ when, title: spec.title, durationMs: r.durationMs, attempts: r.attempts });
  }
}

function actionError(e: unknown, field: PathSegment[], when: CreateActionList, opts: ContentStageOptions): Error {
  const position = opts.definition.positionOf(field);
  if (e instanceof ActionCancelled) return new LadingError('the run was cancelled while an onCreate action ran: its command was stopped', { position });
  if (!(e instanceof ActionFailure)) return new LadingError(`${formatPath(field)}: ${(e as Error).message}`, { position, cause: e });
  const d = e.details;
  const end = d.exitCode !== undefined ? ` (exit code ${d.exitCode})` : d.signal !== undefined ? ` (ended by ${d.signal})` : '';
  const lines = d.lastLines.filter((l) => l.trim() !== '');
  const tail = lines.slice(-MESSAGE_LINES).map((l) => (l.length > 200 ? `${l.slice(0, 200)}...` : l));
  const shown = tail.length > 0 ? `; last output: ${tail.join(' | ')}` : '';
  const hint = d.setup
    ? 'check dir (relative to the folder of the zarf.yaml that has the action) and shell'
    : d.timedOut === true
      ? 'the command and what it started were stopped at maxTotalSeconds: raise it, or make the command faster; its output is in the log group named after it'
      : 'its output is in the log group named after it; fix the command (it runs in sh -e: any failing line fails it), or raise maxRetries';
  const fence = lines.some((l) => l.includes('```')) ? '~~~~' : '```';
  return new LadingError(`${formatPath(field)}: unable to run component ${when} action: ${e.message}${end}${shown}`, {
    hint,
    position,
    cause: e,
    ...(lines.length > 0 ? { details: [`Last output of ${formatPath(field)}:`, '', fence, ...lines, fence].join('\n') } : {})
  });
}

/**
 * Copies the files of `entries` that live in the workspace (or skeleton content) into `dir`, so
 * that a later action changing them does not change what the component packages.
 */
async function keepLocalFiles(entries: TarEntry[], roots: readonly string[], dir: string): Promise<TarEntry[]> {
  let n = 0;
  const out: TarEntry[] = [];
  for (const e of entries) {
    if (e.type !== 'file' || !('source' in e) || !roots.some((r) => isInside(r, e.source))) {
      out.push(e);
      continue;
    }
    if (n === 0) await mkdir(dir, { recursive: true });
    const copy = path.join(dir, String(n++).padStart(5, '0'));
    await copyFile(e.source, copy, constants.COPYFILE_FICLONE);
    out.push({ ...e, source: copy });
  }
  return out;
}

/** Image archives are opened after the content: one still missing once every action ran is refused at its line. */
async function checkImageArchives(opts: ContentStageOptions): Promise<void> {
  const errors: LadingError[] = [];
  for (const { index, component } of opts.components) {
    const archives = component.imageArchives ?? [];
    for (let k = 0; k < archives.length; k++) {
      const value = archives[k]?.path;
      if (value === undefined || value === '') continue;
      const p: PathSegment[] = ['components', index, 'imageArchives', k, 'path'];
      const r = await resolveLocalPath(value, formatPath(p), opts.definition.positionOf(p), { dir: opts.definition.dir, roots: opts.definition.roots, display: opts.display }, 'the archive');
      if (r instanceof LadingError) errors.push(r);
    }
  }
  if (errors.length > 0) throw new LadingErrors(errors);
}

