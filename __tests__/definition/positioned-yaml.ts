/** Test helper: a YAML text parsed as the pipeline parses it, every object and array knowing its line. */
import { LineCounter, parseDocument } from 'yaml';
import { attachIndex } from '../../src/definition/origin.js';
import { PositionIndex } from '../../src/definition/positions.js';

/** `lines` joined with newlines, parsed; positions report `file`. */
export function positioned(lines: string[], file = 'zarf.yaml'): Record<string, unknown> {
  const counter = new LineCounter();
  const doc = parseDocument(lines.join('\n') + '\n', { lineCounter: counter, keepSourceTokens: true });
  if (doc.errors.length > 0) throw new Error(doc.errors[0]?.message);
  const data = doc.toJS() as Record<string, unknown>;
  attachIndex(data, new PositionIndex(doc, counter, file));
  return data;
}
