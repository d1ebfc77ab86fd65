/**
 * Bench section "blob cache": a cold build (no cache entry: every blob from the registry, then the
 * entry saved) against a warm build (a fresh runner that restores the entry through the Actions cache
 * service test double), both with `cache: actions` and the registry behind the shaping proxy; and a
 * `cache: off` build for reference. Target: warm/cold under 0.15 for a package of tens of MB.
 *
 * The cache service (__tests__/integration/setup/cache-service.ts, loaded with node's type stripping)
 * answers on loopback unshaped. As on GitHub, it hands out Azure blob URLs
 * (`devstoreaccount1.blob.core.windows.net`, reached through the double as an HTTP proxy):
 * @actions/cache uploads to them in blocks with the Azure SDK, Lading reads them back in parallel
 * ranges and unpacks the entry as it arrives (src/cache/restore/). BENCH_CACHE_AZURE=0: loopback URLs.
 *
 * Alone: `node bench/cache.mjs` (after `npm run build`) starts its own registry, images, shaping proxy
 * and cache service; BENCH_RUNS (default 3) timed pairs, BENCH_VERBOSE=1 prints Lading's log.
 * From bench/run.mjs: `cacheReportLines(await runCacheBench({ registryHost: proxy.host, images: pkg.images,
 * tmp, script: SCRIPT, log }))` with the host of the shaped registry already holding `images`
 * (bench/images.mjs) under bench/<name>:1.0. It resolves with the measurements (`met` is false for a
 * missed target) and throws only when it could not measure (a build failed, a warm run was no hit).
 *
 * What bounds the ratio: a warm build still starts node, resolves the tags, hashes every cached blob
 * and writes the package's tar.zst; the phases printed show where the time goes.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DELAY_MS, RATE, REPO_PREFIX, TAG, median, mib, pushSpec, runAlone, secs, sectionOptions, teardown } from './common.mjs';
import { LARGE_SPEC, PACKAGE_SPEC, distinctBytes } from './images.mjs';
import { runAction } from './lading.mjs';
import { startRegistry, track } from './registry.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const CACHE_TARGET_RATIO = 0.15;

const maxOf = (xs) => (xs.some((x) => x === undefined) ? undefined : Math.max(...xs));

/**
 * Runs the action as the runner does (bench/lading.mjs) in `dir`: the same `dir` for the cold and the
 * warm build gives them the same workspace and RUNNER_TEMP paths, as on a GitHub-hosted runner.
 * `dir` is emptied first (a fresh machine). RUNNER_DEBUG is left unset, as on a runner by default.
 */
async function build({ script, dir, refs, host, cache, env }) {
  await fs.promises.rm(dir, { recursive: true, force: true });
  // Samples /proc every 20 ms for the CPU time (all threads), less skewed by other work than wall times.
  const r = await runAction({ script, dir, refs, inputs: { cache, 'plain-http': host }, env, debug: false });
  const { lines, outputs } = r;
  const at = (re) => lines.find((l) => re.test(l.text))?.t;
  const d = (a, b) => (a !== undefined && b !== undefined ? b - a : undefined);
  const start = at(/^Lading /);
  const restored = at(/^cache: (restored|no Actions cache entry|the Actions cache cannot)/) ?? start;
  const resolved = at(/^ {2}\S+ -> sha256:/);
  // The package is written while the blobs arrive (src/stages/pull-assemble-stage.ts). pull: from the
  // resolve to the last blob fetched ("pulled N blobs", printed only when some were); assemble: from
  // there (or the resolve, when nothing was fetched: taking blobs from the cache and hashing them is
  // then part of it) to the package written.
  const pulled = at(/^pulled \d+ blobs/);
  const assembled = at(/^wrote zarf-package/);
  const written = at(/^package written:/);
  return {
    ok: r.code === 0 && outputs.package !== undefined,
    peakMiB: r.peakMiB,
    cpuMs: r.cpuByPhase?.total,
    code: r.code,
    ms: r.ms,
    outputs,
    lines,
    stderr: r.stderr,
    // The restore runs while the tags resolve and the package is written (blobs are taken as they land):
    // resolve and assemble count only what comes after the restore, so the phases add up to the run.
    phases: {
      startup: start,
      restore: d(start, restored),
      resolve: resolved !== undefined && restored !== undefined ? Math.max(0, resolved - restored) : undefined,
      pull: pulled !== undefined ? d(resolved, pulled) : 0,
      assemble: d(Math.max(pulled ?? resolved ?? 0, restored ?? 0), assembled),
      save: d(assembled, written),
      exit: d(written, r.ms)
    }
  };
}

/** bench/proxy.mjs as a child process (like bench/run.mjs): 30 ms per request, 25 MB/s per connection. */
async function shapingProxy(targetPort) {
  const child = track(spawn(process.execPath, [path.join(HERE, 'proxy.mjs'), '--target', String(targetPort), '--delay-ms', String(DELAY_MS), '--rate', String(RATE), '--lifetime-s', '1800'], { stdio: ['pipe', 'pipe', 'inherit'] }));
  const port = await new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(buf.slice(0, nl)).port);
    });
    child.once('exit', () => reject(new Error('the shaping proxy exited')));
  });
  return { host: `127.0.0.1:${port}`, child };
}

