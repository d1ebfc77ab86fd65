/**
 * Schema check of one YAML document against a zod schema (Zarf's, field for field), with every zod
 * issue turned into one readable line at its line of the file: "metadata.name must be ..., not ...",
 * "components[0].imagez is not a known field: did you mean `images`?", a missing field with what to add.
 * Keys starting with `x-` are allowed everywhere, as in Zarf's JSON schemas.
 */
import * as z from 'zod/mini';
import { LadingError } from '../errors.js';
import type { PathSegment, PositionIndex } from './positions.js';
import { formatPath } from './positions.js';
import { oneLine, shorten } from './parse.js';
import { closest } from './suggest.js';

type Issue = z.core.$ZodIssue;
export type AnySchema = z.core.$ZodType;

interface Context {
  index: PositionIndex;
  /** The document's schema (paths are looked up from it). */
  root: AnySchema;
  /** Keys that, misplaced at the top level, belong under metadata / in a component. */
  metadataKeys: string[];
  componentKeys: string[];
}

export interface SchemaCheck {
  /** The schema of the document (a package, a component config). */
  schema: AnySchema;
  /** Field names of metadata and of a component, for "move it under metadata:" hints. */
  metadataKeys?: string[];
  componentKeys?: string[];
  /** Paths whose own problems are not reported (checked elsewhere). */
  silenced?: PathSegment[][];
}

/**
 * Every problem of `data` against `check.schema`, each at its line. Unknown keys are errors, or
 * (`unknownKeys: 'warning'`) warnings: Zarf drops them silently from an imported file.
 */
export function schemaErrors(data: unknown, index: PositionIndex, check: SchemaCheck & { unknownKeys?: 'error' | 'warning' }): { errors: LadingError[]; warnings: LadingError[] } {
  const result = (check.schema as unknown as { safeParse(d: unknown): { success: boolean; error?: { issues: Issue[] } } }).safeParse(data);
  const errors: LadingError[] = [];
  const warnings: LadingError[] = [];
  if (result.success) return { errors, warnings };
  const ctx: Context = { index, root: check.schema, metadataKeys: check.metadataKeys ?? [], componentKeys: check.componentKeys ?? [] };
  for (const issue of result.error?.issues ?? []) {
    const p = issue.path.filter((s): s is PathSegment => typeof s === 'string' || typeof s === 'number');
    if ((check.silenced ?? []).some((s) => startsWith(p, s))) continue;
    const found = issueErrors(issue, p, data, ctx);
    (issue.code === 'unrecognized_keys' && check.unknownKeys === 'warning' ? warnings : errors).push(...found);
  }
  return { errors, warnings };
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


/** How a value reads in a message; `written` is the plain scalar's text when known (1.0, not 1). */
export function describeValue(v: unknown, written?: string): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `"${shorten(oneLine(v))}"`;
  if (typeof v === 'number') return `the number ${written ?? String(v)}`;
  if (typeof v === 'boolean') return `the boolean ${written ?? String(v)}`;
  return typeof v;
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

/** The text `described()` (schema.ts) gave `s`. */
function descriptionOf(s: AnySchema): string | undefined {
  return z.globalRegistry.get(s)?.description;
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
function schemaAt(root: AnySchema, p: ReadonlyArray<PathSegment>): AnySchema | undefined {
  let cur: AnySchema | undefined = root;
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

function knownKeys(root: AnySchema, p: ReadonlyArray<PathSegment>): string[] {
  const s = schemaAt(root, p);
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
  const schema = schemaAt(ctx.root, p);
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
        (typeof value === 'number' || typeof value === 'boolean') && defOf(unwrap(schema ?? ctx.root)).type === 'string';
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
            hint: generic === 'components' ? (MISSING_HINTS['components'] ?? '') : `add at least one item: ${expectedOf(schemaAt(ctx.root, [...p, 0]))}`,
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


function unknownKeyError(parent: PathSegment[], key: string, ctx: Context): LadingError {
  const p = [...parent, key];
  const known = knownKeys(ctx.root, parent);
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
  if (parent.length === 0 && ctx.metadataKeys.includes(key)) hint = `move it under metadata:`;
  else if (parent.length === 0 && ctx.componentKeys.includes(key)) hint = `move it into a component under components:`;
  return new LadingError(`${formatPath(p)} is not a known field`, { hint, position });
}
