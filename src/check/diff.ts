/**
 * The difference between what this definition would build and a published package, as plain rows:
 * images added, removed, re-tagged and re-pointed (a tag whose digest moved upstream), charts added,
 * removed or at another version (or the same version with other bytes), files, manifests and values
 * files whose sha256 changed, repositories whose ref now names another commit, components added or removed, other fields of zarf.yaml, and the
 * change in size. Each row carries the line of zarf.yaml (or of the imported file) it is about; a
 * removed thing is placed at the nearest line that still exists.
 */
import YAML from 'yaml';
import type { SourcePosition } from '../errors.js';
import type { Digest } from '../oci/digest.js';
import { Reference } from '../oci/reference.js';
import type { ContentEntry, PlannedContent } from './content.js';
import type { PublishedPackage } from './published.js';

export type DiffKind = 'component' | 'image' | 'chart' | 'file' | 'manifest' | 'values' | 'repo' | 'definition';
export type DiffChange = 'added' | 'removed' | 'changed' | 're-pointed' | 're-tagged' | 'version';

export interface DiffRow {
  kind: DiffKind;
  change: DiffChange;
  component: string;
  /** The image reference, chart name, path in the component, or field. */
  what: string;
  old?: string;
  new?: string;
  /** Why it changed, when that is not obvious (an upstream tag that moved). */
  note?: string;
  position?: SourcePosition;
}

/** One image as this build would ship it. */
export interface PlannedImage {
  component: string;
  written: string;
  reference: Reference;
  digest: Digest;
  position?: SourcePosition;
}

export interface PackageDiff {
  /** What was compared with (`host/repo/name:tag`, a file). */
  against: string;
  /** false: nothing is published there yet, so everything is new. */
  found: boolean;
  rows: DiffRow[];
  /** Image and component content bytes: published, and this build's (`new` lacks what is not known without downloading). */
  size: { old: number; new: number; unknown: number };
  /** Why the content could not be shown to be the same (components holding what is not fingerprinted). */
  notCompared: string[];
  /** True when the published package holds exactly this content. */
  unchanged: boolean;
}

export interface DiffInput {
  against: string;
  published: PublishedPackage | undefined;
  images: readonly PlannedImage[];
  /** Bytes of the distinct blobs of all images (as the package holds each once). */
  imageBytes: number;
  content: PlannedContent;
  /** The composed definition as it would be written (before build fields). */
  config: { metadata: Record<string, unknown>; components: ReadonlyArray<{ name: string }> } & Record<string, unknown>;
  builderVersion: string;
  flavor: string;
  positionOf(p: ReadonlyArray<string | number>): SourcePosition;
}

interface OldComponent {
  name: string;
  images?: unknown[];
  imageArchives?: Array<{ images?: unknown[] }>;
  charts?: Array<{ name?: unknown; version?: unknown }>;
}

const normal = (written: string): string => {
  try {
    return Reference.parse(written).toString();
  } catch {
    return written;
  }
};

const shortDigest = (d: string): string => d.replace(/^(sha256:[0-9a-f]{12})[0-9a-f]+$/, '$1…');

function tagOf(ref: string): string {
  try {
    const r = Reference.parse(ref);
    return r.digest !== undefined ? `@${shortDigest(r.digest)}` : `:${r.tag ?? 'latest'}`;
  } catch {
    return ref;
  }
}

function nameOf(ref: string): string {
  try {
    return Reference.parse(ref).name;
  } catch {
    return ref;
  }
}

function kindOf(path: string): DiffKind {
  if (path.startsWith('charts/')) return 'chart';
  if (path.startsWith('manifests/')) return 'manifest';
  if (path.startsWith('values/')) return 'values';
  return 'file';
}

/** Plain data, as YAML gives it back, without the fields a build writes. */
function comparable(value: unknown): unknown {
  return YAML.parse(YAML.stringify(value ?? null)) as unknown;
}

function withoutBuildFields(def: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...def };
  delete out.build;
  if (out.metadata !== null && typeof out.metadata === 'object') {
    const m = { ...(out.metadata as Record<string, unknown>) };
    delete m.architecture;
    delete m.aggregateChecksum;
    out.metadata = m;
  }
  return out;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(comparable(a)) === JSON.stringify(comparable(b));

