import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import tar from 'tar-stream';
import { OciError } from '../oci/errors.js';
import { startsZstd, zstdDecompressFrames } from '../zstd-decompress.js';

/**
 * Read access to the files of an image archive, whatever its container: an OCI layout directory or a
 * (possibly compressed) tar. Names are archive-relative, `/`-separated and already normalized
 * (see {@link normalizeEntryName}); nothing here trusts a file's content.
 */
export interface ArchiveFiles {
  readonly kind: 'directory' | 'tar';
  /** Size of the regular file `name` (links inside the archive followed), or undefined when absent. */
  size(name: string): Promise<number | undefined>;
  /** Streams `length` bytes of `name` from `start` (defaults: the whole file). */
  stream(name: string, start?: number, length?: number): Promise<Readable>;
  /** Removes whatever was extracted into the scratch folder. */
  close(): Promise<void>;
}

const READ_CHUNK = 1 << 20;
const MAX_LINK_DEPTH = 16;

function unsafeEntry(archive: string, entry: string, why: string): OciError {
  const shown = entry.length > 120 ? `${entry.slice(0, 120)}...` : entry;
  return new OciError(`image archive ${archive} holds an entry with an unsafe path "${shown}" (${why})`, {
    hint: 'the archive is malformed or malicious; create it again with docker save, skopeo copy or the tool that built it',
    code: 'ARCHIVE_UNSAFE_PATH'
  });
}

/**
 * Normalizes an archive entry name: strips `./` and empty segments. Returns undefined for a name that
 * would leave the archive root (absolute, or with a `..` segment).
 */
export function normalizeEntryName(raw: string): string | undefined {
  if (raw.startsWith('/') || raw.includes('\0')) return undefined;
  const parts: string[] = [];
  for (const seg of raw.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') return undefined;
    parts.push(seg);
  }
  return parts.join('/');
}

/** An OCI layout (or an extracted `docker save`) on disk. */
export class DirectoryFiles implements ArchiveFiles {
  readonly kind = 'directory' as const;
  private readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  private resolve(name: string): string {
    const n = normalizeEntryName(name);
    if (n === undefined || n === '') throw unsafeEntry(this.root, name, 'it leaves the directory');
    return path.join(this.root, ...n.split('/'));
  }

  async size(name: string): Promise<number | undefined> {
    try {
      const s = await stat(this.resolve(name));
      return s.isFile() ? s.size : undefined;
    } catch (e) {
      if (e instanceof OciError) throw e;
      return undefined;
    }
  }

  async stream(name: string, start = 0, length?: number): Promise<Readable> {
    if (length === 0) return Readable.from([]);
    const p = this.resolve(name);
    return createReadStream(p, { start, ...(length !== undefined ? { end: start + length - 1 } : {}), highWaterMark: READ_CHUNK });
  }

  async close(): Promise<void> {
    // Nothing was extracted.
  }
}

interface TarEntry {
  type: 'file' | 'hardlink' | 'symlink';
  /** Offset of the data in the (uncompressed) tar file. */
  offset: number;
  size: number;
  /** For links: the archive-relative target, normalized. */
  target?: string;
}

/** What the first bytes of a file say it is. */
export type Compression = 'none' | 'gzip' | 'zstd' | 'xz' | 'bzip2';

export function sniffCompression(head: Uint8Array): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (startsZstd(head)) return 'zstd';
  if (head.length >= 6 && head[0] === 0xfd && head[1] === 0x37 && head[2] === 0x7a && head[3] === 0x58 && head[4] === 0x5a && head[5] === 0x00) return 'xz';
  if (head.length >= 3 && head[0] === 0x42 && head[1] === 0x5a && head[2] === 0x68) return 'bzip2';
  return 'none';
}

async function readHead(file: string, n: number): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * A tar read in one sequential pass (tar-stream) that records where each file's bytes lie; blobs are
 * then served as byte ranges of the tar, so no layer is ever held in memory. A compressed tar is first
 * decompressed once into the scratch folder.
 */
export class TarFiles implements ArchiveFiles {
  readonly kind = 'tar' as const;
  /** The plain tar the offsets refer to (the archive itself, or its decompressed copy). */
  private readonly tarPath: string;
  private readonly entries: Map<string, TarEntry>;
  private readonly prefix: string;
  private readonly scratch: string | undefined;

  private constructor(tarPath: string, entries: Map<string, TarEntry>, prefix: string, scratch: string | undefined) {
    this.tarPath = tarPath;
    this.entries = entries;
    this.prefix = prefix;
    this.scratch = scratch;
  }

  /**
   * Indexes `file` (`display` is the name used in messages). A tar holding a single top folder whose
   * content is the layout (`tar cf x.tar mylayout/`) is read from inside that folder.
   */
  static async open(file: string, display: string, workDir: string): Promise<TarFiles> {
    const compression = sniffCompression(await readHead(file, 6));
    let tarPath = file;
    let scratch: string | undefined;
    if (compression === 'xz' || compression === 'bzip2') {
      throw new OciError(`image archive ${display} is ${compression}-compressed, which is not supported`, {
        hint: `decompress it first (${compression === 'xz' ? 'xz -d' : 'bunzip2'}), or save it as a plain or gzip-compressed tar`,
        code: 'ARCHIVE_UNSUPPORTED'
      });
    }
    if (compression !== 'none') {
      await mkdir(workDir, { recursive: true });
      scratch = await mkdtemp(path.join(workDir, 'archive-'));
      tarPath = path.join(scratch, 'archive.tar');
      try {
        const decompress = compression === 'gzip' ? zlib.createGunzip() : zstdDecompressFrames();
        await pipeline(createReadStream(file, { highWaterMark: READ_CHUNK }), decompress, createWriteStream(tarPath));
      } catch (e) {
        await rm(scratch, { recursive: true, force: true });
        throw new OciError(`image archive ${display} looks ${compression}-compressed but could not be decompressed: ${(e as Error).message}`, {
          hint: 'the file is truncated or corrupt; create it again',
          code: 'ARCHIVE_INVALID',
          cause: e
        });
      }
    }
    try {
      const entries = await indexTar(tarPath, display);
      return new TarFiles(tarPath, entries, topFolder(entries), scratch);
    } catch (e) {
      if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
      throw e;
    }
  }

