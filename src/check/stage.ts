/**
 * The check stage: what the package would hold, found without downloading any layer, and how that
 * differs from the package published (or named by `compare`).
 *
 * It runs when `mode: check`, or when there is something to compare with (`publish` or `compare`).
 * Component content is planned first (content.ts), then every image is resolved to its digest through
 * the resolver the build uses (manifests, indexes and, for a single-platform image, its config; each
 * read once), so it fails where the build fails, with the same messages at the same lines. Then the
 * published package is read (published.ts), the difference computed (diff.ts) and each changed line
 * of zarf.yaml gets one notice.
 *
 * The run ends here (`done`) in check mode, and when publishing a package the registry already holds
 * exactly (an unchanged nightly): nothing is downloaded or published, the tag is left as it is.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import type { Package } from '../definition/index.js';
import type { Inputs } from '../inputs.js';
import type { ResolvedImage } from '../model.js';
import { BlobStore } from '../oci/blobstore.js';
import type { RegistryClient } from '../oci/client.js';
import type { Digest } from '../oci/digest.js';
import type { PublishPlan } from '../publish/stage.js';
import { noticeAt } from '../report/annotations.js';
import { formatBytes } from '../report/format.js';
import { ArchiveSource } from '../sources/archive.js';
import { HttpFetcher } from '../sources/http.js';
import { componentsOf, imageRequests } from '../sources/requests.js';
import { resolveImages, type ImageRequest, type Limit, type Resolved } from '../sources/resolve.js';
import type { ImageSource } from '../sources/source.js';
import { VERSION } from '../version.js';
import { parseCompareInput } from './compare-input.js';
import { planContent, uncoveredFields, type PlannedContent } from './content.js';
import { diffPackage, type DiffRow, type PackageDiff } from './diff.js';
import { checkStageRuns } from './outputs.js';
import { readPackageFile, readPublishedPackage, type PublishedPackage } from './published.js';

export { checkReport, setCheckOutputs } from './outputs.js';

export interface CheckStageInput {
  inputs: Pick<Inputs, 'mode' | 'compare' | 'architecture' | 'indexDigests' | 'concurrency' | 'retries' | 'signatures' | 'registryOverrides'>;
  def: Package;
  client: RegistryClient;
  publishPlan: PublishPlan | undefined;
  workspace: string;
  /** The run's work folder (archives are unpacked below it) and blob store (manifests and configs go there). */
  workDir: string;
  store: BlobStore;
  /** The run's registry source (read once per manifest and blob). */
  registry: ImageSource;
  /** Archives opened for `imageArchives`: the caller closes them (a build pulls from them afterwards). */
  archives: ArchiveSource[];
  /** The build's Docker daemon fallback: used by a build only (it exports whole images). */
  fallback?: (req: ImageRequest, error: unknown) => Promise<ImageSource | undefined>;
  signal?: AbortSignal;
  log: (line: string) => void;
}

export interface CheckOutcome {
  mode: 'build' | 'check';
  /** The run ends here: check mode, or a publish of a package already published as it is. */
  done: boolean;
  /** Whether the package differs from what it was compared with (true when there was nothing to compare). */
  changed: boolean;
  diff?: PackageDiff;
  images: ResolvedImage[];
  /** The image requests and their resolution, for the build that may follow (not resolved again). */
  requests: ImageRequest[];
  resolved: Resolved[];
  content: PlannedContent;
  /** The package already published, when it was left as it is. */
  published?: { reference: string; digest: Digest; checksum?: string };
}

/** The published package, or the package named by `compare`; undefined when there is nothing to compare with. */
async function readTarget(input: CheckStageInput, workDir: string): Promise<{ against: string; published: PublishedPackage | undefined; isPublishTarget: boolean } | undefined> {
  const { inputs, client, publishPlan } = input;
  if (inputs.compare !== '') {
    const t = parseCompareInput(inputs.compare);
    if (t.kind === 'oci') {
      const against = t.reference.toString();
      return { against, published: await readPublishedPackage(client, t.reference, inputs.architecture, workDir, false), isPublishTarget: publishPlan !== undefined && publishPlan.reference.toString() === against };
    }
    const file = path.resolve(input.workspace, t.path);
    const shown = path.relative(input.workspace, file) || file;
    return { against: shown, published: await readPackageFile(file, shown), isPublishTarget: false };
  }
  if (publishPlan === undefined) return undefined;
  // A build asks for push and pull at once: the token then serves the publish that follows.
  return { against: publishPlan.reference.toString(), published: await readPublishedPackage(client, publishPlan.reference, inputs.architecture, workDir, inputs.mode === 'build'), isPublishTarget: true };
}

