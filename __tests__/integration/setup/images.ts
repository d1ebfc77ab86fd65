/**
 * Test images, generated from scratch (random tiny layers, hand-written JSON) and pushed to a registry
 * fixture with skopeo (OCI layout -> docker://), verified afterwards by reading the manifests back and
 * hashing them. Content that skopeo 1.9 cannot carry unchanged goes through the test-only HTTP pusher
 * in oci-http.ts; `PushedImage.pushedWith` says which.
 *
 * The set (keys of seedImages' answer; repositories are `<prefix>/<key>` unless said):
 * - multi:        OCI index: linux/amd64, linux/arm64/v8, linux/arm/v7 and an attestation manifest
 *                 (unknown/unknown, vnd.docker.reference.type=attestation-manifest) — tag 1.0
 * - single:       one linux/amd64 OCI manifest sharing the base layer with multi — tag 1.0
 * - uncompressed: OCI manifest whose layer is application/vnd.oci.image.layer.v1.tar — tag 1.0
 * - signature:    cosign-style signature of `single`, in repository `<prefix>/single`, tag sha256-<hex>.sig
 * - chart:        Helm chart artifact (helm config + chart .tgz layer) — tag 0.1.0
 * - docker:       Docker v2 manifest list of two Docker v2 manifests (amd64, arm64) — tag 1.0
 * - big:          only with `layerBytes`: linux/amd64 OCI manifest with one gzip layer of about that size
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import tar from 'tar-stream';
import { exec, makeTempDir, removeTempDir, type ExecResult } from './procs.js';
import { RegistryClient, sha256 } from './oci-http.js';
import type { RegistryFixture } from './registry.js';

export const MT = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  ociLayerTar: 'application/vnd.oci.image.layer.v1.tar',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  helmConfig: 'application/vnd.cncf.helm.config.v1+json',
  helmChart: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip',
  cosignSimpleSigning: 'application/vnd.dev.cosign.simplesigning.v1+json',
  inToto: 'application/vnd.in-toto+json'
} as const;

export interface PlatformEntry {
  os: string;
  architecture: string;
  variant?: string;
  digest: string;
  size: number;
  mediaType: string;
  annotations?: Record<string, string>;
}

export interface PushedImage {
  name: string;
  /** repository path without the host */
  repo: string;
  tag: string;
  /** host/repo:tag */
  ref: string;
  /** digest of the top manifest or index, as the registry serves it */
  digest: string;
  mediaType: string;
  /** size of the top manifest or index */
  size: number;
  /** indexes and manifest lists: every entry, including the attestation entry (unknown/unknown) */
  platforms?: PlatformEntry[];
  /** every digest reachable: index, manifests, configs, layers (unique, top first) */
  blobs: string[];
  /** total size of the unique content in `blobs` */
  bytes: number;
  /** digest -> size, for every entry in `blobs` */
  sizes: Record<string, number>;
  /** digest -> media type, for every entry in `blobs` */
  mediaTypes: Record<string, string>;
  /** layer digests only (all platforms) */
  layers: string[];
  /** config digests only */
  configs: string[];
  /** manifest digests below the top (indexes and lists) */
  manifests: string[];
  pushedWith: 'skopeo' | 'http';
}

export interface SeedOptions {
  /** also generate `big`, whose single gzip layer is about this many (incompressible) bytes */
  layerBytes?: number;
  /** only these keys (default: all) */
  only?: string[];
  /** force every image through the HTTP pusher (skopeo not used) */
  forceHttp?: boolean;
}

interface Blob {
  digest: string;
  size: number;
  mediaType: string;
  data: Buffer;
}

interface Generated {
  name: string;
  repoName: string;
  tag: string;
  top: Blob;
  /** every reachable blob, unique, top first */
  all: Blob[];
  platforms?: PlatformEntry[];
  layers: string[];
  configs: string[];
  manifests: string[];
  /** what pushes it: skopeo from the OCI layout, skopeo from a dir: layout, or the HTTP pusher */
  via: 'skopeo' | 'skopeo-dir' | 'http';
}

