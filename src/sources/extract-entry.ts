/**
 * Takes one entry out of an archive, as Zarf's `files[].extractPath` does (src/pkg/archive/
 * archive.go): the format comes from the archive's file name (the longest known extension), and
 * only the entry whose name in the archive is exactly the one asked for is extracted, else
 * `file "x" not found in archive`. The archive is streamed, never read whole: tar through tar-stream
 * (gzip, zstd and brotli through node's zlib; bzip2 and xz through the `bzip2` and `xz` programs,
 * which runners have), zip by its central directory, the one entry's bytes inflated as they are read
 * and checked against the zip's CRC-32.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { PassThrough, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createBrotliDecompress, createGunzip, createInflateRaw } from 'node:zlib';
import tar from 'tar-stream';
import type { ArchiveFormat } from './archive-format.js';
import { HintedError } from '../errors.js';
import { zstdDecompressFrames } from '../zstd-decompress.js';

export { archiveFormatOf, READABLE_EXTENSIONS, type ArchiveFormat } from './archive-format.js';

export class ExtractError extends HintedError {
  override readonly name = 'ExtractError';
}

export type Extracted = { type: 'file'; size: number; sha256: string } | { type: 'directory' };

/** Writes a stream to `dest` (replacing it), hashing it and stopping past `max` bytes. */
async function writeCounted(source: NodeJS.ReadableStream, dest: string, max: number, extra?: Transform): Promise<{ size: number; sha256: string; crc: number }> {
  const h = createHash('sha256');
  let size = 0;
  let crc = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > max) {
        cb(new ExtractError(`the entry is over ${Math.round(max / 1024 / 1024)} MiB`, 'check extractPath'));
        return;
      }
      h.update(chunk);
      crc = crc32(chunk, crc);
      cb(null, chunk);
    }
  });
  if (extra !== undefined) await pipeline(source, extra, count, createWriteStream(dest, { mode: 0o600 }));
  else await pipeline(source, count, createWriteStream(dest, { mode: 0o600 }));
  return { size, sha256: h.digest('hex'), crc };
}

/** Formats read through a program: its name. */
const PROGRAMS: Partial<Record<ArchiveFormat, string>> = { 'tar.bz2': 'bzip2', 'tar.xz': 'xz' };

/** Streams `archive` through `program -dc` into `sink`; the program's failure is an ExtractError. */
async function throughProgram(archive: string, program: string, sink: NodeJS.WritableStream, env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(program, ['-dc'], { stdio: ['pipe', 'pipe', 'pipe'], env });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    if (stderr.length < 4096) stderr += d.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  exited.catch(() => undefined); // looked at below; never an unhandled rejection
  const missing = (e: unknown): ExtractError | undefined =>
    (e as NodeJS.ErrnoException | undefined)?.code === 'ENOENT' ? new ExtractError(`${program} is not on PATH: it is needed to read this archive`, `install ${program} on the runner, or use a .tar.gz or .tar.zst archive`) : undefined;
  try {
    await Promise.all([pipeline(createReadStream(archive), child.stdin), pipeline(child.stdout, sink)]);
  } catch (e) {
    child.kill('SIGKILL');
    const ex = await exited.then(
      () => undefined,
      (x: unknown) => x
    );
    throw missing(ex) ?? e;
  }
  const code = await exited.catch((x: unknown) => {
    throw missing(x) ?? x;
  });
  if (code !== 0) throw new Error(`${program} -dc failed (exit ${code}): ${stderr.trim().split('\n')[0] ?? ''}`);
}

function decompressor(format: Exclude<ArchiveFormat, 'zip' | 'tar.bz2' | 'tar.xz'>): Transform {
  switch (format) {
    case 'tar':
      return new PassThrough();
    case 'tar.gz':
      return createGunzip();
    case 'tar.zst':
      return zstdDecompressFrames();
    case 'tar.br':
      return createBrotliDecompress();
  }
}

/** Names in the archive that differ from `wanted` only by a leading `./` or a trailing `/`. */
function nearName(name: string, wanted: string): boolean {
  const norm = (s: string): string => s.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  return name !== wanted && norm(name) === norm(wanted);
}

