/**
 * `podman system service` as a real Docker Engine API on a unix socket of its own, for the Docker
 * daemon fallback tests. Everything podman keeps lives in one temp dir: storage (vfs driver, so no
 * overlay mounts or fuse are needed, as root or not), run state, config (cgroupfs, events to a file,
 * an empty registries.conf so no short-name lookups go anywhere). The podman CLI given here uses the
 * same storage, so `pull` and `tag` change what the service serves.
 *
 * Needs the Debian package `podman` (4.3 on bookworm); `podmanMissing()` says why it cannot run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { sleep } from './ports.js';
import { exec, makeTempDir, removeTempDir, stopChild, trackChild, type ExecResult } from './procs.js';

export interface PodmanFixture {
  /** the API socket path */
  socket: string;
  /** `unix://<socket>`, for DOCKER_HOST */
  dockerHost: string;
  /** run the podman CLI against this instance's storage */
  podman(args: string[], timeoutMs?: number): Promise<ExecResult>;
  /** `podman pull --tls-verify=false <ref>`; throws when it fails */
  pull(ref: string): Promise<void>;
  /** `podman tag <from> <to>`; throws when it fails */
  tag(from: string, to: string): Promise<void>;
  /** GET on the API socket (e.g. `/version`): status and body text */
  api(pathAndQuery: string): Promise<{ status: number; body: string }>;
  /** the service's own log (stderr), for debugging */
  logs(): string;
  stop(): Promise<void>;
}

const PODMAN_BIN = process.env.LADING_PODMAN_BIN ?? 'podman';

/** Why podman cannot be used here, or undefined when it can. */
export async function podmanMissing(): Promise<string | undefined> {
  const r = await exec(PODMAN_BIN, ['--version']).catch((e: Error) => ({ code: 127, stdout: '', stderr: e.message }));
  return r.code === 0 ? undefined : `${PODMAN_BIN} is not installed (${r.stderr.trim() || `exit ${r.code}`}): apt-get install podman`;
}

function apiGet(socket: string, pathAndQuery: string, timeoutMs = 2000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ socketPath: socket, path: pathAndQuery, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

export async function startPodman(): Promise<PodmanFixture> {
  const dir = makeTempDir('podman');
  const d = (name: string): string => {
    const p = path.join(dir, name);
    fs.mkdirSync(p, { recursive: true });
    return p;
  };
  const root = d('root');
  const runroot = d('runroot');
  const tmp = d('tmp');
  const home = d('home');
  const xdg = d('xdg');
  fs.chmodSync(xdg, 0o700);
  const confDir = d('conf');
  const containersConf = path.join(confDir, 'containers.conf');
  fs.writeFileSync(
    containersConf,
    [
      '[engine]',
      'cgroup_manager = "cgroupfs"',
      'events_logger = "file"',
      `events_logfile_path = "${path.join(dir, 'events.log')}"`,
      `tmp_dir = "${tmp}"`,
      ''
    ].join('\n')
  );
  const storageConf = path.join(confDir, 'storage.conf');
  fs.writeFileSync(storageConf, ['[storage]', 'driver = "vfs"', `runroot = "${runroot}"`, `graphroot = "${root}"`, ''].join('\n'));
  const registriesConf = path.join(confDir, 'registries.conf');
  fs.writeFileSync(registriesConf, 'unqualified-search-registries = []\nshort-name-mode = "disabled"\n');

  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
    HOME: home,
    TMPDIR: tmp,
    XDG_RUNTIME_DIR: xdg,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    CONTAINERS_CONF: containersConf,
    CONTAINERS_STORAGE_CONF: storageConf,
    CONTAINERS_REGISTRIES_CONF: registriesConf
  };
  const global = ['--root', root, '--runroot', runroot, '--storage-driver', 'vfs', '--cgroup-manager', 'cgroupfs', '--events-backend', 'file', '--tmpdir', tmp];
  const podman = (args: string[], timeoutMs = 120_000): Promise<ExecResult> => exec(PODMAN_BIN, [...global, ...args], { env, timeoutMs });

  // Short path: unix socket paths are limited to about 108 bytes.
  const socket = path.join(dir, 'api.sock');
  const errPath = path.join(dir, 'service.log');
  const err = fs.openSync(errPath, 'a');
  const child: ChildProcess = spawn(PODMAN_BIN, [...global, 'system', 'service', '--time=0', `unix://${socket}`], { cwd: dir, env, stdio: ['ignore', err, err] });
  fs.closeSync(err);
  trackChild(child);
  let exited: string | undefined;
  child.once('exit', (code, sig) => {
    exited = `exit ${code ?? sig}`;
  });
  child.once('error', (e) => {
    exited = `spawn failed: ${e.message}`;
  });
  const logs = (): string => {
    try {
      return fs.readFileSync(errPath, 'utf8');
    } catch {
      return '';
    }
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited !== undefined) {
      await removeTempDir(dir);
      throw new Error(`podman system service ended before answering (${exited}):\n${logs().slice(-2000)}`);
    }
    if (fs.existsSync(socket)) {
      const ok = await apiGet(socket, '/_ping').catch(() => undefined);
      if (ok?.status === 200) break;
    }
    if (Date.now() > deadline) {
      await stopChild(child, 'SIGKILL');
      await removeTempDir(dir);
      throw new Error(`podman system service did not answer on ${socket} within 30 s:\n${logs().slice(-2000)}`);
    }
    await sleep(50);
  }

  let stopped = false;
  return {
    socket,
    dockerHost: `unix://${socket}`,
    podman,
    pull: async (ref) => {
      const r = await podman(['pull', '--quiet', '--tls-verify=false', ref]);
      if (r.code !== 0) throw new Error(`podman pull ${ref} failed:\n${r.stderr}`);
    },
    tag: async (from, to) => {
      const r = await podman(['tag', from, to]);
      if (r.code !== 0) throw new Error(`podman tag ${from} ${to} failed:\n${r.stderr}`);
    },
    api: (p) => apiGet(socket, p, 30_000),
    logs,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await stopChild(child, 'SIGTERM', 5000);
      await removeTempDir(dir);
    }
  };
}