const CREATED = '2024-01-01T00:00:00Z';

function blob(mediaType: string, data: Buffer | string): Blob {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return { digest: sha256(buf), size: buf.length, mediaType, data: buf };
}

const json = (v: unknown): string => JSON.stringify(v);
const desc = (b: Blob, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  mediaType: b.mediaType,
  digest: b.digest,
  size: b.size,
  ...extra
});

export async function tarOf(files: Array<{ name: string; data: Buffer | string; mode?: number }>): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const c of pack as AsyncIterable<Buffer>) chunks.push(c);
  })();
  for (const f of files) {
    const data = typeof f.data === 'string' ? Buffer.from(f.data) : f.data;
    pack.entry({ name: f.name, size: data.length, mode: f.mode ?? 0o644, mtime: new Date(CREATED), type: 'file' }, data);
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** A gzip'd tar layer holding one random file; returns the layer blob and its diff ID. */
async function randomLayer(
  mediaType: string,
  file: string,
  bytes: number
): Promise<{ layer: Blob; diffId: string }> {
  const t = await tarOf([{ name: file, data: crypto.randomBytes(bytes) }]);
  return { layer: blob(mediaType, zlib.gzipSync(t, { level: 1 })), diffId: sha256(t) };
}

function imageConfig(
  mediaType: string,
  platform: { os: string; architecture: string; variant?: string },
  diffIds: string[]
): Blob {
  return blob(
    mediaType,
    json({
      created: CREATED,
      architecture: platform.architecture,
      os: platform.os,
      ...(platform.variant ? { variant: platform.variant } : {}),
      config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: ['/bin/sh'] },
      rootfs: { type: 'layers', diff_ids: diffIds },
      history: diffIds.map(() => ({ created: CREATED, created_by: 'lading test fixture' }))
    })
  );
}

function ociManifest(config: Blob, layers: Blob[], annotations?: Record<string, string>, layerAnnotations?: Record<string, string>[]): Blob {
  return blob(
    MT.ociManifest,
    json({
      schemaVersion: 2,
      mediaType: MT.ociManifest,
      config: desc(config),
      layers: layers.map((l, i) => desc(l, layerAnnotations?.[i] ? { annotations: layerAnnotations[i] } : {})),
      ...(annotations ? { annotations } : {})
    })
  );
}

function uniq(blobs: Blob[]): Blob[] {
  const seen = new Set<string>();
  return blobs.filter((b) => (seen.has(b.digest) ? false : (seen.add(b.digest), true)));
}

/** An image of one manifest `m` (config `cfg`, `layers`), pushed by skopeo as <repoName>:<tag> (by default <name>:1.0). */
function singleManifest(name: string, m: Blob, cfg: Blob, layers: Blob[], at: { repoName?: string; tag?: string } = {}): Generated {
  return {
    name,
    repoName: at.repoName ?? name,
    tag: at.tag ?? '1.0',
    top: m,
    all: [m, cfg, ...layers],
    layers: layers.map((l) => l.digest),
    configs: [cfg.digest],
    manifests: [],
    via: 'skopeo'
  };
}

