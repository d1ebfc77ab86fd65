/**
 * A download URL's trailing `@<sha256>`, as Zarf reads it (utils/network.go parseChecksum): when the
 * URL holds an `@` that is not only its user-info separator, everything after the last `@` is the
 * expected sha256 of the downloaded bytes and is not part of the URL fetched. Zarf compares it as
 * written with the lowercase hex of what arrived; so does Lading.
 */
import { rm } from 'node:fs/promises';
import { DownloadError, displayUrl, type HttpFetcher } from './http.js';

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

/**
 * Downloads `source` to `file` (the fetcher's plain-http policy and size limit) with its trailing
 * `@<sha256>` left out of the URL fetched and checked against the bytes: a mismatch removes the file
 * and throws. A failed download names the URL (never its credentials or the suffix).
 */
export async function downloadWithChecksum(fetcher: HttpFetcher, source: string, file: string, max: number): Promise<{ url: string; size: number; sha256: string }> {
  const { url, checksum } = splitUrlChecksum(source);
  let got: { size: number; sha256: string };
  try {
    got = await fetcher.download(url, file, max);
  } catch (e) {
    if (e instanceof DownloadError) throw new DownloadError(`cannot download ${displayUrl(url)}: ${e.message}`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), cause: e });
    throw e;
  }
  if (checksum !== undefined && checksum !== got.sha256) {
    await rm(file, { force: true });
    throw new DownloadError(`${displayUrl(url)} does not match the sha256 after its "@": expected ${checksum}, got ${got.sha256}`, {
      hint: 'the file changed, or the sha256 after "@" is wrong (Zarf reads everything after the last "@" of a URL as one, compared as written: lowercase hex): check where it comes from before updating it'
    });
  }
  return { url, ...got };
}
