/**
 * What the bench sections (bench/cache.mjs, bench/publish.mjs, bench/load.mjs) share: their options,
 * pushing generated images into the registry, their teardown, running one alone, and the numbers'
 * formats.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeImages } from './images.mjs';
import { children, run, stop } from './registry.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the sections push the generated images: <registry>/bench/<name>:1.0. */
export const REPO_PREFIX = 'bench';
export const TAG = '1.0';
/** The shaping of a remote registry: per request, and bytes/s per connection ("25 MB/s"). */
export const DELAY_MS = 30;
export const RATE = 25_000_000;

export const secs = (ms) => (ms === undefined ? '?' : (ms / 1000).toFixed(2));
export const mib = (b) => (b / 1048576).toFixed(1);
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * A section's options with their defaults: log (to stderr, `[bench <name>]`), runs (BENCH_RUNS, 3),
 * script (BENCH_LADING_SCRIPT, dist/index.js), verbose (BENCH_VERBOSE=1) and tmp (a folder of its own,
 * `ownTmp`, when the caller gives none).
 */
export function sectionOptions(name, opts) {
  const ownTmp = opts.tmp === undefined;
  return {
    log: opts.log ?? ((m) => process.stderr.write(`[bench ${name}] ${m}\n`)),
    runs: Math.max(1, Number(opts.runs ?? process.env.BENCH_RUNS ?? 3) || 3),
    script: path.resolve(ROOT, opts.script ?? process.env.BENCH_LADING_SCRIPT ?? 'dist/index.js'),
    verbose: opts.verbose ?? process.env.BENCH_VERBOSE === '1',
    ownTmp,
    tmp: opts.tmp ?? fs.mkdtempSync(path.join(os.tmpdir(), `lading-bench-${name}-`))
  };
}

/** `skopeo copy` of `name` from the OCI layout to <host>/bench/<name>:1.0: digests kept, plain HTTP, no credentials. */
export function skopeoPushImage(layout, name, host, home) {
  return run('skopeo', ['--insecure-policy', 'copy', '--preserve-digests', '--dest-tls-verify=false', '--dest-no-creds', `oci:${layout}:${name}`, `docker://${host}/${REPO_PREFIX}/${name}:${TAG}`], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, TMPDIR: home }
  });
}

/** Writes the images of `spec` (bench/images.mjs) into <dir>/src, pushes them to `host` and removes the layout; resolves with the images. */
export async function pushSpec(host, dir, spec) {
  const layout = path.join(dir, 'src');
  const images = await writeImages(layout, spec);
  const home = path.join(dir, 'skopeo-home');
  fs.mkdirSync(home, { recursive: true });
  for (const img of images) {
    const r = await skopeoPushImage(layout, img.name, host, home);
    if (r.code !== 0) throw new Error(`skopeo could not push ${img.name}: ${r.stderr}`);
  }
  await fs.promises.rm(layout, { recursive: true, force: true });
  return images;
}

/**
 * Writes out every dirty page (`sync`) before a timed run: seeding 1 GiB, or the section before,
 * leaves the kernel writing back for seconds, and a run started meanwhile would pay for that
 * writeback (measured: the 1 GiB assemble 0.7-1.4 s when settled, 2.6-2.9 s right after another
 * 1 GiB run). Lading's own writes still count: the sync is before the run, not inside it.
 */
export async function settle() {
  await run('sync', []);
}

/** A section's teardown: its closers, last first (their failures ignored), then the children it started, then its folders. */
export async function teardown({ closers = [], started = [], dirs = [] }) {
  for (const c of [...closers].reverse()) await c().catch(() => undefined);
  await Promise.all(started.map((c) => stop(c)));
  for (const d of dirs) await fs.promises.rm(d, { recursive: true, force: true }).catch(() => undefined);
}

/**
 * When the module `moduleUrl` is the script node was started with (`node bench/<name>.mjs`): runs
 * `bench()` and prints `reportLines` of its result; on a failure says why on stderr and exits 1, on
 * Ctrl-C exits 130. Either way every child the bench started is stopped. Otherwise does nothing.
 */
export async function runAlone(moduleUrl, name, bench, reportLines) {
  if (process.argv[1] === undefined || fileURLToPath(moduleUrl) !== process.argv[1]) return;
  const cleanup = async () => Promise.all([...children].map((c) => stop(c)));
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  try {
    const r = await bench();
    process.stdout.write(`\n${reportLines(r).join('\n')}\n`);
  } catch (e) {
    process.stderr.write(`bench ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    await cleanup();
    process.exit(1);
  }
}
