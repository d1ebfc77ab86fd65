/**
 * What tells one state of a file from another without reading it: device, inode, size and
 * modification time (nanoseconds). A store records it for a blob right after hashing the blob's bytes,
 * and whoever reads the blob later compares: the same identity means the same bytes, so they need
 * not be hashed again.
 *
 * Any write to the file sets its modification time to the current time. To make sure that time
 * differs from the recorded one even within the clock's resolution (kernels before 6.13 stamp files
 * with a clock that moves every few ms), a store sets a blob's modification time to one second in the
 * past once its bytes are verified (`stampVerified`), before recording it. An alteration that then
 * puts that time back on purpose (a forgery by someone who can already write to the runner's disk)
 * is not caught; every other change to a stored blob is.
 */
import type { BigIntStats } from 'node:fs';
import { stat, utimes } from 'node:fs/promises';

export interface FileIdentity {
  dev: bigint;
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
}

export function identityOf(s: BigIntStats): FileIdentity {
  return { dev: s.dev, ino: s.ino, size: s.size, mtimeNs: s.mtimeNs };
}

export function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs;
}

/**
 * Sets `file`'s modification time one second back (see above) and returns its identity. Call it once
 * the bytes of `file` are verified and nothing writes to it any more.
 */
export async function stampVerified(file: string): Promise<FileIdentity> {
  const past = new Date(Date.now() - 1000);
  await utimes(file, past, past);
  return identityOf(await stat(file, { bigint: true }));
}
