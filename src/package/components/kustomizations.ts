/**
 * A component's `manifests[].kustomizations`: each one (a local folder, or a remote URL passed to
 * kustomize as written) built with `kustomize build` or `kubectl kustomize` (src/sources/
 * kustomize.ts) and packaged as `manifests/kustomization-<name>-<k>.yaml`, Zarf's layout. The built
 * YAML stays in memory as the tar entry's content, so later steps can read it
 * (`kustomizedManifests`: what a scan for images looks at).
 */
import path from 'node:path';
import { LadingError } from '../../errors.js';
import { findKustomizeTool, KustomizeError, runKustomize } from '../../sources/kustomize.js';
import type { ZarfComponent } from '../../definition/schema.js';
import { ZARF_KUSTOMIZATION_MODE } from '../zarf-modes.js';
import { MAX_YAML_BYTES, type CollectContext, type ComponentContent, type Piece } from './content.js';
import { isUrl, shorten, type PathSegment } from './paths.js';

/** Zarf's name for the built output of `kustomizations[k]` of manifest `name`. */
export function kustomizationFileName(name: string, k: number): string {
  return `manifests/kustomization-${name}-${k}.yaml`;
}

export async function kustomizationTask(c: CollectContext, m: NonNullable<ZarfComponent['manifests']>[number], p: PathSegment[], k: number, value: string): Promise<Piece> {
  const { def, where, local, display } = c;
  const kp: PathSegment[] = [...p, 'kustomizations', k];
  const name = kustomizationFileName(m.name, k);
  const tool = await findKustomizeTool();
  if (tool === undefined) {
    throw new LadingError(`${where(kp)}: neither kustomize nor kubectl is on PATH, so the kustomization cannot be built`, {
      hint: 'install kustomize or kubectl on the runner (GitHub-hosted runners have both), or build the kustomization in a step before this one and list its output under files',
      position: def.positionOf(kp)
    });
  }
  let target: string;
  let shown: string;
  if (isUrl(value)) {
    target = value;
    shown = value;
  } else {
    const r = await local(value, kp, 'the kustomization folder');
    if (!r.isDir) {
      throw new LadingError(`${where(kp)} "${shorten(value)}" is a file, not a kustomization folder`, { hint: 'give the folder that holds kustomization.yaml', position: def.positionOf(kp) });
    }
    target = r.abs;
    shown = display(path.resolve(def.dir, value));
  }
  c.opts.log(`building kustomization ${shown} with ${tool.name === 'kustomize' ? 'kustomize build' : 'kubectl kustomize'}`);
  let bytes: Buffer;
  try {
    bytes = await runKustomize(tool, target, {
      allowAnyDirectory: m.kustomizeAllowAnyDirectory === true,
      enablePlugins: m.enableKustomizePlugins === true,
      cwd: def.dir,
      maxBytes: MAX_YAML_BYTES
    });
  } catch (e) {
    if (e instanceof KustomizeError) {
      throw new LadingError(`${where(kp)} "${shorten(value)}": ${e.message}`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), position: def.positionOf(kp), cause: e });
    }
    throw e;
  }
  return {
    entries: [{ path: name, type: 'file', content: bytes, mode: ZARF_KUSTOMIZATION_MODE }],
    items: [{ kind: 'kustomization', path: name, source: shown, size: bytes.length, verified: `built with ${tool.name === 'kustomize' ? 'kustomize' : 'kubectl kustomize'}` }]
  };
}

/**
 * The built kustomizations of collected content, by component, with their bytes: what a scan for
 * images (the YAML's `image:` fields) reads. Pure: it only looks at what collection kept.
 */
export function kustomizedManifests(content: ComponentContent): Array<{ component: string; path: string; source: string; bytes: Uint8Array }> {
  const out: Array<{ component: string; path: string; source: string; bytes: Uint8Array }> = [];
  for (const [component, items] of Object.entries(content.items)) {
    for (const item of items) {
      if (item.kind !== 'kustomization') continue;
      const entry = (content.entries[component] ?? []).find((e) => e.path === item.path);
      if (entry !== undefined && entry.type === 'file' && 'content' in entry) out.push({ component, path: item.path, source: item.source, bytes: entry.content });
    }
  }
  return out;
}
