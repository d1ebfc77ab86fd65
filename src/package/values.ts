/**
 * The package-level values files `zarf package create` writes (Zarf's src/pkg/value and
 * assemble.go's mergeAndWriteValuesFile / mergeAndWriteValuesSchema), rebuilt for Lading:
 *
 * - `values.yaml`: the deep merge of the package's values files, later files winning. Two mappings
 *   under one key merge recursively; anything else (a list, a scalar, null) from the later file
 *   replaces what was there. Only the first YAML document of a file counts; an empty file is an
 *   empty mapping. Keys come out sorted, as Go writes a map.
 * - `values.schema.json`: the package's own schema copied byte for byte when no imported package
 *   brings one; otherwise the merge of all of them (the parent's first, then imported ones, earlier
 *   winning), written as Go's json.MarshalIndent writes it.
 *
 * Paths are absolute and already resolved and joined by the definition pipeline; this file reads
 * them and knows nothing of zarf.yaml.
 */
import { copyFile, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { LadingError } from '../errors.js';

export const VALUES_YAML = 'values.yaml';
export const VALUES_SCHEMA_JSON = 'values.schema.json';

/** A mapping of values: string keys, in the order they were first set. */
export type ValuesMap = Map<string, unknown>;

const isMap = (v: unknown): v is ValuesMap => v instanceof Map;

/**
 * Zarf's Values.DeepMerge: merges `src` into `dst` (mutated). Where both hold a mapping under a key
 * the two merge recursively; otherwise `src`'s value (null included) replaces `dst`'s.
 */
export function deepMergeValues(dst: ValuesMap, src: ValuesMap): ValuesMap {
  for (const [key, srcVal] of src) {
    const dstVal = dst.get(key);
    if (dst.has(key) && isMap(dstVal) && isMap(srcVal)) deepMergeValues(dstVal, srcVal);
    else dst.set(key, srcVal);
  }
  return dst;
}

/** A YAML mapping key as Go's YAML decoder turns it into a map[string]any key. */
function keyString(k: unknown): string {
  if (typeof k === 'string') return k;
  if (k === null || k === undefined) return 'null';
  if (typeof k === 'object') return JSON.stringify(k instanceof Map ? Object.fromEntries(k) : k);
  return String(k as string | number | bigint | boolean);
}

/** Maps with any keys (yaml's mapAsMap) -> maps with string keys, recursively. */
function normalize(v: unknown): unknown {
  if (v instanceof Map) {
    const out: ValuesMap = new Map();
    for (const [k, x] of v) out.set(keyString(k), normalize(x));
    return out;
  }
  if (Array.isArray(v)) return v.map(normalize);
  return v;
}

/**
 * Reads one values file as Zarf does (ValuesFiles are local .yaml/.yml files): the first document,
 * which must be a mapping (empty or null is an empty mapping). Errors name the file.
 */
export async function readValuesFile(file: string): Promise<ValuesMap> {
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.yaml' && ext !== '.yml') {
    throw new LadingError(`values file ${file} is not a .yaml or .yml file`, { hint: 'values files are local YAML files ending in .yaml or .yml' });
  }
  let text: string;
  try {
    if (!(await stat(file)).isFile()) throw new Error('it is not a file');
    text = await readFile(file, 'utf8');
  } catch (e) {
    const msg = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (e as Error).message;
    throw new LadingError(`cannot read values file ${file}: ${msg}`, { hint: 'check the path under values.files' });
  }
  if (text.includes('\0')) throw new LadingError(`values file ${file} is not a text file`, { hint: 'values files are YAML text' });
  const lineCounter = new YAML.LineCounter();
  const docs = YAML.parseAllDocuments(text, { merge: true, uniqueKeys: false, intAsBigInt: true, prettyErrors: false, lineCounter });
  const list = Array.isArray(docs) ? docs : [];
  for (const doc of list) {
    const err = doc.errors[0];
    if (err !== undefined) {
      const { line, col } = lineCounter.linePos(err.pos[0]);
      throw new LadingError(`values file ${file} is not valid YAML: ${err.message.split('\n')[0] ?? ''}`, {
        hint: 'fix the YAML syntax of this values file',
        position: { file, line, col }
      });
    }
  }
  const first = list[0];
  if (first === undefined) return new Map();
  let data: unknown;
  try {
    data = first.toJS({ mapAsMap: true, maxAliasCount: -1 });
  } catch (e) {
    throw new LadingError(`values file ${file} cannot be read: ${(e as Error).message}`, { hint: 'fix the YAML of this values file' });
  }
  if (data === null || data === undefined) return new Map();
  if (!(data instanceof Map)) {
    const what = Array.isArray(data) ? 'a list' : `a ${typeof data}`;
    throw new LadingError(`values file ${file} holds ${what}, not a mapping`, { hint: 'a values file is a YAML mapping of keys to values (key: value)' });
  }
  return normalize(data) as ValuesMap;
}