/** Build every test image in memory. Digests are fresh on each call (random layer content). */
export async function generateImages(opts: SeedOptions = {}): Promise<Generated[]> {
  const out: Generated[] = [];
  const base = await randomLayer(MT.ociLayerGzip, 'base/base.bin', 4096);

  // multi: index of three platforms + attestation
  {
    const plats = [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
      { os: 'linux', architecture: 'arm', variant: 'v7' }
    ];
    const manifests: Array<{ m: Blob; cfg: Blob; layers: Blob[]; plat: (typeof plats)[number] }> = [];
    for (const plat of plats) {
      const own = await randomLayer(MT.ociLayerGzip, `app/${plat.architecture}.bin`, 2048 + Math.floor(Math.random() * 2048));
      const cfg = imageConfig(MT.ociConfig, plat, [base.diffId, own.diffId]);
      const layers = [base.layer, own.layer];
      manifests.push({ m: ociManifest(cfg, layers), cfg, layers, plat });
    }
    const amd64 = manifests[0]!.m;
    const statement = Buffer.from(
      json({
        _type: 'https://in-toto.io/Statement/v0.1',
        predicateType: 'https://spdx.dev/Document',
        subject: [{ name: 'lading-test', digest: { sha256: amd64.digest.slice(7) } }],
        predicate: { spdxVersion: 'SPDX-2.3', name: 'lading-test', packages: [] }
      })
    );
    const attLayer = blob(MT.inToto, statement);
    const attCfg = blob(
      MT.ociConfig,
      json({ architecture: 'unknown', os: 'unknown', config: {}, rootfs: { type: 'layers', diff_ids: [attLayer.digest] } })
    );
    const att = ociManifest(attCfg, [attLayer], undefined, [{ 'in-toto.io/predicate-type': 'https://spdx.dev/Document' }]);
    const attAnn = { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': amd64.digest };
    const entries = [
      ...manifests.map(({ m, plat }) => desc(m, { platform: plat })),
      desc(att, { platform: { architecture: 'unknown', os: 'unknown' }, annotations: attAnn })
    ];
    const index = blob(MT.ociIndex, json({ schemaVersion: 2, mediaType: MT.ociIndex, manifests: entries }));
    out.push({
      name: 'multi',
      repoName: 'multi',
      tag: '1.0',
      top: index,
      all: uniq([index, ...manifests.flatMap((x) => [x.m, x.cfg, ...x.layers]), att, attCfg, attLayer]),
      platforms: [
        ...manifests.map(({ m, plat }) => ({ ...plat, digest: m.digest, size: m.size, mediaType: m.mediaType })),
        { os: 'unknown', architecture: 'unknown', digest: att.digest, size: att.size, mediaType: att.mediaType, annotations: attAnn }
      ],
      layers: uniq([...manifests.flatMap((x) => x.layers), attLayer]).map((b) => b.digest),
      configs: [...manifests.map((x) => x.cfg.digest), attCfg.digest],
      manifests: [...manifests.map((x) => x.m.digest), att.digest],
      via: 'skopeo'
    });
  }

  // single: amd64, base layer + own layer
  let single: Blob;
  {
    const own = await randomLayer(MT.ociLayerGzip, 'app/single.bin', 3000);
    const cfg = imageConfig(MT.ociConfig, { os: 'linux', architecture: 'amd64' }, [base.diffId, own.diffId]);
    single = ociManifest(cfg, [base.layer, own.layer]);
    out.push(singleManifest('single', single, cfg, [base.layer, own.layer]));
  }

  // uncompressed: one plain tar layer
  {
    const t = await tarOf([{ name: 'data/plain.txt', data: `uncompressed ${crypto.randomUUID()}\n`.repeat(40) }]);
    const layer = blob(MT.ociLayerTar, t);
    const cfg = imageConfig(MT.ociConfig, { os: 'linux', architecture: 'amd64' }, [layer.digest]);
    const m = ociManifest(cfg, [layer]);
    out.push(singleManifest('uncompressed', m, cfg, [layer]));
  }

  // signature: cosign-style simple signing payload for `single`
  {
    const payload = blob(
      MT.cosignSimpleSigning,
      json({
        critical: {
          identity: { 'docker-reference': 'lading-test/single' },
          image: { 'docker-manifest-digest': single.digest },
          type: 'cosign container image signature'
        },
        optional: null
      })
    );
    const cfg = blob(
      MT.ociConfig,
      json({
        architecture: '',
        created: '0001-01-01T00:00:00Z',
        history: [{ created: '0001-01-01T00:00:00Z' }],
        os: '',
        rootfs: { type: 'layers', diff_ids: [payload.digest] },
        config: {}
      })
    );
    const m = ociManifest(cfg, [payload], undefined, [
      { 'dev.cosignproject.cosign/signature': crypto.randomBytes(70).toString('base64') }
    ]);
    out.push(singleManifest('signature', m, cfg, [payload], { repoName: 'single', tag: `sha256-${single.digest.slice(7)}.sig` }));
  }

  // chart: Helm chart artifact
  {
    const chartName = 'lading-test-chart';
    const chartYaml = `apiVersion: v2\nname: ${chartName}\ndescription: A tiny chart for Lading's tests\ntype: application\nversion: 0.1.0\nappVersion: "1.0.0"\n`;
    const tgz = zlib.gzipSync(
      await tarOf([
        { name: `${chartName}/Chart.yaml`, data: chartYaml },
        { name: `${chartName}/values.yaml`, data: `image:\n  repository: lading-test/single\n  tag: "1.0"\n` },
        {
          name: `${chartName}/templates/configmap.yaml`,
          data: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n'
        }
      ])
    );
    const layer = blob(MT.helmChart, tgz);
    const cfg = blob(
      MT.helmConfig,
      json({ name: chartName, version: '0.1.0', description: "A tiny chart for Lading's tests", apiVersion: 'v2', appVersion: '1.0.0', type: 'application' })
    );
    const m = ociManifest(cfg, [layer], { 'org.opencontainers.image.title': chartName, 'org.opencontainers.image.version': '0.1.0' });
    out.push(singleManifest('chart', m, cfg, [layer], { tag: '0.1.0' }));
  }

  // docker: Docker v2 manifest list
  {
    const plats = [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' }
    ];
    const dbase = await randomLayer(MT.dockerLayerGzip, 'base/docker-base.bin', 4096);
    const children: Array<{ m: Blob; cfg: Blob; layers: Blob[]; plat: (typeof plats)[number] }> = [];
    for (const plat of plats) {
      const own = await randomLayer(MT.dockerLayerGzip, `app/docker-${plat.architecture}.bin`, 2500);
      const cfg = imageConfig(MT.dockerConfig, plat, [dbase.diffId, own.diffId]);
      const layers = [dbase.layer, own.layer];
      const m = blob(
        MT.dockerManifest,
        json({ schemaVersion: 2, mediaType: MT.dockerManifest, config: desc(cfg), layers: layers.map((l) => desc(l)) })
      );
      children.push({ m, cfg, layers, plat });
    }
    const list = blob(
      MT.dockerList,
      json({ schemaVersion: 2, mediaType: MT.dockerList, manifests: children.map(({ m, plat }) => desc(m, { platform: plat })) })
    );
    out.push({
      name: 'docker',
      repoName: 'docker',
      tag: '1.0',
      top: list,
      all: uniq([list, ...children.flatMap((c) => [c.m, c.cfg, ...c.layers])]),
      platforms: children.map(({ m, plat }) => ({ ...plat, digest: m.digest, size: m.size, mediaType: m.mediaType })),
      layers: uniq(children.flatMap((c) => c.layers)).map((b) => b.digest),
      configs: children.map((c) => c.cfg.digest),
      manifests: children.map((c) => c.m.digest),
      // containers/image's oci: transport only finds OCI media types in index.json; its dir: transport
      // carries Docker manifest lists unchanged.
      via: 'skopeo-dir'
    });
  }

  if (opts.layerBytes !== undefined && opts.layerBytes > 0) {
    const big = await randomLayer(MT.ociLayerGzip, 'data/big.bin', opts.layerBytes);
    const cfg = imageConfig(MT.ociConfig, { os: 'linux', architecture: 'amd64' }, [big.diffId]);
    const m = ociManifest(cfg, [big.layer]);
    out.push(singleManifest('big', m, cfg, [big.layer]));
  }

  const only = opts.only;
  return only ? out.filter((g) => only.includes(g.name)) : out;
}

/** Write an OCI image layout holding every generated image, each tagged (ref.name) with its key. */
export function writeOciLayout(dir: string, images: Generated[]): void {
  const blobsDir = path.join(dir, 'blobs', 'sha256');
  fs.mkdirSync(blobsDir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'oci-layout'), json({ imageLayoutVersion: '1.0.0' }));
  for (const g of images) {
    for (const b of g.all) {
      const p = path.join(blobsDir, b.digest.slice(7));
      if (!fs.existsSync(p)) fs.writeFileSync(p, b.data);
    }
  }
  fs.writeFileSync(
    path.join(dir, 'index.json'),
    json({
      schemaVersion: 2,
      mediaType: MT.ociIndex,
      manifests: images.map((g) => desc(g.top, { annotations: { 'org.opencontainers.image.ref.name': g.name } }))
    })
  );
}

