/**
 * Runs the action the way the GitHub runner runs a node action: `node <script>` with cwd = a fresh
 * workspace holding zarf.yaml, INPUT_* variables (action.yml defaults filled in, hyphens kept), fresh
 * file-command files, RUNNER_TEMP, and RUNNER_DEBUG=1 so Lading prints its peak memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { run } from './registry.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Inputs the runner fills in from action.yml when the workflow does not set them. */
export const actionDefaults = (() => {
  const doc = YAML.parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));
  const out = {};
  for (const [name, spec] of Object.entries(doc.inputs ?? {})) out[name] = spec?.default === undefined ? '' : String(spec.default);
  return out;
})();

export function zarfYaml(refs) {
  return [
    'kind: ZarfPackageConfig',
    'metadata:',
    '  name: bench',
    '  version: 1.0.0',
    'components:',
    '  - name: images',
    '    required: true',
    '    images:',
    ...refs.map((r) => `      - ${r}`),
    ''
  ].join('\n');
}

/** Phase lengths (ms) from Lading's log lines, each stamped with the time it arrived. */
export function phases(lines, totalMs) {
  const at = (re) => lines.find((l) => re.test(l.text))?.t;
  const start = at(/^Lading /);
  const resolving = at(/^resolving \d+ image/);
  const resolved = at(/^ {2}\S+ -> sha256:/);
  const pulled = at(/^pulled \d+ blobs/);
  const written = at(/^package written:/);
  const d = (a, b) => (a !== undefined && b !== undefined ? b - a : undefined);
  return {
    /** spawn -> first log line: node start and loading the bundle */
    startup: start,
    /** manifests (and configs of single manifests); layers start downloading as their manifests arrive */
    resolve: d(resolving, resolved),
    /** the layers still downloading once every reference resolved */
    pull: d(resolved, pulled),
    /** staging, the package tar (zstd), checksums */
    assemble: d(pulled, written),
    /** last log line -> process gone */
    exit: d(written, totalMs)
  };
}

/** Highest sampled RSS (MiB) in each phase: before pulling (start + resolve), pull, assemble. */
export function rssByPhase(lines, samples) {
  const at = (re) => lines.find((l) => re.test(l.text))?.t ?? Infinity;
  const resolved = at(/^ {2}\S+ -> sha256:/);
  const pulled = at(/^pulled \d+ blobs/);
  const max = (from, to) => {
    let m = 0;
    for (const s of samples) if (s.t >= from && s.t < to && s.kib > m) m = s.kib;
    return m > 0 ? Math.round(m / 1024) : undefined;
  };
  return { before: max(0, resolved), pull: max(resolved, pulled), assemble: max(pulled, Infinity) };
}

/** User + system CPU ms of all threads, from the text of /proc/PID/stat (clock ticks of 10 ms). */
function cpuMsOfStat(text) {
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(f[11]) + Number(f[12]);
  return Number.isFinite(ticks) ? ticks * 10 : undefined;
}

/**
 * CPU ms (user + system, all threads) spent in each phase, from samples every 20 ms: before pulling
 * (start-up and resolve), pull, assemble (up to the last sample, ~20 ms before the process ends),
 * and the total. Less sensitive than wall times to other work on the machine.
 */
export function cpuByPhase(lines, samples) {
  if (samples.length === 0) return {};
  const at = (re) => lines.find((l) => re.test(l.text))?.t;
  const upTo = (t) => {
    let v = 0;
    for (const s of samples) if (s.t <= t) v = s.ms;
    return v;
  };
  const resolved = at(/^ {2}\S+ -> sha256:/);
  const pulled = at(/^pulled \d+ blobs/);
  const written = at(/^package written:/);
  const total = samples[samples.length - 1].ms;
  const d = (a, b) => (a !== undefined && b !== undefined ? upTo(b) - upTo(a) : undefined);
  return {
    before: resolved !== undefined ? upTo(resolved) : undefined,
    pull: d(resolved, pulled),
    assemble: pulled !== undefined ? (written !== undefined ? upTo(written) : total) - upTo(pulled) : undefined,
    total
  };
}

/** The outputs a run wrote to its GITHUB_OUTPUT file (`name<<delimiter` blocks); none when there is no file. */
export function readOutputs(file) {
  const outputs = {};
  if (fs.existsSync(file)) for (const m of fs.readFileSync(file, 'utf8').matchAll(/^([\w-]+)<<(.+)\n([\s\S]*?)\n\2$/gm)) outputs[m[1]] = m[3];
  return outputs;
}

