import { createHash } from 'node:crypto';

/**
 * Actions cache keys. Entries are immutable, so a key names its content:
 *
 *   lading-blobs-v1-<RUNNER_OS>-<RUNNER_ARCH>-<package name>.<package architecture>.<content hash>
 *
 * where the content hash is the first 16 hex characters of sha256 over the sorted, distinct digests of
 * every blob the package needs. Restoring looks up, newest first, the package's own prefix
 * (`...-<name>.<arch>.`) and then any Lading cache of this runner OS and architecture
 * (`lading-blobs-v1-<os>-<arch>-`), so a package that changed one image restores everything else and
 * two packages of one repository do not take turns evicting each other's warm entry.
 *
 * A repaired entry (the content's entry was restored but held a corrupt or missing blob) is saved as
 * `<key>.r<time>`: it names the same content and, being newer, is the one the next run restores.
 */

export const KEY_FORMAT_VERSION = 'v1';

export interface KeyParts {
  /** RUNNER_OS: Linux, Windows, macOS. */
  runnerOs: string;
  /** RUNNER_ARCH: X64, ARM64, ... */
  runnerArch: string;
  /** metadata.name of the package ([a-z0-9-], no dots). */
  packageName: string;
  /** The package architecture (amd64, arm64, ...). */
  architecture: string;
}

/** Keys may not contain commas and are at most 512 characters; keep to a plain alphabet. */
function part(s: string): string {
  const clean = s.replace(/[^A-Za-z0-9_-]/g, '_');
  return clean === '' ? '_' : clean.slice(0, 100);
}

/** `lading-blobs-v1-<os>-<arch>-`: every Lading cache of this runner platform. */
export function runnerPrefix(p: Pick<KeyParts, 'runnerOs' | 'runnerArch'>): string {
  return `lading-blobs-${KEY_FORMAT_VERSION}-${part(p.runnerOs)}-${part(p.runnerArch)}-`;
}

/** `lading-blobs-v1-<os>-<arch>-<name>.<architecture>.`: every cache of this package. */
export function packagePrefix(p: KeyParts): string {
  return `${runnerPrefix(p)}${part(p.packageName)}.${part(p.architecture)}.`;
}

/** First 16 hex characters of sha256 over the sorted distinct digests, one per line. */
export function contentHash(digests: Iterable<string>): string {
  const sorted = [...new Set(digests)].sort();
  return createHash('sha256').update(sorted.join('\n')).digest('hex').slice(0, 16);
}

/** The key that names exactly this set of blobs for this package. */
export function contentKey(p: KeyParts, digests: Iterable<string>): string {
  return `${packagePrefix(p)}${contentHash(digests)}`;
}

/** True when `matched` is the entry for `key`'s content (the key itself or a repair of it). */
export function namesContent(matched: string | undefined, key: string): boolean {
  return matched !== undefined && (matched === key || matched.startsWith(`${key}.`));
}

/** A new key for a repaired entry of the same content. */
export function repairKey(key: string, now: number): string {
  return `${key}.r${now.toString(36)}`;
}