/** Write containers/image's `dir:` layout (format 1.1) for one image: manifest.json, <hex>.manifest.json, <hex>. */
export function writeDirLayout(dir: string, g: Generated): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'version'), 'Directory Transport Version: 1.1\n');
  fs.writeFileSync(path.join(dir, 'manifest.json'), g.top.data);
  const manifests = new Set(g.manifests);
  for (const b of g.all) {
    if (b.digest === g.top.digest) continue;
    const name = manifests.has(b.digest) ? `${b.digest.slice(7)}.manifest.json` : b.digest.slice(7);
    fs.writeFileSync(path.join(dir, name), b.data);
  }
}

let skopeoHome: string | undefined;

/** Run skopeo with an isolated HOME (no stray auth files) and an insecure policy. */
export async function skopeo(args: string[], timeoutMs = 120_000): Promise<ExecResult> {
  if (skopeoHome === undefined || !fs.existsSync(skopeoHome)) skopeoHome = makeTempDir('skopeo-home');
  return exec('skopeo', ['--insecure-policy', ...args], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: skopeoHome, TMPDIR: skopeoHome },
    timeoutMs
  });
}

/** skopeo flags for a registry fixture: `--<side>-tls-verify=false` plus creds, or no creds when anonymous. */
export function skopeoAuthArgs(
  reg: Pick<RegistryFixture, 'username' | 'password'>,
  side: 'src' | 'dest' | 'plain',
  anonymous = false
): string[] {
  const pre = side === 'plain' ? '--' : `--${side}-`;
  const out = [`${pre}tls-verify=false`];
  if (!anonymous && reg.username !== undefined) out.push(`${pre}creds=${reg.username}:${reg.password ?? ''}`);
  else out.push(`${pre}no-creds`);
  return out;
}

