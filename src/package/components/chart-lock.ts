/**
 * A chart's dependency declarations and lock file as Helm reads and writes them: the
 * `dependencies` of Chart.yaml (apiVersion v2) or requirements.yaml (v1), Chart.lock or
 * requirements.lock, and the lock's `digest`, which Helm computes as the sha256 of Go's JSON of
 * `[declared, locked]` (its HashReq; Helm 2's lock files hashed `{"dependencies": declared}`).
 * `helm dependency build` refuses a lock whose digest does not match the declarations, and
 * `helm dependency update` writes a new lock; both are done here the same way, except that the
 * lock written carries a fixed `generated` time (the Unix epoch), so the same chart gives the same
 * bytes.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';

/** One entry of `dependencies`, with the fields Helm's JSON carries, as written (YAML failsafe: strings). */
export interface DependencyRecord {
  name: string;
  version?: string;
  repository: string;
  condition?: string;
  tags?: string[];
  enabled?: boolean;
  importValues?: unknown[];
  alias?: string;
}

export interface ChartLock {
  /** `Chart.lock` or `requirements.lock`. */
  file: string;
  digest: string;
  dependencies: DependencyRecord[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);

/** The records of a parsed document's `dependencies` list (entries without a name are skipped, as elsewhere). */
export function dependencyRecords(doc: unknown): DependencyRecord[] {
  if (!isRecord(doc) || !Array.isArray(doc['dependencies'])) return [];
  const out: DependencyRecord[] = [];
  for (const d of doc['dependencies']) {
    if (!isRecord(d)) continue;
    const name = str(d['name']);
    if (name === undefined || name === '') continue;
    const r: DependencyRecord = { name, repository: str(d['repository']) ?? '' };
    const version = str(d['version']);
    if (version !== undefined) r.version = version;
    const condition = str(d['condition']);
    if (condition !== undefined) r.condition = condition;
    const tags = strings(d['tags']);
    if (tags !== undefined) r.tags = tags;
    if (typeof d['enabled'] === 'string' && /^true$/i.test(d['enabled'])) r.enabled = true;
    if (Array.isArray(d['import-values'])) r.importValues = d['import-values'];
    const alias = str(d['alias']);
    if (alias !== undefined) r.alias = alias;
    out.push(r);
  }
  return out;
}

const parseYaml = (text: string): unknown => YAML.parse(text, { schema: 'failsafe', uniqueKeys: false, prettyErrors: false });

/** The declared dependencies of a chart folder: Chart.yaml's, or requirements.yaml's for apiVersion v1. */
export async function readDependencyRecords(chartDir: string, apiVersion: string): Promise<DependencyRecord[]> {
  const file = apiVersion === 'v1' ? 'requirements.yaml' : 'Chart.yaml';
  let text: string;
  try {
    text = await readFile(path.join(chartDir, file), 'utf8');
  } catch {
    return [];
  }
  return dependencyRecords(parseYaml(text));
}

/** The lock file of a chart folder, if it has one. Throws an Error when it is not a lock file. */
export async function readChartLock(chartDir: string, apiVersion: string): Promise<ChartLock | undefined> {
  const file = apiVersion === 'v1' ? 'requirements.lock' : 'Chart.lock';
  let text: string;
  try {
    text = await readFile(path.join(chartDir, file), 'utf8');
  } catch {
    return undefined;
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new Error(`${file} is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!isRecord(doc)) throw new Error(`${file} is not a mapping`);
  return { file, digest: str(doc['digest']) ?? '', dependencies: dependencyRecords(doc) };
}

/** A JSON string as Go's encoding/json writes it (HTML characters and U+2028/9 escaped). */
function goString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Go's JSON of a generic value (maps with sorted keys). */
function goValue(v: unknown): string {
  if (typeof v === 'string') return goString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return `[${v.map(goValue).join(',')}]`;
  if (isRecord(v)) {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${goString(k)}:${goValue(v[k])}`).join(',')}}`;
  }
  return 'null';
}

/**
 * Go's JSON of Helm's Dependency struct (field order and omitempty as declared there, in Helm
 * v4.2.3, the Helm Zarf builds with: no `depends-on` yet).
 */
function goDependency(d: DependencyRecord): string {
  const f: string[] = [`"name":${goString(d.name)}`];
  if (d.version !== undefined && d.version !== '') f.push(`"version":${goString(d.version)}`);
  f.push(`"repository":${goString(d.repository)}`);
  if (d.condition !== undefined && d.condition !== '') f.push(`"condition":${goString(d.condition)}`);
  if (d.tags !== undefined && d.tags.length > 0) f.push(`"tags":${goValue(d.tags)}`);
  if (d.enabled === true) f.push('"enabled":true');
  if (d.importValues !== undefined && d.importValues.length > 0) f.push(`"import-values":${goValue(d.importValues)}`);
  if (d.alias !== undefined && d.alias !== '') f.push(`"alias":${goString(d.alias)}`);
  return `{${f.join(',')}}`;
}

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

/** Helm's lock digest of declared and locked dependencies (`sha256:<hex>`). */
export function lockDigest(declared: readonly DependencyRecord[], locked: readonly DependencyRecord[]): string {
  const list = (l: readonly DependencyRecord[]): string => (l.length === 0 ? 'null' : `[${l.map(goDependency).join(',')}]`);
  return `sha256:${sha256(`[${list(declared)},${list(locked)}]`)}`;
}

/** Helm 2's digest (requirements.lock written by Helm 2), which Helm 3 still accepts for apiVersion v1. */
export function lockDigestV2(declared: readonly DependencyRecord[]): string {
  return `sha256:${sha256(`{"dependencies":${declared.length === 0 ? 'null' : `[${declared.map(goDependency).join(',')}]`}}`)}`;
}

/**
 * Whether a lock matches the declarations, as `helm dependency build` checks it: `declared` with
 * `@name` repositories replaced by their URLs, `asWritten` as written (Helm 2's digest).
 */
export function lockInSync(lock: ChartLock, declared: readonly DependencyRecord[], apiVersion: string, asWritten: readonly DependencyRecord[] = declared): boolean {
  if (lockDigest(declared, lock.dependencies) === lock.digest) return true;
  return apiVersion === 'v1' && lockDigestV2(asWritten) === lock.digest;
}

/** A YAML scalar: plain when YAML 1.1 reads it back as the same string, else double-quoted. */
function scalar(s: string): string {
  const resolvesOtherwise = /^(?:[-+]?(?:\d[\d_]*)?\.?[\d_]*(?:e[-+]?\d+)?|[-+]?\.(?:inf|nan)|0x[0-9a-f_]+|0b[01_]+|y|n|yes|no|true|false|on|off|null|~|\d+(?::[0-5]?\d)+(?:\.\d*)?)$/i.test(s);
  const plain = /^[A-Za-z0-9_./][A-Za-z0-9_./:@+-]*$/.test(s) && !resolvesOtherwise;
  return plain ? s : JSON.stringify(s);
}

/** The lock file Helm writes (keys sorted, as its YAML writer sorts them), `generated` fixed at the epoch. */
export function renderChartLock(declared: readonly DependencyRecord[], locked: readonly DependencyRecord[]): string {
  const lines = ['dependencies:'];
  for (const d of locked) {
    lines.push(`- name: ${scalar(d.name)}`, `  repository: ${scalar(d.repository)}`);
    if (d.version !== undefined && d.version !== '') lines.push(`  version: ${scalar(d.version)}`);
  }
  lines.push(`digest: ${lockDigest(declared, locked)}`, 'generated: "1970-01-01T00:00:00Z"', '');
  return lines.join('\n');
}
