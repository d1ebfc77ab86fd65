/**
 * Bench section "load": a package of 50 images sharing layers, a few hundred MB, built and published
 * by Lading as the runner runs it (bench/lading.mjs), with its peak memory and a count of every blob
 * that crossed the wire.
 *
 * - Images: 50 (5 repositories x 10 tags), each with 3 of 10 shared base layers (8-48 MiB) and a 1 MiB
 *   layer of its own: about 300 MiB distinct, about 3.7 GiB counted image by image. Written into an
 *   OCI layout (bench/images.mjs: random, incompressible, uncompressed tar layers) and pushed to a
 *   loopback `docker-registry` by a small pusher here (HEAD, cross-repository mount, one PUT).
 * - A counting proxy in front of the registry (127.0.0.1 only, no shaping): Lading pulls through it as
 *   `127.0.0.1:<port>` and publishes through it as `localhost:<port>` (another registry name, so
 *   nothing can be mounted and every blob is uploaded). It counts the blob GETs per digest, the
 *   completed uploads per digest, PATCHes, and the bytes each way.
 * - Then `mode: check` of the same package, compared with the one just published: the disk settled
 *   first (`sync`), BENCH_RUNS runs, the median beside the full run's time (aim: under a tenth), and
 *   the layers the first run read (none).
 * - Reports: wall time by phase (resolve, pull, assemble, publish), peak memory (Lading's
 *   `::debug::peak memory (max RSS)` line) and RSS by phase, GETs and uploads per blob.
 *   Targets: every blob pulled once and uploaded once; peak memory < 200 MB (10^6 bytes).
 *
 * Alone: `npm run build && node bench/load.mjs`. From bench/run.mjs:
 * `loadReportLines(await runLoadBench({ tmp, script, log }))`. It resolves with the measurements
 * (`met` false when a target is missed) and throws only when it could not measure.
 * Environment: BENCH_LOAD_SCALE (default 1: layer sizes are multiplied by it, e.g. 0.1 for a quick
 * run), BENCH_VERBOSE=1 (Lading's log), BENCH_LADING_SCRIPT, BENCH_CONCURRENCY (8).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { median, mib, runAlone, secs, sectionOptions, settle, teardown } from './common.mjs';
import { distinctBytes, writeImages } from './images.mjs';
import { runAction } from './lading.mjs';
import { measurePullFloor } from './node-floor.mjs';
import { listenOnLoopback, startRegistry } from './registry.mjs';

const MiB = 1024 * 1024;
export const LOAD_PEAK_TARGET_MB = 200;
const REPOS = ['svc-a', 'svc-b', 'svc-c', 'svc-d', 'svc-e'];
const PER_REPO = 10;
const BASE_MIB = [48, 40, 32, 32, 24, 24, 16, 16, 8, 8];

/** 50 images, 5 repositories x 10 tags; image n takes 3 of the 10 bases (by its number) and its own layer. */
export function loadSpec(scale = 1) {
  const size = (m) => Math.max(4096, Math.round(m * MiB * scale));
  const layers = {};
  BASE_MIB.forEach((m, i) => {
    layers[`base-${i}`] = size(m);
  });
  const images = {};
  REPOS.forEach((repo, r) => {
    for (let t = 1; t <= PER_REPO; t++) {
      const n = r * PER_REPO + t;
      layers[`own-${n}`] = size(1);
      const bases = [...new Set([n % 10, (n * 3 + 1) % 10, (n * 7 + 4) % 10])].map((i) => `base-${i}`);
      images[`${repo}-${t}`] = [...bases, `own-${n}`];
    }
  });
  return { layers, images };
}

const repoTag = (name) => {
  const m = /^(svc-[a-e])-(\d+)$/.exec(name);
  return { repo: `load/${m[1]}`, tag: m[2] };
};

// ------------------------------------------------------------------------------------------------
// A small pusher: HEAD, cross-repository mount, one streaming PUT; then the manifest under its tag.