function notFound(wanted: string, near: string | undefined): ExtractError {
  return new ExtractError(
    `file "${wanted}" not found in archive`,
    near !== undefined ? `the archive names it "${near}": extractPath must be the entry's name exactly as the archive stores it` : 'extractPath must be the entry\'s name exactly as the archive stores it (list it with `tar -tf` or `unzip -l`)'
  );
}

function linkEntry(wanted: string): ExtractError {
  return new ExtractError(`"${wanted}" is a link in the archive, not a file`, 'give the name of the file the link points to');
}

async function extractFromTar(archive: string, format: Exclude<ArchiveFormat, 'zip'>, wanted: string, dest: string, max: number, env: NodeJS.ProcessEnv): Promise<Extracted> {
  const extract = tar.extract();
  let found: Extracted | undefined;
  let link = false;
  let near: string | undefined;
  extract.on('entry', (header, stream, next) => {
    const done = (e?: unknown): void => (e === undefined ? next() : extract.destroy(e instanceof Error ? e : new Error(String(e))));
    if (header.name !== wanted) {
      if (near === undefined && nearName(header.name, wanted)) near = header.name;
      stream.on('end', () => next());
      stream.resume();
      return;
    }
    // As Zarf writes every entry of that name in turn, the last one is what remains.
    if (header.type === 'file' || header.type === 'contiguous-file') {
      link = false;
      writeCounted(stream as unknown as NodeJS.ReadableStream, dest, max).then((r) => {
        found = { type: 'file', size: r.size, sha256: r.sha256 };
        done();
      }, done);
      return;
    }
    if (header.type === 'directory') found = { type: 'directory' };
    else if (header.type === 'symlink' || header.type === 'link') link = true;
    stream.on('end', () => next());
    stream.resume();
  });
  try {
    const program = PROGRAMS[format];
    if (program !== undefined) await throughProgram(archive, program, extract, env);
    else await pipeline(createReadStream(archive), decompressor(format as Exclude<ArchiveFormat, 'zip' | 'tar.bz2' | 'tar.xz'>), extract);
  } catch (e) {
    if (e instanceof ExtractError) throw e;
    throw new ExtractError(`it is not a readable ${format} archive (${(e as Error).message.split('\n')[0]})`, 'check that the file is the archive its name says');
  }
  if (link && found === undefined) throw linkEntry(wanted);
  if (found === undefined) throw notFound(wanted, near);
  return found;
}

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
  mode: number;
}

/** The central directory of a zip (zip64 too), read from the end of the file. */
async function zipDirectory(archive: string): Promise<ZipEntry[]> {
  const total = (await stat(archive)).size;
  const fh = await open(archive, 'r');
  try {
    const read = async (pos: number, len: number): Promise<Buffer> => {
      const b = Buffer.alloc(len);
      const { bytesRead } = await fh.read(b, 0, len, pos);
      if (bytesRead !== len) throw new ExtractError('it is not a zip archive (it ends too early)', 'check that the file is the archive its name says');
      return b;
    };
    const tailLen = Math.min(total, 22 + 0xffff);
    const tail = await read(total - tailLen, tailLen);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ExtractError('it is not a zip archive (no end of central directory)', 'check that the file is the archive its name says');
    let count = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      const locPos = total - tailLen + eocd - 20;
      const loc = locPos >= 0 ? await read(locPos, 20) : undefined;
      if (loc === undefined || loc.readUInt32LE(0) !== 0x07064b50) throw new ExtractError('it is not a readable zip archive (broken zip64 locator)');
      const z = await read(Number(loc.readBigUInt64LE(8)), 56);
      if (z.readUInt32LE(0) !== 0x06064b50) throw new ExtractError('it is not a readable zip archive (broken zip64 directory)');
      count = Number(z.readBigUInt64LE(32));
      cdSize = Number(z.readBigUInt64LE(40));
      cdOffset = Number(z.readBigUInt64LE(48));
    }
    if (cdOffset + cdSize > total || cdSize > 512 * 1024 * 1024) throw new ExtractError('it is not a readable zip archive (its directory lies outside the file)');
    const cd = await read(cdOffset, cdSize);
    const out: ZipEntry[] = [];
    let p = 0;
    for (let n = 0; n < count; n++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw new ExtractError('it is not a readable zip archive (broken central directory)');
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const e: ZipEntry = {
        flags: cd.readUInt16LE(p + 8),
        method: cd.readUInt16LE(p + 10),
        crc: cd.readUInt32LE(p + 16),
        compressed: cd.readUInt32LE(p + 20),
        size: cd.readUInt32LE(p + 24),
        mode: cd.readUInt32LE(p + 38) >>> 16,
        offset: cd.readUInt32LE(p + 42),
        name: cd.toString('utf8', p + 46, p + 46 + nameLen)
      };
      // zip64: the fields set to 0xFFFFFFFF come from the 0x0001 extra field, in this order.
      let x = p + 46 + nameLen;
      const xEnd = x + extraLen;
      while (x + 4 <= xEnd) {
        const id = cd.readUInt16LE(x);
        const len = cd.readUInt16LE(x + 2);
        if (id === 0x0001) {
          let q = x + 4;
          if (e.size === 0xffffffff && q + 8 <= x + 4 + len) (e.size = Number(cd.readBigUInt64LE(q))), (q += 8);
          if (e.compressed === 0xffffffff && q + 8 <= x + 4 + len) (e.compressed = Number(cd.readBigUInt64LE(q))), (q += 8);
          if (e.offset === 0xffffffff && q + 8 <= x + 4 + len) e.offset = Number(cd.readBigUInt64LE(q));
        }
        x += 4 + len;
      }
      out.push(e);
      p = xEnd + commentLen;
    }
    return out;
  } finally {
    await fh.close();
  }
}

