/**
 * Paths in definitions, as Zarf treats them when it composes imports (makePathRelativeTo): a URL
 * (a scheme and a host) or an absolute path stays as written; a relative path is joined onto the
 * folder of the import, cleaned, with `/`.
 */
import path from 'node:path';

/** Zarf's helpers.IsURL: a scheme and a host. */
export function isUrl(s: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#\s]+/.test(s);
}

/** `p` as seen from the folder `rel` is relative to: joined and cleaned, posix; URLs and absolute paths unchanged. */
export function rebasePath(p: string, rel: string): string {
  if (isUrl(p) || path.posix.isAbsolute(p) || path.isAbsolute(p)) return p;
  return path.posix.normalize(path.posix.join(rel.split(path.sep).join('/'), p)).replace(/(.)\/$/, '$1');
}
