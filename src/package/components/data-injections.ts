/**
 * A component's `dataInjections`: each source (a URL, downloaded, its trailing `@<sha256>` checked
 * and used as its address in the blob cache; a local file; a local folder,
 * copied as Zarf copies it: folder.ts) packaged as `data/<i>/<base name of target.path>`, `i`
 * counting the component's data injections, as Zarf's assemble step lays them out. Nothing is
 * chmod'ed: a local file or folder keeps its own mode, a download has 0644 (zarf-modes.ts).
 */
import path from 'node:path';
import { LadingError } from '../../errors.js';
import { displayUrl } from '../../sources/http.js';
import type { ZarfComponent } from '../../definition/schema.js';
import { splitUrlChecksum } from '../../sources/url-checksum.js';
import { MAX_FILE_DOWNLOAD, SHA256_HEX, type CollectContext, type Piece } from './content.js';
import { copiedMode, ZARF_DOWNLOAD_MODE } from '../zarf-modes.js';
import { folderEntries } from './folder.js';
import { goBase, isUrl, shorten, type PathSegment } from './paths.js';

/** Zarf's place for data injection `i` targeting `targetPath`. */
export function dataInjectionPath(i: number, targetPath: string): string {
  return `data/${i}/${goBase(targetPath)}`;
}

export async function dataInjectionTask(c: CollectContext, d: NonNullable<ZarfComponent['dataInjections']>[number], p: PathSegment[], i: number): Promise<Piece> {
  const { def, where, download, contentAddressed, local, display } = c;
  const name = dataInjectionPath(i, d.target.path);
  const sp: PathSegment[] = [...p, 'source'];
  if (isUrl(d.source)) {
    // A trailing `@<sha256>` is checked by download() and, being known before, goes through the blob cache.
    const { url, checksum } = splitUrlChecksum(d.source);
    const shown = displayUrl(url);
    const fetch = (): Promise<{ file: string; size: number; sha256: string }> => download(d.source, goBase(d.target.path), MAX_FILE_DOWNLOAD);
    if (checksum !== undefined && SHA256_HEX.test(checksum)) {
      const got = await contentAddressed(checksum, url, MAX_FILE_DOWNLOAD, `data ${shown}`, fetch);
      return {
        entries: [{ path: name, type: 'file', source: got.file, size: got.size, mode: ZARF_DOWNLOAD_MODE, verifyDigest: got.blob.digest }],
        items: [{ kind: 'data', path: name, source: shown, size: got.size, verified: 'sha256 after "@" verified' }],
        blobs: [got.blob]
      };
    }
    const got = await fetch();
    return {
      entries: [{ path: name, type: 'file', source: got.file, size: got.size, mode: ZARF_DOWNLOAD_MODE, verifyDigest: `sha256:${got.sha256}` }],
      items: [{ kind: 'data', path: name, source: shown, size: got.size }]
    };
  }
  const r = await local(d.source, sp, 'the data');
  const shown = display(path.resolve(def.dir, d.source));
  if (!r.isDir) {
    return {
      entries: [{ path: name, type: 'file', source: r.real, size: r.size, mode: copiedMode(r.mode) }],
      items: [{ kind: 'data', path: name, source: shown, size: r.size }]
    };
  }
  const folder = await folderEntries(r.real, name, copiedMode(r.mode), (rel) => new LadingError(`${where(sp)}: ${shorten(d.source)}/${rel} is not a regular file, folder or symbolic link`, { hint: 'remove it from the folder', position: def.positionOf(sp) }));
  return { entries: folder.entries, items: [{ kind: 'data', path: `${name}/`, source: `${shown}/`, size: folder.size }] };
}