/**
 * The cache section. opts: { registryHost, images, tmp, script, runs, log, verbose, large }; without
 * registryHost (and images) it starts its own registry, pushes bench/images.mjs' PACKAGE_SPEC and
 * puts the shaping proxy in front. `large` (BENCH_CACHE_LARGE=1 when run alone) pushes LARGE_SPEC
 * (one 1 GiB layer) instead, straight to the registry (unshaped), to measure peak memory while the
 * cache entry is saved and restored.
 */
export async function runCacheBench(opts = {}) {
  const { log, runs, script, verbose, ownTmp, tmp } = sectionOptions('cache', opts);
  const large = opts.large ?? process.env.BENCH_CACHE_LARGE === '1';
  const started = [];
  // TypeScript loaded by node 24's type stripping; imported here so that a caller on an older node
  // only fails in this section.
  const { startCacheService } = await import('../__tests__/integration/setup/cache-service.ts').catch((e) => {
    throw new Error(`cannot load the cache service double (node ${process.version}; node 24 loads TypeScript): ${e instanceof Error ? e.message : e}`);
  });
  // As on a GitHub-hosted runner, the entry's URL is an Azure blob URL, which @actions/cache reads with
  // uploads with the Azure SDK; BENCH_CACHE_AZURE=0 gives a loopback URL.
  const azureHost = process.env.BENCH_CACHE_AZURE !== '0';
  const svc = await startCacheService({ azureHost });
  try {
    let host = opts.registryHost;
    let images = opts.images;
    if (host === undefined || images === undefined) {
      const registry = await startRegistry(path.join(tmp, 'registry'));
      started.push(registry.child);
      images = await pushSpec(registry.host, tmp, large ? LARGE_SPEC : PACKAGE_SPEC);
      if (large) {
        host = registry.host;
        log(`registry ${registry.host}, unshaped (the 1 GiB layer would take 43 s through one shaped connection)`);
      } else {
        const proxy = await shapingProxy(registry.port);
        started.push(proxy.child);
        host = proxy.host;
        log(`registry ${registry.host} behind the shaping proxy ${host} (+${DELAY_MS} ms/request, ${RATE / 1e6} MB/s/connection)`);
      }
    }
    const pkg = distinctBytes(images);
    const refs = images.map((i) => `${host}/${REPO_PREFIX}/${i.name}:${TAG}`);
    const dir = path.join(tmp, 'runner');
    const one = async (label, cache, env) => {
      const r = await build({ script, dir, refs, host, cache, env });
      if (verbose) for (const l of r.lines) log(`  ${label} ${(l.t / 1000).toFixed(3)} ${l.text}`);
      if (!r.ok) throw new Error(`Lading (${label}) failed: exit ${r.code}\n${r.lines.slice(-15).map((l) => l.text).join('\n')}\n${r.stderr.slice(-2000)}`);
      return r;
    };
    log(`package: ${images.length} images, ${pkg.blobs} distinct blobs, ${mib(pkg.bytes)} MiB; ${runs} timed run(s) of each`);
    await one('warm-up', 'off', {});
    const off = [];
    const cold = [];
    const warm = [];
    for (let i = 0; i < runs; i++) {
      off.push(await one('off', 'off', {}));
      for (const e of svc.entries()) svc.deleteEntry(e.key);
      const c = await one('cold', 'actions', svc.env);
      if (c.outputs['cache-hit'] !== 'false' || svc.entries().length !== 1) throw new Error(`the cold build did not save one entry (cache-hit ${c.outputs['cache-hit']}, ${svc.entries().length} entries)`);
      cold.push(c);
      const w = await one('warm', 'actions', svc.env);
      if (w.outputs['cache-hit'] !== 'true') throw new Error(`the warm build was not a full cache hit (cache-hit ${w.outputs['cache-hit']})`);
      warm.push(w);
      log(`run ${i + 1}/${runs}: off ${secs(off.at(-1).ms)} s, cold ${secs(c.ms)} s, warm ${secs(w.ms)} s`);
    }
    await fs.promises.rm(dir, { recursive: true, force: true });
    const mid = (xs) => xs.find((x) => x.ms === median(xs.map((y) => y.ms))) ?? xs[xs.length >> 1];
    const result = {
      images: images.length,
      blobs: pkg.blobs,
      bytes: pkg.bytes,
      entryBytes: svc.entries()[0]?.data.length,
      off: median(off.map((x) => x.ms)),
      cold: median(cold.map((x) => x.ms)),
      warm: median(warm.map((x) => x.ms)),
      cpu: { off: medianOf(off.map((x) => x.cpuMs)), cold: medianOf(cold.map((x) => x.cpuMs)), warm: medianOf(warm.map((x) => x.cpuMs)) },
      coldPhases: mid(cold).phases,
      warmPhases: mid(warm).phases,
      peakMiB: { off: maxOf(off.map((x) => x.peakMiB)), cold: maxOf(cold.map((x) => x.peakMiB)), warm: maxOf(warm.map((x) => x.peakMiB)) },
      target: CACHE_TARGET_RATIO,
      // Blobs the warm builds took from the registry (Lading logs "pulled N blobs" when it pulls any).
      warmPulled: warm.reduce((n, w) => n + Number(/^pulled (\d+) blobs/.exec(w.lines.find((l) => /^pulled \d+ blobs/.test(l.text))?.text ?? '')?.[1] ?? 0), 0)
    };
    result.ratio = result.warm / result.cold;
    // Issue 11: a warm build downloads no blob and is never slower than cache: off.
    result.warmOff = result.warm / result.off;
    result.met = result.warmPulled === 0 && result.warmOff <= 1;
    return result;
  } finally {
    await svc.stop();
    await teardown({ started, dirs: ownTmp ? [tmp] : [] });
  }
}

