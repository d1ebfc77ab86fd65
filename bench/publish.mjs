/**
 * Bench section "publish": Lading publishing a package against `skopeo copy` pushing the same images
 * from that package's `images/` layout into the registry, both through the same shaping chain; a
 * re-publish of the unchanged package; and (unless skipped) a package with a 1 GiB layer published
 * unshaped, for Lading's peak memory.
 *
 * Shaping: client -> up-shaper (this file) -> bench/proxy.mjs -> registry. The up-shaper delays every
 * chunk from the client by 30 ms, in order, and paces each connection's client->server bytes to
 * 25 MB/s (uploads are bytes *from* the client); bench/proxy.mjs paces each connection's bytes back to
 * the client to 25 MB/s (its own per-chunk delay is set to 0: see below). Both tools go through the
 * same chain.
 *
 * - Lading: `node dist/index.js` as the runner runs it (bench/lading.mjs), pulling the images from the
 *   registry directly (another host string, so no cross-repository mount helps it) and publishing to
 *   `oci://<shaped host>/pub-N`. Its publish time is read from its log: from `publishing ...` to
 *   `published ...` (blobs, manifest, tag index); the verify step after it is reported apart.
 * - skopeo: `skopeo copy --preserve-digests oci:<images layout>:<ref> docker://<shaped host>/sk-N/<name>:1.0`
 *   for each image one after another (a fresh HOME each run, so its blob-info cache knows no earlier run).
 * - re-publish: the same package published again by a fresh run: it compares with the target, finds
 *   no change (output `changed` false, the same `digest`), and builds and uploads nothing (checked each
 *   run); its time is its work after start-up (first line to exit), beside the publishing run's.
 * Targets: publish / skopeo <= 0.7; a re-publish of the unchanged package builds and uploads nothing; 1 GiB: peak RSS < 200 MB.
 *
 * Alone: `node bench/publish.mjs` (after `npm run build`). From bench/run.mjs:
 * `publishReportLines(await runPublishBench({ registry, images, tmp, script, log }))` with `registry`
 * ({host, port}) already holding `images` (bench/images.mjs) under bench/<name>:1.0. It resolves with
 * the measurements (`met` false for a missed target) and throws only when it could not measure.
 * Environment: BENCH_RUNS (3), BENCH_SKIP_LARGE=1, BENCH_VERBOSE=1, BENCH_LADING_SCRIPT.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { DELAY_MS, RATE, REPO_PREFIX, TAG, median, mib, pushSpec, runAlone, secs, sectionOptions, settle, skopeoPushImage, teardown } from './common.mjs';
import { LARGE_SPEC, PACKAGE_SPEC, distinctBytes, writeImages } from './images.mjs';
import { runAction } from './lading.mjs';
import { startProxy } from './proxy.mjs';
import { listenOnLoopback, run, startRegistry } from './registry.mjs';

export const PUBLISH_TARGET_RATIO = 0.7;
/** Since issue 14 an unchanged package is compared with the target, not re-published. */
export const REPUBLISH_TARGET = 'nothing built or uploaded (changed: false, the same digest)';
export const PUBLISH_PEAK_TARGET_MB = 200;

/**
 * A TCP proxy on 127.0.0.1 for the client->server direction: every chunk from the client reaches the
 * server `delayMs` later (so each request pays that latency once) and each connection's client->server
 * bytes are paced to `rate` bytes/s (a token bucket holding `burstMs` of bytes). Server->client bytes
 * pass through. One queue per connection, sent by one timer at a time, so the order is always kept;
 * the client is paused while more than 1 MiB waits.
 */
export async function startUpShaper({ targetPort, delayMs = DELAY_MS, rate = RATE, burstMs = 5 }) {
  const perMs = rate / 1000;
  const sockets = new Set();
  const server = net.createServer({ allowHalfOpen: true, noDelay: true }, (client) => {
    const upstream = net.connect({ host: '127.0.0.1', port: targetPort, allowHalfOpen: true, noDelay: true });
    sockets.add(client);
    sockets.add(upstream);
    let closed = false;
    const teardown = () => {
      if (closed) return;
      closed = true;
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const s of [client, upstream]) {
      s.on('error', teardown);
      s.on('close', teardown);
    }
    upstream.pipe(client);
    const queue = [];
    let queued = 0;
    let pumping = false;
    let ended = false;
    let nextFree = 0;
    const pump = () => {
      if (closed) return;
      const head = queue[0];
      if (head === undefined) {
        pumping = false;
        if (ended) upstream.end();
        return;
      }
      pumping = true;
      const now = performance.now();
      const at = Math.max(head.arrived + delayMs, nextFree, now - burstMs);
      if (at - now >= 1) {
        setTimeout(pump, at - now);
        return;
      }
      queue.shift();
      queued -= head.chunk.length;
      nextFree = Math.max(at, now - burstMs) + head.chunk.length / perMs;
      if (queued < 1 << 20) client.resume();
      if (upstream.write(head.chunk)) pump();
      else upstream.once('drain', pump);
    };
    client.on('data', (chunk) => {
      queue.push({ chunk, arrived: performance.now() });
      queued += chunk.length;
      if (queued >= 1 << 20) client.pause();
      if (!pumping) pump();
    });
    client.on('end', () => {
      ended = true;
      if (!pumping && !closed) upstream.end();
    });
  });
  const { port, close } = await listenOnLoopback(server, sockets);
  return {
    port,
    host: `127.0.0.1:${port}`,
    close
  };
}

