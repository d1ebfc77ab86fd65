/**
 * What node itself needs on this machine, measured in the same run as Lading, so that Lading's
 * start-up and its unshaped time can be read against node's own floor as well as against skopeo:
 *
 * - start-up floor: a fresh `node` running a script that only loads node:http and sends one GET,
 *   from spawn to the request reaching the bench's proxy (how Lading's start-up is measured);
 * - pull floor: a fresh `node` running bench/node-pull-floor.mjs (the manifests, then every blob
 *   8 at a time, sha256'd and written to a file; no package), from spawn to exit (the load section
 *   uses it for the manifests and configs a check reads); once as a runner
 *   starts node, once with glibc's malloc on transparent huge pages (GLIBC_TUNABLES, which a runner
 *   does not set: it shows how much of the time is the kernel handing out fresh memory);
 * - minor page faults of each child run (the bench's own `cminflt` before and after it), and what
 *   one costs here: first touch of 64 MiB against a second pass over it, in a fresh `node`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './common.mjs';
import { run } from './registry.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Minor page faults of this process's children that have ended (Linux; undefined elsewhere). */
export function childFaults() {
  try {
    const text = fs.readFileSync('/proc/self/stat', 'utf8');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const n = Number(f[8]); // field 11, cminflt
    return Number.isFinite(n) ? n : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `fn` and adds the minor page faults of the children it waited for as `faults`. */
export async function withFaults(fn) {
  const before = childFaults();
  const r = await fn();
  const after = childFaults();
  return { ...r, faults: before === undefined || after === undefined ? undefined : after - before };
}

/**
 * Spawn -> first request through the proxy, for a script that loads node:http and sends one GET.
 * `proxy` is the bench's shaping proxy ({ host, reset, stats }).
 */
export async function measureStartupFloor({ proxy, tmp, runs }) {
  const script = path.join(tmp, 'startup-floor.mjs');
  fs.writeFileSync(script, `import http from 'node:http';\nhttp.get('http://${proxy.host}/v2/', (r) => { r.resume(); r.on('end', () => process.exit(0)); }).on('error', () => process.exit(1));\n`);
  const got = [];
  for (let i = 0; i < runs; i++) {
    await proxy.reset();
    let spawnedAt;
    const r = await run(process.execPath, [script], { onSpawn: () => (spawnedAt = Date.now()) });
    const stats = await proxy.stats();
    if (r.code !== 0 || stats.firstRequestAt === undefined) throw new Error(`the start-up floor script failed: ${r.stderr.slice(-500)}`);
    got.push(stats.firstRequestAt - spawnedAt);
  }
  return median(got);
}

/**
 * Spawn -> exit of bench/node-pull-floor.mjs for `images` ([{ repository, tag }]) on `host`, median of
 * `runs`, with its faults; `layers: false` reads the manifests and configs only (what a check reads).
 */
export async function measurePullFloor({ host, images, tmp, runs, concurrency, layers = true, env = {} }) {
  const got = [];
  for (let i = 0; i < runs; i++) {
    const dir = path.join(tmp, `pull-floor-${i}`);
    const job = path.join(tmp, 'pull-floor.json');
    fs.writeFileSync(job, JSON.stringify({ host, images, dir, concurrency, layers }));
    const r = await withFaults(() => run(process.execPath, [path.join(HERE, 'node-pull-floor.mjs'), job], { env: { ...process.env, ...env } }));
    await fs.promises.rm(dir, { recursive: true, force: true });
    if (r.code !== 0) throw new Error(`the pull floor script failed: ${r.stderr.slice(-500)}`);
    got.push(r);
  }
  const ms = median(got.map((r) => r.ms));
  const faults = got.every((r) => r.faults !== undefined) ? median(got.map((r) => r.faults)) : undefined;
  return { ms, faults };
}

/** Microseconds one first touch of a 4 KiB page costs here (fresh node: 64 MiB touched twice). */
export async function pageFaultCost() {
  const code =
    'const b = Buffer.allocUnsafeSlow(64 << 20); let t = performance.now(); b.fill(1); const a = performance.now() - t;' +
    't = performance.now(); b.fill(2); const c = performance.now() - t; process.stdout.write(String((a - c) * 1000 / 16384));';
  const got = [];
  for (let i = 0; i < 3; i++) {
    const r = await run(process.execPath, ['-e', code]);
    if (r.code === 0) got.push(Number(r.stdout));
  }
  return got.length > 0 ? median(got) : undefined;
}
