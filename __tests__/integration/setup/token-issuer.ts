/**
 * An in-process token server speaking distribution's token-auth protocol (docs/spec/auth/token.md, jwt.md,
 * oauth.md), for a registry started with `auth.token`.
 *
 * - `GET /token?service=S&scope=A&scope=B[&account=U][&offline_token=true]`, optional Basic auth.
 * - `POST /token` form: `grant_type=password` (username, password) or `grant_type=refresh_token`
 *   (refresh_token), `service`, `scope` (space-separated), `client_id`, `access_type=offline`.
 * - Valid credentials: every requested action on any repository (and `registry:catalog:*`).
 *   Anonymous: only `pull` on repositories under `publicPrefix` (default `public/`); other scopes are left
 *   out of the token (the registry then refuses), as distribution's spec says a token server should.
 *   Wrong credentials or an unknown refresh token: 401.
 * - Tokens are ES256 JWTs whose header `kid` is the libtrust key id of the signing key; the registry trusts
 *   the self-signed certificate written to `certPath` (its `rootcertbundle`).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { LOOPBACK } from './ports.js';
import { exec } from './procs.js';

export interface TokenRequestRecord {
  method: 'GET' | 'POST';
  /** scopes as asked, one string each (`repository:name:pull,push`) */
  scope: string[];
  /** the authenticated account; undefined for anonymous requests */
  account?: string;
  /** `account` query parameter as sent by the client (docker/containers-image send it) */
  accountParam?: string;
  service?: string;
  grantType?: string;
  clientId?: string;
  status: number;
  /** what the issued token granted */
  granted: AccessEntry[];
}

export interface AccessEntry {
  type: string;
  name: string;
  actions: string[];
}

export interface TokenIssuerOptions {
  /** where the key and certificate go */
  dir: string;
  service?: string;
  issuer?: string;
  /** username -> password */
  users: Record<string, string>;
  publicPrefix?: string;
  /** token lifetime in seconds (default 300) */
  expiresIn?: number;
}

export interface TokenIssuer {
  realm: string;
  service: string;
  issuer: string;
  port: number;
  certPath: string;
  keyId: string;
  /** token lifetime for tokens issued from now on (seconds) */
  expiresIn: number;
  /** false: POST /token answers 404 (clients must fall back to GET) */
  acceptPost: boolean;
  /** fault injection: return a status to answer instead of a token (the request is still recorded) */
  fault?: (req: { method: string; scope: string[]; account?: string }) => number | undefined;
  requests(): TokenRequestRecord[];
  resetRequests(): void;
  /** sign a token directly (for tests that need a hand-made or expired token) */
  sign(claims: { sub?: string; access: AccessEntry[]; expiresIn?: number; audience?: string }): string;
  stop(): Promise<void>;
}

export const DEFAULT_SERVICE = 'lading-test-registry';
export const DEFAULT_ISSUER = 'lading-test-issuer';

/** libtrust key id: base32 of the first 240 bits of sha256(DER SPKI), in groups of 4 joined by ':'. */
export function libtrustKeyId(spkiDer: Buffer): string {
  const sum = crypto.createHash('sha256').update(spkiDer).digest().subarray(0, 30);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of sum) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  const groups: string[] = [];
  for (let i = 0; i < out.length; i += 4) groups.push(out.slice(i, i + 4));
  return groups.join(':');
}

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

/** `type:name:actions` -> entry; the name may hold ':' only in theory (ports in registry scopes), so split at the ends. */
export function parseScope(scope: string): AccessEntry | undefined {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first < 0 || last <= first) return undefined;
  const actions = scope
    .slice(last + 1)
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a.length > 0);
  return { type: scope.slice(0, first), name: scope.slice(first + 1, last), actions };
}