/** The deep merge of `files` in order (later files win); an empty list gives an empty mapping. */
export async function mergeValuesFiles(files: readonly string[]): Promise<ValuesMap> {
  const merged: ValuesMap = new Map();
  for (const f of files) deepMergeValues(merged, await readValuesFile(f));
  return merged;
}

const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

function sortedDeep(v: unknown): unknown {
  if (v instanceof Map) {
    const out = new Map<string, unknown>();
    for (const k of [...(v as ValuesMap).keys()].sort(byteOrder)) out.set(k, sortedDeep(v.get(k)));
    return out;
  }
  if (Array.isArray(v)) return v.map(sortedDeep);
  return v;
}

/** values.yaml's text: mappings with their keys sorted (Go marshals maps sorted), `{}` when empty. */
export function renderValuesYaml(values: ValuesMap): string {
  return YAML.stringify(sortedDeep(values), { lineWidth: 0, indentSeq: false, aliasDuplicateObjects: false });
}

// ---------------------------------------------------------------------------------------------
// Schemas

/** A JSON value as JSON.parse gives it. */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);
const has = (o: JsonObject, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
/** Sets an own property, whatever its name (`__proto__` included). */
function put(o: JsonObject, k: string, v: Json): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}
const get = (o: JsonObject, k: string): Json | undefined => (has(o, k) ? o[k] : undefined);

function copyJson(v: Json): Json {
  if (Array.isArray(v)) return v.map(copyJson);
  if (isObject(v)) {
    const out: JsonObject = {};
    for (const k of Object.keys(v)) put(out, k, copyJson(v[k] as Json));
    return out;
  }
  return v;
}

const REF_KEYWORDS = new Set(['$ref', '$dynamicRef', '$recursiveRef']);

/** The first external `$ref`/`$dynamicRef`/`$recursiveRef` (not starting with `#`), as a path and value. */
export function findExternalRef(schema: Json, at = ''): { path: string; keyword: string; ref: string } | undefined {
  if (Array.isArray(schema)) {
    for (let i = 0; i < schema.length; i++) {
      const found = findExternalRef(schema[i] as Json, `${at}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!isObject(schema)) return undefined;
  for (const key of Object.keys(schema).sort(byteOrder)) {
    const v = schema[key] as Json;
    if (REF_KEYWORDS.has(key) && typeof v === 'string' && !v.startsWith('#')) return { path: at === '' ? key : `${at}.${key}`, keyword: key, ref: v };
    const found = findExternalRef(v, at === '' ? key : `${at}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Reads a schema file: a JSON object without external references. */
export async function readSchemaFile(file: string): Promise<JsonObject> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const msg = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (e as Error).message;
    throw new LadingError(`cannot read values schema ${file}: ${msg}`, { hint: 'check the path of values.schema' });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new LadingError(`values schema ${file} is not valid JSON: ${(e as Error).message}`, { hint: 'a values schema is a JSON Schema document (a JSON object)' });
  }
  if (!isObject(doc)) throw new LadingError(`values schema ${file} is not a JSON object`, { hint: 'a values schema is a JSON Schema document (a JSON object)' });
  const ext = findExternalRef(doc);
  if (ext !== undefined) {
    throw new LadingError(`values schema ${file} has an external ${ext.keyword} "${ext.ref}" (at ${ext.path})`, {
      hint: 'only references inside the schema ("#/...") are allowed: files a schema points to are not packaged; move the definition under $defs'
    });
  }
  return doc;
}

const MAP_KEYWORDS = new Set(['properties', 'definitions', '$defs', 'patternProperties', 'dependentSchemas']);

function mergeProperties(parentVal: Json | undefined, childVal: Json): Json {
  if (!isObject(childVal)) return parentVal ?? null;
  if (!isObject(parentVal)) return childVal;
  for (const key of Object.keys(childVal)) {
    const childProp = childVal[key] as Json;
    if (!has(parentVal, key)) put(parentVal, key, copyJson(childProp));
    else {
      const parentProp = parentVal[key] as Json;
      if (isObject(parentProp) && isObject(childProp)) put(parentVal, key, mergeSchemas(parentProp, childProp));
    }
  }
  return parentVal;
}

function mergeRequired(parentVal: Json | undefined, childVal: Json): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const list of [parentVal, childVal]) {
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      if (typeof item === 'string' && !seen.has(item)) {
        seen.add(item);
        out.push(item);
      }
    }
  }
  return out;
}

/**
 * Zarf's MergeSchemas: `child` merged into a copy of `parent`, the parent winning. The keywords
 * holding maps of schemas (properties, definitions, $defs, patternProperties, dependentSchemas) merge
 * entry by entry, recursively; `required` is the union (strings only, parent's first); any other
 * keyword comes from the child only when the parent lacks it.
 */