async function pushViaHttp(client: RegistryClient, repo: string, g: Generated): Promise<void> {
  const manifests = new Set([g.top.digest, ...g.manifests]);
  for (const b of g.all) if (!manifests.has(b.digest)) await client.pushBlob(repo, b.data, b.digest);
  // children first, then the top under its tag
  for (const b of g.all) if (manifests.has(b.digest) && b.digest !== g.top.digest) await client.pushManifest(repo, b.digest, b.mediaType, b.data);
  await client.pushManifest(repo, g.tag, g.top.mediaType, g.top.data);
}

/** Read back what the registry holds for `g` and compare with what was generated (bytes, digests, sizes). */
async function verify(client: RegistryClient, repo: string, g: Generated): Promise<string[]> {
  const problems: string[] = [];
  const top = await client.getManifest(repo, g.tag);
  if (top.status !== 200) problems.push(`${repo}:${g.tag}: GET manifest ${top.status}`);
  else {
    if (top.digest !== g.top.digest) problems.push(`${repo}:${g.tag}: registry serves ${top.digest}, generated ${g.top.digest}`);
    if (top.headerDigest && top.headerDigest !== top.digest) problems.push(`${repo}:${g.tag}: Docker-Content-Digest ${top.headerDigest} != body ${top.digest}`);
    if (top.mediaType !== g.top.mediaType) problems.push(`${repo}:${g.tag}: Content-Type ${top.mediaType}, generated ${g.top.mediaType}`);
  }
  const manifests = new Set(g.manifests);
  for (const b of g.all) {
    if (b.digest === g.top.digest) continue;
    if (manifests.has(b.digest)) {
      const m = await client.getManifest(repo, b.digest);
      if (m.status !== 200 || m.digest !== b.digest) problems.push(`${repo}@${b.digest}: manifest ${m.status} ${m.digest}`);
    } else {
      const h = await client.headBlob(repo, b.digest);
      if (h.status !== 200 || h.size !== b.size) problems.push(`${repo}@${b.digest}: blob ${h.status} size ${h.size} (want ${b.size})`);
    }
  }
  return problems;
}

