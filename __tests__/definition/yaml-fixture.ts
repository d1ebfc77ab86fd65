/** Test helper: YAML text parsed as the pipeline parses it, every object and array knowing its file and line. */
import { LineCounter, parseDocument } from 'yaml';
import { attachIndex } from '../../src/definition/origin.js';
import { PositionIndex } from '../../src/definition/positions.js';

export type Data = Record<string, unknown>;

/** `text` (leading indentation common to all lines removed) as plain data with positions in `file`. */
export function parsed(text: string, file = 'zarf.yaml'): Data {
  const source = dedent(text);
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, merge: true });
  if (doc.errors.length > 0) throw new Error(`fixture ${file}: ${doc.errors[0]?.message}`);
  const data = doc.toJS() as Data;
  attachIndex(data, new PositionIndex(doc, lines, file));
  return data;
}

/** The 1-based line of the first line of `text` containing `needle` (for asserting positions). */
export function lineOf(text: string, needle: string): number {
  const i = dedent(text).split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not in fixture`);
  return i + 1;
}

export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const cut = Math.min(...indents);
  return lines.map((l) => l.slice(cut)).join('\n');
}