async function extractFromZip(archive: string, wanted: string, dest: string, max: number): Promise<Extracted> {
  const entries = await zipDirectory(archive);
  const matching = entries.filter((e) => e.name === wanted);
  const entry = matching[matching.length - 1];
  if (entry === undefined) throw notFound(wanted, entries.find((e) => nearName(e.name, wanted))?.name);
  if ((entry.mode & 0o170000) === 0o120000) throw linkEntry(wanted);
  if (entry.name.endsWith('/') || (entry.mode & 0o170000) === 0o040000) return { type: 'directory' };
  if ((entry.flags & 1) !== 0) throw new ExtractError(`"${wanted}" is encrypted in the archive`, 'use an archive without a password');
  if (entry.method !== 0 && entry.method !== 8) throw new ExtractError(`"${wanted}" is compressed with zip method ${entry.method}, which Lading cannot read (it reads stored and deflated entries)`, 'repack the archive with deflate, or extract the file in a step before this one');
  if (entry.size > max) throw new ExtractError(`"${wanted}" is over ${Math.round(max / 1024 / 1024)} MiB`, 'check extractPath');
  const fh = await open(archive, 'r');
  let dataStart: number;
  try {
    const h = Buffer.alloc(30);
    await fh.read(h, 0, 30, entry.offset);
    if (h.readUInt32LE(0) !== 0x04034b50) throw new ExtractError('it is not a readable zip archive (broken local header)');
    dataStart = entry.offset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
  } finally {
    await fh.close();
  }
  const raw = entry.compressed === 0 ? (new PassThrough().end() as PassThrough) : createReadStream(archive, { start: dataStart, end: dataStart + entry.compressed - 1 });
  let r: { size: number; sha256: string; crc: number };
  try {
    r = await writeCounted(raw, dest, max, entry.method === 8 && entry.compressed > 0 ? createInflateRaw() : undefined);
  } catch (e) {
    if (e instanceof ExtractError) throw e;
    throw new ExtractError(`"${wanted}" cannot be read from the archive (${(e as Error).message.split('\n')[0]})`, 'check that the archive is whole');
  }
  if (r.size !== entry.size || r.crc !== entry.crc) throw new ExtractError(`"${wanted}" is damaged in the archive (its size or CRC-32 does not match)`, 'download the archive again');
  return { type: 'file', size: r.size, sha256: r.sha256 };
}

/**
 * Extracts the entry named exactly `wanted` from `archive` (of `format`) into the new file `dest`.
 * A folder entry is reported, not written; a link entry is refused. Throws ExtractError. `env`: where
 * `bzip2` and `xz` are looked for (PATH).
 */
export async function extractEntry(archive: string, format: ArchiveFormat, wanted: string, dest: string, max: number, env: NodeJS.ProcessEnv = process.env): Promise<Extracted> {
  return format === 'zip' ? extractFromZip(archive, wanted, dest, max) : extractFromTar(archive, format, wanted, dest, max, env);
}