function call(host, method, urlPath, { headers = {}, body } = {}) {
  const [hostname, port] = host.split(':');
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port: Number(port), method, path: urlPath, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body === undefined) req.end();
    else if (typeof body === 'string' || Buffer.isBuffer(body)) req.end(body);
    else body.pipe(req);
  });
}

async function pushBlob(host, repo, { digest, size }, file, mountFrom) {
  if ((await call(host, 'HEAD', `/v2/${repo}/blobs/${digest}`)).status === 200) return 'exists';
  const query = mountFrom !== undefined ? `?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(mountFrom)}` : '';
  const start = await call(host, 'POST', `/v2/${repo}/blobs/uploads/${query}`, { headers: { 'content-length': '0' } });
  if (start.status === 201) return 'mounted';
  if (start.status !== 202) throw new Error(`POST upload ${repo}: ${start.status} ${start.body}`);
  const url = new URL(start.headers.location, `http://${host}`);
  url.searchParams.set('digest', digest);
  const put = await call(host, 'PUT', `${url.pathname}${url.search}`, {
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
    body: fs.createReadStream(file)
  });
  if (put.status !== 201) throw new Error(`PUT ${repo}@${digest}: ${put.status} ${put.body}`);
  return 'uploaded';
}

async function pushImages(host, layoutDir, images) {
  const blobFile = (d) => path.join(layoutDir, 'blobs', 'sha256', d.slice(7));
  const firstRepo = new Map(); // digest -> a repository that holds it
  for (const repo of REPOS.map((r) => `load/${r}`)) {
    const mine = images.filter((i) => repoTag(i.name).repo === repo);
    const blobs = new Map();
    for (const i of mine) for (const b of [i.config, ...i.layers]) blobs.set(b.digest, b);
    const list = [...blobs.values()];
    for (let k = 0; k < list.length; k += 4) {
      await Promise.all(
        list.slice(k, k + 4).map(async (b) => {
          await pushBlob(host, repo, b, blobFile(b.digest), firstRepo.get(b.digest));
          if (!firstRepo.has(b.digest)) firstRepo.set(b.digest, repo);
        })
      );
    }
    for (const i of mine) {
      const { tag } = repoTag(i.name);
      const bytes = fs.readFileSync(blobFile(i.manifest.digest));
      const r = await call(host, 'PUT', `/v2/${repo}/manifests/${tag}`, { headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' }, body: bytes });
      if (r.status !== 201) throw new Error(`PUT manifest ${repo}:${tag}: ${r.status} ${r.body}`);
    }
  }
}

// ------------------------------------------------------------------------------------------------
// The counting proxy

/** A plain HTTP proxy on 127.0.0.1 in front of `target` that counts what crosses it. The Host header is kept. */
export async function startCountingProxy(target) {
  const [thost, tport] = target.split(':');
  const stats = { requests: 0, bytesDown: 0, bytesUp: 0, blobGets: new Map(), uploads: new Map(), patches: 0, manifestPuts: 0 };
  const bump = (m, k) => m.set(k, (m.get(k) ?? 0) + 1);
  const sockets = new Set();
  const server = http.createServer((req, res) => {
    stats.requests++;
    const up = http.request({ hostname: thost, port: Number(tport), method: req.method, path: req.url, headers: req.headers }, (ur) => {
      res.writeHead(ur.statusCode ?? 502, ur.headers);
      ur.on('data', (c) => {
        stats.bytesDown += c.length;
      });
      ur.pipe(res);
      ur.on('end', () => {
        const s = ur.statusCode ?? 0;
        const url = new URL(req.url ?? '/', 'http://x');
        const blob = /^\/v2\/(.+)\/blobs\/(sha256:[0-9a-f]{64})$/.exec(url.pathname);
        if (req.method === 'GET' && blob !== null && (s === 200 || s === 206)) bump(stats.blobGets, `${blob[1]}@${blob[2]}`);
        if (req.method === 'PUT' && /\/blobs\/uploads\//.test(url.pathname) && s === 201) bump(stats.uploads, `${url.pathname.split('/blobs/')[0].slice(4)}@${url.searchParams.get('digest')}`);
        if (req.method === 'PATCH') stats.patches++;
        if (req.method === 'PUT' && /\/manifests\//.test(url.pathname) && s === 201) stats.manifestPuts++;
      });
    });
    up.on('error', () => res.destroy());
    req.on('data', (c) => {
      stats.bytesUp += c.length;
    });
    req.pipe(up);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const { port, close } = await listenOnLoopback(server, sockets);
  return {
    port,
    stats,
    reset: () => {
      Object.assign(stats, { requests: 0, bytesDown: 0, bytesUp: 0, blobGets: new Map(), uploads: new Map(), patches: 0, manifestPuts: 0 });
    },
    close
  };
}

// ------------------------------------------------------------------------------------------------

/** The load section. opts: { tmp, script, log, verbose, scale, concurrency }. */
export async function runLoadBench(opts = {}) {
  const { log, runs, script, verbose, ownTmp, tmp } = sectionOptions('load', opts);
  const scale = Number(opts.scale ?? process.env.BENCH_LOAD_SCALE ?? 1) || 1;
  const concurrency = String(opts.concurrency ?? process.env.BENCH_CONCURRENCY ?? '8');
  const work = fs.mkdtempSync(path.join(tmp, 'load-'));
  const started = [];
  const closers = [];
  try {
    const reg = await startRegistry(path.join(work, 'registry'));
    started.push(reg.child);
    const layout = path.join(work, 'src');
    const spec = loadSpec(scale);
    const t0 = performance.now();
    const images = await writeImages(layout, spec);
    const sizes = distinctBytes(images);
    const perImage = images.reduce((n, i) => n + i.bytes, 0);
    log(`${images.length} images, ${sizes.blobs} distinct blobs, ${mib(sizes.bytes)} MiB distinct (${mib(perImage)} MiB image by image); written in ${secs(performance.now() - t0)} s`);
    const t1 = performance.now();
    await pushImages(reg.host, layout, images);
    log(`pushed to ${reg.host} in ${secs(performance.now() - t1)} s`);
    await fs.promises.rm(layout, { recursive: true, force: true });

    const proxy = await startCountingProxy(reg.host);
    closers.push(() => proxy.close());
    const source = `127.0.0.1:${proxy.port}`;
    const target = `localhost:${proxy.port}`;
    const refs = images.map((i) => {
      const { repo, tag } = repoTag(i.name);
      return `${source}/${repo}:${tag}`;
    });
    const dir = path.join(work, 'lading');
    const r = await runAction({
      script,
      dir,
      refs,
      inputs: { 'plain-http': `${source}\n${target}`, concurrency, retries: '3', publish: `oci://${target}/load-pkg` }
    });
    if (verbose) for (const l of r.lines) log(`  ${(l.t / 1000).toFixed(3)} ${l.text}`);
    const digest = /^sha256:[0-9a-f]{64}$/.test(r.outputs.digest ?? '') ? r.outputs.digest : undefined;
    if (!r.ok || digest === undefined) {
      throw new Error(`Lading failed: exit ${r.code}${r.signal ? ` (${r.signal})` : ''}\n${r.errors.join('\n') || r.lines.slice(-15).map((l) => l.text).join('\n')}\n${r.stderr.slice(-2000)}`);
    }
    const at = (re) => r.lines.find((l) => re.test(l.text))?.t;
    const publishStart = at(/^publishing \S+ \(/);
    const publishDone = at(/^published \S+ \(/);
    const pulled = at(/^pulled \d+ blobs/);
    const wrote = at(/^wrote zarf-package/);

    // Pulled: every distinct config and layer of the source images, each once.
    const want = new Map();
    for (const i of images) for (const b of [i.config, ...i.layers]) want.set(b.digest, b.size);
    const pulledPerDigest = new Map();
    for (const [key, n] of proxy.stats.blobGets) {
      const [repo, d] = key.split('@');
      if (repo.startsWith('load/')) pulledPerDigest.set(d, (pulledPerDigest.get(d) ?? 0) + n);
    }
    const notPulled = [...want.keys()].filter((d) => !pulledPerDigest.has(d)).length;
    const pulledTwice = [...pulledPerDigest.values()].filter((n) => n > 1).length;
    // Uploaded: every layer of the published manifest (and its config), each once.
    const m = await call(target, 'GET', `/v2/load-pkg/bench/manifests/${digest}`, { headers: { accept: 'application/vnd.oci.image.manifest.v1+json' } });
    const manifest = JSON.parse(m.body.toString('utf8'));
    const layers = new Set([manifest.config.digest, ...manifest.layers.map((l) => l.digest)]);
    const uploadedPerDigest = new Map();
    for (const [key, n] of proxy.stats.uploads) if (key.startsWith('load-pkg/bench@')) uploadedPerDigest.set(key.split('@')[1], n);
    const notUploaded = [...layers].filter((d) => !uploadedPerDigest.has(d)).length;
    const uploadedTwice = [...uploadedPerDigest.values()].filter((n) => n > 1).length;

    const once = notPulled === 0 && pulledTwice === 0 && notUploaded === 0 && uploadedTwice === 0;
    const peakMB = r.peakMiB === undefined ? undefined : (r.peakMiB * MiB) / 1e6;
    const result = {
      images: images.length,
      blobs: sizes.blobs,
      bytes: sizes.bytes,
      perImageBytes: perImage,
      packageBytes: r.pkgSize,
      total: r.ms,
      // bench/lading.mjs's assemble phase ends at "package written", printed after publishing: here it ends at "wrote".
      phases: { ...r.phases, assemble: pulled !== undefined && wrote !== undefined ? wrote - pulled : undefined },
      publish: publishStart !== undefined && publishDone !== undefined ? publishDone - publishStart : undefined,
      peakMiB: r.peakMiB,
      peakMB,
      rssByPhase: r.rssByPhase,
      transfer: {
        pulled: pulledPerDigest.size,
        wanted: want.size,
        notPulled,
        pulledTwice,
        uploaded: uploadedPerDigest.size,
        layers: layers.size,
        notUploaded,
        uploadedTwice,
        patches: proxy.stats.patches,
        requests: proxy.stats.requests,
        bytesDown: proxy.stats.bytesDown,
        bytesUp: proxy.stats.bytesUp
      },
      once,
      memoryMet: peakMB !== undefined && peakMB < LOAD_PEAK_TARGET_MB
    };
    result.met = result.once && result.memoryMet;
    await fs.promises.rm(dir, { recursive: true, force: true });

    // The same package in `mode: check`, compared with what was just published: no layer may cross.
    // Timed as the other scenarios are: the disk settled first (the full run's GiBs of writes and
    // their removal otherwise land in the check's time), `runs` times, the median; counted in the first.
    await settle();
    const gotBefore = new Map(proxy.stats.blobGets);
    const requestsBefore = proxy.stats.requests;
    const checkDir = path.join(work, 'check');
    const check = (n) => runAction({ script, dir: `${checkDir}-${n}`, refs, inputs: { 'plain-http': `${source}\n${target}`, concurrency, retries: '3', mode: 'check', publish: `oci://${target}/load-pkg` } });
    const c = await check(0);
    if (c.code !== 0) throw new Error(`Lading (mode: check) failed: exit ${c.code}\n${c.errors.join('\n') || c.lines.slice(-15).map((l) => l.text).join('\n')}`);
    const layerDigests = new Set(images.flatMap((i) => i.layers.map((l) => l.digest)));
    let layerGets = 0;
    let blobGets = 0;
    for (const [key, n] of proxy.stats.blobGets) {
      const more = n - (gotBefore.get(key) ?? 0);
      if (more <= 0) continue;
      blobGets += more;
      if (layerDigests.has(key.split('@')[1])) layerGets += more;
    }
    const requests = proxy.stats.requests - requestsBefore;
    const checkTimes = [c.ms];
    for (let n = 1; n < runs; n++) {
      const again = await check(n);
      if (again.code !== 0) throw new Error(`Lading (mode: check) failed: exit ${again.code}\n${again.errors.join('\n')}`);
      checkTimes.push(again.ms);
    }
    result.check = { total: median(checkTimes), runs: checkTimes, changed: c.outputs.changed, layerGets, blobGets, requests };
    // Node's own floor for what the check reads: the same manifests and configs through the same proxy.
    const floor = await measurePullFloor({ host: source, images: images.map((i) => repoTag(i.name)).map(({ repo, tag }) => ({ repository: repo, tag })), tmp: work, runs: 3, concurrency: Number(concurrency), layers: false });
    result.check.floorMs = floor.ms;
    result.checkMet = layerGets === 0 && result.check.total * 10 <= r.ms;
    for (let n = 0; n < runs; n++) await fs.promises.rm(`${checkDir}-${n}`, { recursive: true, force: true });
    return result;
  } finally {
    await teardown({ closers, started, dirs: [work, ...(ownTmp ? [tmp] : [])] });
  }
}

/** The lines bench/run.mjs (or the standalone run) prints. */
export function loadReportLines(r) {
  const t = r.transfer;
  const p = r.phases ?? {};
  return [
    `load — ${r.images} images sharing layers: ${r.blobs} distinct blobs, ${mib(r.bytes)} MiB distinct (${mib(r.perImageBytes)} MiB image by image); package ${mib(r.packageBytes)} MiB; built and published (unshaped, publish under another registry name: every blob uploaded)`,
    `  whole run ${secs(r.total)} s: resolve ${secs(p.resolve)} s, pull ${secs(p.pull)} s, assemble ${secs(p.assemble)} s, publish ${secs(r.publish)} s`,
    `  blobs pulled ${t.pulled} of ${t.wanted} (${t.pulledTwice} more than once), uploaded ${t.uploaded} of ${t.layers} package layers (${t.uploadedTwice} more than once), ${t.patches} PATCH; ${t.requests} requests, ${mib(t.bytesDown)} MiB down, ${mib(t.bytesUp)} MiB up`,
    `  each blob transferred once: ${r.once ? 'met' : 'MISSED'}`,
    ...(r.check !== undefined
      ? [
          `  mode: check of the same package, compared with the one just published: ${secs(r.check.total)} s (median of ${r.check.runs.length}: ${r.check.runs.map(secs).join(', ')} s; the disk settled first) beside the full run's ${secs(r.total)} s (${((r.check.total / r.total) * 100).toFixed(1)}%, aim under 10%: ${r.checkMet ? 'met' : 'MISSED'}); ${r.check.requests} requests, ${r.check.blobGets} blob GETs (configs, the published package's zarf.yaml and index), ${r.check.layerGets} of them layers; changed: ${r.check.changed}`,
          `  node's own floor for what the check reads (a fresh node reading the same ${r.images} manifests and their configs through the same proxy, hashed and written): ${secs(r.check.floorMs)} s; check/floor ${(r.check.total / r.check.floorMs).toFixed(2)}`
        ]
      : []),
    `  peak memory ${r.peakMiB ?? '?'} MiB (${r.peakMB?.toFixed(0) ?? '?'} MB), target < ${LOAD_PEAK_TARGET_MB} MB: ${r.memoryMet ? 'met' : 'MISSED'}; RSS by phase (MiB): before pulling ${r.rssByPhase?.before ?? '?'}, pull ${r.rssByPhase?.pull ?? '?'}, assemble and publish ${r.rssByPhase?.assemble ?? '?'}`
  ];
}

await runAlone(import.meta.url, 'load', runLoadBench, loadReportLines);
