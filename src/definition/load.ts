/**
 * Loads zarf.yaml: finds it, parses it keeping positions, validates it against the v1alpha1 schema,
 * checks every image reference and image archive path, and rejects what Lading cannot build.
 * All problems of the file are thrown together as one LadingErrors, each at its line and column.
 */
import { realpath, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseAllDocuments, isScalar, type Document, type YAMLError } from 'yaml';
import type * as z from 'zod';
import { LadingError, LadingErrors, type SourcePosition } from '../errors.js';
import { OciError } from '../oci/errors.js';
import { Reference } from '../oci/reference.js';
import { PositionIndex, formatPath, type PathSegment } from './positions.js';
export { formatPath } from './positions.js';
import {
  ComponentSchema,
  MetadataSchema,
  NOT_ALLOWED_IN_INPUT,
  PackageSchema,
  UNSUPPORTED_FIELDS,
  type FieldRule,
  type ZarfPackageConfig
} from './schema.js';
import { closest } from './suggest.js';
import { componentContentErrors } from '../package/components/checks.js';
import { attachIndex } from './origin.js';
import { chartManifestErrors } from './validate.js';

export { UNSUPPORTED_FIELDS, NOT_ALLOWED_IN_INPUT, PackageSchema, NAME_PATTERN } from './schema.js';
export type { ZarfPackageConfig, ZarfComponent, ZarfMetadata, ZarfImageArchive, FieldRule, FieldScope } from './schema.js';
export type { PathSegment } from './positions.js';

export const DEFINITION_FILE = 'zarf.yaml';

export interface LoadedDefinition {
  /** Absolute path of zarf.yaml. */
  file: string;
  /** Path relative to the workspace, posix separators (used in `::error file=...`). */
  displayPath: string;
  /** Absolute folder holding zarf.yaml. */
  dir: string;
  /** The file's text, as read. */
  text: string;
  /** Validated, typed, and exactly the user's values in the order written (aliases and `<<` resolved). */
  config: ZarfPackageConfig;
  /**
   * 1-based line/col of the node at `path` (e.g. ['components', 0, 'images', 2]): a scalar's first
   * character; for a mapping or list that is a key's value, or a key without value, the key; for a
   * missing path, the nearest existing parent.
   */
  positionOf(path: ReadonlyArray<string | number>): SourcePosition;
}

/**
 * Finds and loads the definition. `definition` (the action input) is a folder holding zarf.yaml or
 * the file itself, relative to `workspace` (or absolute).
 */
