/**
 * A component's `files`: a URL (downloaded; through the blob cache when a shasum names it) or a
 * local file or folder, packaged as `files/<i>/<base name of target>` (Zarf's layout), its shasum
 * checked, with the mode Zarf gives it (0600, 0700 executable; a folder 0700, its content keeping its
 * own modes: zarf-modes.ts). A folder brings every regular file below it; symbolic links are
 * followed while they stay inside the workspace.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { LadingError } from '../../errors.js';
import { displayUrl } from '../../sources/http.js';
import type { TarEntry } from '../tarball.js';
import type { ZarfComponent } from '../../definition/schema.js';
import { targetBaseName } from './checks.js';
import { MAX_FILE_DOWNLOAD, SHA256_HEX, bytewise, sha256OfFile, type CollectContext, type ContentItem, type Piece } from './content.js';
import { isInside, isUrl, shorten, type PathSegment } from './paths.js';
import { ZARF_EXECUTABLE_MODE, ZARF_FILE_MODE, copiedMode } from '../zarf-modes.js';

export async function fileTask(c: CollectContext, f: NonNullable<ZarfComponent['files']>[number], p: PathSegment[], j: number): Promise<Piece> {
  const { def, where, download, contentAddressed, local, display, realRootDirs } = c;
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
  if (isUrl(f.source)) {
    const url = f.source;
    const fetch = async (): Promise<{ file: string; size: number; sha256: string }> => {
      const d = await download(url, targetBaseName(f.target), MAX_FILE_DOWNLOAD);
      if (expected !== undefined && d.sha256 !== expected) throw mismatch(d.sha256);
      return d;
    };
    const item: ContentItem = { kind: 'file', path: name, source: displayUrl(url), size: 0, ...(expected !== undefined ? { verified: 'shasum verified' } : {}) };
    if (expected === undefined || !SHA256_HEX.test(expected)) {
      // No shasum: the file is only known once downloaded, so it is not cached.
      const d = await fetch();
      return { entries: [{ path: name, type: 'file', source: d.file, size: d.size, mode, verifyDigest: `sha256:${d.sha256}` }], items: [{ ...item, size: d.size }] };
    }
    const c = await contentAddressed(expected, url, MAX_FILE_DOWNLOAD, `file ${displayUrl(url)}`, fetch);
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
      const got = await sha256OfFile(r.real);
      if (got !== expected) throw mismatch(got);
      verifyDigest = `sha256:${got}`;
    }
    return {
      entries: [{ path: name, type: 'file', source: r.real, size: r.size, mode, ...(verifyDigest !== undefined ? { verifyDigest } : {}) }],
      items: [{ kind: 'file', path: name, source: shown, size: r.size, ...(expected !== undefined ? { verified: 'shasum verified' } : {}) }]
    };
  }
  // A folder: every regular file below it, links followed when they stay inside the workspace.
  // The folder itself gets 0700; what is inside keeps its modes (Zarf's copy keeps them).
  const entries: TarEntry[] = [{ path: name, type: 'directory', mode: ZARF_EXECUTABLE_MODE }];
  let total = 0;
  const seen = new Set<string>();
  const walk = async (realDir: string, rel: string): Promise<void> => {
    if (seen.has(realDir)) throw new LadingError(`${where(sp)} "${shorten(f.source)}" holds a symbolic link loop at ${rel}`, { hint: 'remove the link', position: def.positionOf(sp) });
    seen.add(realDir);
    for (const n of (await readdir(realDir)).sort(bytewise)) {
      const childRel = rel === '' ? n : `${rel}/${n}`;
      let real: string;
      try {
        real = await realpath(path.join(realDir, n));
      } catch {
        throw new LadingError(`${where(sp)}: ${shorten(f.source)}/${childRel} is a broken symbolic link`, { hint: 'remove it', position: def.positionOf(sp) });
      }
      if (!realRootDirs.some((r) => r === real || isInside(r, real))) {
        throw new LadingError(`${where(sp)}: ${shorten(f.source)}/${childRel} leads outside the workspace through a symbolic link`, { hint: 'copy the file in instead of linking to it', position: def.positionOf(sp) });
      }
      const s = await stat(real);
      if (s.isDirectory()) {
        entries.push({ path: `${name}/${childRel}`, type: 'directory', mode: copiedMode(s.mode) });
        await walk(real, childRel);
      } else if (s.isFile()) {
        total += s.size;
        entries.push({ path: `${name}/${childRel}`, type: 'file', source: real, size: s.size, mode: copiedMode(s.mode) });
      } else {
        throw new LadingError(`${where(sp)}: ${shorten(f.source)}/${childRel} is not a regular file`, { hint: 'remove it from the folder', position: def.positionOf(sp) });
      }
    }
    seen.delete(realDir);
  };
  await walk(r.real, '');
  return { entries, items: [{ kind: 'file', path: `${name}/`, source: `${shown}/`, size: total }] };
}
