/**
 * Extracting a skeleton's component tar (`components/<name>.tar`, whose entries all sit under one
 * top folder `<name>/`) into a fresh folder with that top folder stripped, as Zarf does for an
 * `import.url`. The tar is hashed while it is read and must match its digest; nothing in it may land
 * outside the folder: absolute names, `..` that climbs out, symlinks whose target leaves the folder,
 * hard links to something that is not already extracted, writes through a symlink, and device or fifo
 * entries are refused.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, lstat, mkdir, open, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { LadingError } from '../errors.js';

const READ_CHUNK = 1 << 20;

/** An entry name relative to the stripped root: `/`-separated, cleaned; undefined when it leaves it. */
export function strippedName(raw: string): string | undefined | null {
  const parts = raw.split('/').filter((s) => s !== '' && s !== '.');
  // The top folder itself (or an entry beside it, which Zarf skips too): nothing to write.
  if (parts.length <= 1) return null;
  const out: string[] = [];
  for (const seg of parts.slice(1)) {
    if (seg === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(seg);
  }
  return out.length === 0 ? null : out.join('/');
}

/** Where a symlink at `name` (stripped) points, relative to the root; undefined when it leaves the root. */
export function symlinkTarget(name: string, target: string): string | undefined {
  if (target === '' || target.startsWith('/') || target.includes('\\') || target.includes('\0')) return undefined;
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(name), target));
  if (resolved === '..' || resolved.startsWith('../') || resolved.startsWith('/')) return undefined;
  return resolved;
}

export interface ExtractOptions {
  /** `sha256:<hex>` the tar's bytes must hash to. */
  digest: string;
  /** How the tar is named in errors (e.g. `components/web.tar of oci://host/repo:1.0.0`). */
  what: string;
  signal?: AbortSignal;
}

function unsafe(what: string, entry: string, why: string): LadingError {
  const shown = entry.length > 160 ? `${entry.slice(0, 160)}...` : entry;
  return new LadingError(`${what} holds an entry "${shown}" that ${why}; it was not extracted`, {
    hint: 'the skeleton is malformed or malicious: publish it again with zarf package publish, or import another one'
  });
}

/**
 * Extracts `tarFile` into `dest` (an empty folder that this call owns), stripping the top folder.
 * Throws a LadingError for an unsafe entry or when the bytes do not hash to `opts.digest`; the caller
 * removes `dest` then.
 */
export async function extractStripped(tarFile: string, dest: string, opts: ExtractOptions): Promise<void> {
  const { what } = opts;
  const symlinks = new Set<string>();
  const written = new Set<string>();
  const hash = createHash('sha256');
  const hasher = new Transform({
    transform(chunk: Buffer, _enc, cb): void {
      hash.update(chunk);
      cb(null, chunk);
    }
  });

  /** Refuses a name one of whose parent folders is a symlink written by this tar. */
  const checkParents = (name: string): void => {
    const parts = name.split('/');
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      if (symlinks.has(parent)) throw unsafe(what, name, `would be written through the symlink ${parent}`);
    }
  };
  const abs = (name: string): string => path.join(dest, ...name.split('/'));
  /** Makes room for `name`: parents created, whatever a previous entry left there removed (never followed). */
  const prepare = async (name: string): Promise<string> => {
    checkParents(name);
    const p = abs(name);
    await mkdir(path.dirname(p), { recursive: true, mode: 0o755 });
    const prior = await lstat(p).catch(() => undefined);
    if (prior !== undefined) {
      if (prior.isDirectory()) throw unsafe(what, name, 'would replace a folder of the same name');
      await rm(p, { force: true });
    }
    symlinks.delete(name);
    return p;
  };

  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const handle = async (): Promise<void> => {
      opts.signal?.throwIfAborted();
      const raw = header.name;
      if (raw.startsWith('/') || raw.includes('\\') || raw.includes('\0')) throw unsafe(what, raw, 'is not a relative path');
      const name = strippedName(raw);
      if (name === undefined) throw unsafe(what, raw, 'would leave the folder it is extracted into');
      const type = header.type ?? 'file';
      if (name === null) {
        stream.resume();
        return;
      }
      switch (type) {
        case 'directory': {
          checkParents(name);
          const p = abs(name);
          const prior = await lstat(p).catch(() => undefined);
          if (prior !== undefined && !prior.isDirectory()) throw unsafe(what, raw, 'is a folder where an earlier entry wrote something else');
          await mkdir(p, { recursive: true, mode: ((header.mode ?? 0o755) & 0o777) | 0o700 });
          stream.resume();
          return;
        }
        case 'file':
        case 'contiguous-file': {
          const p = await prepare(name);
          const fh = await open(p, 'wx', ((header.mode ?? 0o644) & 0o777) | 0o600);
          try {
            for await (const chunk of stream as AsyncIterable<Buffer>) await fh.write(chunk);
          } finally {
            await fh.close();
          }
          written.add(name);
          return;
        }
        case 'symlink': {
          const target = header.linkname ?? '';
          if (symlinkTarget(name, target) === undefined) throw unsafe(what, `${raw} -> ${target}`, 'is a symlink pointing outside the folder');
          const p = await prepare(name);
          await symlink(target, p);
          symlinks.add(name);
          stream.resume();
          return;
        }
        case 'link': {
          const rawTarget = header.linkname ?? '';
          const target = rawTarget.startsWith('/') ? undefined : strippedName(rawTarget);
          if (target === undefined || target === null || !written.has(target)) throw unsafe(what, `${raw} => ${rawTarget}`, 'is a hard link to nothing extracted before it');
          const p = await prepare(name);
          await link(abs(target), p);
          written.add(name);
          stream.resume();
          return;
        }
        default:
          throw unsafe(what, raw, `is a ${type} entry, which a component cannot hold`);
      }
    };
    handle().then(
      () => next(),
      (e: unknown) => {
        stream.resume();
        next(e as Error);
      }
    );
  });

  try {
    const source = createReadStream(tarFile, { highWaterMark: READ_CHUNK });
    const sink = extract as unknown as NodeJS.WritableStream;
    if (opts.signal !== undefined) await pipeline(source, hasher, sink, { signal: opts.signal });
    else await pipeline(source, hasher, sink);
  } catch (e) {
    if (e instanceof LadingError) throw e;
    if (opts.signal?.aborted === true) throw new LadingError(`cancelled while extracting ${what}`, { cause: e });
    throw new LadingError(`${what} is not a readable tar: ${(e as Error).message}`, { hint: 'the skeleton is damaged; publish it again', cause: e });
  }
  const got = `sha256:${hash.digest('hex')}`;
  if (got !== opts.digest) {
    throw new LadingError(`${what} does not match its digest ${opts.digest} (its bytes hash to ${got})`, { hint: 'the cached or downloaded copy is damaged; run again (the damaged copy was removed)' });
  }
}
