/**
 * Maps a path in the parsed data (['components', 0, 'images', 2]) back to a line and column in the
 * YAML text, by walking the `yaml` document AST (node ranges are character offsets; a LineCounter
 * turns them into 1-based line/col). Aliases are followed to their anchor, `<<` merge keys to the
 * merged mappings, so a path through either lands where the text actually is.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node as YamlNode, type YAMLMap, type Pair } from 'yaml';
import type { SourcePosition } from '../errors.js';

export type PathSegment = string | number;

/** `components[0].images[1]`, `metadata.annotations["org.example/x"]`; the empty path is 'the top level'. */
export function formatPath(p: ReadonlyArray<PathSegment>): string {
  let out = '';
  for (const s of p) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out === '' ? 'the top level' : out;
}

interface Step {
  /** The node at this point of the path (null for `key:` with no value). */
  node: YamlNode | null;
  /** The mapping key this node is the value of, if any. */
  key: YamlNode | null;
}

const MAX_DEPTH = 32;

export class PositionIndex {
  private readonly doc: Document.Parsed;
  private readonly lines: LineCounter;
  private readonly file: string;

  constructor(doc: Document.Parsed, lines: LineCounter, file: string) {
    this.doc = doc;
    this.lines = lines;
    this.file = file;
  }

  /** 1-based position of a character offset in the text. */
  at(offset: number): SourcePosition {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, col };
  }

  /**
   * Position of the node at `path`:
   * - a scalar (or an alias written in place): where its text starts;
   * - a mapping or sequence that is the value of a key, or a key with no value: the key;
   * - a mapping or sequence that is a list item (or the document): its first character.
   * A path that does not exist resolves to the nearest existing parent, by the same rules.
   */
  positionOf(path: ReadonlyArray<PathSegment>): SourcePosition {
    const steps = this.walk(path);
    return this.stepPosition(steps[steps.length - 1]);
  }

  /**
   * Position of the key written for the last segment of `path` (for unknown or unwanted keys);
   * falls back to positionOf when there is no such key (a list index, a missing path).
   */
  keyPositionOf(path: ReadonlyArray<PathSegment>): SourcePosition {
    const steps = this.walk(path);
    const last = steps[steps.length - 1];
    if (steps.length === path.length + 1 && last?.key?.range) return this.at(last.key.range[0]);
    return this.stepPosition(last);
  }

  /** The text of a plain (unquoted) scalar at `path` as written, e.g. "1.0" for a number read as 1. */
  plainSource(path: ReadonlyArray<PathSegment>): string | undefined {
    const steps = this.walk(path);
    if (steps.length !== path.length + 1) return undefined;
    const node = this.deref(steps[steps.length - 1]?.node ?? null);
    return isScalar(node) && node.type === 'PLAIN' && typeof node.source === 'string' ? node.source : undefined;
  }

  /** True when `path` exists in the document (through aliases and merge keys). */
  has(path: ReadonlyArray<PathSegment>): boolean {
    return this.walk(path).length === path.length + 1;
  }

  private stepPosition(step: Step | undefined): SourcePosition {
    if (step === undefined) return { file: this.file, line: 1, col: 1 };
    const { node, key } = step;
    const keyStart = key?.range?.[0];
    const emptyValue = node === null || (isScalar(node) && node.value === null && (node.source === '' || node.source === undefined));
    if ((emptyValue || isMap(node) || isSeq(node)) && keyStart !== undefined) {
      // A flow collection on the key's line (`images: [a, b]`) still reports the key: same line.
      return this.at(keyStart);
    }
    const start = node?.range?.[0];
    return start === undefined ? { file: this.file, line: 1, col: 1 } : this.at(start);
  }

  /** The nodes along `path`, root first; shorter than path.length + 1 when the path stops early. */
  private walk(path: ReadonlyArray<PathSegment>): Step[] {
    const steps: Step[] = [{ node: this.doc.contents, key: null }];
    let current: YamlNode | null = this.doc.contents;
    for (const segment of path) {
      const collection = this.deref(current);
      let next: Step | undefined;
      if (typeof segment === 'number' && isSeq(collection)) {
        const item = collection.items[segment];
        if (item !== undefined) next = { node: (item as YamlNode | null) ?? null, key: null };
      } else if (typeof segment === 'string' && isMap(collection)) {
        const pair = this.findPair(collection, segment, 0);
        if (pair !== undefined) next = { node: (pair.value as YamlNode | null) ?? null, key: (pair.key as YamlNode | null) ?? null };
      }
      if (next === undefined) break;
      steps.push(next);
      current = next.node;
    }
    return steps;
  }

  private deref(node: YamlNode | null, depth = 0): YamlNode | null {
    if (node !== null && isAlias(node) && depth < MAX_DEPTH) {
      return this.deref(node.resolve(this.doc) ?? null, depth + 1);
    }
    return node;
  }

  private findPair(map: YAMLMap, key: string, depth: number): Pair | undefined {
    for (const pair of map.items) {
      if (isScalar(pair.key) && !isMergeKey(pair) && String(pair.key.value) === key) return pair;
    }
    if (depth >= MAX_DEPTH) return undefined;
    // `<<: *anchor` or `<<: [*a, *b]`: explicit keys win (above), then merged maps in order.
    for (const pair of map.items) {
      if (!isMergeKey(pair)) continue;
      const value = this.deref((pair.value as YamlNode | null) ?? null);
      const sources: Array<YamlNode | null> = isSeq(value) ? value.items.map((i) => this.deref((i as YamlNode | null) ?? null)) : [value];
      for (const source of sources) {
        if (isMap(source)) {
          const found = this.findPair(source, key, depth + 1);
          if (found !== undefined) return found;
        }
      }
    }
    return undefined;
  }
}

function isMergeKey(pair: Pair): boolean {
  // With `merge: true` the parser gives a merge key a symbol value instead of the string '<<'.
  return isScalar(pair.key) && typeof pair.key.value === 'symbol';
}
