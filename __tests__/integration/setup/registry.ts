/**
 * A real registry (distribution v2.8, `docker-registry`) on 127.0.0.1, in one of three auth modes:
 * - anonymous: no auth;
 * - basic: `auth.htpasswd` with a bcrypt htpasswd file (from `htpasswd -B` when installed, else perl's crypt(),
 *   which on Debian is libxcrypt and knows `$2b$`);
 * - token: `auth.token`, tokens from the in-process issuer in token-issuer.ts.
 *
 * The registry writes an Apache combined access log to stdout (gorilla handlers); we point its stdout at a
 * file and parse it synchronously, so a count read right after a client finished already includes that
 * client's requests (the line is written before the response is completed).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { freePort, LOOPBACK, sleep, waitForHttp } from './ports.js';
import { exec, makeTempDir, removeTempDir, stopChild, trackChild } from './procs.js';
import { startTokenIssuer, type TokenIssuer, type TokenRequestRecord } from './token-issuer.js';

export type RegistryAuth = 'anonymous' | 'basic' | 'token';

export interface RegistryRequest {
  method: string;
  /** request path without the query string */
  path: string;
  /** path with the query string, as logged */
  uri: string;
  status: number;
  /** response body bytes as logged ('-' -> 0) */
  bytes: number;
  userAgent: string;
}

export interface RegistryFixture {
  auth: RegistryAuth;
  /** "127.0.0.1:PORT" */
  host: string;
  /** "http://127.0.0.1:PORT" */
  url: string;
  port: number;
  /** valid credentials for basic and token modes */
  username?: string;
  password?: string;
  /** the registry's filesystem storage root (for fault tests that corrupt or remove blobs) */
  storageDir: string;
  /** requests the registry served, parsed from its access log, since start or resetCounts() */
  requests(): RegistryRequest[];
  /** every request since start, ignoring resetCounts() */
  allRequests(): RegistryRequest[];
  /** GET /v2/<name>/blobs/<digest> answered 200/206 since start or since resetCounts() */
  blobGets(): number;
  /** completed uploads (PUT /v2/<name>/blobs/uploads/<id>?digest=... answered 201) */
  blobPuts(): number;
  /** cross-repository mounts answered 201 (POST /v2/<name>/blobs/uploads/?mount=...) */
  blobMounts(): number;
  /** PUT /v2/<name>/manifests/<ref> answered 201 */
  manifestPuts(): number;
  resetCounts(): void;
  /** token mode: token requests seen by the issuer (since start or resetCounts()) */
  tokenRequests?: () => TokenRequestRecord[];
  /** token mode: the issuer itself (expiry, faults, hand-made tokens) */
  tokenIssuer?: TokenIssuer;
  /** stderr of the registry process (JSON lines), for debugging a failing test */
  logs(): string;
  pid(): number | undefined;
  /** send a signal to the registry process (SIGSTOP/SIGCONT to freeze it, SIGKILL to crash it) */
  signal(sig: NodeJS.Signals): void;
  stop(): Promise<void>;
  /** stop and start again on the same port, storage and credentials */
  restart(): Promise<void>;
}

export interface StartRegistryOptions {
  auth: RegistryAuth;
  username?: string;
  password?: string;
  /** token mode: anonymous pulls are granted under this prefix (default "public/") */
  publicPrefix?: string;
  /** token mode: token lifetime in seconds (default 300) */
  tokenExpiresIn?: number;
}

const REGISTRY_BIN = process.env.LADING_REGISTRY_BIN ?? 'docker-registry';
const BCRYPT_ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function bcryptBase64(buf: Buffer): string {
  let out = '';
  let i = 0;
  while (i < buf.length) {
    const c1 = buf[i++]!;
    out += BCRYPT_ALPHABET[(c1 >> 2) & 0x3f];
    let c = (c1 & 0x03) << 4;
    if (i >= buf.length) {
      out += BCRYPT_ALPHABET[c];
      break;
    }
    const c2 = buf[i++]!;
    c |= (c2 >> 4) & 0x0f;
    out += BCRYPT_ALPHABET[c];
    c = (c2 & 0x0f) << 2;
    if (i >= buf.length) {
      out += BCRYPT_ALPHABET[c];
      break;
    }
    const c3 = buf[i++]!;
    c |= (c3 >> 6) & 0x03;
    out += BCRYPT_ALPHABET[c] + BCRYPT_ALPHABET[c3 & 0x3f];
  }
  return out;
}

