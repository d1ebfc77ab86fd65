import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { OciError } from './errors.js';

/** Credentials for one registry host. */
export interface Credential {
  username?: string;
  password?: string;
  /** An OAuth2 refresh token (Docker's `identitytoken`), exchanged at the token endpoint. */
  identityToken?: string;
  /** Where it came from, for logs (never the secret itself). */
  source: string;
}

export type CredentialResolver = (host: string) => Promise<Credential | undefined>;

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

const DOCKER_HUB_KEYS = ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io', 'https://registry-1.docker.io'];

/** The keys a host may be stored under in config.json, most specific first. */
function configKeys(host: string): string[] {
  if (host === 'docker.io' || host === 'registry-1.docker.io' || host === 'index.docker.io') return DOCKER_HUB_KEYS;
  return [host, `https://${host}`, `http://${host}`, `https://${host}/v1/`, `https://${host}/v2/`];
}

export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.DOCKER_CONFIG !== undefined && env.DOCKER_CONFIG !== '' ? env.DOCKER_CONFIG : path.join(env.HOME ?? os.homedir(), '.docker');
  return path.join(dir, 'config.json');
}

async function readDockerConfig(file: string): Promise<DockerConfig | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as DockerConfig;
  } catch {
    throw new OciError(`Docker config ${file} is not valid JSON`, { hint: 'fix or remove the file (docker login rewrites it)', code: 'BAD_DOCKER_CONFIG' });
  }
}

/** Runs `docker-credential-<helper> get` with the server URL on stdin. */
async function runHelper(helper: string, serverUrl: string, env: NodeJS.ProcessEnv, timeoutMs = 15000): Promise<{ Username?: string; Secret?: string } | undefined> {
  const bin = `docker-credential-${helper}`;
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['get'], { stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs, env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => reject(new OciError(`credential helper ${bin} could not be run: ${(e as NodeJS.ErrnoException).code ?? e.message}`, { hint: `install ${bin} or remove it from Docker's config.json`, code: 'CRED_HELPER' })));
    child.on('close', (code) => {
      if (code === 0) {
        try {
          resolve(JSON.parse(out) as { Username?: string; Secret?: string });
        } catch {
          reject(new OciError(`credential helper ${bin} printed something that is not JSON`, { code: 'CRED_HELPER' }));
        }
      } else if (/credentials not found/i.test(out + err)) {
        resolve(undefined);
      } else {
        reject(new OciError(`credential helper ${bin} failed (exit ${code})`, { hint: 'run it by hand to see why', code: 'CRED_HELPER' }));
      }
    });
    child.stdin.end(serverUrl);
  });
}

function fromHelperAnswer(a: { Username?: string; Secret?: string } | undefined, source: string): Credential | undefined {
  if (a === undefined || a.Secret === undefined || a.Secret === '') return undefined;
  if (a.Username === '<token>') return { identityToken: a.Secret, source };
  return { username: a.Username ?? '', password: a.Secret, source };
}

/**
 * Finds credentials as Docker does: explicit ones first, then `$DOCKER_CONFIG/config.json`
 * (or `~/.docker/config.json`): `credHelpers[host]`, `credsStore`, then `auths[host]`.
 */
export function credentialResolver(opts: { explicit?: Record<string, Omit<Credential, 'source'>>; env?: NodeJS.ProcessEnv } = {}): CredentialResolver {
  const env = opts.env ?? process.env;
  const file = dockerConfigPath(env);
  let config: Promise<DockerConfig | undefined> | undefined;
  const cache = new Map<string, Promise<Credential | undefined>>();
  const resolve = async (host: string): Promise<Credential | undefined> => {
    const explicit = opts.explicit?.[host];
    if (explicit !== undefined) return { ...explicit, source: 'inputs' };
    config ??= readDockerConfig(file);
    const cfg = await config;
    if (cfg === undefined) return undefined;
    const keys = configKeys(host);
    for (const k of keys) {
      const helper = cfg.credHelpers?.[k];
      if (helper !== undefined && helper !== '') return fromHelperAnswer(await runHelper(helper, k, env), `credential helper ${helper}`);
    }
    const found = keys.map((k) => [k, cfg.auths?.[k]] as const).find(([, v]) => v !== undefined);
    if (cfg.credsStore !== undefined && cfg.credsStore !== '') {
      const c = fromHelperAnswer(await runHelper(cfg.credsStore, found?.[0] ?? keys[0] ?? host, env), `credential store ${cfg.credsStore}`);
      if (c !== undefined) return c;
    }
    if (found === undefined) return undefined;
    const [, entry] = found;
    if (entry === undefined) return undefined;
    if (entry.identitytoken !== undefined && entry.identitytoken !== '') return { identityToken: entry.identitytoken, source: file };
    if (entry.auth !== undefined && entry.auth !== '') {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      if (i < 0) throw new OciError(`Docker config ${file}: the auth entry for ${host} is not base64 of user:password`, { code: 'BAD_DOCKER_CONFIG' });
      return { username: decoded.slice(0, i), password: decoded.slice(i + 1), source: file };
    }
    if (entry.username !== undefined && entry.password !== undefined) return { username: entry.username, password: entry.password, source: file };
    return undefined;
  };
  return (host: string) => {
    let p = cache.get(host);
    if (p === undefined) {
      p = resolve(host);
      cache.set(host, p);
    }
    return p;
  };
}
