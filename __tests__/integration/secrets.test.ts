/**
 * Secrets never reach the log, the job summary, the outputs or the package. Build and publish against
 * a registry with token auth (through a loopback proxy that records every Authorization header the
 * action sends, so every bearer token it was handed is known), with debug logging on, credentials
 * given as the username/password inputs, as a Docker config.json `auth`, and as a config.json
 * `identitytoken`; then every stdout and stderr line, the summary, every output, the saved state and
 * environment, and every text file of the package are searched for the password, base64 user:password,
 * the identity token and each bearer token: none is there (the `::add-mask::` line that hands the
 * password to the runner's masking aside).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { cleanupFixtures, makeTempDir, runAction, seedImages, startFaultProxy, startRegistry, type ActionRun, type FaultProxy, type PushedImage, type RegistryFixture } from './setup/index.js';
import { definition, listFiles, unpack, workspaceWith } from './helpers.js';

let reg: RegistryFixture;
let proxy: FaultProxy;
let img: Record<string, PushedImage>;
let user: string;
let password: string;

beforeAll(async () => {
  reg = await startRegistry({ auth: 'token', password: `S3cr3t-${Math.random().toString(36).slice(2)}-pw` });
  user = reg.username as string;
  password = reg.password as string;
  img = await seedImages(reg, 'private', { only: ['single', 'multi'] });
  proxy = await startFaultProxy(reg.host);
}, 120_000);
afterAll(async () => {
  await proxy?.close();
  await reg?.stop();
  await cleanupFixtures();
});

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const refs = (): string[] => [`${proxy.host}/${(img.single as PushedImage).repo}:1.0`, `${proxy.host}/${(img.multi as PushedImage).repo}:1.0`];

function homeWith(entry: Record<string, string>): string {
  const home = makeTempDir('secrets-home');
  fs.mkdirSync(path.join(home, '.docker'));
  fs.writeFileSync(path.join(home, '.docker', 'config.json'), JSON.stringify({ auths: { [proxy.host]: entry } }));
  return home;
}

async function build(repo: string, extra: { inputs?: Record<string, string>; home?: string } = {}): Promise<{ run: ActionRun; ws: string }> {
  const ws = workspaceWith(definition(refs()));
  proxy.clear();
  const run = await runAction({
    workspace: ws,
    debug: true,
    ...(extra.home !== undefined ? { home: extra.home } : {}),
    inputs: { definition: '.', architecture: 'amd64', output: 'out', 'plain-http': proxy.host, cache: 'local', retries: '1', publish: `oci://${proxy.host}/${repo}`, ...(extra.inputs ?? {}) }
  });
  expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
  expect(run.code).toBe(0);
  expect(run.outputs.digest).toMatch(/^sha256:/);
  return { run, ws };
}

/** Every bearer token the action sent to the registry (and so was handed by the token service). */
function bearerTokens(): string[] {
  const tokens = new Set(proxy.requests.map((r) => /^Bearer (.+)$/.exec(r.authorization ?? '')?.[1]).filter((t): t is string => t !== undefined));
  return [...tokens];
}

/** Everything a user or a later step can read: log lines, summary, outputs, state, env, the package's text files. */
async function everythingVisible(run: ActionRun, ws: string): Promise<Array<{ where: string; text: string }>> {
  const out: Array<{ where: string; text: string }> = [];
  run.stdout.split('\n').forEach((line, i) => {
    // The one line that hands the password to the runner, which then masks it everywhere.
    if (line === `::add-mask::${password}`) return;
    out.push({ where: `stdout line ${i + 1}`, text: line });
  });
  run.stderr.split('\n').forEach((line, i) => out.push({ where: `stderr line ${i + 1}`, text: line }));
  out.push({ where: 'summary', text: run.summary });
  for (const [k, v] of Object.entries(run.outputs)) out.push({ where: `output ${k}`, text: v });
  out.push({ where: 'state', text: JSON.stringify(run.state) }, { where: 'exported env', text: JSON.stringify(run.exportedEnv) }, { where: 'added path', text: run.addedPath.join('\n') });
  const dir = await unpack(run.outputs.package as string);
  for (const f of listFiles(dir).filter((f) => !f.startsWith('images/blobs/') || f.endsWith('.json'))) out.push({ where: `package ${f}`, text: fs.readFileSync(path.join(dir, f), 'utf8') });
  // The package's outputs folder holds nothing else.
  expect(listFiles(path.join(ws, 'out'))).toEqual([path.basename(run.outputs.package as string)]);
  return out;
}