export async function startTokenIssuer(opts: TokenIssuerOptions): Promise<TokenIssuer> {
  const service = opts.service ?? DEFAULT_SERVICE;
  const issuerName = opts.issuer ?? DEFAULT_ISSUER;
  const publicPrefix = opts.publicPrefix ?? 'public/';

  // Key pair in-process, self-signed certificate with openssl (node has no X.509 writer).
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  fs.mkdirSync(opts.dir, { recursive: true });
  const keyPath = path.join(opts.dir, 'issuer-key.pem');
  const certPath = path.join(opts.dir, 'issuer-cert.pem');
  fs.writeFileSync(keyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  const res = await exec('openssl', [
    'req', '-x509', '-new', '-key', keyPath, '-subj', `/CN=${issuerName}`, '-days', '2', '-sha256', '-out', certPath
  ]);
  if (res.code !== 0) throw new Error(`openssl could not make the issuer certificate: ${res.stderr}`);
  const keyId = libtrustKeyId(publicKey.export({ type: 'spki', format: 'der' }));

  const records: TokenRequestRecord[] = [];
  const refreshTokens = new Map<string, string>(); // refresh token -> account

  function sign(claims: { sub?: string; access: AccessEntry[]; expiresIn?: number; audience?: string }): string {
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: 'JWT', alg: 'ES256', kid: keyId };
    const body = {
      iss: issuerName,
      sub: claims.sub ?? '',
      aud: claims.audience ?? service,
      exp: now + (claims.expiresIn ?? issuer.expiresIn),
      nbf: now - 10,
      iat: now,
      jti: crypto.randomBytes(12).toString('hex'),
      access: claims.access
    };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(body))}`;
    const sig = crypto.sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
    return `${input}.${b64url(sig)}`;
  }

  function grant(scopes: string[], account: string | undefined): AccessEntry[] {
    const out: AccessEntry[] = [];
    for (const s of scopes) {
      const entry = parseScope(s);
      if (!entry) continue;
      let actions: string[];
      if (account !== undefined) {
        actions = entry.actions;
      } else if (entry.type === 'repository' && entry.name.startsWith(publicPrefix)) {
        actions = entry.actions.filter((a) => a === 'pull');
      } else {
        actions = [];
      }
      if (actions.length > 0) out.push({ type: entry.type, name: entry.name, actions });
    }
    return out;
  }

  /** undefined: anonymous; null: wrong credentials; string: the account */
  function basicAccount(header: string | undefined): string | undefined | null {
    if (!header) return undefined;
    const m = /^Basic\s+(.+)$/i.exec(header.trim());
    if (!m) return null;
    const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    return checkPassword(decoded.slice(0, colon), decoded.slice(colon + 1));
  }

  function checkPassword(user: string, pass: string): string | null {
    const want = opts.users[user];
    if (want === undefined) return null;
    const a = Buffer.from(want);
    const b = Buffer.from(pass);
    return a.length === b.length && crypto.timingSafeEqual(a, b) ? user : null;
  }

  function send(res: http.ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }

  async function readBody(req: http.IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req as AsyncIterable<Buffer>) {
      size += c.length;
      if (size > 1 << 20) throw new Error('body too large');
      chunks.push(c);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}`);
    if (url.pathname !== '/token') {
      send(res, 404, { error: 'not_found' });
      return;
    }
    const method = req.method === 'POST' ? 'POST' : req.method === 'GET' ? 'GET' : undefined;
    if (!method) {
      send(res, 405, { error: 'method_not_allowed' });
      return;
    }
    if (method === 'POST' && !issuer.acceptPost) {
      await readBody(req);
      records.push({ method, scope: [], status: 404, granted: [] });
      send(res, 404, { error: 'not_found' });
      return;
    }

    let scopes: string[];
    let account: string | undefined | null;
    let offline = false;
    let grantType: string | undefined;
    let clientId: string | undefined;
    let serviceParam: string | undefined;
    let accountParam: string | undefined;
    if (method === 'GET') {
      scopes = url.searchParams.getAll('scope').flatMap((s) => s.split(' ')).filter((s) => s.length > 0);
      serviceParam = url.searchParams.get('service') ?? undefined;
      accountParam = url.searchParams.get('account') ?? undefined;
      clientId = url.searchParams.get('client_id') ?? undefined;
      offline = url.searchParams.get('offline_token') === 'true';
      account = basicAccount(req.headers.authorization);
    } else {
      const form = new URLSearchParams(await readBody(req));
      scopes = form.getAll('scope').flatMap((s) => s.split(' ')).filter((s) => s.length > 0);
      serviceParam = form.get('service') ?? undefined;
      clientId = form.get('client_id') ?? undefined;
      grantType = form.get('grant_type') ?? undefined;
      offline = form.get('access_type') === 'offline';
      if (grantType === 'password') {
        account = checkPassword(form.get('username') ?? '', form.get('password') ?? '');
        offline = true; // the reference server hands back a refresh token for password grants
      } else if (grantType === 'refresh_token') {
        account = refreshTokens.get(form.get('refresh_token') ?? '') ?? null;
      } else {
        records.push({ method, scope: scopes, status: 400, granted: [], ...(grantType ? { grantType } : {}) });
        send(res, 400, { error: 'unsupported_grant_type' });
        return;
      }
    }

    const base: TokenRequestRecord = {
      method,
      scope: scopes,
      status: 0,
      granted: [],
      ...(account ? { account } : {}),
      ...(accountParam !== undefined ? { accountParam } : {}),
      ...(serviceParam !== undefined ? { service: serviceParam } : {}),
      ...(grantType !== undefined ? { grantType } : {}),
      ...(clientId !== undefined ? { clientId } : {})
    };

    const faultStatus = issuer.fault?.({ method, scope: scopes, ...(account ? { account } : {}) });
    if (faultStatus !== undefined) {
      records.push({ ...base, status: faultStatus });
      send(res, faultStatus, { errors: [{ code: 'INJECTED', message: 'injected fault' }] });
      return;
    }
    if (account === null) {
      records.push({ ...base, status: 401 });
      res.setHeader('WWW-Authenticate', `Basic realm="${issuerName}"`);
      send(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'invalid credentials' }] });
      return;
    }
    if (serviceParam !== undefined && serviceParam !== service) {
      records.push({ ...base, status: 400 });
      send(res, 400, { errors: [{ code: 'DENIED', message: `unknown service ${serviceParam}` }] });
      return;
    }
    const granted = grant(scopes, account);
    const token = sign({ ...(account ? { sub: account } : {}), access: granted });
    const body: Record<string, unknown> = {
      token,
      access_token: token,
      expires_in: issuer.expiresIn,
      issued_at: new Date().toISOString()
    };
    if (offline && account) {
      const refresh = crypto.randomBytes(24).toString('base64url');
      refreshTokens.set(refresh, account);
      body.refresh_token = refresh;
    }
    records.push({ ...base, status: 200, granted });
    send(res, 200, body);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { error: String(err) });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => resolve());
  });
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('token issuer: no port');

  const issuer: TokenIssuer = {
    realm: `http://${LOOPBACK}:${addr.port}/token`,
    service,
    issuer: issuerName,
    port: addr.port,
    certPath,
    keyId,
    expiresIn: opts.expiresIn ?? 300,
    acceptPost: true,
    requests: () => records.slice(),
    resetRequests: () => {
      records.length = 0;
    },
    sign,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })
  };
  return issuer;
}
