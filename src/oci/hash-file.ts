/**
 * Hashing a whole file: the one reader every "what is this file's digest" goes through (blobs found
 * in a cache, package files, component files).
 *
 * It reads into buffers it keeps for the next file, two at a time (the next read runs while the last
 * chunk is hashed). A fresh process that reads through `createReadStream` gets a new 1 MiB Buffer per
 * chunk, and every new page costs a fault: hashing 256 MiB that way took 1.2 s (0.54 s of it in the
 * kernel) against 0.2 s with reused buffers (bench/README.md, issue 11).
 */
import { open } from 'node:fs/promises';
import { Digester, type Digest, type DigestAlgorithm } from './digest.js';

const CHUNK = 1 << 20;
/** Buffer pairs free for the next file; as many pairs exist as files were ever hashed at once. */
const free: Array<[Buffer, Buffer]> = [];

/** The digest and size of the file's bytes. */
export async function hashFile(file: string, algorithm: DigestAlgorithm = 'sha256'): Promise<{ digest: Digest; size: number }> {
  const h = new Digester(algorithm);
  const pair = free.pop() ?? [Buffer.allocUnsafeSlow(CHUNK), Buffer.allocUnsafeSlow(CHUNK)];
  const fh = await open(file, 'r');
  let size = 0;
  let reading: ReturnType<typeof fh.read> | undefined;
  try {
    let i = 0;
    reading = fh.read(pair[0], 0, CHUNK, null);
    for (;;) {
      const { bytesRead } = await reading;
      reading = undefined;
      if (bytesRead === 0) break;
      const current = pair[i] as Buffer;
      i ^= 1;
      reading = fh.read(pair[i] as Buffer, 0, CHUNK, null);
      h.update(current.subarray(0, bytesRead));
      size += bytesRead;
    }
  } finally {
    // A read still in flight (after an error) must end before its buffer is handed to another file.
    await reading?.catch(() => undefined);
    await fh.close();
    free.push(pair);
  }
  return { digest: h.digest(), size };
}
