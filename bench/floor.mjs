/**
 * The floor for writing a package on this machine: the same blob bytes read once, hashed once
 * (sha256), compressed once (libzstd of node:zlib, level 3, checksum on) and written once, one file
 * after another into one output, on one thread, with no memory allocated per chunk (one read buffer
 * and one output buffer, reused; zstd driven through node:zlib's handle as src/package/tar-sink.ts
 * does). No tar framing, no overlap of reading, hashing, compressing and writing: what cannot be
 * skipped. It reports the wall time and the CPU time (this process, all threads).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** Every blob file of an OCI layout written by images.mjs (each distinct blob once). */
export async function layoutBlobFiles(layout) {
  const dir = path.join(layout, 'blobs', 'sha256');
  return (await fs.promises.readdir(dir)).sort().map((n) => path.join(dir, n));
}

const CHUNK = 1 << 20;

/** Wall and CPU milliseconds to read, hash, compress and write `files` once; the output is removed. */
export async function measureFloor(files, outDir) {
  const out = path.join(outDir, `floor-${process.pid}.zst`);
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const stream = zlib.createZstdCompress({
    params: { [zlib.constants.ZSTD_c_compressionLevel]: 3, [zlib.constants.ZSTD_c_checksumFlag]: 1 }
  });
  const handle = stream._handle;
  const state = stream._writeState;
  if (typeof handle?.writeSync !== 'function' || !(state instanceof Uint32Array)) throw new Error("floor: this node's zstd stream has no handle to drive");
  const inBuf = Buffer.allocUnsafeSlow(CHUNK);
  const outBuf = Buffer.allocUnsafeSlow(CHUNK);
  const fd = fs.openSync(out, 'w');
  const compress = (n, flush) => {
    let off = 0;
    for (;;) {
      handle.writeSync(flush, inBuf, off, n - off, outBuf, 0, outBuf.length);
      const produced = outBuf.length - state[0];
      if (produced > 0) fs.writeSync(fd, outBuf, 0, produced);
      off = n - state[1];
      if (state[1] === 0 && state[0] !== 0) break;
    }
  };
  let bytes = 0;
  for (const f of files) {
    const h = crypto.createHash('sha256');
    const src = fs.openSync(f, 'r');
    let n;
    while ((n = fs.readSync(src, inBuf, 0, CHUNK, null)) > 0) {
      h.update(inBuf.subarray(0, n));
      compress(n, zlib.constants.ZSTD_e_continue);
      bytes += n;
    }
    fs.closeSync(src);
    if (`sha256:${h.digest('hex')}` !== `sha256:${path.basename(f)}`) throw new Error(`floor: ${f} does not match its name`);
  }
  compress(0, zlib.constants.ZSTD_e_end);
  fs.closeSync(fd);
  stream.destroy();
  const ms = performance.now() - started;
  const c = process.cpuUsage(cpu0);
  await fs.promises.rm(out, { force: true });
  return { ms, cpuMs: (c.user + c.system) / 1000, bytes };
}