/**
 * @param {{ script: string, nodeArgs?: string[], dir: string, refs: string[], inputs?: Record<string,string>, env?: Record<string,string>, debug?: boolean, sampleRss?: boolean, timeoutMs?: number }} o
 * `dir` must not exist yet; the caller removes it. `env` is added to the runner's environment (before
 * the INPUT_* variables). `debug: false` leaves RUNNER_DEBUG unset (Lading still prints its peak
 * memory; @actions/cache lists every cache archive it makes or restores when it is set).
 * `sampleRss: false` takes no RSS samples (rssByPhase then holds no numbers).
 */
export async function runAction(o) {
  const ws = path.join(o.dir, 'ws');
  const home = path.join(o.dir, 'home');
  const temp = path.join(o.dir, 'temp');
  const tool = path.join(o.dir, 'toolcache');
  const cmd = path.join(o.dir, 'cmd');
  for (const d of [ws, home, temp, tool, cmd]) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(ws, 'zarf.yaml'), zarfYaml(o.refs));
  const files = {
    GITHUB_OUTPUT: path.join(cmd, 'output'),
    GITHUB_STATE: path.join(cmd, 'state'),
    GITHUB_ENV: path.join(cmd, 'env'),
    GITHUB_PATH: path.join(cmd, 'path'),
    GITHUB_STEP_SUMMARY: path.join(cmd, 'summary')
  };
  for (const f of Object.values(files)) fs.writeFileSync(f, '');
  const inputs = {
    ...actionDefaults,
    definition: '.',
    architecture: 'amd64',
    output: 'out',
    cache: 'off',
    concurrency: '8',
    retries: '3',
    ...(o.inputs ?? {})
  };
  const env = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'lading-bench',
    RUNNER_TEMP: temp,
    RUNNER_TOOL_CACHE: tool,
    GITHUB_WORKSPACE: ws,
    GITHUB_REPOSITORY: 'acme/lading-bench',
    GITHUB_REPOSITORY_OWNER: 'acme',
    GITHUB_SHA: 'ffac537e6cbbf934b08745a378932722df287a53',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'bench',
    GITHUB_ACTION: 'lading',
    GITHUB_EVENT_NAME: 'push',
    ...files,
    ...(o.env ?? {})
  };
  if (o.debug ?? true) env.RUNNER_DEBUG = '1';
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;

  const lines = [];
  let partial = '';
  // RSS samples from /proc (Linux), to tell which phase holds the peak.
  const rss = [];
  // CPU time of the process (all its threads) from /proc/PID/stat, sampled with the RSS.
  const cpu = [];
  let sampler;
  let spawnedAt;
  const started = performance.now();
  const r = await run(process.execPath, [...(o.nodeArgs ?? []), o.script], {
    cwd: ws,
    env,
    timeoutMs: o.timeoutMs ?? 600_000,
    onSpawn: (child) => {
      spawnedAt = Date.now();
      if (o.sampleRss === false) return;
      const file = `/proc/${child.pid}/status`;
      const statFile = `/proc/${child.pid}/stat`;
      sampler = setInterval(() => {
        try {
          const t = performance.now() - started;
          const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(file, 'utf8'));
          if (m) rss.push({ t, kib: Number(m[1]) });
          const ms = cpuMsOfStat(fs.readFileSync(statFile, 'utf8'));
          if (ms !== undefined) cpu.push({ t, ms });
        } catch {
          /* gone */
        }
      }, 20);
    },
    onStdout: (d) => {
      const t = performance.now() - started;
      partial += d.toString('utf8');
      const parts = partial.split('\n');
      partial = parts.pop() ?? '';
      for (const text of parts) lines.push({ t, text });
    }
  });
  clearInterval(sampler);
  if (partial !== '') lines.push({ t: r.ms, text: partial });
  const peak = /::debug::peak memory \(max RSS\): (\d+) MiB/.exec(r.stdout);
  const outDir = path.join(ws, 'out');
  const pkg = fs.existsSync(outDir) ? fs.readdirSync(outDir).find((f) => f.endsWith('.tar.zst')) : undefined;
  return {
    ok: r.code === 0 && pkg !== undefined,
    code: r.code,
    signal: r.signal,
    ms: r.ms,
    peakMiB: peak ? Number(peak[1]) : undefined,
    phases: phases(lines, r.ms),
    rssByPhase: rssByPhase(lines, rss),
    cpuByPhase: cpuByPhase(lines, cpu),
    /** Date.now() when the process was spawned (to compare with the proxy's first request). */
    spawnedAt,
    pkgSize: pkg !== undefined ? fs.statSync(path.join(outDir, pkg)).size : 0,
    outputs: readOutputs(files.GITHUB_OUTPUT),
    lines,
    errors: lines.filter((l) => l.text.startsWith('::error')).map((l) => l.text),
    stdout: r.stdout,
    stderr: r.stderr
  };
}
