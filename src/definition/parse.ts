/**
 * Parse: the text of one definition file to plain data, every object and array of it knowing its
 * line (origin.ts). A file may hold several YAML documents (Zarf writes a v1beta1 definition after
 * its v1alpha1 projection); empty ones are skipped. YAML syntax errors are all reported together,
 * one per line, at their line of this file. YAML 1.2 core schema, as Zarf's parser reads it:
 * `yes`/`on` stay strings, anchors, aliases and `<<` merge keys resolve.
 */
import { LineCounter, parseAllDocuments, isScalar, type Document, type YAMLError } from 'yaml';
import { LadingError, LadingErrors, type SourcePosition } from '../errors.js';
import { attachIndex, isContainer } from './origin.js';
import { PositionIndex } from './positions.js';

export interface ParsedDocument {
  /** The document as plain data (a tree: what an alias shared is copied). */
  data: unknown;
  /** Positions in this document, by path. */
  index: PositionIndex;
  /** Where the document starts. */
  start: SourcePosition;
}

export interface ParsedFile {
  /** The file as shown in messages and annotations (relative to the workspace). */
  displayPath: string;
  /** The non-empty documents, in order. */
  documents: ParsedDocument[];
}

export function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}

export function shorten(s: string, max = 60): string {
  // A message is one line: a value holding line breaks (a folded or quoted scalar) shows them as \n.
  const flat = s.replace(/\r\n|\r|\n/g, '\\n');
  return flat.length > max ? `${flat.slice(0, max)}...` : flat;
}

/** Parses `text` (the file shown as `displayPath`). Throws LadingErrors for YAML that does not parse. */
export function parseFile(text: string, displayPath: string): ParsedFile {
  // A byte order mark is not a column: parse without it so columns match what editors show.
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  // Line starts from the text itself: the parser reports fewer newlines than there are after some
  // syntax errors (and reads "\r" oddly), which put positions on the wrong line or past its end.
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
  const docs = parseAllDocuments(source, { prettyErrors: false, merge: true, uniqueKeys: true });
  const at = (offset: number): SourcePosition => ({ file: displayPath, ...lines.linePos(offset) });
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
  if (errors.length > 0) throw new LadingErrors(errors);
  const documents: ParsedDocument[] = [];
  for (const d of docs) {
    if (isEmptyDocument(d)) continue;
    const index = new PositionIndex(d, lines, displayPath);
    let raw: unknown;
    try {
      raw = d.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      throw new LadingErrors([
        new LadingError(`${displayPath} cannot be read as data: ${oneLine((e as Error).message)}`, {
          hint: 'use fewer nested aliases (*name) and anchors (&name)',
          position: at(d.range[0])
        })
      ]);
    }
    let data: unknown;
    try {
      data = treeCopy(raw);
    } catch (e) {
      if (!(e instanceof RecursiveAlias)) throw e;
      throw new LadingErrors([
        new LadingError(`${displayPath}: an alias (*name) is used inside the node its anchor (&name) marks, so the data would contain itself`, {
          hint: 'use the alias outside the anchored node, or copy the values instead',
          position: at(d.range[0])
        })
      ]);
    }
    attachIndex(data, index);
    documents.push({ data, index, start: at(d.contents?.range?.[0] ?? d.range[0]) });
  }
  return { displayPath, documents };
}

/**
 * A tree copy: an alias makes the parser hand out one shared object for every place it is used;
 * copies keep a later edit of one component from touching the others and give each place its own
 * line. Plain JSON-like data, key order kept (a key such as `__proto__` stays a key).
 */
function treeCopy(v: unknown, inside: Set<object> = new Set()): unknown {
  if (!isContainer(v)) return v;
  // An alias used inside the node its anchor names makes the data contain itself: no tree to copy.
  if (inside.has(v)) throw new RecursiveAlias();
  inside.add(v);
  let out: unknown;
  if (Array.isArray(v)) out = v.map((x) => treeCopy(x, inside));
  else {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      Object.defineProperty(o, k, { value: treeCopy(x, inside), enumerable: true, writable: true, configurable: true });
    }
    out = o;
  }
  inside.delete(v);
  return out;
}

class RecursiveAlias extends Error {}

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
