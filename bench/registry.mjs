/**
 * The distribution registry (`docker-registry`, anonymous) on a free 127.0.0.1 port, storage in a
 * folder of the bench's temp dir; and small process helpers for the bench.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const LOOPBACK = '127.0.0.1';
const REGISTRY_BIN = process.env.LADING_REGISTRY_BIN ?? 'docker-registry';

/** Every child the bench started and has not seen exit: stopped by pid on exit and on Ctrl-C. */
export const children = new Set();
let pidFile;

/** Keep the pids of the live children in `file` (for a watchdog that outlives a killed bench). */
export function setPidFile(file) {
  pidFile = file;
  writePids();
}

function writePids() {
  if (pidFile === undefined) return;
  try {
    fs.writeFileSync(pidFile, [...children].map((c) => `${c.pid}\n`).join(''));
  } catch {
    /* the temp dir is being removed */
  }
}

export function track(child) {
  if (child.pid === undefined) return child; // failed to spawn; its 'error' event says why
  children.add(child);
  writePids();
  child.once('exit', () => {
    children.delete(child);
    writePids();
  });
  return child;
}

/** Stop one child by its pid: `sig`, then SIGKILL after graceMs. */
export async function stop(child, sig = 'SIGTERM', graceMs = 3000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => {
    const t = setTimeout(() => {
      try {
        child.kill('SIGKILL');
      } catch {
        /* gone */
      }
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(t);
      resolve(undefined);
    });
    try {
      child.kill(sig);
    } catch {
      clearTimeout(t);
      resolve(undefined);
    }
  });
}

/** Run a program to completion (no shell); resolves with code, stdout, stderr and the wall time. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = track(spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] }));
    opts.onSpawn?.(child);
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => {
      out.push(d);
      opts.onStdout?.(d);
    });
    child.stderr.on('data', (d) => err.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 600_000);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code: code ?? 128,
        signal,
        ms: performance.now() - started,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8')
      });
    });
  });
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, LOOPBACK, () => {
      const { port } = srv.address();
      srv.close((e) => (e ? reject(e) : resolve(port)));
    });
  });
}

/**
 * Puts `server` (net or http) on a free 127.0.0.1 port; resolves with the port and a close() that
 * destroys the open `sockets` and closes the server.
 */
export async function listenOnLoopback(server, sockets) {
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => resolve(undefined));
  });
  return {
    port: server.address().port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(() => r(undefined)));
    }
  };
}

/** Starts the registry; resolves with { host, port, storageDir, child } once GET /v2/ answers. */
export async function startRegistry(dir) {
  const storageDir = path.join(dir, 'storage');
  fs.mkdirSync(storageDir, { recursive: true });
  const cfgPath = path.join(dir, 'config.json');
  const logPath = path.join(dir, 'registry.log');
  let lastErr;
  for (let attempt = 0; attempt < 4; attempt++) {
    const port = await freePort();
    // JSON is YAML: the registry reads this as its config.
    fs.writeFileSync(
      cfgPath,
      JSON.stringify({
        version: 0.1,
        log: { level: 'warn', formatter: 'text', accesslog: { disabled: true } },
        storage: {
          filesystem: { rootdirectory: storageDir },
          redirect: { disable: true },
          maintenance: { uploadpurging: { enabled: false } }
        },
        http: { addr: `${LOOPBACK}:${port}`, secret: 'lading-bench' }
      })
    );
    const log = fs.openSync(logPath, 'a');
    const child = track(spawn(REGISTRY_BIN, ['serve', cfgPath], { cwd: dir, stdio: ['ignore', log, log], env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir } }));
    fs.closeSync(log);
    let exited;
    child.once('exit', (code, sig) => {
      exited = `exit ${code ?? sig}`;
    });
    child.once('error', (e) => {
      exited = `spawn failed: ${e.message}`;
    });
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && exited === undefined) {
      try {
        const res = await fetch(`http://${LOOPBACK}:${port}/v2/`, { signal: AbortSignal.timeout(1000) });
        await res.arrayBuffer();
        if (res.status === 200) return { host: `${LOOPBACK}:${port}`, port, storageDir, child, logPath };
      } catch {
        /* not yet */
      }
      await sleep(50);
    }
    await stop(child, 'SIGKILL');
    const tail = fs.readFileSync(logPath, 'utf8').split('\n').slice(-5).join('\n');
    lastErr = new Error(`${REGISTRY_BIN} did not start (${exited ?? 'timeout'}): ${tail}`);
    if (!/address already in use/i.test(tail)) break;
  }
  throw lastErr;
}
