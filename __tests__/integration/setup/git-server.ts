/**
 * Real Git servers on loopback for the repository tests: bare repositories made with the `git`
 * program, served by `git daemon` (git://, read-only, every repository exported) and by
 * `git http-backend` behind a small Node HTTP server (smart HTTP), which can require basic auth as a
 * private repository on a forge does, and can hold requests unanswered (a server that hangs).
 * Everything listens on 127.0.0.1 only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { LOOPBACK, freePort, sleep } from './ports.js';
import { exec, makeTempDir, stopChild, trackChild } from './procs.js';

/** A fixed identity and clock, so commits are the same every run. */
const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Lading Test',
  GIT_AUTHOR_EMAIL: 'test@lading.invalid',
  GIT_COMMITTER_NAME: 'Lading Test',
  GIT_COMMITTER_EMAIL: 'test@lading.invalid',
  GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1'
};

/** Runs git in `cwd` for a fixture; throws with git's output when it fails. */
export async function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const r = await exec('git', args, { cwd, env: { ...GIT_ENV, ...env } });
  if (r.code !== 0) throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${r.stderr}`);
  return r.stdout.trim();
}

/** One commit of a fixture repository: files to write (a string, or { link } for a symbolic link), its message. */
export interface FixtureCommit {
  files: Record<string, string | { link: string } | { exec: string }>;
  message: string;
  /** Tags to put on this commit: a name (lightweight), or { name, annotated: true }. */
  tags?: Array<string | { name: string; annotated: true }>;
  /** The branch to commit on (created from the current one when new); default: the current one. */
  branch?: string;
}

export interface FixtureRepo {
  /** The bare repository, under the served root. */
  bare: string;
  /** Every commit's sha by message. */
  commits: Record<string, string>;
}

/**
 * Makes `<root>/<name>` (a bare repository, default branch main) from `commits`, written in order
 * in a scratch working copy; the default branch of the bare repository is `main`.
 */
export async function makeBareRepo(root: string, name: string, commits: FixtureCommit[]): Promise<FixtureRepo> {
  const work = makeTempDir('git-work');
  await git(work, ['init', '--quiet', '--initial-branch=main']);
  const shas: Record<string, string> = {};
  for (const c of commits) {
    if (c.branch !== undefined) {
      const exists = (await exec('git', ['rev-parse', '--verify', '--quiet', `refs/heads/${c.branch}`], { cwd: work, env: GIT_ENV })).code === 0;
      await git(work, exists ? ['checkout', '--quiet', c.branch] : ['checkout', '--quiet', '-b', c.branch]);
    }
    for (const [file, body] of Object.entries(c.files)) {
      const abs = path.join(work, file);
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.rmSync(abs, { force: true });
      if (typeof body === 'string') fs.writeFileSync(abs, body);
      else if ('link' in body) fs.symlinkSync(body.link, abs);
      else fs.writeFileSync(abs, body.exec, { mode: 0o755 });
    }
    await git(work, ['add', '--all']);
    await git(work, ['commit', '--quiet', '-m', c.message]);
    shas[c.message] = await git(work, ['rev-parse', 'HEAD']);
    for (const t of c.tags ?? []) {
      if (typeof t === 'string') await git(work, ['tag', t]);
      else await git(work, ['tag', '-a', t.name, '-m', `release ${t.name}`]);
    }
  }
  const bare = path.join(root, name);
  fs.mkdirSync(path.dirname(bare), { recursive: true });
  await git(root, ['clone', '--quiet', '--bare', work, bare]);
  await git(bare, ['symbolic-ref', 'HEAD', 'refs/heads/main']);
  // The clone made every branch of the scratch copy a branch of the bare one, and kept its tags.
  return { bare, commits: shas };
}

export interface GitDaemon {
  /** git://127.0.0.1:<port> */
  url: string;
  /** host:port, for the plain-http input (git:// is unencrypted). */
  host: string;
  stop(): Promise<void>;
}

/** `git daemon` serving every repository under `root` (git://<host>/<path under root>). */
export async function startGitDaemon(root: string): Promise<GitDaemon> {
  const port = await freePort();
  const child = spawn('git', ['daemon', '--reuseaddr', '--export-all', `--base-path=${root}`, `--listen=${LOOPBACK}`, `--port=${port}`, '--informative-errors', root], {
    env: GIT_ENV,
    stdio: ['ignore', 'ignore', 'pipe']
  });
  trackChild(child);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const url = `git://${LOOPBACK}:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`git daemon exited: ${stderr}`);
    const r = await exec('git', ['ls-remote', `${url}/does-not-exist.git`], { env: GIT_ENV, timeoutMs: 2000 });
    // "not exported" / "no such repository" means the daemon answered.
    if (/access denied|not exported|no such repository|does not appear/i.test(r.stderr)) break;
    if (Date.now() > deadline) throw new Error(`git daemon did not answer on ${url}: ${r.stderr} ${stderr}`);
    await sleep(100);
  }
  return { url, host: `${LOOPBACK}:${port}`, stop: () => stopChild(child) };
}