function rowText(r: DiffRow): string {
  const what = r.kind === 'component' ? `component ${r.what}` : r.kind === 'definition' ? r.what : `${r.kind} ${r.what}`;
  const change =
    r.change === 're-pointed' || r.change === 're-tagged' || r.change === 'version' || r.change === 'changed'
      ? `${r.change === 'version' ? 'version' : r.change}${r.old !== undefined || r.new !== undefined ? `: ${r.old ?? '?'} -> ${r.new ?? '?'}` : ''}`
      : r.change;
  return `${what}${r.component !== '' && r.kind !== 'component' ? ` (component ${r.component})` : ''} ${change}${r.note !== undefined ? ` — ${r.note}` : ''}`;
}

/** One notice per changed line, every change written on it. */
export function annotateDiff(diff: PackageDiff): void {
  const byLine = new Map<string, DiffRow[]>();
  for (const r of diff.rows) {
    if (r.position === undefined) continue;
    const key = `${r.position.file}:${r.position.line}`;
    (byLine.get(key) ?? byLine.set(key, []).get(key))?.push(r);
  }
  for (const rows of byLine.values()) {
    const first = rows[0] as DiffRow;
    noticeAt(`changed since ${diff.against}: ${rows.map(rowText).join('; ')}`, first.position);
  }
}

/** Log lines of the comparison, for the job log. */
function logDiff(diff: PackageDiff, log: (line: string) => void): void {
  if (!diff.found) {
    log(`compared with ${diff.against}: nothing is published there yet, so everything is new`);
    return;
  }
  log(`compared with ${diff.against}: ${diff.rows.length === 0 ? 'no change' : `${diff.rows.length} change${diff.rows.length === 1 ? '' : 's'}`}; size ${formatBytes(diff.size.old)} -> ${formatBytes(diff.size.new)}`);
  for (const r of diff.rows) log(`  ${rowText(r)}`);
  for (const n of diff.notCompared) log(`  not compared: ${n}`);
}

/**
 * Component content first, as the build collects it before any image (the same first errors), then
 * every image resolved to its digest.
 */
async function planAndResolve(input: CheckStageInput, fetcher: HttpFetcher, limit: Limit, workDir: string, withActions: ReadonlySet<string>): Promise<{ content: PlannedContent; requests: ImageRequest[]; resolved: Resolved[] }> {
  const { inputs, def, client, log } = input;
  const display = (p: string): string => path.relative(input.workspace, p) || '.';
  const content = await planContent({ definition: def, components: componentsOf(def), workDir: path.join(workDir, 'content'), registry: client, fetcher, limit, display, log });
  const requests = await imageRequests(def, input.registry, input.workDir, input.archives, (c) => withActions.has(c));
  log(`resolving ${requests.length} image reference${requests.length === 1 ? '' : 's'} (manifests only, no layer is downloaded)`);
  const resolved = await resolveImages(requests, {
    architecture: inputs.architecture,
    indexDigests: inputs.indexDigests,
    store: inputs.mode === 'check' ? checkStore(workDir) : input.store,
    limit,
    ...(inputs.mode === 'build' && input.fallback !== undefined ? { fallback: input.fallback } : {})
  });
  return { content, requests, resolved };
}

/**
 * Where `mode: check` keeps the manifests and configs it resolves: in memory (up to 1 MiB each,
 * 64 MiB in all; more goes to files in the check's folder). Nothing else reads them, and the run ends
 * with the check. A build that compares first keeps them in the run's store, where it builds from.
 */
function checkStore(workDir: string): BlobStore {
  return new BlobStore(path.join(workDir, 'resolved'), { smallInMemory: { maxBlob: 1 << 20, maxTotal: 64 << 20 } });
}

