/**
 * Bench images: generated from random (incompressible) bytes, written streaming into an OCI image
 * layout (never whole in memory), pushed to the registry with skopeo.
 *
 * Layers are `application/vnd.oci.image.layer.v1.tar` (uncompressed): a tar with one file of random
 * bytes. Generating gzip of random data would only make the bench slow to set up; the pull path is the
 * same for any layer media type.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const MT = {
  index: 'application/vnd.oci.image.index.v1+json',
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layerTar: 'application/vnd.oci.image.layer.v1.tar'
};

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * The package: 6 images, 3-5 layers each, some layers shared (base-a by app1-3, base-b by app4-6,
 * common by app2-5), about 58 MiB of distinct layer bytes in all (about 100 MiB counted per image).
 */
export const PACKAGE_SPEC = {
  layers: {
    'base-a': 10 * MiB,
    'base-b': 6 * MiB,
    common: 2 * MiB,
    'app1-main': 6 * MiB,
    'app1-etc': 200 * KiB,
    'app2-main': 8 * MiB,
    'app2-etc': 100 * KiB,
    'app3-main': 4 * MiB,
    'app3-etc': 300 * KiB,
    'app3-cfg': 50 * KiB,
    'app4-main': 7 * MiB,
    'app4-etc': 150 * KiB,
    'app5-main': 5 * MiB,
    'app5-etc': 250 * KiB,
    'app6-main': 9 * MiB,
    'app6-etc': 120 * KiB
  },
  images: {
    app1: ['base-a', 'app1-main', 'app1-etc'],
    app2: ['base-a', 'common', 'app2-main', 'app2-etc'],
    app3: ['base-a', 'common', 'app3-main', 'app3-etc', 'app3-cfg'],
    app4: ['base-b', 'common', 'app4-main', 'app4-etc'],
    app5: ['base-b', 'common', 'app5-main', 'app5-etc'],
    app6: ['base-b', 'app6-main', 'app6-etc']
  }
};

/** One image with a single 1 GiB layer. */
export const LARGE_SPEC = {
  layers: { huge: 1024 * MiB },
  images: { large: ['huge'] }
};

function octal(n, width) {
  return `${n.toString(8).padStart(width - 1, '0')}\0`;
}

/** A ustar header for one regular file. */
export function tarHeader(name, size) {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(1704067200, 12), 136, 'ascii'); // 2024-01-01
  h.fill(0x20, 148, 156); // checksum field counts as spaces
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

const sha256 = (buf) => `sha256:${crypto.createHash('sha256').update(buf).digest('hex')}`;

async function writeBlobBytes(blobsDir, bytes) {
  const digest = sha256(bytes);
  const p = path.join(blobsDir, digest.slice(7));
  if (!fs.existsSync(p)) await fs.promises.writeFile(p, bytes);
  return { digest, size: bytes.length };
}

/**
 * A layer: tar of one file `data/<name>.bin` holding `size` random bytes, streamed to disk in chunks
 * while hashing. Returns its descriptor (the digest is also the diff_id: the layer is uncompressed).
 */
async function writeLayer(blobsDir, name, size, signal) {
  const tmp = path.join(blobsDir, `.tmp-${name}-${crypto.randomBytes(4).toString('hex')}`);
  const fh = await fs.promises.open(tmp, 'wx');
  const hash = crypto.createHash('sha256');
  let total = 0;
  const put = async (buf) => {
    hash.update(buf);
    total += buf.length;
    await fh.write(buf);
  };
  try {
    await put(tarHeader(`data/${name}.bin`, size));
    const chunk = Buffer.allocUnsafe(Math.min(size, 4 * MiB) || 1);
    for (let left = size; left > 0; ) {
      if (signal?.aborted) throw new Error('cancelled');
      const n = Math.min(left, chunk.length);
      const part = chunk.subarray(0, n);
      crypto.randomFillSync(part);
      await put(part);
      left -= n;
    }
    const pad = (512 - (size % 512)) % 512;
    await put(Buffer.alloc(pad + 1024)); // pad the file, then the two zero blocks that end a tar
  } finally {
    await fh.close();
  }
  const digest = `sha256:${hash.digest('hex')}`;
  await fs.promises.rename(tmp, path.join(blobsDir, digest.slice(7)));
  return { mediaType: MT.layerTar, digest, size: total };
}

/**
 * Writes every image of `spec` into an OCI layout at `dir` (each tagged with its name in index.json).
 * Returns [{ name, layers, manifest: {digest,size}, bytes }] where bytes counts the image's blobs.
 */
export async function writeImages(dir, spec, signal) {
  const blobsDir = path.join(dir, 'blobs', 'sha256');
  await fs.promises.mkdir(blobsDir, { recursive: true });
  await fs.promises.writeFile(path.join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  const layers = {};
  for (const [name, size] of Object.entries(spec.layers)) layers[name] = await writeLayer(blobsDir, name, size, signal);
  const out = [];
  const index = [];
  for (const [name, layerNames] of Object.entries(spec.images)) {
    const ls = layerNames.map((l) => layers[l]);
    const config = Buffer.from(
      JSON.stringify({
        created: '2024-01-01T00:00:00Z',
        architecture: 'amd64',
        os: 'linux',
        config: { Cmd: ['/bin/true'] },
        rootfs: { type: 'layers', diff_ids: ls.map((l) => l.digest) },
        history: ls.map(() => ({ created: '2024-01-01T00:00:00Z', created_by: 'lading bench' }))
      })
    );
    const cfg = await writeBlobBytes(blobsDir, config);
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MT.manifest,
        config: { mediaType: MT.config, ...cfg },
        layers: ls
      })
    );
    const m = await writeBlobBytes(blobsDir, manifest);
    index.push({ mediaType: MT.manifest, ...m, annotations: { 'org.opencontainers.image.ref.name': name } });
    out.push({ name, layers: ls, config: cfg, manifest: m, bytes: m.size + cfg.size + ls.reduce((n, l) => n + l.size, 0) });
  }
  await fs.promises.writeFile(path.join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, mediaType: MT.index, manifests: index }));
  return out;
}

/** Distinct bytes of a set of written images (each blob once). */
export function distinctBytes(images) {
  const seen = new Map();
  for (const img of images) for (const b of [img.manifest, img.config, ...img.layers]) seen.set(b.digest, b.size);
  let n = 0;
  for (const s of seen.values()) n += s;
  return { blobs: seen.size, bytes: n };
}