/** One htpasswd line `user:$2?$05$...`. Cost 5 keeps the per-request check of the registry cheap. */
export async function bcryptHtpasswdLine(user: string, password: string): Promise<string> {
  const viaHtpasswd = await exec('htpasswd', ['-nbB', '-C', '5', user, password]).catch(() => undefined);
  if (viaHtpasswd && viaHtpasswd.code === 0) {
    const line = viaHtpasswd.stdout.trim().split('\n')[0] ?? '';
    if (line.startsWith(`${user}:$2`)) return line;
  }
  const salt = `$2b$05$${bcryptBase64(crypto.randomBytes(16))}`;
  const viaPerl = await exec('perl', ['-e', 'my ($p, $s) = @ARGV; print crypt($p, $s)', password, salt]).catch(
    () => undefined
  );
  const hash = viaPerl?.stdout.trim() ?? '';
  if (!viaPerl || viaPerl.code !== 0 || !hash.startsWith('$2b$05$') || hash.length !== 60) {
    throw new Error(
      'cannot make a bcrypt hash: install apache2-utils (htpasswd) or a perl whose crypt() knows $2b$ ' +
        `(perl said: ${viaPerl?.stderr ?? 'not found'})`
    );
  }
  return `${user}:${hash}`;
}

// 127.0.0.1 - - [23/Nov/2026:11:28:55 +0000] "GET /v2/ HTTP/1.1" 200 2 "" "curl/7.88.1"
const ACCESS_LINE = /^\S+ \S+ \S+ \[[^\]]*\] "(\S+) (\S+)[^"]*" (\d{3}) (\S+)(?: "[^"]*" "([^"]*)")?/;

export function parseAccessLine(line: string): RegistryRequest | undefined {
  const m = ACCESS_LINE.exec(line);
  if (!m) return undefined;
  const uri = m[2]!;
  const q = uri.indexOf('?');
  return {
    method: m[1]!,
    uri,
    path: q < 0 ? uri : uri.slice(0, q),
    status: Number(m[3]),
    bytes: m[4] === '-' ? 0 : Number(m[4]),
    userAgent: m[5] ?? ''
  };
}

const BLOB_PATH = /^\/v2\/.+\/blobs\/(sha256|sha512):[0-9a-f]+$/;
const UPLOAD_PATH = /^\/v2\/.+\/blobs\/uploads\/[^/]+$/;
const UPLOAD_START = /^\/v2\/.+\/blobs\/uploads\/?$/;
const MANIFEST_PATH = /^\/v2\/.+\/manifests\/[^/]+$/;

