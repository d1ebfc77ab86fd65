/**
 * The floor for writing a package on this machine: the same blob bytes read once, hashed once
 * (sha256), compressed once (Node's zstd stream with the parameters Lading uses) and written once,
 * one file after another into one output, with the same machinery Lading uses (fs streams of 1 MiB,
 * node:crypto, zlib's zstd). No tar framing, no second hash: what cannot be skipped.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

/** Every blob file of an OCI layout written by images.mjs (each distinct blob once). */
export async function layoutBlobFiles(layout) {
  const dir = path.join(layout, 'blobs', 'sha256');
  return (await fs.promises.readdir(dir)).sort().map((n) => path.join(dir, n));
}

/** Milliseconds (wall) to read, hash, compress and write `files` once; the output is removed. */
export async function measureFloor(files, outDir) {
  const out = path.join(outDir, `floor-${process.pid}.zst`);
  const started = performance.now();
  const zstd = zlib.createZstdCompress({
    chunkSize: 256 * 1024,
    params: { [zlib.constants.ZSTD_c_compressionLevel]: 3, [zlib.constants.ZSTD_c_checksumFlag]: 1 }
  });
  const writing = pipeline(zstd, fs.createWriteStream(out, { highWaterMark: 1 << 20 }));
  let bytes = 0;
  for (const f of files) {
    const h = crypto.createHash('sha256');
    const hasher = new Transform({
      transform(chunk, _enc, cb) {
        h.update(chunk);
        bytes += chunk.length;
        cb(null, chunk);
      }
    });
    await pipeline(fs.createReadStream(f, { highWaterMark: 1 << 20 }), hasher, zstd, { end: false });
    if (`sha256:${h.digest('hex')}` !== `sha256:${path.basename(f)}`) throw new Error(`floor: ${f} does not match its name`);
  }
  zstd.end();
  await writing;
  const ms = performance.now() - started;
  await fs.promises.rm(out, { force: true });
  return { ms, bytes };
}