/**
 * Generate the test images and push them to `reg` under `<prefix>/<name>` (prefix "seed" by default;
 * "" for none). Use prefix "public" in token mode for repositories anonymous clients may pull.
 */
export async function seedImages(
  reg: RegistryFixture,
  prefix = 'seed',
  opts: SeedOptions = {}
): Promise<Record<string, PushedImage>> {
  const images = await generateImages(opts);
  const repoOf = (g: Generated): string => (prefix ? `${prefix}/${g.repoName}` : g.repoName);
  const client = new RegistryClient(reg);
  const dir = makeTempDir('oci-layout');
  try {
    const ociDir = path.join(dir, 'oci');
    writeOciLayout(ociDir, images.filter((g) => g.via === 'skopeo'));
    const pushed = new Map<string, 'skopeo' | 'http'>();
    // `single` before `signature` (same repository; order does not matter to the registry, but keep logs tidy)
    await Promise.all(
      images.map(async (g) => {
        const repo = repoOf(g);
        if (g.via === 'http' || opts.forceHttp) {
          await pushViaHttp(client, repo, g);
          pushed.set(g.name, 'http');
          return;
        }
        let src = `oci:${ociDir}:${g.name}`;
        if (g.via === 'skopeo-dir') {
          const d = path.join(dir, `dir-${g.name}`);
          writeDirLayout(d, g);
          src = `dir:${d}`;
        }
        const res = await skopeo([
          'copy',
          '--all',
          '--preserve-digests',
          ...skopeoAuthArgs(reg, 'dest'),
          src,
          `docker://${reg.host}/${repo}:${g.tag}`
        ]);
        if (res.code !== 0) throw new Error(`skopeo copy ${g.name} -> ${reg.host}/${repo}:${g.tag} failed:\n${res.stderr}`);
        pushed.set(g.name, 'skopeo');
      })
    );
    const result: Record<string, PushedImage> = {};
    for (const g of images) {
      const repo = repoOf(g);
      let problems = await verify(client, repo, g);
      if (problems.length > 0 && pushed.get(g.name) === 'skopeo') {
        // skopeo altered something: push the generated bytes ourselves and say so.
        await pushViaHttp(client, repo, g);
        pushed.set(g.name, 'http');
        problems = await verify(client, repo, g);
      }
      if (problems.length > 0) throw new Error(`registry does not hold the generated ${g.name}:\n${problems.join('\n')}`);
      const sizes: Record<string, number> = {};
      const mediaTypes: Record<string, string> = {};
      for (const b of g.all) {
        sizes[b.digest] = b.size;
        mediaTypes[b.digest] = b.mediaType;
      }
      result[g.name] = {
        name: g.name,
        repo,
        tag: g.tag,
        ref: `${reg.host}/${repo}:${g.tag}`,
        digest: g.top.digest,
        mediaType: g.top.mediaType,
        size: g.top.size,
        ...(g.platforms ? { platforms: g.platforms.map((p) => ({ ...p })) } : {}),
        blobs: g.all.map((b) => b.digest),
        bytes: g.all.reduce((n, b) => n + b.size, 0),
        sizes,
        mediaTypes,
        layers: g.layers.slice(),
        configs: g.configs.slice(),
        manifests: g.manifests.slice(),
        pushedWith: pushed.get(g.name) ?? 'skopeo'
      };
    }
    return result;
  } finally {
    await removeTempDir(dir);
  }
}
