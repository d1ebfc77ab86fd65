/**
 * A download URL's trailing `@<sha256>`, as Zarf reads it (utils/network.go parseChecksum): when the
 * URL holds an `@` that is not only its user-info separator, everything after the last `@` is the
 * expected sha256 of the downloaded bytes and is not part of the URL fetched. Zarf compares it as
 * written with the lowercase hex of what arrived; so does Lading.
 */
export interface UrlChecksum {
  /** The URL to fetch (the suffix removed). */
  url: string;
  /** What came after the last `@`, when there was one. */
  checksum?: string;
}

export function splitUrlChecksum(source: string): UrlChecksum {
  const ats = source.split('@').length - 1;
  if (ats === 0) return { url: source };
  let hasUser = false;
  try {
    const u = new URL(source);
    hasUser = u.username !== '' || u.password !== '';
  } catch {
    hasUser = false;
  }
  if (ats === 1 && hasUser) return { url: source };
  const i = source.lastIndexOf('@');
  return { url: source.slice(0, i), checksum: source.slice(i + 1) };
}
