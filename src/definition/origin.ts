/**
 * Where every value of a definition came from: the file, line and column of its text.
 *
 * The model stays plain data (objects, arrays, strings, numbers, booleans: what YAML gives), and the
 * origin of each object and array is kept beside it in a WeakMap. Parsing gives every container a
 * locator into its file; the steps after it (decode, migrate, compose, filter, template) build new
 * containers and say, key by key, which container and key a value came from (`take`), or copy a
 * container with its origin (`copyTree`). An error found after imports were merged then points at the
 * line of the file that wrote the value, through any number of steps.
 *
 * Scalars have no identity of their own: their position is asked of the container holding them,
 * `positionIn(component, 'name')`, or along a path from the root, `positionAt(pkg, ['components', 0, 'name'])`.
 */
import type { SourcePosition } from '../errors.js';
import type { PathSegment, PositionIndex } from './positions.js';

/** The position of a container (key undefined), of one of its values, or of the key written for it. */
export type Locator = (key: PathSegment | undefined, keyOnly: boolean) => SourcePosition;

const locators = new WeakMap<object, Locator>();
const moved = new WeakMap<object, Map<PathSegment, readonly [object, PathSegment]>>();

export function isContainer(v: unknown): v is object {
  return typeof v === 'object' && v !== null;
}

/** Gives `container` a locator of its own (replacing any). */
export function locate(container: object, locator: Locator): void {
  locators.set(container, locator);
}

/**
 * Gives every object and array of `data` (found at `base` in the parsed document) a locator into
 * `index`. `data` must be a tree (no object reached twice): copy what an alias shared first.
 */
export function attachIndex(data: unknown, index: PositionIndex, base: PathSegment[] = []): void {
  if (!isContainer(data)) return;
  const at = [...base];
  locate(data, (key, keyOnly) => {
    if (key === undefined) return index.positionOf(at);
    return keyOnly ? index.keyPositionOf([...at, key]) : index.positionOf([...at, key]);
  });
  if (Array.isArray(data)) data.forEach((v, i) => attachIndex(v, index, [...at, i]));
  else for (const [k, v] of Object.entries(data)) attachIndex(v, index, [...at, k]);
}

/** `target[key]` holds what `source[sourceKey]` held: its position is that one's. */
export function take(target: object, key: PathSegment, source: object, sourceKey: PathSegment = key): void {
  let m = moved.get(target);
  if (m === undefined) {
    m = new Map();
    moved.set(target, m);
  }
  // Follow a chain now so lookups stay one step deep.
  const further = moved.get(source)?.get(sourceKey);
  m.set(key, further ?? [source, sourceKey]);
}

/** `copy` stands where `original` was written: same locator, same per-key origins. */
export function sameOrigin(copy: object, original: object): void {
  const l = locators.get(original);
  if (l !== undefined) locators.set(copy, l);
  const m = moved.get(original);
  if (m !== undefined) moved.set(copy, new Map(m));
}

/**
 * A deep copy of plain data in which every container keeps its origin: what a later step changes in
 * the copy (a rebased path, a template filled in) leaves the original alone and keeps its line.
 */
export function copyTree<T>(v: T): T {
  if (!isContainer(v)) return v;
  let out: object;
  if (Array.isArray(v)) out = v.map((x) => copyTree(x as unknown));
  else {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      Object.defineProperty(o, k, { value: copyTree(x), enumerable: true, writable: true, configurable: true });
    }
    out = o;
  }
  sameOrigin(out, v);
  return out as T;
}

/**
 * The position of `container` itself (key undefined), of its value at `key`, or (keyOnly) of the key
 * written for it. Undefined when nothing is known of that container.
 */
export function positionIn(container: object, key?: PathSegment, keyOnly = false): SourcePosition | undefined {
  if (key !== undefined) {
    const from = moved.get(container)?.get(key);
    if (from !== undefined) return positionIn(from[0], from[1], keyOnly);
  }
  return locators.get(container)?.(key, keyOnly);
}

const START: SourcePosition = { file: '', line: 1, col: 1 };

/**
 * The position of the value at `path` from `root` (`['components', 0, 'images', 2]`); for a path
 * that does not exist, the nearest existing parent. keyOnly: the key written for the last segment.
 */
export function positionAt(root: object, path: ReadonlyArray<PathSegment>, keyOnly = false): SourcePosition {
  // containers[i] is the container reached through path[0..i); it stops at a scalar or a missing key.
  const containers: object[] = [root];
  for (const seg of path) {
    const next = ((containers[containers.length - 1] as Record<string | number, unknown>) ?? {})[seg];
    if (!isContainer(next)) break;
    containers.push(next);
  }
  const j = containers.length - 1;
  const ask = (i: number, useKey: boolean): SourcePosition | undefined => {
    const c = containers[i] as object;
    return i < path.length ? positionIn(c, path[i], useKey) : positionIn(c);
  };
  // The value itself: asked of the container holding it (which knows where it came from).
  const first = j === path.length ? (j === 0 ? ask(0, false) : ask(j - 1, keyOnly) ?? ask(j, false)) : ask(j, keyOnly && j === path.length - 1);
  if (first !== undefined) return first;
  for (let i = Math.min(j, path.length) - 1; i >= 0; i--) {
    const p = ask(i, false);
    if (p !== undefined) return p;
  }
  return positionIn(root) ?? START;
}

/** The display path of the file `container` was written in (undefined when not known). */
export function fileOf(container: object): string | undefined {
  return positionIn(container)?.file;
}