/** Times from Lading's log: publish (publishing -> published), verify, and the whole run. */
function publishTimes(r) {
  const at = (re) => r.lines.find((l) => re.test(l.text))?.t;
  const start = at(/^publishing \S+ \(/);
  const done = at(/^published \S+ \(/);
  const verified = at(/^verified /);
  // work: all the run does after node's start-up (from its first line to its exit). For a re-publish
  // of an unchanged package that is the comparison with the target (resolve, read what is published).
  const first = at(/^Lading /);
  return {
    publish: start !== undefined && done !== undefined ? done - start : undefined,
    verify: done !== undefined && verified !== undefined ? verified - done : undefined,
    work: first !== undefined ? r.ms - first : undefined,
    uploaded: start !== undefined,
    total: r.ms
  };
}

async function skopeoPush({ layoutDir, host, repo, home, log }) {
  const index = JSON.parse(fs.readFileSync(path.join(layoutDir, 'index.json'), 'utf8'));
  fs.rmSync(home, { recursive: true, force: true });
  fs.mkdirSync(home, { recursive: true });
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, TMPDIR: home };
  const started = performance.now();
  for (const m of index.manifests) {
    const ref = m.annotations['org.opencontainers.image.ref.name'];
    const name = ref.replace(/:[^/:]+$/, '').split('/').pop();
    const r = await run('skopeo', ['--insecure-policy', 'copy', '--preserve-digests', '--dest-tls-verify=false', '--dest-no-creds', `oci:${layoutDir}:${ref}`, `docker://${host}/${repo}/${name}:${TAG}`], { env });
    if (r.code !== 0) {
      log(`skopeo could not push ${ref}: ${r.stderr}`);
      return undefined;
    }
  }
  return performance.now() - started;
}

async function unpackImages(pkg, dir) {
  fs.mkdirSync(dir, { recursive: true });
  const r = await run('sh', ['-c', `zstd -dc '${pkg}' | tar -xf - -C '${dir}' images`]);
  if (r.code !== 0) throw new Error(`cannot unpack ${pkg}: ${r.stderr}`);
  return path.join(dir, 'images');
}

/** Lading publish, re-publish and skopeo copy of the same images, `runs` times each, through `shaped`. */
async function packageScenario({ registry, images, shaped, pkg, runs, work, lading, log }) {
  const refs = images.map((i) => `${registry.host}/${REPO_PREFIX}/${i.name}:${TAG}`);
  const plain = `${registry.host}\n${shaped}`;
  log(`package: ${images.length} images, ${pkg.blobs} distinct blobs, ${mib(pkg.bytes)} MiB; ${runs} timed run(s)`);

  // Untimed warm-up of both tools (cold page cache, first skopeo start).
  const warm = await lading('warm-up', refs, { publish: `oci://${shaped}/warm`, 'plain-http': plain });
  const warmLayout = await unpackImages(path.join(warm.dir, 'ws', 'out', fs.readdirSync(path.join(warm.dir, 'ws', 'out'))[0]), path.join(work, 'warm-layout'));
  await skopeoPush({ layoutDir: warmLayout, host: shaped, repo: 'sk-warm', home: path.join(work, 'skopeo-home-run'), log });

  const first = [];
  const again = [];
  const sk = [];
  let packageBytes = 0;
  for (let i = 0; i < runs; i++) {
    const target = `oci://${shaped}/pub-${i}`;
    const f = await lading(`publish#${i + 1}`, refs, { publish: target, 'plain-http': plain });
    const a = await lading(`re-publish#${i + 1}`, refs, { publish: target, 'plain-http': plain }, { unchanged: true });
    // Nothing built, nothing uploaded: no `publishing ...` line, no package file.
    if (a.times.uploaded || a.pkgSize > 0) throw new Error('the re-publish of an unchanged package built or uploaded something');
    if (a.outputs.digest !== f.outputs.digest) throw new Error(`the re-publish changed the digest (${f.outputs.digest} -> ${a.outputs.digest})`);
    if (a.outputs.changed !== 'false' || !a.lines.some((l) => /^compared with .*: no change;/.test(l.text))) throw new Error('the re-publish was not reported unchanged');
    const pkgFile = path.join(f.dir, 'ws', 'out', fs.readdirSync(path.join(f.dir, 'ws', 'out'))[0]);
    packageBytes = fs.statSync(pkgFile).size;
    const layoutDir = await unpackImages(pkgFile, path.join(work, `layout-${i}`));
    const s = await skopeoPush({ layoutDir, host: shaped, repo: `sk-${i}`, home: path.join(work, 'skopeo-home-run'), log });
    if (s === undefined) throw new Error('skopeo failed');
    first.push(f.times);
    again.push(a.times);
    sk.push(s);
    log(`run ${i + 1}/${runs}: Lading publish ${secs(f.times.publish)} s (+ verify ${secs(f.times.verify)} s), re-publish ${secs(a.times.work)} s, skopeo copy ${secs(s)} s`);
    for (const d of [f.dir, a.dir, path.dirname(layoutDir)]) await fs.promises.rm(d, { recursive: true, force: true });
  }
  const publish = median(first.map((x) => x.publish));
  const republish = median(again.map((x) => x.work));
  const publishWork = median(first.map((x) => x.work));
  const skopeo = median(sk);
  const r = {
    packageBytes,
    publish,
    verify: median(first.map((x) => x.verify ?? 0)),
    republish,
    skopeo,
    publishRuns: first.map((x) => x.publish),
    republishRuns: again.map((x) => x.work),
    publishWork,
    republishTotal: median(again.map((x) => x.total)),
    publishTotal: median(first.map((x) => x.total)),
    skopeoRuns: sk,
    ratio: publish / skopeo,
    republishRatio: republish / publishWork,
    target: PUBLISH_TARGET_RATIO,
    republishTarget: REPUBLISH_TARGET
  };
  return r;
}

/**
 * The publish section. opts: { registry: {host, port}, images, tmp, script, runs, log, verbose, large };
 * without registry (and images) it starts its own registry and pushes bench/images.mjs' PACKAGE_SPEC.
 */
export async function runPublishBench(opts = {}) {
  const { log, runs, script, verbose, ownTmp, tmp } = sectionOptions('publish', opts);
  const only = opts.only ?? process.env.BENCH_ONLY ?? '';
  const large = opts.large ?? !(process.env.BENCH_SKIP_LARGE === '1' || process.env.BENCH_SKIP_LARGE === 'true' || only === 'package');
  const work = fs.mkdtempSync(path.join(tmp, 'publish-'));
  const started = [];
  const closers = [];
  let n = 0;
  // { unchanged: true }: a re-publish of what the target already holds, which builds no package.
  const lading = async (label, refs, inputs, { unchanged = false } = {}) => {
    const dir = path.join(work, `lading-${++n}`);
    const r = await runAction({ script, dir, refs, inputs: { concurrency: '8', retries: '3', ...inputs } });
    if (verbose) for (const l of r.lines) log(`  ${label} ${(l.t / 1000).toFixed(3)} ${l.text}`);
    if (!(unchanged ? r.code === 0 : r.ok) || !r.outputs.digest) {
      throw new Error(`Lading (${label}) failed: exit ${r.code}\n${r.errors.join('\n') || r.lines.slice(-15).map((l) => l.text).join('\n')}\n${r.stderr.slice(-2000)}`);
    }
    return { ...r, dir, times: publishTimes(r) };
  };
  try {
    let registry = opts.registry;
    let images = opts.images;
    if (registry === undefined || images === undefined) {
      const reg = await startRegistry(path.join(work, 'registry'));
      started.push(reg.child);
      registry = reg;
      images = await pushSpec(registry.host, work, PACKAGE_SPEC);
    }
    // bench/proxy.mjs paces the server->client bytes; its per-chunk delay is left at 0 here because it
    // schedules every chunk on its own timer, which can reorder the chunks of a large request body
    // (an upload) when their delays round to different milliseconds. The up-shaper in front of it
    // adds the 30 ms and paces the client->server bytes, in order.
    const shaping = await startProxy({ targetPort: registry.port, delayMs: 0, rate: RATE, lifetimeMs: 30 * 60_000 });
    closers.push(() => shaping.close());
    const up = await startUpShaper({ targetPort: shaping.port, delayMs: DELAY_MS, rate: RATE });
    closers.push(() => up.close());
    const shaped = up.host;
    log(`registry ${registry.host}; publishing through ${shaped} -> ${shaping.host} (+${DELAY_MS} ms/request, ${RATE / 1e6} MB/s/connection each way)`);

    const pkg = distinctBytes(images);
    const result = { images: images.length, blobs: pkg.blobs, bytes: pkg.bytes, met: true };
    if (only !== 'large') {
      Object.assign(result, await packageScenario({ registry, images, shaped, pkg, runs, work, lading, log }));
      // The re-publish target (nothing built or uploaded) is checked run by run: a miss throws above.
      result.met = result.ratio <= PUBLISH_TARGET_RATIO;
    }

    if (large) {
      const layout = path.join(work, 'large-src');
      const big = await writeImages(layout, LARGE_SPEC);
      const home = path.join(work, 'skopeo-home-large');
      fs.mkdirSync(home, { recursive: true });
      const pushed = await skopeoPushImage(layout, 'large', registry.host, home);
      if (pushed.code !== 0) throw new Error(`skopeo could not push the 1 GiB image: ${pushed.stderr}`);
      await fs.promises.rm(layout, { recursive: true, force: true });
      // Published to another host string than it was pulled from: uploaded, not mounted.
      const proxyless = await startUpShaper({ targetPort: registry.port, delayMs: 0, rate: 1e12 });
      closers.push(() => proxyless.close());
      await settle();
      const l = await lading('1 GiB', [`${registry.host}/${REPO_PREFIX}/large:${TAG}`], { publish: `oci://${proxyless.host}/large-pub`, 'plain-http': `${registry.host}\n${proxyless.host}` });
      result.large = { bytes: distinctBytes(big).bytes, publish: l.times.publish, total: l.ms, peakMiB: l.peakMiB, rssByPhase: l.rssByPhase };
      result.large.peakMB = l.peakMiB === undefined ? undefined : (l.peakMiB * 1048576) / 1e6;
      result.large.met = result.large.peakMB !== undefined && result.large.peakMB < PUBLISH_PEAK_TARGET_MB;
      result.met = result.met && result.large.met;
      await fs.promises.rm(l.dir, { recursive: true, force: true });
    }
    return result;
  } finally {
    await teardown({ closers, started, dirs: [work, ...(ownTmp ? [tmp] : [])] });
  }
}

/** The lines bench/run.mjs (or the standalone run) prints. */
export function publishReportLines(r) {
  const lines = [];
  if (r.publish !== undefined) {
    lines.push(
      `publish — ${r.images} images, ${r.blobs} distinct blobs, ${mib(r.bytes)} MiB; package ${mib(r.packageBytes)} MiB; shaped both ways (+${DELAY_MS} ms/request, ${RATE / 1e6} MB/s/connection)`,
      `  Lading publish          ${secs(r.publish).padStart(6)} s   (runs ${r.publishRuns.map(secs).join(' ')}; then verify ${secs(r.verify)} s)`,
      `  skopeo copy (6 images)  ${secs(r.skopeo).padStart(6)} s   (runs ${r.skopeoRuns.map(secs).join(' ')})`,
      `  Lading re-publish       ${secs(r.republish).padStart(6)} s   (runs ${r.republishRuns.map(secs).join(' ')}; unchanged: resolved and compared with the target, after start-up; the publishing run's work ${secs(r.publishWork)} s, ratio ${r.republishRatio.toFixed(2)}; whole runs ${secs(r.republishTotal)} s and ${secs(r.publishTotal)} s)`,
      `  publish/skopeo ${r.ratio.toFixed(2)}  target <= ${r.target}  ${r.ratio <= r.target ? 'met' : 'MISSED'}`,
      `  re-publish of the unchanged package: ${r.republishTarget}: met (checked each run)`
    );
  } else {
    lines.push('publish — package scenarios SKIPPED (BENCH_ONLY=large)');
  }
  if (r.large !== undefined) {
    lines.push(
      `  1 GiB layer published (unshaped): publish ${secs(r.large.publish)} s, whole run ${secs(r.large.total)} s; peak memory ${r.large.peakMiB ?? '?'} MiB (${r.large.peakMB?.toFixed(0) ?? '?'} MB), target < ${PUBLISH_PEAK_TARGET_MB} MB: ${r.large.met ? 'met' : 'MISSED'}`,
      `    RSS by phase (MiB): before pulling ${r.large.rssByPhase?.before ?? '?'}, pull ${r.large.rssByPhase?.pull ?? '?'}, assemble and publish ${r.large.rssByPhase?.assemble ?? '?'}`
    );
  } else {
    lines.push('  1 GiB layer: SKIPPED (BENCH_SKIP_LARGE=1)');
  }
  return lines;
}

await runAlone(import.meta.url, 'publish', runPublishBench, publishReportLines);