export async function runCheckStage(input: CheckStageInput): Promise<CheckOutcome | undefined> {
  const { inputs, def, client, log } = input;
  if (!checkStageRuns(inputs, input.publishPlan)) return undefined;
  // Create-time actions may write files and image archives: a build runs them first, so it is not
  // compared before it builds (it cannot be shown unchanged anyway).
  const withActions = new Set(def.config.components.filter((c) => uncoveredFields(c).includes('actions.onCreate')).map((c) => c.name));
  if (inputs.mode === 'build' && withActions.size > 0) {
    log(`not compared with what is published before building: ${[...withActions].join(', ')} ${withActions.size === 1 ? 'has' : 'have'} create-time actions, which run only in the build`);
    return undefined;
  }
  const workDir = await mkdtemp(path.join(input.workDir, 'check-'));
  const fetcher = new HttpFetcher({ plainHttp: (h) => client.scheme(h) === 'http', retries: inputs.retries, userAgent: `lading/${VERSION}`, log, ...(input.signal !== undefined ? { signal: input.signal } : {}) });
  try {
    // What is published is read while the content is planned and the images resolved (each waits on
    // the network), but its errors come first, as the build meets them first (its build time): wrong
    // publish credentials fail with the publish repository's scope in the message, whatever else fails.
    // Once the read failed, the planning starts no more requests: only those under way are waited for.
    const readFailed = new AbortController();
    const limit = stoppedBy(pLimit(inputs.concurrency), readFailed.signal);
    const reading = readTarget(input, workDir).catch((e: unknown) => {
      readFailed.abort(e);
      throw e;
    });
    const planning = planAndResolve(input, fetcher, limit, workDir, withActions);
    const [targetRead, planned] = await Promise.allSettled([reading, planning]);
    if (targetRead.status === 'rejected') throw targetRead.reason;
    if (planned.status === 'rejected') throw planned.reason;
    const target = targetRead.value;
    const { content, requests, resolved } = planned.value;
    const images = resolved.map((r) => r.image);
    for (const i of images) log(`  ${i.written} -> ${i.descriptor.digest}`);
    const blobs = new Map<string, number>();
    for (const i of images) for (const b of i.blobs) blobs.set(b.digest, b.size);
    const imageBytes = [...blobs.values()].reduce((n, s) => n + s, 0);

    if (target === undefined) return { mode: inputs.mode, done: true, changed: true, images, requests, resolved, content };
    const diff = diffPackage({
      against: target.against,
      published: target.published,
      images: images.map((i) => ({ component: i.component, written: i.written, reference: i.reference, digest: i.descriptor.digest, ...(i.position !== undefined ? { position: i.position } : {}) })),
      imageBytes,
      content,
      config: def.config as unknown as Parameters<typeof diffPackage>[0]['config'],
      builderVersion: VERSION,
      flavor: def.flavor,
      positionOf: (p) => def.positionOf(p)
    });
    // Signatures are looked up only when building: they may have changed without any of this.
    if (inputs.signatures) {
      diff.notCompared.push('signatures: true (signatures and attestations are looked up only by a build)');
      diff.unchanged = false;
    }
    logDiff(diff, log);
    annotateDiff(diff);
    const unchangedPublish = diff.unchanged && target.isPublishTarget && input.publishPlan !== undefined && inputs.mode === 'build';
    const pub = target.published;
    return {
      mode: inputs.mode,
      done: inputs.mode === 'check' || unchangedPublish,
      changed: !diff.unchanged,
      diff,
      images,
      requests,
      resolved,
      content,
      ...(unchangedPublish && pub?.digest !== undefined ? { published: { reference: target.against, digest: pub.digest, ...checksumOf(pub) } } : {})
    };
  } finally {
    await fetcher.close().catch(() => undefined);
    await rm(workDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** `limit`, whose tasks fail at their start, without running, once `signal` aborted. */
function stoppedBy(limit: Limit, signal: AbortSignal): Limit {
  return (task) =>
    limit(async () => {
      signal.throwIfAborted();
      return task();
    });
}

function checksumOf(pub: PublishedPackage): { checksum?: string } {
  const m = pub.definition.metadata as { aggregateChecksum?: unknown } | undefined;
  return typeof m?.aggregateChecksum === 'string' ? { checksum: m.aggregateChecksum } : {};
}
