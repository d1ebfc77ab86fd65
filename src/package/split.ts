/**
 * Multi-part packages (input `max-package-size`, Zarf's `--max-package-size`): a package file larger
 * than N MB (N x 1,000,000 bytes) becomes `<file>.part001`, `<file>.part002`, ... of N MB each (the
 * last one shorter) and `<file>.part000`, the JSON `{"Sha256Sum":"<sha256 of the whole>","Bytes":
 * <size>,"Count":<data parts>}`, as Zarf's split.SplitFile writes them (layout/package.go Archive).
 * `zarf package deploy <file>.part000` joins them back (split.ReassembleFile: the parts sorted by
 * name, Count checked). Streamed: memory stays flat whatever the package size.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { LadingError } from '../errors.js';

/** Zarf's megabyte: `--max-package-size 100` means parts of 100,000,000 bytes. */
export const MEGABYTE = 1000 * 1000;

/** Part numbers are `%03d`: part000 is the metadata, so at most 999 parts of data. */
export const MAX_PARTS = 999;

/** The content of `.part000` (Go's json.Marshal of Zarf's SplitFileMetadata: field order kept). */
export interface SplitMetadata {
  Sha256Sum: string;
  Bytes: number;
  Count: number;
}

export interface SplitResult {
  /** Absolute paths of the files written, `.part000` first. */
  files: string[];
  /** Parts holding data (`.part000` not counted), as in the metadata. */
  count: number;
  /** Size of the whole package, in bytes. */
  size: number;
  /** sha256 hex of the whole package. */
  sha256: string;
  /** Bytes per part (all but the last). */
  partSize: number;
}

/** The name of part `i` of `file` (Zarf's `%s.part%03d`). */
export function partName(file: string, i: number): string {
  return `${file}.part${String(i).padStart(3, '0')}`;
}

/** Go's json.Marshal of the metadata: compact, fields in struct order. */
export function renderSplitMetadata(m: SplitMetadata): string {
  return JSON.stringify({ Sha256Sum: m.Sha256Sum, Bytes: m.Bytes, Count: m.Count });
}

/** Whether a package of `size` bytes is split under a limit of `maxMB` (0: never). */
export function needsSplit(size: number, maxMB: number): boolean {
  return maxMB > 0 && size > maxMB * MEGABYTE;
}

/**
 * Refuses a split into more than 999 data parts. Zarf checks `size / chunk > 999` (integer
 * division), which still lets through 1,000 parts when the last one is short; its `.part1000` would
 * then sort between `.part100` and `.part101` when deploy joins the parts, so Lading refuses that
 * case too.
 */
function checkPartCount(size: number, partSize: number, maxMB: number): number {
  const count = Math.ceil(size / partSize);
  if (count > MAX_PARTS) {
    throw new LadingError(
      `unable to split the package archive into multiple files: must be less than 1,000 files (${size} bytes in parts of ${maxMB} MB would be ${count} parts)`,
      { hint: `raise max-package-size to at least ${Math.ceil(size / MAX_PARTS / MEGABYTE)} (MB), or set it to 0 to write one file` }
    );
  }
  return count;
}

/**
 * Splits `src` into parts written next to it (`<src>.part001`..., `<src>.part000`), then moves them
 * to `dest` (`<dest>.part000`...), replacing the unsplit `dest` and the parts of an earlier split of
 * the same name; `src` is removed. On failure every part written is removed and `dest`'s folder is
 * left as it was.
 */
export async function splitPackage(src: string, dest: string, maxMB: number, signal?: AbortSignal): Promise<SplitResult> {
  if (!Number.isInteger(maxMB) || maxMB <= 0) throw new LadingError(`max-package-size must be a whole number of MB above 0 to split, got ${maxMB}`);
  const partSize = maxMB * MEGABYTE;
  const { size } = await stat(src);
  const count = checkPartCount(size, partSize, maxMB);
  const staged: string[] = [];
  const moved: string[] = [];
  try {
    const hash = createHash('sha256');
    for (let i = 1; i <= count; i++) {
      const start = (i - 1) * partSize;
      const end = Math.min(size, start + partSize) - 1;
      const part = partName(src, i);
      staged.push(part);
      await pipeline(
        createReadStream(src, { start, end, highWaterMark: 1 << 20 }),
        new Transform({
          transform(chunk: Buffer, _enc, cb) {
            hash.update(chunk);
            cb(null, chunk);
          }
        }),
        createWriteStream(part, { flags: 'wx', mode: 0o644 }),
        signal !== undefined ? { signal } : {}
      );
      const written = (await stat(part)).size;
      if (written !== end - start + 1) throw new LadingError(`${path.basename(part)} holds ${written} bytes, ${end - start + 1} were expected`);
    }
    const sha256 = hash.digest('hex');
    const meta = partName(src, 0);
    staged.unshift(meta);
    await writeFile(meta, renderSplitMetadata({ Sha256Sum: sha256, Bytes: size, Count: count }), { flag: 'wx', mode: 0o644 });
    signal?.throwIfAborted();

    // Commit: what an earlier run left under this name goes, then the parts move in.
    await removeStale(dest);
    for (let i = 0; i < staged.length; i++) {
      const to = partName(dest, i);
      await rename(staged[i] as string, to);
      moved.push(to);
    }
    await rm(src, { force: true });
    return { files: moved, count, size, sha256, partSize };
  } catch (e) {
    await Promise.all([...staged, ...moved].map((f) => rm(f, { force: true }).catch(() => undefined)));
    throw e;
  }
}

/** Removes `dest` and `<dest>.partNNN` files (Zarf removes both before it writes the package). */
async function removeStale(dest: string): Promise<void> {
  const dir = path.dirname(dest);
  const base = path.basename(dest);
  const stale = (await readdir(dir)).filter((n) => n === base || (n.startsWith(`${base}.part`) && /^\d{3,}$/.test(n.slice(base.length + 5))));
  for (const n of stale) await rm(path.join(dir, n), { force: true });
}
