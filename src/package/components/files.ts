/**
 * A component's `files`: a URL (downloaded; through the blob cache when a shasum or the URL's
 * trailing `@<sha256>` names it), a
 * local file or folder, or one entry of an archive (`extractPath`), packaged as
 * `files/<i>/<base name of target>` (Zarf's layout), its shasum checked, with the mode Zarf gives it
 * (0600, 0700 executable; a folder 0700, its content keeping its own modes: zarf-modes.ts). A folder
 * is copied as Zarf copies it (folder.ts: links kept as links).
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { LadingError } from '../../errors.js';
import { displayUrl } from '../../sources/http.js';
import { splitUrlChecksum } from '../../sources/url-checksum.js';
import type { TarEntry } from '../tarball.js';
import type { ZarfComponent } from '../../definition/schema.js';
import { targetBaseName } from './checks.js';
import { archiveFormatOf, extractEntry, ExtractError, READABLE_EXTENSIONS, type Extracted } from '../../sources/extract-entry.js';
import { MAX_FILE_DOWNLOAD, SHA256_HEX, type CollectContext, type ContentItem, type Piece } from './content.js';
import { folderEntries } from './folder.js';
import { isUrl, shorten, type PathSegment } from './paths.js';
import { ZARF_EXECUTABLE_MODE, ZARF_FILE_MODE } from '../zarf-modes.js';
import { sha256File } from '../checksums.js';

export async function fileTask(c: CollectContext, f: NonNullable<ZarfComponent['files']>[number], p: PathSegment[], j: number): Promise<Piece> {
  const { def, where, download, contentAddressed, local, display } = c;
  const name = `files/${j}/${targetBaseName(f.target)}`;
  const exec = f.executable === true;
  // Zarf chmods what it put at files/<i>/<target>: 0700 executable (or a folder), else 0600.
  const mode = exec ? ZARF_EXECUTABLE_MODE : ZARF_FILE_MODE;
  const expected = f.shasum?.toLowerCase();
  const sp: PathSegment[] = [...p, 'source'];
  const mismatch = (got: string): LadingError =>
    new LadingError(`${where(sp)} "${shorten(isUrl(f.source) ? displayUrl(f.source) : f.source)}" does not match its shasum: expected ${expected}, got ${got}`, {
      hint: 'the file changed, or the shasum is wrong: check where it comes from before updating the shasum',
      position: def.positionOf(expected !== undefined ? [...p, 'shasum'] : sp)
    });
  if (f.extractPath !== undefined && f.extractPath !== '') return extractTask(c, f, p, name, mode, expected, mismatch);
  if (isUrl(f.source)) {
    // A trailing `@<sha256>` is checked by download() and names the bytes as a shasum does.
    const { url, checksum } = splitUrlChecksum(f.source);
    if (expected !== undefined && checksum !== undefined && checksum !== expected) {
      throw new LadingError(`${where(sp)} "${shorten(displayUrl(f.source))}" ends in another sha256 than its shasum: ${checksum} and ${expected}`, { hint: 'both name the downloaded file: keep one, or make them the same', position: def.positionOf(sp) });
    }
    const fetch = async (): Promise<{ file: string; size: number; sha256: string }> => {
      const d = await download(f.source, targetBaseName(f.target), MAX_FILE_DOWNLOAD);
      if (expected !== undefined && d.sha256 !== expected) throw mismatch(d.sha256);
      return d;
    };
    const verified = expected !== undefined ? 'shasum verified' : checksum !== undefined ? 'sha256 after "@" verified' : undefined;
    const item: ContentItem = { kind: 'file', path: name, source: displayUrl(url), size: 0, ...(verified !== undefined ? { verified } : {}) };
    const address = expected ?? checksum;
    if (address === undefined || !SHA256_HEX.test(address)) {
      // No sha256 known before downloading: the file is only known once downloaded, so it is not cached.
      const d = await fetch();
      return { entries: [{ path: name, type: 'file', source: d.file, size: d.size, mode, verifyDigest: `sha256:${d.sha256}` }], items: [{ ...item, size: d.size }] };
    }
    const c = await contentAddressed(address, url, MAX_FILE_DOWNLOAD, `file ${displayUrl(url)}`, fetch);
    return {
      entries: [{ path: name, type: 'file', source: c.file, size: c.size, mode, verifyDigest: c.blob.digest }],
      items: [{ ...item, size: c.size }],
      blobs: [c.blob]
    };
  }
  const r = await local(f.source, sp, 'the file');
  const shown = display(path.resolve(def.dir, f.source));
  if (!r.isDir) {
    let verifyDigest: string | undefined;
    if (expected !== undefined) {
      const got = (await sha256File(r.real)).sha256;
      if (got !== expected) throw mismatch(got);
      verifyDigest = `sha256:${got}`;
    }
    return {
      entries: [{ path: name, type: 'file', source: r.real, size: r.size, mode, ...(verifyDigest !== undefined ? { verifyDigest } : {}) }],
      items: [{ kind: 'file', path: name, source: shown, size: r.size, ...(expected !== undefined ? { verified: 'shasum verified' } : {}) }]
    };
  }
  // A folder, copied as Zarf copies it: links kept as links, each file's executable bit kept
  // (`executable` makes only the folder itself 0700 in Zarf, not the files in it).
  const folder = await folderEntries(r.real, name, ZARF_EXECUTABLE_MODE, (rel) => new LadingError(`${where(sp)}: ${shorten(f.source)}/${rel} is not a regular file, folder or symbolic link`, { hint: 'remove it from the folder', position: def.positionOf(sp) }));
  return { entries: folder.entries, items: [{ kind: 'file', path: `${name}/`, source: `${shown}/`, size: folder.size }] };
}

/**
 * `extractPath`: the archive (downloaded, or local) is streamed and only the entry of that name is
 * written, then packaged as `files/<i>/<base name of target>`; the shasum is the extracted file's,
 * as Zarf checks it. The folders of extractPath stay behind, empty, as they do in Zarf's package
 * (Zarf extracts to `files/<i>/<extractPath>` and renames the file into place).
 */