/** The lines bench/run.mjs (or the standalone run) prints. */
export function cacheReportLines(r) {
  const f = (ms) => (ms === undefined ? '    ?' : secs(ms).padStart(5));
  const ph = (p) => `startup ${f(p.startup)} | restore ${f(p.restore)} | resolve ${f(p.resolve)} | pull ${f(p.pull)} | assemble ${f(p.assemble)} | save ${f(p.save)} | exit ${f(p.exit)}`;
  return [
    `blob cache — ${r.images} images, ${r.blobs} distinct blobs, ${mib(r.bytes)} MiB; cache entry ${r.entryBytes !== undefined ? `${mib(r.entryBytes)} MiB` : '?'} (tar + zstd)`,
    `  cache: off        ${secs(r.off).padStart(6)} s   (reference: no restore, no save)`,
    `  cold (actions)    ${secs(r.cold).padStart(6)} s   ${ph(r.coldPhases)}`,
    `  warm (restored)   ${secs(r.warm).padStart(6)} s   ${ph(r.warmPhases)}`,
    `  CPU time (median, all threads): off ${cpuS(r.cpu?.off)} s, cold ${cpuS(r.cpu?.cold)} s, warm ${cpuS(r.cpu?.warm)} s`,
    `  warm/off ${r.warmOff.toFixed(2)}  target <= 1.00 (a warm build never slower than cache: off)  ${r.warmOff <= 1 ? 'met' : 'MISSED'}`,
    `  blobs downloaded by the warm builds: ${r.warmPulled}  target 0  ${r.warmPulled === 0 ? 'met' : 'MISSED'}`,
    `  warm/cold ${r.ratio.toFixed(3)}  (the target < ${r.target} was withdrawn in issue 11: the warm build's floor below)`,
    `  peak memory (max over runs): off ${peak(r.peakMiB?.off)}, cold ${peak(r.peakMiB?.cold)}, warm ${peak(r.peakMiB?.warm)}`,
    ...floorLines(r)
  ];
}

const cpuS = (ms) => (ms === undefined ? '?' : secs(ms));
/** The median of the numbers among `xs` (undefined when there are none). */
const medianOf = (xs) => {
  const n = xs.filter((x) => x !== undefined);
  return n.length === 0 ? undefined : median(n);
};
const peak = (m) => (m === undefined ? '?' : `${m} MiB (${((m * 1048576) / 1e6).toFixed(0)} MB)`);

/**
 * What the target asks of the registry: the warm build cannot skip node's start, the restore (the
 * bytes must come from somewhere) or writing the package, and the cold build pays the start and the
 * package as well. So the cold build must take at least floor / target, and all of that beyond its
 * own fixed phases is the pull: the ratio is met only when the registry is at most that fast.
 */
function floorLines(r) {
  const w = r.warmPhases;
  const c = r.coldPhases;
  if ([w.startup, w.restore, w.assemble, c.pull].some((x) => x === undefined)) return [];
  const floor = w.startup + w.restore + w.assemble;
  const coldNeeded = floor / r.target;
  const coldOther = r.cold - c.pull;
  const pullNeeded = coldNeeded - coldOther;
  if (pullNeeded <= 0) return [`  the warm build's floor: startup + restore + writing the package = ${secs(floor)} s; the ratio holds at any registry speed`];
  return [
    `  the warm build's floor: startup + restore + writing the package = ${secs(floor)} s; a ratio under ${r.target} needs a cold build of at least ${secs(coldNeeded)} s,`,
    `  so a cold pull of ${mib(r.bytes)} MiB taking at least ${secs(pullNeeded)} s: a registry serving at most ${((r.bytes / 1e6) / (pullNeeded / 1000)).toFixed(0)} MB/s in all (this run: ${((r.bytes / 1e6) / (c.pull / 1000)).toFixed(0)} MB/s)`
  ];
}

await runAlone(import.meta.url, 'cache', runCacheBench, cacheReportLines);
