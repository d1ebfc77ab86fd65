/** Test helper: YAML text parsed by the pipeline's own parser, every object and array knowing its file and line. */
import { parseFile } from '../../src/definition/parse.js';

export type Data = Record<string, unknown>;

/** `text` (leading indentation common to all lines removed) as plain data with positions in `file`. */
export function parsed(text: string, file = 'zarf.yaml'): Data {
  const doc = parseFile(dedent(text), file).documents[0];
  if (doc === undefined) throw new Error(`fixture ${file} is empty`);
  return doc.data as Data;
}

/** `lines` joined with newlines, parsed; positions report `file`. */
export function positioned(lines: string[], file = 'zarf.yaml'): Data {
  return parsed(`${lines.join('\n')}\n`, file);
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