async function extractTask(
  c: CollectContext,
  f: NonNullable<ZarfComponent['files']>[number],
  p: PathSegment[],
  name: string,
  mode: number,
  expected: string | undefined,
  mismatch: (got: string) => LadingError
): Promise<Piece> {
  const { def, where, download, contentAddressed, local, display, tmp } = c;
  const sp: PathSegment[] = [...p, 'source'];
  const ep: PathSegment[] = [...p, 'extractPath'];
  const wanted = f.extractPath ?? '';
  // A URL's trailing `@<sha256>` checks the archive as downloaded (download()); it is not part of its name.
  const archiveName = isUrl(f.source) ? path.posix.basename(new URL(splitUrlChecksum(f.source).url).pathname) : f.source;
  const kind = archiveFormatOf(archiveName);
  if (kind?.format === undefined) {
    throw new LadingError(`${where(sp)} "${shorten(archiveName)}" is not an archive Lading extracts from`, { hint: `extractPath reads ${READABLE_EXTENSIONS} archives, named by their extension`, position: def.positionOf(sp) });
  }
  const format = kind.format;
  const leftover = leftoverFolders(wanted, name);
  if (leftover.includes(name)) {
    throw new LadingError(`${where(ep)} "${shorten(wanted)}" lies in a folder named like the target's base name`, { hint: 'Zarf cannot rename the extracted file onto that folder either: change the target\'s file name', position: def.positionOf(ep) });
  }
  /** Extracts from `archive` into a new temporary file; errors at the extractPath line. */
  const extract = async (archive: string, shownArchive: string): Promise<{ file: string; extracted: Extracted }> => {
    const file = tmp(`extract-${path.posix.basename(name)}`);
    try {
      return { file, extracted: await extractEntry(archive, format, wanted, file, MAX_FILE_DOWNLOAD) };
    } catch (e) {
      if (e instanceof ExtractError) throw new LadingError(`${where(ep)}: cannot extract "${shorten(wanted)}" from ${shorten(shownArchive)}: ${e.message}`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), position: def.positionOf(ep), cause: e });
      throw e;
    }
  };
  // Zarf's extraction makes files/<i> and the folders of extractPath with 0755 (archive.go dirPerm),
  // and `files` too when this is the first file (else an earlier one made it, 0700).
  const folderOf = name.slice(0, name.lastIndexOf('/'));
  const dirs: TarEntry[] = [
    ...(p[p.length - 1] === 0 ? [{ path: 'files', type: 'directory', mode: EXTRACT_DIR_MODE } as const] : []),
    { path: folderOf, type: 'directory', mode: EXTRACT_DIR_MODE },
    ...leftover.map((d): TarEntry => ({ path: d, type: 'directory', mode: EXTRACT_DIR_MODE }))
  ];
  const asFolder = (shown: string): Piece => ({ entries: [...dirs, { path: name, type: 'directory', mode: ZARF_EXECUTABLE_MODE }], items: [{ kind: 'file', path: `${name}/`, source: `${shown} (${wanted})`, size: 0 }] });
  const checked = (extracted: Extracted): string | undefined => {
    if (extracted.type !== 'file') {
      if (expected !== undefined) throw new LadingError(`${where([...p, 'shasum'])} is given for "${shorten(wanted)}", a folder in the archive`, { hint: 'a shasum checks a single file: remove it, or extract a file', position: def.positionOf([...p, 'shasum']) });
      return undefined;
    }
    if (expected !== undefined && extracted.sha256 !== expected) throw mismatch(extracted.sha256);
    return extracted.sha256;
  };
  const verified = expected !== undefined ? { verified: 'shasum verified' } : {};

  if (isUrl(f.source)) {
    const url = f.source;
    const shown = displayUrl(splitUrlChecksum(url).url);
    const fetchAndExtract = async (): Promise<{ file: string; size: number; sha256: string; extracted: Extracted }> => {
      const d = await download(url, archiveName, MAX_FILE_DOWNLOAD);
      try {
        const x = await extract(d.file, shown);
        checked(x.extracted);
        return { file: x.file, size: x.extracted.type === 'file' ? x.extracted.size : 0, sha256: x.extracted.type === 'file' ? x.extracted.sha256 : '', extracted: x.extracted };
      } finally {
        await rm(d.file, { force: true });
      }
    };
    if (expected !== undefined && SHA256_HEX.test(expected)) {
      // The shasum names the extracted file: the cache keeps that, not the archive.
      const got = await contentAddressed(expected, url, MAX_FILE_DOWNLOAD, `${wanted} of ${shown}`, fetchAndExtract);
      return {
        entries: [...dirs, { path: name, type: 'file', source: got.file, size: got.size, mode, verifyDigest: got.blob.digest }],
        items: [{ kind: 'file', path: name, source: `${shown} (${wanted})`, size: got.size, ...verified }],
        blobs: [got.blob]
      };
    }
    const x = await fetchAndExtract();
    if (x.extracted.type !== 'file') return asFolder(shown);
    return {
      entries: [...dirs, { path: name, type: 'file', source: x.file, size: x.size, mode, verifyDigest: `sha256:${x.sha256}` }],
      items: [{ kind: 'file', path: name, source: `${shown} (${wanted})`, size: x.size, ...verified }]
    };
  }
  const r = await local(f.source, sp, 'the archive');
  const shown = display(path.resolve(def.dir, f.source));
  if (r.isDir) throw new LadingError(`${where(sp)} "${shorten(f.source)}" is a folder, not an archive`, { hint: 'extractPath takes a file out of an archive: point source at the archive', position: def.positionOf(sp) });
  const x = await extract(r.real, shown);
  const sha = checked(x.extracted);
  if (x.extracted.type !== 'file' || sha === undefined) return asFolder(shown);
  return {
    entries: [...dirs, { path: name, type: 'file', source: x.file, size: x.extracted.size, mode, verifyDigest: `sha256:${sha}` }],
    items: [{ kind: 'file', path: name, source: `${shown} (${wanted})`, size: x.extracted.size, ...verified }]
  };
}

/** The mode of the folders Zarf's archive extraction creates (archive.go dirPerm, umask 022). */
const EXTRACT_DIR_MODE = 0o755;

/**
 * The folders Zarf's extraction leaves behind in `files/<i>/`: each folder of extractPath (cleaned
 * as Go's filepath.Join cleans it) when the entry is renamed away from where it was extracted.
 */
export function leftoverFolders(extractPath: string, name: string): string[] {
  const base = name.slice(0, name.lastIndexOf('/'));
  const clean = path.posix.normalize(extractPath).replace(/\/+$/, '');
  if (`${base}/${clean}` === name) return [];
  const segments = clean.split('/').slice(0, -1).filter((s) => s !== '' && s !== '.');
  return segments.map((_, i) => `${base}/${segments.slice(0, i + 1).join('/')}`);
}