export function mergeSchemas(parent: JsonObject, child: JsonObject): JsonObject {
  const result = copyJson(parent) as JsonObject;
  for (const key of Object.keys(child)) {
    const childVal = child[key] as Json;
    if (MAP_KEYWORDS.has(key)) put(result, key, mergeProperties(get(result, key), childVal));
    else if (key === 'required') {
      const req = mergeRequired(get(result, 'required'), childVal);
      if (req.length > 0) put(result, 'required', req);
    } else if (!has(result, key)) put(result, key, copyJson(childVal));
  }
  return result;
}

/**
 * Zarf's MergeSchemaFiles: reads `files` (the package's own schema first when it has one, then the
 * imported ones) and merges them left to right, earlier winning. When more than one is merged, each
 * must declare the same `$schema`.
 */
export async function mergeSchemaFiles(files: readonly string[]): Promise<JsonObject | undefined> {
  let merged: JsonObject | undefined;
  let expected: { version: string; file: string } | undefined;
  for (const file of files) {
    const schema = await readSchemaFile(file);
    if (files.length > 1) {
      const v = get(schema, '$schema');
      const version = typeof v === 'string' ? v : '';
      if (version === '') {
        throw new LadingError(`values schema ${file} has no "$schema" version, which every schema merged into the package needs`, {
          hint: 'add "$schema" (e.g. "https://json-schema.org/draft-07/schema#") to every values schema of the package and of the packages it imports'
        });
      }
      if (expected === undefined) expected = { version, file };
      else if (version !== expected.version) {
        throw new LadingError(`values schema ${file} declares "$schema" "${version}", but ${expected.file} declares "${expected.version}"`, {
          hint: 'the values schemas of a package and of the packages it imports are merged, so they must use one JSON Schema version'
        });
      }
    }
    merged = merged === undefined ? schema : mergeSchemas(merged, schema);
  }
  return merged;
}

const GO_JSON_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A string as Go's encoding/json writes it (HTML characters and line separators escaped). */
function goString(s: string): string {
  return JSON.stringify(s.replace(LONE_SURROGATE, '\uFFFD')).replace(/[<>&\u2028\u2029]/g, (c) => GO_JSON_ESCAPES[c] ?? c);
}

/** A float64 as Go's encoding/json writes it. */
function goNumber(n: number): string {
  if (!Number.isFinite(n)) throw new LadingError(`a values schema holds the number ${n}, which JSON cannot hold`);
  if (Object.is(n, -0)) return '-0';
  // JavaScript switches to exponents at the same bounds as Go (1e21, 1e-6) and writes them alike.
  return String(n);
}

/** Go's json.MarshalIndent(v, "", "  ") of a value decoded into `any`: map keys sorted, no final newline. */
export function goJsonIndent(v: Json, indent = ''): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'string') return goString(v);
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => inner + goJsonIndent(x, inner)).join(',\n')}\n${indent}]`;
  }
  const keys = Object.keys(v).sort(byteOrder);
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${inner}${goString(k)}: ${goJsonIndent(v[k] as Json, inner)}`).join(',\n')}\n${indent}}`;
}

/** What the package's values are made of (absolute paths, in Zarf's order). */
export interface PackageValues {
  /** values.files, joined and de-duplicated: merged into values.yaml (later files win). */
  files: readonly string[];
  /** The schemas: the package's own (values.schema) first when it has one, then the imported ones. */
  schemas: readonly string[];
  /**
   * Whether `schemas[0]` is the package's own schema (default true). A lone own schema is copied
   * byte for byte; a lone imported one is re-written like a merge, as Zarf does.
   */
  parentSchema?: boolean;
}

/**
 * Writes `values.yaml` (when there are values files) and `values.schema.json` (when there are
 * schemas) into `dir`; returns the package paths written, in that order.
 */
export async function writePackageValues(values: PackageValues, dir: string): Promise<string[]> {
  const written: string[] = [];
  if (values.files.length > 0) {
    const merged = await mergeValuesFiles(values.files);
    await writeFile(path.join(dir, VALUES_YAML), renderValuesYaml(merged), { mode: 0o644 });
    written.push(VALUES_YAML);
  }
  if (values.schemas.length > 0) {
    const dest = path.join(dir, VALUES_SCHEMA_JSON);
    const only = values.schemas[0] as string;
    if (values.schemas.length === 1 && values.parentSchema !== false) {
      await readSchemaFile(only);
      await copyFile(only, dest);
    } else {
      const merged = (await mergeSchemaFiles(values.schemas)) as JsonObject;
      await writeFile(dest, goJsonIndent(merged), { mode: 0o644 });
    }
    written.push(VALUES_SCHEMA_JSON);
  }
  return written;
}
