/**
 * `npm run bench`: Lading against `skopeo copy` pulling the same images from a loopback registry,
 * shaped like a remote one (a proxy adding 30 ms to every request and pacing each connection to
 * 25 MB/s) and unshaped; plus Lading's peak memory, and a 1 GiB layer pulled by Lading.
 *
 * Environment:
 *   BENCH_RUNS=3             timed runs per scenario and tool (the median is reported)
 *   BENCH_SKIP_LARGE=1       skip the 1 GiB layer section
 *   BENCH_SKIP_LOAD=1        skip the 50-image load section
 *   BENCH_SKIP_DEFINITION=1  skip the definition section (40 components through 3 levels of imports)
 *   BENCH_ONLY=large         only the 1 GiB layer section (BENCH_ONLY=package: only the package scenarios)
 *   BENCH_LADING_SCRIPT=...  the action to run (default dist/index.js; build it with `npm run build`)
 *   BENCH_NODE_ARGS="..."    extra node flags for Lading (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof)
 *   BENCH_CONCURRENCY=8      Lading's `concurrency` input
 *   BENCH_VERBOSE=1          print Lading's log of every run
 * A bench reports, it does not gate: it exits 0 when a target is missed (and says MISSED), and 1 only
 * when it could not measure (a tool failed, the registry did not start).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { settle } from './common.mjs';
import { layoutBlobFiles, measureFloor } from './floor.mjs';
import { measurePullFloor, measureStartupFloor, pageFaultCost, withFaults } from './node-floor.mjs';
import { LARGE_SPEC, PACKAGE_SPEC, distinctBytes, writeImages } from './images.mjs';
import { runAction } from './lading.mjs';
import { children, run, setPidFile, startRegistry, stop, track } from './registry.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const env = process.env;

const DELAY_MS = 30;
const RATE = 25_000_000; // bytes/s per connection ("25 MB/s")
const RUNS = Math.max(1, Number(env.BENCH_RUNS ?? 3) || 3);
const ONLY = env.BENCH_ONLY ?? '';
const SKIP_LARGE = env.BENCH_SKIP_LARGE === '1' || env.BENCH_SKIP_LARGE === 'true' || ONLY === 'package';
const SKIP_PACKAGE = ONLY === 'large';
const SCRIPT = path.resolve(ROOT, env.BENCH_LADING_SCRIPT ?? 'dist/index.js');
const NODE_ARGS = (env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
const CONCURRENCY = env.BENCH_CONCURRENCY ?? '8';
const VERBOSE = env.BENCH_VERBOSE === '1';
const TARGET_RATIO = 0.45; // shaped Lading/skopeo (issue 11: stays at or under 0.45)
const TARGET_UNSHAPED = 1.0; // unshaped Lading/skopeo (issue 11)
const TARGET_LARGE_ASSEMBLE_MS = 2000; // 1 GiB: the assemble phase (issue 11)
const TARGET_LARGE_WHOLE_MS = 6500; // 1 GiB: the whole run (issue 11)
const AIM_STARTUP_MS = 100; // process start to the first registry request (issue 11, an aim)
const AIM_FLOOR_RATIO = 2; // Lading's assemble / the floor (issue 11, an aim)
const TARGET_PEAK_MB = 200; // 10^6 bytes, like "25 MB/s"
const REPO_PREFIX = 'bench';
const TAG = '1.0';

const t0 = performance.now();
const log = (msg) => process.stderr.write(`[bench ${((performance.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${msg}\n`);

// ------------------------------------------------------------------------------------------------
// Temp dir, cleanup (normal exit, Ctrl-C, and a watchdog if this process is killed outright)

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'lading-bench-'));
let cleaning;
async function cleanup() {
  cleaning ??= (async () => {
    proxyProc?.stdin?.end();
    await Promise.all([...children].map((c) => stop(c)));
    setPidFile(undefined);
    await fs.promises.rm(TMP, { recursive: true, force: true }).catch(() => undefined);
  })();
  return cleaning;
}
const abort = new AbortController();
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => {
    log(`${sig}: stopping`);
    abort.abort();
    void cleanup().finally(() => process.exit(130));
  });
}
{
  // If the bench is killed outright: kill the children still listed (by pid) and remove TMP.
  setPidFile(path.join(TMP, '.pids'));
  const w = spawn(
    'sh',
    [
      '-c',
      'while kill -0 "$0" 2>/dev/null; do sleep 1; done; ' +
        'for p in $(cat "$1/.pids" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done; rm -rf -- "$1"',
      String(process.pid),
      TMP
    ],
    { detached: true, stdio: 'ignore' }
  );
  w.unref();
}

// ------------------------------------------------------------------------------------------------
// Shaping proxy (a child process running bench/proxy.mjs)

let proxyProc;
async function startProxyProcess(targetPort) {
  const child = track(
    spawn(process.execPath, [path.join(HERE, 'proxy.mjs'), '--target', String(targetPort), '--delay-ms', String(DELAY_MS), '--rate', String(RATE), '--lifetime-s', '1800'], {
      stdio: ['pipe', 'pipe', 'inherit']
    })
  );
  proxyProc = child;
  const waiters = [];
  let buf = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d) => {
    buf += d;
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      waiters.shift()?.(JSON.parse(line));
    }
  });
  const next = () => new Promise((resolve) => waiters.push(resolve));
  const { port } = await Promise.race([next(), new Promise((_, rej) => child.once('exit', () => rej(new Error('the proxy exited'))))]);
  const ask = async (cmd) => {
    const p = next();
    child.stdin.write(`${cmd}\n`);
    return p;
  };
  return { host: `127.0.0.1:${port}`, port, stats: () => ask('stats'), reset: () => ask('reset') };
}

// ------------------------------------------------------------------------------------------------
// Images

const SKOPEO_HOME = path.join(TMP, 'skopeo-home');
fs.mkdirSync(SKOPEO_HOME);
const skopeoEnv = { PATH: env.PATH ?? '/usr/bin:/bin', HOME: SKOPEO_HOME, TMPDIR: SKOPEO_HOME };

async function skopeo(args, timeoutMs = 600_000) {
  return run('skopeo', ['--insecure-policy', ...args], { env: skopeoEnv, timeoutMs });
}

async function seed(registry, spec, label) {
  const layout = path.join(TMP, `src-${label}`);
  const started = performance.now();
  const images = await writeImages(layout, spec, abort.signal);
  const d = distinctBytes(images);
  log(`${label}: generated ${images.length} image(s), ${d.blobs} distinct blobs, ${mib(d.bytes)} MiB, in ${secs(performance.now() - started)} s`);
  const pushStart = performance.now();
  // A few pushes at a time; --preserve-digests keeps the uncompressed layers as they are.
  const queue = [...images];
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      for (let img = queue.shift(); img !== undefined; img = queue.shift()) {
        const r = await skopeo(['copy', '--preserve-digests', '--dest-tls-verify=false', '--dest-no-creds', `oci:${layout}:${img.name}`, `docker://${registry.host}/${REPO_PREFIX}/${img.name}:${TAG}`]);
        if (r.code !== 0) throw new Error(`skopeo could not push ${img.name}: ${r.stderr}`);
      }
    })
  );
  // The registry must serve exactly what was generated.
  for (const img of images) {
    const res = await fetch(`http://${registry.host}/v2/${REPO_PREFIX}/${img.name}/manifests/${TAG}`, {
      headers: { accept: 'application/vnd.oci.image.manifest.v1+json' }
    });
    const digest = res.headers.get('docker-content-digest');
    await res.arrayBuffer();
    if (res.status !== 200 || digest !== img.manifest.digest) throw new Error(`registry serves ${img.name} as ${res.status} ${digest}, generated ${img.manifest.digest}`);
  }
  log(`${label}: pushed with skopeo in ${secs(performance.now() - pushStart)} s`);
  // Kept until the floor (bench/floor.mjs) has read the same bytes; removed by dropLayout().
  return { images, ...d, layout };
}

// ------------------------------------------------------------------------------------------------
// Lading (bench/lading.mjs runs it as the runner does)

let runCounter = 0;

async function runLading(host, images, label, env = undefined) {
  const n = ++runCounter;
  const dir = path.join(TMP, `lading-${n}`);
  const r = await runAction({
    script: SCRIPT,
    nodeArgs: NODE_ARGS,
    dir,
    refs: images.map((i) => `${host}/${REPO_PREFIX}/${i.name}:${TAG}`),
    inputs: { 'plain-http': host, concurrency: CONCURRENCY },
    ...(env !== undefined ? { env } : {})
  });
  if (VERBOSE) for (const l of r.lines) log(`  lading#${n} ${(l.t / 1000).toFixed(3)} ${l.text}`);
  if (!r.ok) {
    log(`Lading (${label}) failed: exit ${r.code}${r.signal ? ` (${r.signal})` : ''}\n${r.errors.join('\n') || r.stdout.split('\n').slice(-15).join('\n')}\n${r.stderr.slice(-2000)}`);
  }
  await fs.promises.rm(dir, { recursive: true, force: true });
  return r;
}

// ------------------------------------------------------------------------------------------------
// skopeo: the same images, one after another, into one OCI layout

async function runSkopeo(host, images, label) {
  const n = ++runCounter;
  const layout = path.join(TMP, `skopeo-${n}`);
  const started = performance.now();
  let ok = true;
  for (const img of images) {
    const r = await skopeo([
      'copy',
      '--src-tls-verify=false',
      '--src-no-creds',
      // keep the uncompressed layers as they are (skopeo would gzip them for an oci: layout otherwise)
      '--dest-oci-accept-uncompressed-layers',
      '--preserve-digests',
      `docker://${host}/${REPO_PREFIX}/${img.name}:${TAG}`,
      `oci:${layout}:${img.name}`
    ]);
    if (r.code !== 0) {
      log(`skopeo (${label}) failed for ${img.name}: ${r.stderr}`);
      ok = false;
      break;
    }
  }
  const ms = performance.now() - started;
  if (ok) {
    const index = JSON.parse(fs.readFileSync(path.join(layout, 'index.json'), 'utf8'));
    const want = new Map(images.map((i) => [i.name, i.manifest.digest]));
    const got = new Map(index.manifests.map((m) => [m.annotations?.['org.opencontainers.image.ref.name'], m.digest]));
    for (const [name, digest] of want) {
      if (got.get(name) !== digest) {
        log(`skopeo (${label}): the layout holds ${name} as ${got.get(name)}, expected ${digest}`);
        ok = false;
      }
    }
  }
  await fs.promises.rm(layout, { recursive: true, force: true });
  return { ok, ms };
}

// ------------------------------------------------------------------------------------------------
// Shaping check: one small request (latency) and the largest blob (rate) through the proxy

/** GET over a fresh connection (no keep-alive, so nothing stays open in the proxy); resolves with the body size. */
function getOnce(host, urlPath) {
  const [hostname, port] = host.split(':');
  return new Promise((resolve, reject) => {
    const req = http.get({ hostname, port: Number(port), path: urlPath, agent: false }, (res) => {
      let bytes = 0;
      res.on('data', (c) => {
        bytes += c.length;
      });
      res.on('end', () => resolve({ status: res.statusCode, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

async function checkShaping(host, images) {
  const t = performance.now();
  await getOnce(host, '/v2/');
  const latencyMs = performance.now() - t;
  let biggest;
  for (const img of images) for (const l of img.layers) if (biggest === undefined || l.size > biggest.size) biggest = { ...l, repo: img.name };
  const t2 = performance.now();
  const { bytes } = await getOnce(host, `/v2/${REPO_PREFIX}/${biggest.repo}/blobs/${biggest.digest}`);
  const ms = performance.now() - t2;
  return { latencyMs, bytes, rate: bytes / ((ms - latencyMs) / 1000) };
}

// ------------------------------------------------------------------------------------------------
// Report helpers

const mib = (b) => (b / 1048576).toFixed(1);
const secs = (ms) => (ms / 1000).toFixed(2);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

/** Node's own floor for the package's transfer, a fresh process each time (bench/node-floor.mjs). */
function transferFloor(host, pkg, env = {}) {
  const images = pkg.images.map((i) => ({ repository: `${REPO_PREFIX}/${i.name}`, tag: TAG }));
  return measurePullFloor({ host, images, tmp: TMP, runs: 1, concurrency: Number(CONCURRENCY), env });
}

const HUGE_PAGES = { GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' };

/**
 * Node's floor and Lading itself with glibc's malloc on huge pages (started the way a runner does
 * not): what this machine's page faults cost. Measured after every other section: processes on huge
 * pages leave the kernel compacting memory, which the timed runs after them would pay for.
 */
async function hugePagesRuns(host, pkg) {
  const floor = [];
  const lading = [];
  for (let i = 0; i < RUNS; i++) {
    floor.push((await transferFloor(host, pkg, HUGE_PAGES)).ms);
    const r = await runLading(host, pkg.images, 'huge pages', HUGE_PAGES);
    if (!r.ok) throw new Error('Lading failed with malloc on huge pages');
    lading.push(r.ms);
    log(`huge pages run ${i + 1}/${RUNS}: node's floor ${secs(floor[i])} s, Lading ${secs(r.ms)} s`);
  }
  return { floorMs: median(floor), ladingMs: median(lading) };
}

async function scenario(name, host, pkg, proxy, withFloor = false) {
  const lading = [];
  const sk = [];
  const traffic = {};
  const nodeFloor = [];
  for (let i = 0; i < RUNS; i++) {
    await proxy?.reset();
    const l = await withFaults(() => runLading(host, pkg.images, name));
    if (proxy) traffic.lading = await proxy.stats();
    if (!l.ok) return { name, failed: 'Lading failed' };
    // Process start to the first request the proxy saw (only through the proxy).
    if (proxy && traffic.lading.firstRequestAt !== undefined && l.spawnedAt !== undefined) l.firstRequestMs = traffic.lading.firstRequestAt - l.spawnedAt;
    lading.push(l);
    await proxy?.reset();
    const s = await withFaults(() => runSkopeo(host, pkg.images, name));
    if (proxy) traffic.skopeo = await proxy.stats();
    if (!s.ok) return { name, failed: 'skopeo failed' };
    sk.push(s);
    let floorNote = '';
    if (withFloor) {
      const f = await transferFloor(host, pkg);
      nodeFloor.push(f);
      floorNote = `, node's floor ${secs(f.ms)} s`;
    }
    log(`${name} run ${i + 1}/${RUNS}: Lading ${secs(l.ms)} s (peak ${l.peakMiB ?? '?'} MiB), skopeo ${secs(s.ms)} s${floorNote}`);
  }
  const faultsOf = (xs) => (xs.length > 0 && xs.every((x) => x.faults !== undefined) ? median(xs.map((x) => x.faults)) : undefined);
  const lm = median(lading.map((x) => x.ms));
  const sm = median(sk.map((x) => x.ms));
  const mid = lading.find((x) => x.ms === lm) ?? lading.slice().sort((a, b) => a.ms - b.ms)[lading.length >> 1];
  return {
    name,
    lading: lm,
    skopeo: sm,
    ratio: lm / sm,
    ladingRuns: lading.map((x) => x.ms),
    skopeoRuns: sk.map((x) => x.ms),
    peakMiB: Math.max(...lading.map((x) => x.peakMiB ?? 0)) || undefined,
    phases: mid.phases,
    rss: mid.rssByPhase,
    cpu: mid.cpuByPhase,
    firstRequestMs: lading.some((x) => x.firstRequestMs !== undefined) ? median(lading.filter((x) => x.firstRequestMs !== undefined).map((x) => x.firstRequestMs)) : undefined,
    pkgSize: mid.pkgSize,
    faults: { lading: faultsOf(lading), skopeo: faultsOf(sk), nodeFloor: faultsOf(nodeFloor) },
    nodeFloor: withFloor ? { ms: median(nodeFloor.map((x) => x.ms)) } : undefined,
    traffic
  };
}

/** The floor of writing these bytes (bench/floor.mjs), median of `runs`, with the load average after. */
async function dropLayout(layout) {
  await fs.promises.rm(layout, { recursive: true, force: true });
}

async function floorOf(layout, runs = RUNS) {
  const files = await layoutBlobFiles(layout);
  const got = [];
  for (let i = 0; i < runs; i++) got.push(await measureFloor(files, TMP));
  return { ms: median(got.map((x) => x.ms)), cpuMs: median(got.map((x) => x.cpuMs)), load: os.loadavg() };
}

/** The floor, and Lading's assemble against it: wall time and CPU time (less skewed by other work). */
function floorLines(floor, r) {
  if (floor === undefined) return ['  floor: not measured'];
  const ratio = (a, b) => (a === undefined || !b ? '?' : (a / b).toFixed(2));
  const wall = ratio(r.phases?.assemble, floor.ms);
  const cpu = ratio((r.cpu ?? r.cpuByPhase)?.assemble, floor.cpuMs);
  const met = cpu === '?' ? '?' : Number(cpu) <= AIM_FLOOR_RATIO ? 'met' : 'MISSED';
  return [
    `  floor (the same bytes read, sha256'd, zstd-compressed and written once, one thread, reused buffers): wall ${secs(floor.ms)} s, CPU ${secs(floor.cpuMs)} s; load average ${floor.load.map((x) => x.toFixed(2)).join(' ')}`,
    `  Lading assemble/floor: CPU ${cpu} (aim <= ${AIM_FLOOR_RATIO}: ${met}), wall ${wall}; whole run/floor wall ${ratio(r.lading ?? r.ms, floor.ms)}`
  ];
}

function cpuLine(c) {
  const f = (ms) => (ms === undefined ? '?' : secs(ms));
  return c === undefined || c.total === undefined ? 'not sampled' : `before pulling ${f(c.before)} | pull ${f(c.pull)} | assemble ${f(c.assemble)} | total ${f(c.total)}`;
}

function startupLine(ms, floorMs) {
  if (ms === undefined) return ['  start-up (process start to the first registry request): not measured (only through the proxy)'];
  const lines = [`  start-up (process start to the first registry request, median): ${secs(ms)} s (aim < ${secs(AIM_STARTUP_MS)} s: ${ms < AIM_STARTUP_MS ? 'met' : 'not met'})`];
  if (floorMs !== undefined) {
    const below = floorMs >= AIM_STARTUP_MS ? '; the aim is below node\'s own floor here' : '';
    lines.push(`  node's own start-up floor (a script that loads node:http and sends one GET, same measure): ${secs(floorMs)} s; Lading ${secs(ms - floorMs)} s over it${below}`);
  }
  return lines;
}

/** Lading and skopeo against a fresh node doing only the transfer (bench/node-pull-floor.mjs). */
function nodeFloorLines(r, faultUs) {
  const lines = [];
  const f = r.nodeFloor;
  if (f !== undefined) {
    lines.push(`  node's own floor (a fresh node: the manifests, then every blob ${CONCURRENCY} at a time, sha256'd and written to a file; no package): ${secs(f.ms)} s; Lading/floor ${(r.lading / f.ms).toFixed(2)}, skopeo/floor ${(r.skopeo / f.ms).toFixed(2)}`);
    if (f.hugePages !== undefined) {
      lines.push(
        `  with glibc's malloc on huge pages (GLIBC_TUNABLES=glibc.malloc.hugetlb=1, which a runner does not set; measured after the other sections): node's floor ${secs(f.hugePages.floorMs)} s; Lading ${secs(f.hugePages.ladingMs)} s, Lading/skopeo ${(f.hugePages.ladingMs / r.skopeo).toFixed(2)}`
      );
    }
  }
  const q = r.faults ?? {};
  if (q.lading !== undefined) {
    const cost = faultUs === undefined ? '' : `; a first touch of a 4 KiB page costs ${faultUs.toFixed(1)} µs here (Lading's faults: about ${secs((q.lading * faultUs) / 1000)} s of CPU)`;
    lines.push(`  minor page faults (median run): Lading ${q.lading}, skopeo ${q.skopeo ?? '?'} (one process per image)${q.nodeFloor !== undefined ? `, node's floor ${q.nodeFloor}` : ''}${cost}`);
  }
  return lines;
}

function rssLine(q) {
  const f = (v) => (v === undefined ? '?' : `${v} MiB`);
  return q === undefined ? '?' : `before pulling ${f(q.before)}, pull ${f(q.pull)}, assemble ${f(q.assemble)}`;
}

function printPhases(r) {
  const p = r.phases;
  const f = (ms) => (ms === undefined ? '   ?' : lpad(secs(ms), 5));
  return `startup ${f(p.startup)} | resolve ${f(p.resolve)} | pull ${f(p.pull)} | assemble ${f(p.assemble)} | exit ${f(p.exit)}`;
}

// ------------------------------------------------------------------------------------------------

async function main() {
  for (const [bin, args] of [
    ['skopeo', ['--version']],
    [env.LADING_REGISTRY_BIN ?? 'docker-registry', ['--version']]
  ]) {
    const r = await run(bin, args).catch((e) => ({ code: -1, stderr: e.message }));
    if (r.code !== 0) throw new Error(`${bin} is needed: ${r.stderr}`);
  }
  if (!fs.existsSync(SCRIPT)) throw new Error(`${path.relative(ROOT, SCRIPT)} does not exist: run npm run build first`);
  const scriptTime = fs.statSync(SCRIPT).mtimeMs;
  const newer = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (fs.statSync(p).mtimeMs > scriptTime) newer.push(path.relative(ROOT, p));
    }
  };
  if (SCRIPT === path.join(ROOT, 'dist', 'index.js')) walk(path.join(ROOT, 'src'));
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  log(`Lading: ${path.relative(ROOT, SCRIPT) || SCRIPT} (built ${new Date(scriptTime).toISOString()}), node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, ${RUNS} run(s) per scenario`);
  if (newer.length > 0) log(`warning: ${newer.length} file(s) in src/ are newer than dist/index.js (${newer.slice(0, 3).join(', ')}${newer.length > 3 ? ', ...' : ''}): the bench measures the built action; run npm run build to measure them`);
  if (nodeMajor < 24) log(`warning: node ${process.version}; Lading runs on node 24 (npm run bench puts node_modules/.bin/node first on PATH)`);

  const registry = await startRegistry(path.join(TMP, 'registry'));
  log(`registry on ${registry.host}`);
  const results = [];
  let pkg;
  let shaping;
  let proxy;
  let pkgFloor;
  let startupFloorMs;
  let faultUs;
  if (!SKIP_PACKAGE) {
    pkg = await seed(registry, PACKAGE_SPEC, 'package');
    proxy = await startProxyProcess(registry.port);
    log(`shaping proxy on ${proxy.host}: +${DELAY_MS} ms per request, ${RATE / 1e6} MB/s per connection`);

    shaping = await checkShaping(proxy.host, pkg.images);
    log(`shaping check: GET /v2/ ${shaping.latencyMs.toFixed(0)} ms; a ${mib(shaping.bytes)} MiB blob at ${(shaping.rate / 1e6).toFixed(1)} MB/s`);

    // One untimed pass of each tool, so the first timed run does not pay for cold caches.
    await runLading(registry.host, pkg.images, 'warm-up');
    await runSkopeo(registry.host, pkg.images, 'warm-up');

    results.push(await scenario(`shaped (+${DELAY_MS} ms/request, ${RATE / 1e6} MB/s/conn)`, proxy.host, pkg, proxy));
    startupFloorMs = await measureStartupFloor({ proxy, tmp: TMP, runs: Math.max(RUNS, 5) });
    results.push(await scenario('unshaped (loopback)', registry.host, pkg, undefined, true));
    faultUs = await pageFaultCost();
    pkgFloor = await floorOf(pkg.layout);
    await dropLayout(pkg.layout);
  }

  // The 1 GiB layer, right after the package scenarios: after the cache, publish and load sections
  // (GiBs written and deleted) the same run took 6.6-7.7 s instead of 5.5-5.7 s. The registry keeps
  // its blobs (the later sections use the package's); the whole storage goes at the end.
  let large;
  if (SKIP_LARGE) {
    large = { skipped: true };
  } else {
    const big = await seed(registry, LARGE_SPEC, 'large');
    await settle();
    const l = await withFaults(() => runLading(registry.host, big.images, 'large'));
    faultUs ??= await pageFaultCost();
    large = { ...l, bytes: big.bytes, floor: await floorOf(big.layout, 1) };
    await dropLayout(big.layout);
    // Its GiBs written back before the next section starts.
    await settle();
  }

  // The cache (cold vs warm build) and publish (vs skopeo copy, re-publish) sections, same package.
  const extra = [];
  if (pkg !== undefined && proxy !== undefined) {
    const { runCacheBench, cacheReportLines } = await import('./cache.mjs');
    extra.push('', ...cacheReportLines(await runCacheBench({ registryHost: proxy.host, images: pkg.images, tmp: TMP, script: SCRIPT, log })));
    const { runPublishBench, publishReportLines } = await import('./publish.mjs');
    extra.push('', ...publishReportLines(await runPublishBench({ registry, images: pkg.images, tmp: TMP, script: SCRIPT, log, large: !SKIP_LARGE })));
    if (env.BENCH_SKIP_LOAD !== '1') {
      const { runLoadBench, loadReportLines } = await import('./load.mjs');
      extra.push('', ...loadReportLines(await runLoadBench({ tmp: TMP, script: SCRIPT, log })));
    }
  }
  // The definition work alone (no registry): loadPackage() of a generated 40-component package.
  // Last: its ncc build (a large, short-lived process) left a 1 GiB run right after it 1.4-2 s
  // slower, with 1.8 s more CPU (measured both ways, 2026-12-05).
  if (env.BENCH_SKIP_DEFINITION !== '1') {
    const { runDefinitionBench, definitionReportLines } = await import('./definition.mjs');
    extra.push('', ...definitionReportLines(await runDefinitionBench({ tmp: TMP, log })));
  }
  // Huge pages last of all (see hugePagesRuns), beside the unshaped scenario's figures.
  const unshaped = results.find((r) => r.name.startsWith('unshaped') && !r.failed);
  if (unshaped?.nodeFloor !== undefined) unshaped.nodeFloor.hugePages = await hugePagesRuns(registry.host, pkg);

  // --------------------------------------------------------------------------------------------
  const lines = [];
  const out = (s = '') => lines.push(s);
  let missed = 0;
  out('');
  if (pkg === undefined) out(`Lading bench — package scenarios SKIPPED (BENCH_ONLY=${ONLY}), ${os.cpus().length} CPUs`);
  else out(`Lading bench — ${pkg.images.length} images, ${pkg.blobs} distinct blobs, ${mib(pkg.bytes)} MiB (uncompressed tar layers, some shared), ${os.cpus().length} CPUs, median of ${RUNS}`);
  out(`${path.relative(ROOT, SCRIPT) || SCRIPT} built ${new Date(fs.statSync(SCRIPT).mtimeMs).toISOString()}; load average at the end ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (other work on the machine skews the times)`);
  out('');
  if (shaping) {
    out(`shaping (measured through the proxy): a small request ${shaping.latencyMs.toFixed(0)} ms; one connection ${(shaping.rate / 1e6).toFixed(1)} MB/s (want ${DELAY_MS} ms, ${RATE / 1e6} MB/s)`);
    out('');
  }
  const W = [44, 10, 10, 7, 9, 8];
  out(`${pad('scenario', W[0])}${lpad('Lading s', W[1])}${lpad('skopeo s', W[2])}${lpad('ratio', W[3])}${lpad('target', W[4])}  met?`);
  out('-'.repeat(W.reduce((a, b) => a + b, 0)));
  for (const r of results) {
    const shaped = r.name.startsWith('shaped');
    if (r.failed) {
      out(`${pad(r.name, W[0])}  ERROR: ${r.failed}`);
      continue;
    }
    const limit = shaped ? TARGET_RATIO : TARGET_UNSHAPED;
    const target = `<= ${limit.toFixed(2)}`;
    const met = r.ratio <= limit ? 'yes' : 'MISSED';
    if (met === 'MISSED') missed++;
    out(`${pad(r.name, W[0])}${lpad(secs(r.lading), W[1])}${lpad(secs(r.skopeo), W[2])}${lpad(r.ratio.toFixed(2), W[3])}${lpad(target, W[4])}  ${met}`);
  }
  out('');
  for (const r of results.filter((x) => !x.failed)) {
    out(`${r.name}:`);
    out(`  runs: Lading ${r.ladingRuns.map(secs).join(' ')} s; skopeo ${r.skopeoRuns.map(secs).join(' ')} s`);
    out(`  Lading phases (median run, s): ${printPhases(r)}; package ${mib(r.pkgSize)} MiB`);
    out(`  Lading CPU time (median run, s, all threads): ${cpuLine(r.cpu)}`);
    if (r.name.startsWith('shaped')) for (const l of startupLine(r.firstRequestMs, startupFloorMs)) out(l);
    else for (const l of [...floorLines(pkgFloor, r), ...nodeFloorLines(r, faultUs)]) out(l);
    if (r.traffic.lading) {
      const a = r.traffic.lading;
      const b = r.traffic.skopeo;
      out(`  through the proxy: Lading ${a.requests} requests on ${a.connections} connections (max ${a.maxOpen} open), ${mib(a.bytesDown)} MiB down`);
      out(`                     skopeo ${b.requests} requests on ${b.connections} connections (max ${b.maxOpen} open), ${mib(b.bytesDown)} MiB down${b.tlsHellos ? `, ${b.tlsHellos} HTTPS attempts first` : ''}`);
    }
    out(`  Lading peak memory (max RSS): ${r.peakMiB ?? '?'} MiB (sampled by phase, median run: ${rssLine(r.rss)})`);
  }
  out('');
  if (large.skipped) {
    out(`1 GiB layer: SKIPPED (${ONLY === 'package' ? 'BENCH_ONLY=package' : 'BENCH_SKIP_LARGE=1'})`);
  } else if (!large.ok) {
    out('1 GiB layer: ERROR: Lading failed (see the log above)');
  } else {
    const mb = large.peakMiB === undefined ? undefined : (large.peakMiB * 1048576) / 1e6;
    const met = mb === undefined ? 'unknown (no peak memory line)' : mb < TARGET_PEAK_MB ? 'yes' : 'MISSED';
    if (met === 'MISSED') missed++;
    const assemble = large.phases?.assemble;
    const assembleMet = assemble === undefined ? '?' : assemble < TARGET_LARGE_ASSEMBLE_MS ? 'met' : 'MISSED';
    const wholeMet = large.ms < TARGET_LARGE_WHOLE_MS ? 'met' : 'MISSED';
    missed += [assembleMet, wholeMet].filter((m) => m === 'MISSED').length;
    out(`1 GiB layer (ran, unshaped, ${mib(large.bytes)} MiB):`);
    out(`  assemble ${assemble === undefined ? '?' : secs(assemble)} s  target < ${secs(TARGET_LARGE_ASSEMBLE_MS)} s: ${assembleMet}   (CPU ${large.cpuByPhase?.assemble === undefined ? '?' : secs(large.cpuByPhase.assemble)} s)`);
    out(`  whole run ${secs(large.ms)} s  target < ${secs(TARGET_LARGE_WHOLE_MS)} s: ${wholeMet}   (CPU ${large.cpuByPhase?.total === undefined ? '?' : secs(large.cpuByPhase.total)} s)`);
    out(`  peak memory ${large.peakMiB ?? '?'} MiB (${mb?.toFixed(0) ?? '?'} MB)  target < ${TARGET_PEAK_MB} MB: ${met}`);
    out(`  Lading phases (s): ${printPhases(large)}`);
    out(`  Lading CPU time (s, all threads): ${cpuLine(large.cpuByPhase)}`);
    out(`  RSS sampled by phase: ${rssLine(large.rssByPhase)}`);
    if (large.faults !== undefined) {
      const cost = faultUs === undefined ? '' : ` (at ${faultUs.toFixed(1)} µs each here, about ${secs((large.faults * faultUs) / 1000)} s of CPU)`;
      out(`  minor page faults: ${large.faults}${cost}`);
    }
    for (const l of floorLines(large.floor, large)) out(l);
  }
  for (const l of extra) {
    out(l);
    if (/MISSED/.test(l)) missed++;
  }
  out('');
  out(missed === 0 ? 'All targets met.' : `${missed} target(s) MISSED.`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return results.some((r) => r.failed) || (large.ok === false && !large.skipped) ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (e) {
  log(`bench failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  code = 1;
} finally {
  await cleanup();
  log(`done in ${secs(performance.now() - t0)} s`);
}
process.exit(code);