export interface GitHttpServer {
  /** http://127.0.0.1:<port> */
  url: string;
  host: string;
  /** Requests seen: method, path and whether they carried the expected credentials. */
  requests: Array<{ method: string; path: string; authorized: boolean }>;
  /** Requests held without an answer (paths matching `hang`), and how many of them the client has closed. */
  hung: { open: number; closed: number };
  stop(): Promise<void>;
}

/**
 * `git http-backend` (smart HTTP) for every repository under `root`, behind a Node HTTP server.
 * With `auth`, every request must carry that basic auth (else 401 with a Basic challenge, as a
 * forge answers for a private repository).
 */
export async function startGitHttp(root: string, auth?: { user: string; password: string }, opts: { hang?: RegExp } = {}): Promise<GitHttpServer> {
  const requests: GitHttpServer['requests'] = [];
  const hung = { open: 0, closed: 0 };
  const expected = auth === undefined ? undefined : Buffer.from(`${auth.user}:${auth.password}`).toString('base64');
  // The scheme is case-insensitive (actions/checkout sends `basic`).
  const carries = (h: string | undefined): boolean => h !== undefined && /^basic\s+/i.test(h) && h.replace(/^basic\s+/i, '').trim() === expected;
  const children = new Set<ChildProcess>();
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const authorized = expected === undefined || carries(req.headers.authorization);
    requests.push({ method: req.method ?? 'GET', path: u.pathname, authorized });
    if (opts.hang?.test(u.pathname) === true) {
      // Never answered: a server that stopped responding; the client has to give up (or be stopped).
      hung.open++;
      req.socket.once('close', () => hung.closed++);
      req.resume();
      return;
    }
    if (!authorized) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="private"', 'Content-Type': 'text/plain' });
      res.end('authentication required\n');
      req.resume();
      return;
    }
    const env: NodeJS.ProcessEnv = {
      ...GIT_ENV,
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: decodeURIComponent(u.pathname),
      QUERY_STRING: u.search.replace(/^\?/, ''),
      REQUEST_METHOD: req.method ?? 'GET',
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      REMOTE_ADDR: LOOPBACK,
      ...(auth !== undefined ? { REMOTE_USER: auth.user } : {}),
      ...(req.headers['content-encoding'] !== undefined ? { HTTP_CONTENT_ENCODING: String(req.headers['content-encoding']) } : {}),
      ...(req.headers['git-protocol'] !== undefined ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {})
    };
    const cgi = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    children.add(cgi);
    cgi.once('exit', () => children.delete(cgi));
    req.pipe(cgi.stdin);
    cgi.stderr.resume();
    // CGI answer: headers up to a blank line, then the body.
    let head = Buffer.alloc(0);
    let headersDone = false;
    cgi.stdout.on('data', (d: Buffer) => {
      if (headersDone) {
        res.write(d);
        return;
      }
      head = Buffer.concat([head, d]);
      const end = head.indexOf('\r\n\r\n');
      const endLf = head.indexOf('\n\n');
      const at = end >= 0 ? end : endLf;
      if (at < 0) return;
      const sepLen = end >= 0 ? 4 : 2;
      const lines = head.subarray(0, at).toString('latin1').split(/\r?\n/);
      let status = 200;
      const headers: Record<string, string> = {};
      for (const l of lines) {
        const i = l.indexOf(':');
        if (i <= 0) continue;
        const k = l.slice(0, i).trim();
        const v = l.slice(i + 1).trim();
        if (k.toLowerCase() === 'status') status = Number.parseInt(v, 10);
        else headers[k] = v;
      }
      res.writeHead(status, headers);
      headersDone = true;
      const rest = head.subarray(at + sepLen);
      if (rest.length > 0) res.write(rest);
    });
    cgi.stdout.once('end', () => {
      if (!headersDone) res.writeHead(502);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${LOOPBACK}:${port}`,
    host: `${LOOPBACK}:${port}`,
    requests,
    hung,
    stop: async () => {
      for (const c of children) c.kill('SIGKILL');
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  };
}