  /** Follows links inside the archive to the regular file that holds the bytes. */
  private lookup(name: string): TarEntry | undefined {
    const n = normalizeEntryName(name);
    if (n === undefined) return undefined;
    let key = this.prefix === '' ? n : `${this.prefix}/${n}`;
    for (let depth = 0; depth < MAX_LINK_DEPTH; depth++) {
      const e = this.entries.get(key);
      if (e === undefined) return undefined;
      if (e.type === 'file') return e;
      key = e.target ?? '';
    }
    return undefined;
  }

  async size(name: string): Promise<number | undefined> {
    return this.lookup(name)?.size;
  }

  async stream(name: string, start = 0, length?: number): Promise<Readable> {
    const e = this.lookup(name);
    if (e === undefined) throw new OciError(`${name} is not in the archive`, { code: 'ARCHIVE_MISSING_ENTRY' });
    const len = Math.max(0, Math.min(length ?? e.size - start, e.size - start));
    if (len === 0) return Readable.from([]);
    return createReadStream(this.tarPath, { start: e.offset + start, end: e.offset + start + len - 1, highWaterMark: READ_CHUNK });
  }

  async close(): Promise<void> {
    if (this.scratch !== undefined) await rm(this.scratch, { recursive: true, force: true });
  }
}

/** The one folder every entry lives in, when the layout files are not at the root; '' otherwise. */
function topFolder(entries: Map<string, TarEntry>): string {
  if (entries.has('index.json') || entries.has('manifest.json')) return '';
  let top: string | undefined;
  for (const name of entries.keys()) {
    const slash = name.indexOf('/');
    if (slash < 0) return '';
    const first = name.slice(0, slash);
    if (top === undefined) top = first;
    else if (top !== first) return '';
  }
  if (top === undefined) return '';
  return entries.has(`${top}/index.json`) || entries.has(`${top}/manifest.json`) ? top : '';
}

async function indexTar(tarPath: string, display: string): Promise<Map<string, TarEntry>> {
  const { size: fileSize } = await stat(tarPath);
  const entries = new Map<string, TarEntry>();
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    let failure: Error | undefined;
    try {
      // tar-stream sets byteOffset: where the entry's data starts in the tar (after any pax header).
      record(header as tar.Header & { byteOffset?: unknown });
    } catch (e) {
      failure = e as Error;
    }
    stream.on('end', () => next(failure));
    stream.resume();
  });

  function record(h: tar.Header & { byteOffset?: unknown }): void {
    const raw = h.name;
    const name = normalizeEntryName(raw);
    if (name === undefined) throw unsafeEntry(display, raw, raw.startsWith('/') ? 'absolute path' : 'it leaves the archive root');
    const type = h.type ?? 'file';
    if (type === 'file' || type === 'contiguous-file') {
      const size = h.size ?? 0;
      const offset = h.byteOffset;
      if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset % 512 !== 0 || offset + size > fileSize) {
        throw new OciError(`cannot locate the data of ${raw} in image archive ${display}`, {
          hint: 'the tar is truncated or uses an unsupported format; create it again',
          code: 'ARCHIVE_INVALID'
        });
      }
      if (name !== '') entries.set(name, { type: 'file', offset, size });
      return;
    }
    if (type === 'link' || type === 'symlink') {
      const link = h.linkname ?? '';
      // Hard links name their target from the archive root; symlinks relative to their own folder.
      let target: string | undefined;
      if (type === 'link') target = normalizeEntryName(link);
      else if (!link.startsWith('/')) target = normalizeEntryName(path.posix.join(path.posix.dirname(name), link));
      if (target === undefined || target === '') throw unsafeEntry(display, `${raw} -> ${link}`, 'its link target leaves the archive root');
      entries.set(name, { type: type === 'link' ? 'hardlink' : 'symlink', offset: 0, size: 0, target });
      return;
    }
    // Folders, devices, fifos: nothing to serve (their names were still checked above).
  }

  try {
    await pipeline(createReadStream(tarPath, { highWaterMark: READ_CHUNK }), extract as unknown as NodeJS.WritableStream);
  } catch (e) {
    if (e instanceof OciError) throw e;
    throw new OciError(`image archive ${display} is not a readable tar: ${(e as Error).message}`, {
      hint: 'give an OCI layout folder, or a tar (plain or gzip) made by docker save, skopeo copy ... oci-archive: or docker-archive:',
      code: 'ARCHIVE_INVALID',
      cause: e
    });
  }
  return entries;
}

/** Reads a whole (small) file of the archive, refusing anything larger than `max` bytes. */
export async function readSmall(files: ArchiveFiles, name: string, max: number, what: string): Promise<Buffer | undefined> {
  const size = await files.size(name);
  if (size === undefined) return undefined;
  if (size > max) {
    throw new OciError(`${what} is ${size} bytes, more than the ${max} allowed`, { hint: 'the archive is malformed', code: 'ARCHIVE_INVALID' });
  }
  const chunks: Buffer[] = [];
  for await (const c of await files.stream(name)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