export async function startRegistry(opts: StartRegistryOptions): Promise<RegistryFixture> {
  const dir = makeTempDir(`registry-${opts.auth}`);
  const storageDir = path.join(dir, 'storage');
  fs.mkdirSync(storageDir);
  const cfgPath = path.join(dir, 'config.yml');
  const logPath = path.join(dir, 'access.log');
  const errPath = path.join(dir, 'registry.log');
  fs.writeFileSync(logPath, '');
  fs.writeFileSync(errPath, '');

  const username = opts.auth === 'anonymous' ? undefined : (opts.username ?? 'lading');
  const password = opts.auth === 'anonymous' ? undefined : (opts.password ?? `pw-${crypto.randomBytes(9).toString('base64url')}`);

  let issuer: TokenIssuer | undefined;
  let authCfg: Record<string, unknown> | undefined;
  if (opts.auth === 'basic') {
    const htpasswdPath = path.join(dir, 'htpasswd');
    fs.writeFileSync(htpasswdPath, `${await bcryptHtpasswdLine(username!, password!)}\n`);
    authCfg = { htpasswd: { realm: 'lading-test-registry', path: htpasswdPath } };
  } else if (opts.auth === 'token') {
    issuer = await startTokenIssuer({
      dir: path.join(dir, 'issuer'),
      users: { [username!]: password! },
      ...(opts.publicPrefix !== undefined ? { publicPrefix: opts.publicPrefix } : {}),
      ...(opts.tokenExpiresIn !== undefined ? { expiresIn: opts.tokenExpiresIn } : {})
    });
    authCfg = {
      token: { realm: issuer.realm, service: issuer.service, issuer: issuer.issuer, rootcertbundle: issuer.certPath }
    };
  }

  const secret = crypto.randomBytes(16).toString('hex');
  function writeConfig(port: number): void {
    const cfg: Record<string, unknown> = {
      version: 0.1,
      log: { level: 'info', formatter: 'json', accesslog: { disabled: false } },
      storage: {
        filesystem: { rootdirectory: storageDir },
        delete: { enabled: true },
        redirect: { disable: true },
        maintenance: { uploadpurging: { enabled: false } }
      },
      http: { addr: `${LOOPBACK}:${port}`, secret, headers: { 'X-Content-Type-Options': ['nosniff'] } }
    };
    if (authCfg) cfg.auth = authCfg;
    fs.writeFileSync(cfgPath, YAML.stringify(cfg));
  }

  let child: ChildProcess | undefined;
  let exitInfo: string | undefined;
  let port = 0;

  function errTail(): string {
    try {
      return fs.readFileSync(errPath, 'utf8').split('\n').slice(-8).join('\n');
    } catch {
      return '';
    }
  }

  /** true once this launch's stderr says it bound our port (another process could answer on a raced port) */
  function listening(fromByte: number): boolean {
    try {
      const text = fs.readFileSync(errPath).subarray(fromByte).toString('utf8');
      return text.includes(`listening on ${LOOPBACK}:${port}`);
    } catch {
      return false;
    }
  }

  async function launch(): Promise<void> {
    const errStart = fs.statSync(errPath).size;
    const out = fs.openSync(logPath, 'a');
    const err = fs.openSync(errPath, 'a');
    exitInfo = undefined;
    const proc = spawn(REGISTRY_BIN, ['serve', cfgPath], {
      cwd: dir,
      stdio: ['ignore', out, err],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir }
    });
    fs.closeSync(out);
    fs.closeSync(err);
    child = proc;
    let spawnError: Error | undefined;
    proc.once('error', (e) => {
      spawnError = e;
      exitInfo = `spawn failed: ${e.message}`;
    });
    proc.once('exit', (code, sig) => {
      if (child === proc) exitInfo = `exit ${code ?? sig}: ${errTail()}`;
    });
    trackChild(proc);
    try {
      const deadline = Date.now() + 15_000;
      while (!listening(errStart)) {
        if (exitInfo !== undefined) throw new Error(`registry exited before listening: ${exitInfo}`);
        if (Date.now() > deadline) throw new Error(`registry did not report listening on ${port}: ${errTail()}`);
        await sleep(20);
      }
      await waitForHttp(`http://${LOOPBACK}:${port}/v2/`, {
        timeoutMs: 15_000,
        accept: (s) => s === 200 || s === 401,
        alive: () => exitInfo
      });
    } catch (e) {
      if (spawnError) throw new Error(`cannot start ${REGISTRY_BIN}: ${spawnError.message}`);
      await stopChild(proc, 'SIGKILL');
      throw e;
    }
  }

  // A just-freed port can be taken by someone else before the registry binds it: try a few.
  let lastErr: unknown;
  for (let attempt = 0; attempt < 4; attempt++) {
    port = await freePort();
    writeConfig(port);
    try {
      await launch();
      lastErr = undefined;
      break;
    } catch (e) {
      lastErr = e;
      if (!/address already in use/i.test(String(e))) break;
    }
  }
  if (lastErr !== undefined) {
    await issuer?.stop();
    await removeTempDir(dir);
    throw lastErr;
  }

  // Incremental, synchronous access-log reader.
  const parsed: RegistryRequest[] = [];
  let offset = 0;
  let partial = '';
  let mark = 0;
  let tokenMark = 0;
  function refresh(): void {
    let fd: number;
    try {
      fd = fs.openSync(logPath, 'r');
    } catch {
      return;
    }
    try {
      const buf = Buffer.alloc(64 * 1024);
      for (;;) {
        const n = fs.readSync(fd, buf, 0, buf.length, offset);
        if (n <= 0) break;
        offset += n;
        partial += buf.subarray(0, n).toString('utf8');
        const lines = partial.split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          const r = parseAccessLine(line);
          if (r) parsed.push(r);
        }
      }
    } finally {
      fs.closeSync(fd);
    }
  }
  const since = (): RegistryRequest[] => {
    refresh();
    return parsed.slice(mark);
  };
  const ok = (s: number): boolean => s === 200 || s === 206;

  let stopped = false;
  const host = `${LOOPBACK}:${port}`;
  const fixture: RegistryFixture = {
    auth: opts.auth,
    host,
    url: `http://${host}`,
    port,
    ...(username !== undefined ? { username } : {}),
    ...(password !== undefined ? { password } : {}),
    storageDir,
    requests: since,
    allRequests: () => {
      refresh();
      return parsed.slice();
    },
    blobGets: () => since().filter((r) => r.method === 'GET' && ok(r.status) && BLOB_PATH.test(r.path)).length,
    blobPuts: () => since().filter((r) => r.method === 'PUT' && r.status === 201 && UPLOAD_PATH.test(r.path)).length,
    blobMounts: () =>
      since().filter((r) => r.method === 'POST' && r.status === 201 && UPLOAD_START.test(r.path) && /[?&]mount=/.test(r.uri))
        .length,
    manifestPuts: () => since().filter((r) => r.method === 'PUT' && r.status === 201 && MANIFEST_PATH.test(r.path)).length,
    resetCounts: () => {
      refresh();
      mark = parsed.length;
      tokenMark = issuer ? issuer.requests().length : 0;
    },
    ...(issuer
      ? { tokenIssuer: issuer, tokenRequests: () => issuer.requests().slice(tokenMark) }
      : {}),
    logs: () => {
      try {
        return fs.readFileSync(errPath, 'utf8');
      } catch {
        return '';
      }
    },
    pid: () => child?.pid,
    signal: (sig) => {
      child?.kill(sig);
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      if (child) {
        child.kill('SIGCONT'); // in case a test froze it
        await stopChild(child);
      }
      await issuer?.stop();
      await removeTempDir(dir);
    },
    restart: async () => {
      if (stopped) throw new Error('registry fixture already stopped');
      if (child) {
        child.kill('SIGCONT');
        await stopChild(child);
      }
      for (let attempt = 0; ; attempt++) {
        try {
          await launch();
          return;
        } catch (e) {
          if (attempt >= 5 || !/address already in use/i.test(String(e))) throw e;
          await sleep(200);
        }
      }
    }
  };
  return fixture;
}