function expectNoSecret(visible: Array<{ where: string; text: string }>, secrets: Array<{ name: string; value: string }>): void {
  for (const s of secrets) expect(s.value.length).toBeGreaterThan(8);
  const found: string[] = [];
  for (const v of visible) {
    for (const s of secrets) if (v.text.includes(s.value)) found.push(`${s.name} in ${v.where}`);
    // Any JSON Web Token at all (every registry token here is one).
    if (/eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}/.test(v.text)) found.push(`a JWT in ${v.where}`);
  }
  expect(found).toEqual([]);
}

describe('no secret in any log line, summary, output or package file', () => {
  test('username and password inputs (token auth, pull and push): the password is masked and never printed', async () => {
    const { run, ws } = await build('secrets-inputs', { inputs: { username: user, password } });
    expect(run.masks).toContain(password);
    const tokens = bearerTokens();
    expect(tokens.length).toBeGreaterThan(0);
    // The token service saw the password: pull and push,pull scopes for this user.
    const asked = reg.tokenRequests?.() ?? [];
    expect(asked.some((t) => t.account === user && t.scope.some((s) => s.endsWith(':push,pull')))).toBe(true);
    expectNoSecret(await everythingVisible(run, ws), [
      { name: 'the password', value: password },
      { name: 'base64 user:password', value: b64(`${user}:${password}`) },
      ...tokens.map((t, i) => ({ name: `bearer token ${i + 1}`, value: t }))
    ]);
  }, 90_000);

  test('Docker config.json auth (base64 user:password): nothing of it printed', async () => {
    const { run, ws } = await build('secrets-config', { home: homeWith({ auth: b64(`${user}:${password}`) }) });
    const tokens = bearerTokens();
    expect(tokens.length).toBeGreaterThan(0);
    expectNoSecret(await everythingVisible(run, ws), [
      { name: 'the password', value: password },
      { name: 'base64 user:password', value: b64(`${user}:${password}`) },
      ...tokens.map((t, i) => ({ name: `bearer token ${i + 1}`, value: t }))
    ]);
  }, 90_000);

  test('Docker config.json identitytoken (an OAuth2 refresh token): nothing of it printed', async () => {
    // A refresh token from the token service, as `docker login` to an OAuth2 registry stores it.
    const issuer = reg.tokenIssuer;
    expect(issuer).toBeDefined();
    const url = new URL(issuer?.realm as string);
    url.searchParams.set('service', issuer?.service as string);
    url.searchParams.set('offline_token', 'true');
    url.searchParams.set('scope', 'repository:private/single:pull');
    const res = await fetch(url, { headers: { authorization: `Basic ${b64(`${user}:${password}`)}` } });
    const refresh = ((await res.json()) as { refresh_token?: string }).refresh_token as string;
    expect(typeof refresh).toBe('string');
    const { run, ws } = await build('secrets-identity', { home: homeWith({ auth: b64(`<token>:${refresh}`), identitytoken: refresh }) });
    expect((reg.tokenRequests?.() ?? []).some((t) => t.grantType === 'refresh_token' && t.status === 200)).toBe(true);
    const tokens = bearerTokens();
    expect(tokens.length).toBeGreaterThan(0);
    expectNoSecret(await everythingVisible(run, ws), [
      { name: 'the identity token', value: refresh },
      { name: 'base64 <token>:identity token', value: b64(`<token>:${refresh}`) },
      { name: 'the password', value: password },
      ...tokens.map((t, i) => ({ name: `bearer token ${i + 1}`, value: t }))
    ]);
  }, 90_000);
});