export function diffPackage(input: DiffInput): PackageDiff {
  const pub = input.published;
  const rows: DiffRow[] = [];
  const notCompared = Object.entries(input.content.uncovered).map(([c, fields]) => `component ${c}: ${fields.join(', ')} (not compared without building)`);
  const newBytes = input.content.entries.reduce((n, e) => n + (e.size ?? 0), 0);
  const unknown = input.content.entries.filter((e) => e.size === undefined).length + input.content.repos.length;
  if (pub === undefined) {
    // Nothing published yet: everything is new, said once (no row, no notice per line).
    return { against: input.against, found: false, rows: [], size: { old: 0, new: input.imageBytes + newBytes, unknown }, notCompared, unchanged: false };
  }
  const size = { old: pub !== undefined ? pub.imageBytes + pub.contentBytes : 0, new: input.imageBytes + newBytes, unknown };
  const componentIndex = new Map(input.config.components.map((c, i) => [c.name, i]));
  const compPos = (name: string): SourcePosition => {
    const i = componentIndex.get(name);
    return i !== undefined ? input.positionOf(['components', i, 'name']) : input.positionOf(['components']);
  };
  const oldComponents: OldComponent[] = pub !== undefined && Array.isArray(pub.definition.components) ? (pub.definition.components as OldComponent[]).filter((c) => typeof c?.name === 'string') : [];
  const oldNames = new Set(oldComponents.map((c) => c.name));

  // Components.
  for (const c of input.config.components) if (pub !== undefined && !oldNames.has(c.name)) rows.push({ kind: 'component', change: 'added', component: c.name, what: c.name, position: compPos(c.name) });
  for (const c of oldComponents) if (!componentIndex.has(c.name)) rows.push({ kind: 'component', change: 'removed', component: c.name, what: c.name, position: input.positionOf(['components']) });

  // Images, by normalized reference (not those of components that are not compared).
  const notRead = new Set(Object.keys(input.content.uncovered));
  const oldImages = new Map<string, { digest?: Digest; component: string }>();
  for (const c of oldComponents) {
    if (notRead.has(c.name)) continue;
    const refs = [...(c.images ?? []), ...(c.imageArchives ?? []).flatMap((a) => a.images ?? [])].filter((x): x is string => typeof x === 'string');
    for (const r of refs) {
      const key = normal(r);
      const digest = pub?.images.get(key);
      if (!oldImages.has(key)) oldImages.set(key, { ...(digest !== undefined ? { digest } : {}), component: c.name });
    }
  }
  const added: DiffRow[] = [];
  const removed: DiffRow[] = [];
  const newKeys = new Set<string>();
  for (const img of input.images) {
    if (notRead.has(img.component)) continue;
    const key = img.reference.toString();
    if (newKeys.has(key)) continue;
    newKeys.add(key);
    const pos = img.position !== undefined ? { position: img.position } : {};
    const old = oldImages.get(key);
    if (old === undefined) {
      added.push({ kind: 'image', change: 'added', component: img.component, what: img.written, new: img.digest, ...pos });
    } else if (old.digest !== img.digest) {
      const pinned = img.reference.digest !== undefined;
      rows.push({
        kind: 'image',
        change: 're-pointed',
        component: img.component,
        what: img.written,
        ...(old.digest !== undefined ? { old: old.digest } : {}),
        new: img.digest,
        note: pinned ? 'pinned digest changed' : `the tag ${tagOf(key)} now points at another digest than the one published (an upstream change)`,
        ...pos
      });
    }
  }
  for (const [key, old] of oldImages) {
    if (newKeys.has(key)) continue;
    const i = componentIndex.get(old.component);
    removed.push({ kind: 'image', change: 'removed', component: old.component, what: key, ...(old.digest !== undefined ? { old: old.digest } : {}), position: i !== undefined ? input.positionOf(['components', i, 'images']) : input.positionOf(['components']) });
  }
  // An image removed and one added of the same repository in the same component: re-tagged (each
  // removed image taken once, the first in order; every reference parsed once, so a registry move of
  // thousands of images stays linear).
  const byRepository = new Map<string, DiffRow[]>();
  const repositoryKey = (row: DiffRow): string => `${row.component}\u0000${nameOf(row.what)}`;
  for (const x of removed) {
    const key = repositoryKey(x);
    const same = byRepository.get(key);
    if (same === undefined) byRepository.set(key, [x]);
    else same.push(x);
  }
  const retagged = new Set<DiffRow>();
  for (const a of added) {
    const old = byRepository.get(repositoryKey(a))?.shift();
    if (old === undefined) {
      rows.push(a);
      continue;
    }
    retagged.add(old);
    rows.push({
      kind: 'image',
      change: 're-tagged',
      component: a.component,
      what: a.what,
      old: `${tagOf(old.what)}${old.old !== undefined ? ` ${old.old}` : ''}`,
      new: `${tagOf(normal(a.what))} ${a.new ?? ''}`.trim(),
      ...(a.position !== undefined ? { position: a.position } : {})
    });
  }
  rows.push(...removed.filter((x) => !retagged.has(x)));

  // Component content: charts by name, values by chart name and index, files and manifests by path.
  const uncovered = new Set(Object.keys(input.content.uncovered));
  const byComponent = new Map<string, ContentEntry[]>();
  for (const e of input.content.entries) (byComponent.get(e.component) ?? byComponent.set(e.component, []).get(e.component))?.push(e);
  for (const c of input.config.components) {
    if (uncovered.has(c.name) || pub === undefined || !oldNames.has(c.name)) {
      if (pub !== undefined && !oldNames.has(c.name)) {
        for (const e of byComponent.get(c.name) ?? []) rows.push({ kind: e.kind, change: 'added', component: c.name, what: e.chart !== undefined ? `${e.chart.name} ${e.chart.version}` : e.path, new: `sha256:${e.sha256}`, position: e.position });
      }
      continue;
    }
    const oldFiles = pub.components.get(c.name) ?? new Map<string, { sha256: string; size: number }>();
    const oldComp = oldComponents.find((o) => o.name === c.name) as OldComponent;
    const oldCharts = new Map<string, string>();
    for (const ch of oldComp.charts ?? []) if (typeof ch.name === 'string') oldCharts.set(ch.name, typeof ch.version === 'string' ? ch.version : '');
    const stemOf = (name: string, version: string): string => (version === '' ? name : `${name}-${version}`);
    // values/<stem>-<i> -> <chart name>#<i>, for both sides.
    const valuesKey = (p: string, stems: Map<string, string>): string => {
      for (const [stem, name] of stems) if (p.startsWith(`values/${stem}-`)) return `values/${name}#${p.slice(`values/${stem}-`.length)}`;
      return p;
    };
    const oldStems = new Map([...oldCharts].map(([n, v]) => [stemOf(n, v), n]));
    const newStems = new Map<string, string>();
    const newCharts = new Map<string, ContentEntry>();
    for (const e of byComponent.get(c.name) ?? []) if (e.chart !== undefined) {
      newStems.set(stemOf(e.chart.name, e.chart.version), e.chart.name);
      newCharts.set(e.chart.name, e);
    }
    for (const [name, e] of newCharts) {
      const chart = e.chart as NonNullable<ContentEntry['chart']>;
      const oldVersion = oldCharts.get(name);
      if (oldVersion === undefined) rows.push({ kind: 'chart', change: 'added', component: c.name, what: name, new: chart.version, position: e.position });
      else if (oldVersion !== chart.version) rows.push({ kind: 'chart', change: 'version', component: c.name, what: name, old: oldVersion, new: chart.version, position: chart.versionPosition });
      else {
        const old = oldFiles.get(e.path);
        if (old === undefined || old.sha256 !== e.sha256) rows.push({ kind: 'chart', change: 'changed', component: c.name, what: `${name} ${chart.version}`, ...(old !== undefined ? { old: `sha256:${old.sha256}` } : {}), new: `sha256:${e.sha256}`, note: 'same version, other bytes', position: e.position });
      }
    }
    for (const [name, version] of oldCharts) if (!newCharts.has(name)) rows.push({ kind: 'chart', change: 'removed', component: c.name, what: name, old: version, position: compPos(c.name) });
    // Everything else (and values files) by path.
    const oldByKey = new Map<string, { path: string; sha256: string }>();
    for (const [p, f] of oldFiles) if (!p.startsWith('charts/') && !p.startsWith('repos/')) oldByKey.set(valuesKey(p, oldStems), { path: p, sha256: f.sha256 });
    const newKeysC = new Set<string>();
    for (const e of byComponent.get(c.name) ?? []) {
      if (e.chart !== undefined) continue;
      const key = valuesKey(e.path, newStems);
      newKeysC.add(key);
      const old = oldByKey.get(key);
      if (old === undefined) rows.push({ kind: e.kind, change: 'added', component: c.name, what: e.path, new: `sha256:${e.sha256}`, position: e.position });
      else if (old.sha256 !== e.sha256) rows.push({ kind: e.kind, change: 'changed', component: c.name, what: e.path, old: `sha256:${old.sha256}`, new: `sha256:${e.sha256}`, position: e.position });
    }
    for (const [key, old] of oldByKey) if (!newKeysC.has(key)) rows.push({ kind: kindOf(old.path), change: 'removed', component: c.name, what: old.path, old: `sha256:${old.sha256}`, position: compPos(c.name) });
    // Repositories by folder (`<repo>-<crc32>` of the URL and its ref): the commit the ref names now
    // against the one the packaged clone has checked out.
    const oldRepos = new Map(pub.repoCommits.get(c.name) ?? []);
    for (const r of input.content.repos) {
      if (r.component !== c.name) continue;
      const old = oldRepos.get(r.folder);
      oldRepos.delete(r.folder);
      if (old === undefined) rows.push({ kind: 'repo', change: 'added', component: c.name, what: r.url, new: r.commit, position: r.position });
      else if (old !== r.commit) rows.push({ kind: 'repo', change: 'changed', component: c.name, what: r.url, old, new: r.commit, note: 'the ref now names another commit', position: r.position });
    }
    for (const [folder, old] of oldRepos) rows.push({ kind: 'repo', change: 'removed', component: c.name, what: `repos/${folder}`, old, position: compPos(c.name) });
  }

  // Other fields of zarf.yaml: metadata, each component kept, the rest; and who built it.
  if (pub !== undefined) {
    const oldDef = withoutBuildFields(pub.definition);
    const newDef = withoutBuildFields(input.config);
    const explained = new Set(rows.map((r) => r.component));
    if (!same(oldDef.metadata, newDef.metadata)) rows.push({ kind: 'definition', change: 'changed', component: '', what: 'metadata', position: input.positionOf(['metadata']) });
    for (const c of input.config.components) {
      const old = oldComponents.find((o) => o.name === c.name);
      if (old !== undefined && !explained.has(c.name) && !same(old, c)) rows.push({ kind: 'definition', change: 'changed', component: c.name, what: 'other fields of the component', position: compPos(c.name) });
    }
    const others = new Set([...Object.keys(oldDef), ...Object.keys(newDef)].filter((k) => k !== 'metadata' && k !== 'components'));
    for (const k of others) if (!same(oldDef[k], newDef[k])) rows.push({ kind: 'definition', change: 'changed', component: '', what: k, position: k in newDef ? input.positionOf([k]) : input.positionOf(['kind']) });
    const build = (pub.definition.build ?? {}) as Record<string, unknown>;
    if (typeof build.version === 'string' && build.version !== input.builderVersion) rows.push({ kind: 'definition', change: 'changed', component: '', what: 'build.version (the builder)', old: build.version, new: input.builderVersion });
    if ((typeof build.flavor === 'string' ? build.flavor : '') !== input.flavor) rows.push({ kind: 'definition', change: 'changed', component: '', what: 'build.flavor', old: String(build.flavor ?? ''), new: input.flavor });
  }
  return { against: input.against, found: pub !== undefined, rows, size, notCompared, unchanged: pub !== undefined && rows.length === 0 && notCompared.length === 0 };
}