export async function loadDefinition(definition: string, workspace: string): Promise<LoadedDefinition> {
  const root = path.resolve(workspace);
  const display = (p: string): string => displayPathOf(root, p);
  const file = await locate(definition, root, display);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new LadingError(`cannot read ${display(file)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, {
      hint: 'check that the file is readable by the runner',
      cause: e
    });
  }
  return parseDefinition(text, { file, displayPath: display(file), dir: path.dirname(file), display });
}

export interface ParseOptions {
  file: string;
  displayPath: string;
  dir: string;
  /** How to show another path in messages (default: relative to `dir`'s parent, posix). */
  display?: (absolute: string) => string;
}

/** Parses and validates zarf.yaml text. Checks image archive paths on disk (relative to `dir`). */
export async function parseDefinition(text: string, opts: ParseOptions): Promise<LoadedDefinition> {
  const display = opts.display ?? ((p: string) => displayPathOf(path.dirname(opts.dir), p));
  const { index, data } = parseYaml(text, opts.displayPath);
  const errors = await validate(data, { index, dir: opts.dir, displayPath: opts.displayPath, display });
  if (errors.length > 0) throw new LadingErrors(errors);
  return {
    file: opts.file,
    displayPath: opts.displayPath,
    dir: opts.dir,
    text,
    config: plainCopy(data) as ZarfPackageConfig,
    positionOf: (p) => index.positionOf(p)
  };
}

/**
 * A tree copy: an alias makes the parser hand out one shared object for every place it is used;
 * copies keep a later edit of one component (or a YAML writer's anchor detection) from touching the
 * others. Values are plain JSON-like data, key order kept.
 */
function plainCopy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plainCopy);
  if (isObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      Object.defineProperty(out, k, { value: plainCopy(x), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return v;
}

// ---- Finding the file ------------------------------------------------------------------------

function displayPathOf(root: string, p: string): string {
  const rel = path.relative(root, p);
  if (rel === '') return '.';
  if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return p.split(path.sep).join('/');
  return rel.split(path.sep).join('/');
}

async function kindOf(p: string): Promise<'file' | 'dir' | 'missing'> {
  try {
    const s = await stat(p);
    return s.isDirectory() ? 'dir' : 'file';
  } catch {
    return 'missing';
  }
}

async function locate(definition: string, root: string, display: (p: string) => string): Promise<string> {
  const input = definition.trim() === '' ? '.' : definition.trim();
  const target = path.resolve(root, input);
  const hint = `set the definition input to the folder holding ${DEFINITION_FILE} or to the file itself, relative to the workspace (${root})`;
  const kind = await kindOf(target);
  if (kind === 'file') return target;
  if (kind === 'missing') {
    throw new LadingError(`definition not found: ${display(target)} does not exist`, { hint });
  }
  const file = path.join(target, DEFINITION_FILE);
  if ((await kindOf(file)) === 'file') return file;
  const yml = path.join(target, 'zarf.yml');
  if ((await kindOf(yml)) === 'file') {
    throw new LadingError(`no ${DEFINITION_FILE} in ${display(target)} (found zarf.yml)`, {
      hint: `rename zarf.yml to ${DEFINITION_FILE} (Zarf reads only ${DEFINITION_FILE}), or point the definition input at the file`
    });
  }
  throw new LadingError(`no ${DEFINITION_FILE} in ${display(target)}`, { hint });
}

// ---- YAML ------------------------------------------------------------------------------------

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}

function parseYaml(text: string, displayPath: string): { index: PositionIndex; data: unknown } {
  // A byte order mark is not a column: parse without it so columns match what editors show.
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  // Line starts from the text itself: the parser reports fewer newlines than there are after some
  // syntax errors (and reads "\r" oddly), which put positions on the wrong line or past its end.
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
  const docs = parseAllDocuments(source, { prettyErrors: false, merge: true, uniqueKeys: true });
  const at = (offset: number): SourcePosition => ({ file: displayPath, ...lines.linePos(offset) });
  const first = docs[0];
  if (first === undefined) {
    throw new LadingErrors([
      new LadingError(`${displayPath} is empty`, {
        hint: 'write a ZarfPackageConfig: kind, metadata (name, version) and components with images',
        position: { file: displayPath, line: 1, col: 1 }
      })
    ]);
  }
  const errors: LadingError[] = [];
  const seen = new Set<number>();
  for (const d of docs) {
    for (const e of d.errors) {
      // One error per line: the parser often reports one mistake several times.
      const error = yamlError(e, source, at);
      const line = error.position?.line ?? 0;
      if (seen.has(line)) continue;
      seen.add(line);
      errors.push(error);
    }
  }
  const extra = docs.slice(1).find((d) => !isEmptyDocument(d));
  if (extra !== undefined) {
    errors.push(
      new LadingError(`${displayPath} holds more than one YAML document`, {
        hint: 'keep a single document: remove this "---" and what follows, or move it to another file',
        position: at(extra.range[0])
      })
    );
  }
  if (errors.length > 0) throw new LadingErrors(errors);
  const index = new PositionIndex(first, lines, displayPath);
  let data: unknown;
  try {
    data = first.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    throw new LadingErrors([
      new LadingError(`${displayPath} cannot be read as data: ${oneLine((e as Error).message)}`, {
        hint: 'use fewer nested aliases (*name) and anchors (&name)',
        position: { file: displayPath, line: 1, col: 1 }
      })
    ]);
  }
  if (data === null || data === undefined || typeof data !== 'object' || Array.isArray(data)) {
    throw new LadingErrors([
      new LadingError(`${displayPath} must be a mapping with kind, metadata and components, not ${describeValue(data)}`, {
        hint: 'start the file with "kind: ZarfPackageConfig", then metadata: and components:',
        position: index.positionOf([])
      })
    ]);
  }
  return { index, data };
}

function isEmptyDocument(d: Document.Parsed): boolean {
  const c = d.contents;
  return c === null || (isScalar(c) && c.value === null);
}

/** The key written at `offset` (plain, 'single' or "double" quoted), up to its ":". */
function keyTextAt(source: string, offset: number): string | undefined {
  const m = /^("(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^\n]*?)\s*:(?:\s|$)/.exec(source.slice(offset, offset + 1100));
  const raw = m?.[1];
  if (raw === undefined || raw === '') return undefined;
  if (raw.startsWith('"')) {
    try {
      return JSON.parse(raw) as string;
    } catch {
      return raw.slice(1, -1);
    }
  }
  if (raw.startsWith("'")) return raw.slice(1, -1).replace(/''/g, "'");
  return raw;
}

function yamlError(e: YAMLError, source: string, at: (offset: number) => SourcePosition): LadingError {
  const position = at(e.pos[0]);
  if (e.code === 'DUPLICATE_KEY') {
    const key = keyTextAt(source, e.pos[0]);
    return new LadingError(`duplicate key ${key === undefined ? '' : `"${shorten(key)}" `}in the same mapping`, {
      hint: 'YAML keys must be unique: remove or rename one of them',
      position,
      cause: e
    });
  }
  const hint =
    e.code === 'TAB_AS_INDENT'
      ? 'indent with spaces, not tabs'
      : 'fix the YAML syntax at or just before this point (indentation, a missing ":", an unclosed quote or bracket are the usual causes)';
  return new LadingError(`invalid YAML: ${oneLine(e.message)}`, { hint, position, cause: e });
}

// ---- Validation ------------------------------------------------------------------------------

interface Context {
  index: PositionIndex;
  dir: string;
  displayPath: string;
  display: (absolute: string) => string;
}

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

async function validate(data: unknown, ctx: Context): Promise<LadingError[]> {
  const errors: LadingError[] = [];
  const silenced = silencedPaths(data);
  const result = PackageSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const p = issue.path.filter((s): s is PathSegment => typeof s === 'string' || typeof s === 'number');
      if (silenced.some((s) => startsWith(p, s))) continue;
      errors.push(...issueErrors(issue, p, data, ctx));
    }
  }
  errors.push(...fieldRuleErrors(data, ctx));
  errors.push(...componentErrors(data, ctx));
  if (isObject(data)) {
    // Zarf's chart and manifest rules live in validate.ts, which reads positions through origin.ts.
    attachIndex(data, ctx.index);
    errors.push(...chartManifestErrors(data));
  }
  errors.push(...(await archivePathErrors(data, ctx)));
  errors.push(
    ...(await componentContentErrors(data, {
      dir: ctx.dir,
      display: ctx.display,
      positionOf: (p) => ctx.index.positionOf(p),
      keyPositionOf: (p) => ctx.index.keyPositionOf(p)
    }))
  );
  return sortUnique(errors);
}

function sortUnique(errors: LadingError[]): LadingError[] {
  const seen = new Set<string>();
  const out: LadingError[] = [];
  for (const e of errors) {
    const key = `${e.position?.line}:${e.position?.col}:${e.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out.sort((a, b) => (a.position?.line ?? 0) - (b.position?.line ?? 0) || (a.position?.col ?? 0) - (b.position?.col ?? 0));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function startsWith(p: ReadonlyArray<PathSegment>, prefix: ReadonlyArray<PathSegment>): boolean {
  return prefix.length <= p.length && prefix.every((s, i) => p[i] === s);
}

function valueAt(data: unknown, p: ReadonlyArray<PathSegment>): unknown {
  let cur: unknown = data;
  for (const s of p) {
    if (typeof s === 'number' ? Array.isArray(cur) : isObject(cur)) cur = (cur as Record<string | number, unknown>)[s];
    else return undefined;
  }
  return cur;
}

function shorten(s: string, max = 60): string {
  // A message is one line: a value holding line breaks (a folded or quoted scalar) shows them as \n.
  const flat = s.replace(/\r\n|\r|\n/g, '\\n');
  return flat.length > max ? `${flat.slice(0, max)}...` : flat;
}

/** How a value reads in a message; `written` is the plain scalar's text when known (1.0, not 1). */
function describeValue(v: unknown, written?: string): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `"${shorten(oneLine(v))}"`;
  if (typeof v === 'number') return `the number ${written ?? String(v)}`;
  if (typeof v === 'boolean') return `the boolean ${written ?? String(v)}`;
  return typeof v;
}

/** Where unsupported or not-allowed fields are present: their own shape issues are not reported. */
function silencedPaths(data: unknown): PathSegment[][] {
  const out: PathSegment[][] = [];
  for (const { path: p } of presentRules(data, [...UNSUPPORTED_FIELDS, ...NOT_ALLOWED_IN_INPUT])) out.push(p);
  return out;
}

function presentRules(data: unknown, rules: readonly FieldRule[]): Array<{ rule: FieldRule; path: PathSegment[] }> {
  const out: Array<{ rule: FieldRule; path: PathSegment[] }> = [];
  if (!isObject(data)) return out;
  const components = Array.isArray(data['components']) ? data['components'] : [];
  for (const rule of rules) {
    if (rule.scope === 'package' && rule.key in data) out.push({ rule, path: [rule.key] });
    if (rule.scope === 'metadata' && isObject(data['metadata']) && rule.key in data['metadata']) {
      out.push({ rule, path: ['metadata', rule.key] });
    }
    if (rule.scope === 'component') {
      components.forEach((c, i) => {
        if (isObject(c) && rule.key in c) out.push({ rule, path: ['components', i, rule.key] });
      });
    }
  }
  return out;
}

function fieldRuleErrors(data: unknown, ctx: Context): LadingError[] {
  const errors: LadingError[] = [];
  for (const { rule, path: p } of presentRules(data, UNSUPPORTED_FIELDS)) {
    const what = rule.deprecated === true ? 'is deprecated in Zarf and not supported by Lading' : 'is not supported by Lading yet';
    errors.push(
      new LadingError(`${formatPath(p)} ${what} (${rule.why})`, { hint: rule.hint, position: ctx.index.keyPositionOf(p) })
    );
  }
  for (const { rule, path: p } of presentRules(data, NOT_ALLOWED_IN_INPUT)) {
    errors.push(
      new LadingError(`${formatPath(p)} is not allowed in zarf.yaml (${rule.why})`, { hint: rule.hint, position: ctx.index.keyPositionOf(p) })
    );
  }
  return errors;
}

// ---- Zod issues to messages ------------------------------------------------------------------

interface SchemaDef {
  type: string;
  innerType?: AnySchema;
  element?: AnySchema;
  valueType?: AnySchema;
  shape?: Record<string, AnySchema>;
  entries?: Record<string, string | number>;
  values?: unknown[];
}

function defOf(s: AnySchema): SchemaDef {
  return s._zod.def as unknown as SchemaDef;
}

function descriptionOf(s: AnySchema): string | undefined {
  return (s as unknown as { description?: string }).description;
}

function unwrap(s: AnySchema): AnySchema {
  let cur = s;
  for (let i = 0; i < 8 && defOf(cur).type === 'optional'; i++) {
    const inner = defOf(cur).innerType;
    if (inner === undefined) break;
    cur = inner;
  }
  return cur;
}

/** The schema for a data path (list indexes and record keys step into the element). */
function schemaAt(p: ReadonlyArray<PathSegment>): AnySchema | undefined {
  let cur: AnySchema | undefined = PackageSchema;
  for (const s of p) {
    if (cur === undefined) return undefined;
    const def = defOf(unwrap(cur));
    if (def.type === 'object' && typeof s === 'string') cur = def.shape?.[s];
    else if (def.type === 'array') cur = def.element;
    else if (def.type === 'record') cur = def.valueType;
    else return undefined;
  }
  return cur;
}

function expectedOf(s: AnySchema | undefined): string {
  if (s === undefined) return 'a valid value';
  const described = descriptionOf(s) ?? descriptionOf(unwrap(s));
  if (described !== undefined) return described;
  const def = defOf(unwrap(s));
  switch (def.type) {
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'number':
      return 'a number';
    case 'array':
      return 'a list';
    case 'object':
    case 'record':
      return 'a mapping';
    case 'enum':
      return `one of ${Object.values(def.entries ?? {}).join(', ')}`;
    case 'literal':
      return (def.values ?? []).map((v) => String(v)).join(' or ');
    default:
      return 'a valid value';
  }
}

function knownKeys(p: ReadonlyArray<PathSegment>): string[] {
  const s = schemaAt(p);
  if (s === undefined) return [];
  const def = defOf(unwrap(s));
  return def.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

function slug(v: string): string {
  return v
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+/, '')
    .replace(/-+$/, '')
    .slice(0, 60);
}

const MISSING_HINTS: Record<string, string> = {
  kind: 'add "kind: ZarfPackageConfig" at the top of the file',
  metadata: 'add a metadata: section with at least name (and version to publish)',
  components: 'add components: with at least one component (a name and its images)',
  'metadata.name': 'add name: under metadata (lowercase letters, digits and "-")'
};

function issueErrors(issue: Issue, p: PathSegment[], data: unknown, ctx: Context): LadingError[] {
  const where = formatPath(p);
  const value = valueAt(data, p);
  const schema = schemaAt(p);
  const expected = expectedOf(schema);
  const position = ctx.index.positionOf(p);
  const key = p[p.length - 1];
  const generic = p.map((s) => (typeof s === 'number' ? '[]' : s)).join('.').replace(/\.\[\]/g, '[]');
  switch (issue.code) {
    case 'invalid_type':
    case 'invalid_value': {
      if (value !== undefined && issue.code === 'invalid_value') return invalidValue(issue.values, p, value, ctx);
      if (value === undefined) {
        const parent = formatPath(p.slice(0, -1));
        return [
          new LadingError(`${where} is required`, {
            hint: MISSING_HINTS[generic] ?? `add "${String(key)}:" to ${parent}: ${expected}`,
            position
          })
        ];
      }
      if (value === null) {
        const optional = schema !== undefined && defOf(schema).type === 'optional';
        return [new LadingError(`${where} has no value`, { hint: `give it ${expected}${optional ? ', or remove the line' : ''}`, position })];
      }
      const written = ctx.index.plainSource(p);
      const quote =
        (typeof value === 'number' || typeof value === 'boolean') && defOf(unwrap(schema ?? PackageSchema)).type === 'string';
      return [
        new LadingError(`${where} must be ${expected}, not ${describeValue(value, written)}`, {
          hint: quote ? `quote it so YAML reads it as a string: "${written ?? String(value)}"` : `write ${where} as ${expected}`,
          position
        })
      ];
    }
    case 'invalid_format': {
      const suggestion = typeof value === 'string' ? slug(value) : '';
      const nameLike = key === 'name' && suggestion !== '' && suggestion !== value;
      return [
        new LadingError(`${where} ${describeValue(value)} is not valid: use ${expected}`, {
          hint: nameLike ? `for example "${suggestion}"` : `write ${where} as ${expected}`,
          position
        })
      ];
    }
    case 'too_small': {
      if (issue.origin === 'array') {
        return [
          new LadingError(`${where} is an empty list`, {
            hint: generic === 'components' ? (MISSING_HINTS['components'] ?? '') : `add at least one item: ${expectedOf(schemaAt([...p, 0]))}`,
            position
          })
        ];
      }
      return [new LadingError(`${where} is empty`, { hint: `give it ${expected}`, position })];
    }
    case 'too_big': {
      const length = typeof value === 'string' || Array.isArray(value) ? value.length : undefined;
      return [
        new LadingError(`${where} is too long${length !== undefined ? ` (${length})` : ''}: the limit is ${String(issue.maximum)}`, {
          hint: 'shorten it',
          position
        })
      ];
    }
    case 'unrecognized_keys':
      return issue.keys.filter((k) => !k.startsWith('x-')).map((k) => unknownKeyError(p, k, ctx));
    default:
      return [new LadingError(`${where} is not valid: expected ${expected}`, { hint: `write ${where} as ${expected}`, position })];
  }
}

function invalidValue(values: ReadonlyArray<unknown>, p: PathSegment[], value: unknown, ctx: Context): LadingError[] {
  const where = formatPath(p);
  const position = ctx.index.positionOf(p);
  const key = p[p.length - 1];
  const allowed = values.map((v) => String(v));
  if (p.length === 1 && key === 'kind') {
    return [
      new LadingError(`kind must be ZarfPackageConfig, not ${describeValue(value)}`, {
        hint:
          value === 'ZarfInitConfig'
            ? 'Lading builds ZarfPackageConfig packages only; build init packages with `zarf package create`'
            : 'set "kind: ZarfPackageConfig"',
        position
      })
    ];
  }
  if (p.length === 1 && key === 'apiVersion') {
    return [
      new LadingError(`apiVersion must be zarf.dev/v1alpha1, not ${describeValue(value)}`, {
        hint: 'Lading reads zarf.dev/v1alpha1 definitions: set "apiVersion: zarf.dev/v1alpha1" or remove the line',
        position
      })
    ];
  }
  const near = typeof value === 'string' ? closest(value, allowed) : undefined;
  return [
    new LadingError(`${where} must be one of ${allowed.join(', ')}, not ${describeValue(value)}`, {
      hint: near !== undefined ? `did you mean \`${near}\`?` : `use one of: ${allowed.join(', ')}`,
      position
    })
  ];
}

const METADATA_KEYS = Object.keys(MetadataSchema.shape);
const COMPONENT_KEYS = Object.keys(ComponentSchema.shape);

function unknownKeyError(parent: PathSegment[], key: string, ctx: Context): LadingError {
  const p = [...parent, key];
  const known = knownKeys(parent);
  const near = closest(key, known);
  const position = ctx.index.keyPositionOf(p);
  const where = formatPath(parent);
  if (near !== undefined) {
    return new LadingError(`${formatPath(p)} is not a known field: did you mean \`${near}\`?`, {
      hint: `rename ${key} to ${near}`,
      position
    });
  }
  let hint = `remove it; ${where === 'the top level' ? 'the top level' : where} accepts ${known.join(', ')}`;
  if (parent.length === 0 && METADATA_KEYS.includes(key)) hint = `move it under metadata:`;
  else if (parent.length === 0 && COMPONENT_KEYS.includes(key)) hint = `move it into a component under components:`;
  return new LadingError(`${formatPath(p)} is not a known field`, { hint, position });
}

// ---- Components: names, image references -----------------------------------------------------

function componentErrors(data: unknown, ctx: Context): LadingError[] {
  const errors: LadingError[] = [];
  const components = isObject(data) && Array.isArray(data['components']) ? (data['components'] as unknown[]) : [];
  const names = new Map<string, number>();
  components.forEach((c, i) => {
    if (!isObject(c)) return;
    const name = c['name'];
    if (typeof name === 'string') {
      const first = names.get(name);
      if (first !== undefined) {
        errors.push(
          new LadingError(`components[${i}].name "${shorten(name)}" is already used by components[${first}]`, {
            hint: 'give each component a unique name',
            position: ctx.index.positionOf(['components', i, 'name'])
          })
        );
      } else names.set(name, i);
    }
    if (c['required'] === true && c['default'] === true) {
      errors.push(
        new LadingError(`components[${i}] cannot be both required and default`, {
          hint: 'remove "default: true": a required component is always deployed',
          position: ctx.index.keyPositionOf(['components', i, 'default'])
        })
      );
    }
    const images = c['images'];
    if (Array.isArray(images)) errors.push(...referenceErrors(images, ['components', i, 'images'], ctx));
    const archives = c['imageArchives'];
    if (Array.isArray(archives)) {
      archives.forEach((a, k) => {
        if (isObject(a) && Array.isArray(a['images'])) {
          errors.push(...referenceErrors(a['images'] as unknown[], ['components', i, 'imageArchives', k, 'images'], ctx));
        }
      });
    }
  });
  return errors;
}

function referenceErrors(list: unknown[], base: PathSegment[], ctx: Context): LadingError[] {
  const errors: LadingError[] = [];
  list.forEach((ref, j) => {
    if (typeof ref !== 'string') return; // the schema reports it
    try {
      Reference.parse(ref);
    } catch (e) {
      const p = [...base, j];
      const message = e instanceof OciError || e instanceof Error ? oneLine(e.message) : String(e);
      const hint = e instanceof OciError ? e.hint : undefined;
      errors.push(
        new LadingError(`${formatPath(p)}: ${message}`, {
          hint: hint ?? 'write it as [registry/]repository[:tag][@sha256:<64 hex>]',
          position: ctx.index.positionOf(p),
          cause: e
        })
      );
    }
  });
  return errors;
}

// ---- Image archive paths ---------------------------------------------------------------------

function isInside(dir: string, target: string): boolean {
  const rel = path.relative(dir, target);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

async function archivePathErrors(data: unknown, ctx: Context): Promise<LadingError[]> {
  const checks: Array<Promise<LadingError | undefined>> = [];
  const components = isObject(data) && Array.isArray(data['components']) ? (data['components'] as unknown[]) : [];
  components.forEach((c, i) => {
    if (!isObject(c) || !Array.isArray(c['imageArchives'])) return;
    (c['imageArchives'] as unknown[]).forEach((a, k) => {
      if (!isObject(a) || typeof a['path'] !== 'string' || a['path'] === '') return;
      checks.push(checkArchivePath(a['path'], ['components', i, 'imageArchives', k, 'path'], ctx));
    });
  });
  const results = await Promise.all(checks);
  return results.filter((e): e is LadingError => e !== undefined);
}

async function checkArchivePath(value: string, p: PathSegment[], ctx: Context): Promise<LadingError | undefined> {
  const where = formatPath(p);
  const position = ctx.index.positionOf(p);
  const shown = ctx.display(ctx.dir);
  const folder = shown === '.' ? 'the workspace root' : shown;
  const inFolder = `put the archive in the folder of zarf.yaml (${folder}) or below it, and give its path relative to that folder`;
  if (value.includes('\0')) return new LadingError(`${where} contains a NUL character`, { hint: inFolder, position });
  const target = path.resolve(ctx.dir, value);
  if (!isInside(ctx.dir, target)) {
    return new LadingError(`${where} "${shorten(value)}" points outside the folder of zarf.yaml`, { hint: inFolder, position });
  }
  try {
    await stat(target);
  } catch {
    return new LadingError(`${where} "${shorten(value)}" does not exist`, {
      hint: `looked for ${ctx.display(target)}; give the path relative to ${folder}`,
      position
    });
  }
  // The text stays inside; make sure no symbolic link leads out.
  try {
    const [realDir, realTarget] = await Promise.all([realpath(ctx.dir), realpath(target)]);
    if (!isInside(realDir, realTarget)) {
      return new LadingError(`${where} "${shorten(value)}" leads outside the folder of zarf.yaml through a symbolic link`, {
        hint: inFolder,
        position
      });
    }
  } catch {
    return new LadingError(`${where} "${shorten(value)}" cannot be resolved`, { hint: `check the path and its permissions`, position });
  }
  return undefined;
}

