/**
 * How a symbolic link in a component's content is compared: packages keep links as links (as Zarf
 * copies folders), so a link is known by its target as stored, on the definition's side (readlink)
 * and on the published side (the tar entry's link name) alike.
 */
import { createHash } from 'node:crypto';

export function linkFingerprint(target: string): string {
  return createHash('sha256').update(`symlink\0${target}`).digest('hex');
}
