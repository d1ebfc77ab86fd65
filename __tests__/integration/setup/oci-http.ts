/**
 * A small, test-only registry client over HTTP: enough to read back what a test pushed (manifests, blobs,
 * tags) and to push content that skopeo cannot. It handles Basic and Bearer challenges itself and shares no
 * code with Lading, so tests can use it to judge what Lading wrote.
 */
import crypto from 'node:crypto';

export interface RegistryTarget {
  host: string;
  username?: string;
  password?: string;
}

export interface HttpResult {
  status: number;
  headers: Headers;
  body: Buffer;
}

export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json'
].join(', ');

export function sha256(data: Buffer | string): string {
  return `sha256:${crypto.createHash('sha256').update(data).digest('hex')}`;
}

/** Parse `Bearer realm="..",service="..",scope="a b"` or `Basic realm=".."`. */
export function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const space = header.indexOf(' ');
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const params: Record<string, string> = {};
  const re = /([a-zA-Z_]+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  for (const m of (space < 0 ? '' : header.slice(space + 1)).matchAll(re)) {
    params[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
  }
  return { scheme, params };
}

export class RegistryClient {
  private readonly tokens = new Map<string, string>();
  private readonly anonymous: boolean;

  constructor(
    readonly target: RegistryTarget,
    opts: { anonymous?: boolean } = {}
  ) {
    this.anonymous = opts.anonymous ?? false;
  }

  private basic(): string | undefined {
    if (this.anonymous || this.target.username === undefined) return undefined;
    return `Basic ${Buffer.from(`${this.target.username}:${this.target.password ?? ''}`).toString('base64')}`;
  }

  /** Fetch a bearer token for a challenge; returns undefined when the token server refuses. */
  private async token(params: Record<string, string>, scopeKey: string): Promise<string | undefined> {
    const cached = this.tokens.get(scopeKey);
    if (cached) return cached;
    const url = new URL(params.realm!);
    if (params.service) url.searchParams.set('service', params.service);
    for (const s of (params.scope ?? '').split(' ').filter((x) => x)) url.searchParams.append('scope', s);
    const headers: Record<string, string> = {};
    const basic = this.basic();
    if (basic) headers.authorization = basic;
    const res = await fetch(url, { headers });
    const text = await res.text();
    if (res.status !== 200) return undefined;
    const json = JSON.parse(text) as { token?: string; access_token?: string };
    const token = json.token ?? json.access_token;
    if (token) this.tokens.set(scopeKey, token);
    return token;
  }

  /** One request; on 401 answers the challenge once and retries. `body` must be replayable (a Buffer). */
  async request(
    method: string,
    path: string,
    opts: { headers?: Record<string, string>; body?: Buffer | string; absoluteUrl?: string } = {}
  ): Promise<HttpResult> {
    const url = opts.absoluteUrl ?? `http://${this.target.host}${path}`;
    const send = async (auth?: string): Promise<HttpResult> => {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (auth) headers.authorization = auth;
      const init: RequestInit = { method, headers, redirect: 'manual' };
      if (opts.body !== undefined) init.body = typeof opts.body === 'string' ? opts.body : new Uint8Array(opts.body);
      const res = await fetch(url, init);
      const body = Buffer.from(await res.arrayBuffer());
      return { status: res.status, headers: res.headers, body };
    };
    let res = await send(this.cachedAuth(path));
    if (res.status !== 401) return res;
    const header = res.headers.get('www-authenticate');
    if (!header) return res;
    const ch = parseChallenge(header);
    if (ch.scheme === 'basic') {
      const basic = this.basic();
      if (!basic) return res;
      res = await send(basic);
    } else if (ch.scheme === 'bearer' && ch.params.realm) {
      const key = `${ch.params.service ?? ''}|${ch.params.scope ?? ''}`;
      this.tokens.delete(key);
      const token = await this.token(ch.params, key);
      if (!token) return res;
      this.lastBearer.set(repoOf(path), key);
      res = await send(`Bearer ${token}`);
    }
    return res;
  }

  private readonly lastBearer = new Map<string, string>();
  private cachedAuth(path: string): string | undefined {
    const key = this.lastBearer.get(repoOf(path));
    const token = key ? this.tokens.get(key) : undefined;
    return token ? `Bearer ${token}` : undefined;
  }

  async getManifest(
    repo: string,
    ref: string
  ): Promise<{ status: number; body: Buffer; digest: string; mediaType: string; headerDigest?: string }> {
    const r = await this.request('GET', `/v2/${repo}/manifests/${ref}`, { headers: { accept: MANIFEST_ACCEPT } });
    const headerDigest = r.headers.get('docker-content-digest') ?? undefined;
    return {
      status: r.status,
      body: r.body,
      digest: sha256(r.body),
      mediaType: (r.headers.get('content-type') ?? '').split(';')[0]!.trim(),
      ...(headerDigest ? { headerDigest } : {})
    };
  }

  async headBlob(repo: string, digest: string): Promise<{ status: number; size: number }> {
    const r = await this.request('HEAD', `/v2/${repo}/blobs/${digest}`);
    return { status: r.status, size: Number(r.headers.get('content-length') ?? -1) };
  }

  async getBlob(repo: string, digest: string): Promise<HttpResult> {
    return this.request('GET', `/v2/${repo}/blobs/${digest}`);
  }

  async tags(repo: string): Promise<string[]> {
    const r = await this.request('GET', `/v2/${repo}/tags/list`);
    if (r.status !== 200) throw new Error(`tags/list ${repo}: ${r.status} ${r.body.toString()}`);
    return (JSON.parse(r.body.toString('utf8')) as { tags: string[] | null }).tags ?? [];
  }

  /** Monolithic upload: HEAD (skip when present), POST, then one PUT ?digest=. */
  async pushBlob(repo: string, data: Buffer, digest = sha256(data)): Promise<string> {
    const head = await this.headBlob(repo, digest);
    if (head.status === 200) return digest;
    const start = await this.request('POST', `/v2/${repo}/blobs/uploads/`, { headers: { 'content-length': '0' } });
    if (start.status !== 202) throw new Error(`POST upload ${repo}: ${start.status} ${start.body.toString()}`);
    const location = start.headers.get('location');
    if (!location) throw new Error('upload without Location');
    const url = new URL(location, `http://${this.target.host}`);
    url.searchParams.set('digest', digest);
    const put = await this.request('PUT', url.pathname, {
      absoluteUrl: url.toString(),
      headers: { 'content-type': 'application/octet-stream' },
      body: data
    });
    if (put.status !== 201) throw new Error(`PUT blob ${repo}@${digest}: ${put.status} ${put.body.toString()}`);
    return digest;
  }

  async pushManifest(repo: string, ref: string, mediaType: string, body: Buffer): Promise<string> {
    const r = await this.request('PUT', `/v2/${repo}/manifests/${ref}`, {
      headers: { 'content-type': mediaType },
      body
    });
    if (r.status !== 201) throw new Error(`PUT manifest ${repo}:${ref}: ${r.status} ${r.body.toString()}`);
    return r.headers.get('docker-content-digest') ?? sha256(body);
  }
}

/** `/v2/<repo>/(manifests|blobs|tags)/...` -> repo, so a token for one repository is reused for it. */
function repoOf(path: string): string {
  const m = /^\/v2\/(.+?)\/(manifests|blobs|tags)\//.exec(path);
  return m ? m[1]! : path;
}
