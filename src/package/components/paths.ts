/**
 * Local paths of component content (files, manifests, values files, chart folders, image archives):
 * relative to the folder of zarf.yaml, and inside the workspace (Zarf allows `../charts/x`; a path
 * that leaves the repository checkout, or a symbolic link leading out of it, is refused), or inside
 * one of the extra roots (the folders skeleton imports were extracted to).
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { LadingError, type SourcePosition } from '../../errors.js';

export { formatPath, type PathSegment } from '../../definition/positions.js';

export function shorten(s: string, max = 80): string {
  // A message is one line: a value holding line breaks (a folded or quoted scalar) shows them as \n.
  const flat = s.replace(/\r\n|\r|\n/g, '\\n');
  return flat.length > max ? `${flat.slice(0, max)}...` : flat;
}

/** A URL (anything with a scheme and `//`), as opposed to a local path. */
export function isUrl(s: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(s);
}

/** Go's filepath.Base: the last element, trailing separators dropped; `.` for an empty path. */
export function goBase(p: string): string {
  if (p === '') return '.';
  const t = p.replace(/\/+$/, '');
  if (t === '') return '/';
  return t.slice(t.lastIndexOf('/') + 1);
}

export function isInside(dir: string, target: string): boolean {
  const rel = path.relative(dir, target);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

/**
 * A local path that does not exist (yet): when the package has onCreate actions, the checks before
 * the build let it pass (an action may create it) and collection looks again after the actions ran.
 */
export class MissingLocalPath extends LadingError {}

export interface LocalPathContext {
  /** Absolute folder of zarf.yaml (relative paths resolve from here). */
  dir: string;
  /**
   * The folders a path may lead into: the workspace, then any extra ones (skeleton content).
   * Default: `dir` only.
   */
  roots?: readonly string[];
  /** How to show an absolute path in a message. */
  display: (absolute: string) => string;
}

export interface LocalPath {
  /** The path as written, resolved against the folder (symbolic links not followed). */
  abs: string;
  /** The real path (every link followed); inside the real folder of zarf.yaml. */
  real: string;
  isDir: boolean;
  size: number;
  mode: number;
}

/**
 * Resolves `value` (at `where`, written at `position`) inside the definition folder. Returns the
 * path or a one-line error for that place.
 */
export async function resolveLocalPath(value: string, where: string, position: SourcePosition, ctx: LocalPathContext, what = 'the file'): Promise<LocalPath | LadingError> {
  const roots = ctx.roots ?? [ctx.dir];
  const shown = ctx.display(roots[0] ?? ctx.dir);
  const folder = shown === '.' ? 'the workspace' : shown;
  const inFolder = `put ${what} inside ${folder} and give its path relative to the folder of zarf.yaml`;
  if (value === '') return new LadingError(`${where} is empty`, { hint: `give the path of ${what}, relative to the folder of zarf.yaml`, position });
  if (value.includes('\0')) return new LadingError(`${where} contains a NUL character`, { hint: inFolder, position });
  const abs = path.resolve(ctx.dir, value);
  const inside = (r: string, p: string): boolean => r === p || isInside(r, p);
  if (!roots.some((r) => inside(r, abs))) {
    return new LadingError(`${where} "${shorten(value)}" points outside the workspace`, { hint: inFolder, position });
  }
  let real: string;
  let realRoots: string[];
  try {
    await stat(abs);
  } catch {
    return new MissingLocalPath(`${where} "${shorten(value)}" does not exist`, { hint: `looked for ${ctx.display(abs)}; give the path relative to the folder of zarf.yaml`, position });
  }
  try {
    [real, ...realRoots] = await Promise.all([realpath(abs), ...roots.map((r) => realpath(r))]);
  } catch {
    return new LadingError(`${where} "${shorten(value)}" cannot be resolved`, { hint: 'check the path and its permissions', position });
  }
  if (!realRoots.some((r) => inside(r, real))) {
    return new LadingError(`${where} "${shorten(value)}" leads outside the workspace through a symbolic link`, { hint: inFolder, position });
  }
  const s = await stat(real);
  if (!s.isFile() && !s.isDirectory()) {
    return new LadingError(`${where} "${shorten(value)}" is neither a file nor a folder`, { hint: `give the path of ${what}`, position });
  }
  return { abs, real, isDir: s.isDirectory(), size: s.size, mode: s.mode };
}

/** The real folders a resolved path may be inside (for walking folders and following links). */
export async function realRoots(ctx: LocalPathContext): Promise<string[]> {
  return Promise.all((ctx.roots ?? [ctx.dir]).map((r) => realpath(r)));
}
