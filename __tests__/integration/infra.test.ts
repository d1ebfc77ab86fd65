/**
 * Proves the shared integration fixtures work: real registries in three auth modes, seeded images whose
 * digests skopeo confirms, access-log counters, the token issuer's policy, and runAction's parsing.
 */
import { describe, test, expect, beforeAll, afterAll } from '@jest/globals';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startRegistry, type RegistryFixture } from './setup/registry.js';
import { seedImages, skopeo, skopeoAuthArgs, MT, type PushedImage } from './setup/images.js';
import { runAction, inputEnvName, parseFileCommand, parseWorkflowCommands, actionScript, REPO_ROOT } from './setup/action.js';
import { BUNDLES_DIR, bundleKey } from './setup/bundle.js';
import { RegistryClient, sha256 } from './setup/oci-http.js';
import { libtrustKeyId } from './setup/token-issuer.js';
import { cleanupFixtures, makeTempDir, removeTempDir } from './setup/procs.js';

const hashOf = (s: string): string => `sha256:${crypto.createHash('sha256').update(s, 'utf8').digest('hex')}`;

afterAll(async () => {
  await cleanupFixtures();
});

async function inspectRaw(reg: RegistryFixture, ref: string, anonymous = false): Promise<string> {
  const r = await skopeo(['inspect', '--raw', ...skopeoAuthArgs(reg, 'plain', anonymous), `docker://${ref}`]);
  if (r.code !== 0) throw new Error(`skopeo inspect ${ref}: ${r.stderr}`);
  return r.stdout;
}

describe('anonymous registry', () => {
  let reg: RegistryFixture;
  let images: Record<string, PushedImage>;
  const dirs: string[] = [];

  beforeAll(async () => {
    reg = await startRegistry({ auth: 'anonymous' });
    images = await seedImages(reg);
  });
  afterAll(async () => {
    await reg?.stop();
    for (const d of dirs) await removeTempDir(d);
  });

  test('answers /v2/ on loopback', async () => {
    expect(reg.host).toMatch(/^127\.0\.0\.1:\d+$/);
    const res = await fetch(`http://${reg.host}/v2/`);
    expect(res.status).toBe(200);
    expect(reg.requests().some((r) => r.method === 'GET' && r.path === '/v2/' && r.status === 200)).toBe(true);
  });

  test('seeded every image, pushed by skopeo or by the HTTP pusher', () => {
    expect(Object.keys(images).sort()).toEqual(['chart', 'docker', 'multi', 'signature', 'single', 'uncompressed']);
    const how = Object.fromEntries(Object.values(images).map((i) => [i.name, i.pushedWith]));
    console.log(`seed pushed with: ${JSON.stringify(how)}`);
    for (const img of Object.values(images)) {
      expect(img.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(img.blobs[0]).toBe(img.digest);
      expect(img.bytes).toBe(img.blobs.reduce((n, d) => n + img.sizes[d]!, 0));
    }
  });

  test('skopeo inspect --raw confirms every manifest digest', async () => {
    for (const img of Object.values(images)) {
      const raw = await inspectRaw(reg, img.ref);
      expect(hashOf(raw)).toBe(img.digest);
      expect(JSON.parse(raw).mediaType).toBe(img.mediaType);
      for (const p of img.platforms ?? []) {
        const child = await inspectRaw(reg, `${reg.host}/${img.repo}@${p.digest}`);
        expect(hashOf(child)).toBe(p.digest);
        expect(Buffer.byteLength(child)).toBe(p.size);
      }
    }
  });

  test('the image set has the promised shapes', async () => {
    const multi = images.multi!;
    expect(multi.mediaType).toBe(MT.ociIndex);
    expect(multi.platforms!.map((p) => [p.os, p.architecture, p.variant ?? ''])).toEqual([
      ['linux', 'amd64', ''],
      ['linux', 'arm64', 'v8'],
      ['linux', 'arm', 'v7'],
      ['unknown', 'unknown', '']
    ]);
    const index = JSON.parse(await inspectRaw(reg, multi.ref));
    const att = index.manifests[3];
    expect(att.annotations['vnd.docker.reference.type']).toBe('attestation-manifest');
    expect(att.annotations['vnd.docker.reference.digest']).toBe(multi.platforms![0]!.digest);
    // every platform shares the base layer with `single`
    const single = images.single!;
    const base = single.layers[0]!;
    for (const p of multi.platforms!.slice(0, 3)) {
      const m = JSON.parse(await inspectRaw(reg, `${reg.host}/${multi.repo}@${p.digest}`));
      expect(m.layers[0].digest).toBe(base);
    }

    const unc = JSON.parse(await inspectRaw(reg, images.uncompressed!.ref));
    expect(unc.layers[0].mediaType).toBe(MT.ociLayerTar);

    const sig = images.signature!;
    expect(sig.repo).toBe(single.repo);
    expect(sig.tag).toBe(`sha256-${single.digest.slice(7)}.sig`);
    const sigm = JSON.parse(await inspectRaw(reg, sig.ref));
    expect(sigm.layers[0].mediaType).toBe(MT.cosignSimpleSigning);
    expect(typeof sigm.layers[0].annotations['dev.cosignproject.cosign/signature']).toBe('string');

    const chart = JSON.parse(await inspectRaw(reg, images.chart!.ref));
    expect(chart.config.mediaType).toBe(MT.helmConfig);
    expect(chart.layers.map((l: { mediaType: string }) => l.mediaType)).toEqual([MT.helmChart]);

    const docker = images.docker!;
    expect(docker.mediaType).toBe(MT.dockerList);
    for (const p of docker.platforms!) {
      expect(p.mediaType).toBe(MT.dockerManifest);
      const m = JSON.parse(await inspectRaw(reg, `${reg.host}/${docker.repo}@${p.digest}`));
      expect(m.config.mediaType).toBe(MT.dockerConfig);
      expect(m.layers[0].mediaType).toBe(MT.dockerLayerGzip);
    }
  });

  test('blobGets counts the blobs a skopeo copy downloads', async () => {
    const multi = images.multi!;
    const dir = makeTempDir('pull');
    dirs.push(dir);
    reg.resetCounts();
    expect(reg.blobGets()).toBe(0);
    const r = await skopeo(['copy', '--all', '--preserve-digests', ...skopeoAuthArgs(reg, 'src'), `docker://${multi.ref}`, `oci:${dir}:x`]);
    expect(r.code).toBe(0);
    const nonManifest = multi.layers.length + multi.configs.length;
    expect(reg.blobGets()).toBe(nonManifest);
    expect(reg.blobPuts()).toBe(0);
    // the layout skopeo wrote holds exactly the pushed content
    const index = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8'));
    expect(index.manifests[0].digest).toBe(multi.digest);
    for (const d of multi.blobs) {
      const data = fs.readFileSync(path.join(dir, 'blobs', 'sha256', d.slice(7)));
      expect(sha256(data)).toBe(d);
    }
    reg.resetCounts();
    expect(reg.blobGets()).toBe(0);
  });

  test('anonymous skopeo push works and blobPuts counts it; restart keeps port and storage', async () => {
    reg.resetCounts();
    const r = await skopeo([
      'copy', '--preserve-digests', ...skopeoAuthArgs(reg, 'src'), ...skopeoAuthArgs(reg, 'dest'),
      `docker://${images.uncompressed!.ref}`, `docker://${reg.host}/copies/uncompressed:again`
    ]);
    expect(r.code).toBe(0);
    // two blobs (config, layer): uploaded or mounted from the source repository
    expect(reg.blobPuts() + reg.blobMounts()).toBe(2);
    expect(reg.manifestPuts()).toBe(1);
    const port = reg.port;
    await reg.restart!();
    expect(reg.port).toBe(port);
    expect(hashOf(await inspectRaw(reg, `${reg.host}/copies/uncompressed:again`))).toBe(images.uncompressed!.digest);
  });
});

describe('basic-auth registry', () => {
  let reg: RegistryFixture;
  let images: Record<string, PushedImage>;
  beforeAll(async () => {
    reg = await startRegistry({ auth: 'basic' });
    images = await seedImages(reg, 'seed', { only: ['single', 'big'], layerBytes: 3 * 1024 * 1024 });
  });
  afterAll(async () => {
    await reg?.stop();
  });

  test('asks for basic auth and rejects wrong credentials', async () => {
    const anon = await fetch(`http://${reg.host}/v2/`);
    expect(anon.status).toBe(401);
    expect(anon.headers.get('www-authenticate')).toMatch(/^Basic /);
    const wrong = await skopeo(['inspect', '--raw', '--tls-verify=false', `--creds=${reg.username}:nope`, `docker://${images.single!.ref}`]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/unauthorized|authentication required|401/i);
    const none = await skopeo(['inspect', '--raw', '--tls-verify=false', '--no-creds', `docker://${images.single!.ref}`]);
    expect(none.code).not.toBe(0);
  });

  test('valid credentials push (seeded) and pull', async () => {
    expect(Object.keys(images).sort()).toEqual(['big', 'single']);
    expect(hashOf(await inspectRaw(reg, images.single!.ref))).toBe(images.single!.digest);
    const big = images.big!;
    expect(big.sizes[big.layers[0]!]).toBeGreaterThan(3 * 1024 * 1024);
    expect(hashOf(await inspectRaw(reg, big.ref))).toBe(big.digest);
    const client = new RegistryClient(reg);
    const blob = await client.getBlob(images.single!.repo, images.single!.layers[1]!);
    expect(blob.status).toBe(200);
    expect(sha256(blob.body)).toBe(images.single!.layers[1]);
  });
});

describe('token-auth registry', () => {
  let reg: RegistryFixture;
  let images: Record<string, PushedImage>;
  beforeAll(async () => {
    reg = await startRegistry({ auth: 'token' });
    images = await seedImages(reg, 'public', { only: ['single', 'multi'] });
  });
  afterAll(async () => {
    await reg?.stop();
  });

  test('challenges with Bearer realm and service', async () => {
    const res = await fetch(`http://${reg.host}/v2/public/single/manifests/1.0`);
    expect(res.status).toBe(401);
    const h = res.headers.get('www-authenticate') ?? '';
    expect(h).toContain(`realm="${reg.tokenIssuer!.realm}"`);
    expect(h).toContain('service="lading-test-registry"');
    expect(h).toContain('scope="repository:public/single:pull"');
  });

  test('seeding with credentials asked for push scopes as the user', () => {
    const reqs = reg.tokenRequests!();
    const pushes = reqs.filter((r) => r.scope.some((s) => /^repository:public\/single:.*push/.test(s)));
    expect(pushes.length).toBeGreaterThan(0);
    expect(pushes.every((r) => r.account === reg.username && r.status === 200)).toBe(true);
  });

  test('skopeo with credentials reads back the seeded digests', async () => {
    expect(hashOf(await inspectRaw(reg, images.multi!.ref))).toBe(images.multi!.digest);
  });

  test('anonymous pull of public/ works; anonymous push is refused', async () => {
    reg.resetCounts();
    expect(hashOf(await inspectRaw(reg, images.single!.ref, true))).toBe(images.single!.digest);
    const anonReqs = reg.tokenRequests!();
    expect(anonReqs.length).toBeGreaterThan(0);
    expect(anonReqs.every((r) => r.account === undefined)).toBe(true);
    expect(anonReqs.some((r) => r.scope.includes('repository:public/single:pull'))).toBe(true);

    const push = await skopeo([
      'copy', '--preserve-digests', ...skopeoAuthArgs(reg, 'src'), ...skopeoAuthArgs(reg, 'dest', true),
      `docker://${images.single!.ref}`, `docker://${reg.host}/public/stolen:1.0`
    ]);
    expect(push.code).not.toBe(0);
    expect(push.stderr).toMatch(/unauthorized|denied|authentication required|401/i);
  });

  test('the issuer refuses wrong credentials, grants per policy, and speaks the OAuth2 POST form', async () => {
    const iss = reg.tokenIssuer!;
    const basic = (u: string, p: string): string => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;
    const url = (scopes: string[]): string =>
      `${iss.realm}?service=${iss.service}&${scopes.map((s) => `scope=${encodeURIComponent(s)}`).join('&')}`;

    const wrong = await fetch(url(['repository:public/single:pull']), { headers: { authorization: basic(reg.username!, 'bad') } });
    expect(wrong.status).toBe(401);

    const anon = await fetch(url(['repository:private/x:pull', 'repository:public/x:pull,push']));
    expect(anon.status).toBe(200);
    const anonBody = (await anon.json()) as { token: string; access_token: string; expires_in: number; issued_at: string };
    expect(anonBody.access_token).toBe(anonBody.token);
    expect(anonBody.expires_in).toBeGreaterThan(0);
    const claims = JSON.parse(Buffer.from(anonBody.token.split('.')[1]!, 'base64url').toString());
    expect(claims.access).toEqual([{ type: 'repository', name: 'public/x', actions: ['pull'] }]);
    expect(claims.aud).toBe('lading-test-registry');
    expect(claims.iss).toBe('lading-test-issuer');
    const header = JSON.parse(Buffer.from(anonBody.token.split('.')[0]!, 'base64url').toString());
    expect(header.kid).toBe(iss.keyId);
    const certKey = crypto.createPublicKey(fs.readFileSync(iss.certPath));
    expect(libtrustKeyId(certKey.export({ type: 'spki', format: 'der' }))).toBe(iss.keyId);

    const form = new URLSearchParams({
      grant_type: 'password', username: reg.username!, password: reg.password!,
      service: iss.service, scope: 'repository:private/x:pull,push', client_id: 'lading'
    });
    const post = await fetch(iss.realm, { method: 'POST', body: form });
    expect(post.status).toBe(200);
    const postBody = (await post.json()) as { access_token: string; refresh_token: string };
    expect(postBody.refresh_token).toBeTruthy();
    const refresh = await fetch(iss.realm, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: postBody.refresh_token, service: iss.service, scope: 'repository:private/x:push,pull', client_id: 'lading' })
    });
    expect(refresh.status).toBe(200);
    const rc = JSON.parse(Buffer.from(((await refresh.json()) as { access_token: string }).access_token.split('.')[1]!, 'base64url').toString());
    expect(rc.sub).toBe(reg.username);
    expect(rc.access[0].actions.sort()).toEqual(['pull', 'push']);
    const badRefresh = await fetch(iss.realm, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'nope', service: iss.service }) });
    expect(badRefresh.status).toBe(401);

    // a token from the POST flow is accepted by the registry
    const ok = await fetch(`http://${reg.host}/v2/public/single/manifests/1.0`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${iss.sign({ sub: reg.username!, access: [{ type: 'repository', name: 'public/single', actions: ['pull'] }] })}`, accept: MT.ociManifest }
    });
    expect(ok.status).toBe(200);
    const recorded = iss.requests().filter((r) => r.method === 'POST');
    expect(recorded.map((r) => r.grantType)).toEqual(['password', 'refresh_token', 'refresh_token']);
  });

  test('the test-only HTTP pusher works through token auth (forceHttp)', async () => {
    const pushed = await seedImages(reg, 'private', { only: ['single', 'docker'], forceHttp: true });
    for (const img of Object.values(pushed)) {
      expect(img.pushedWith).toBe('http');
      expect(hashOf(await inspectRaw(reg, img.ref))).toBe(img.digest);
    }
    // an anonymous client may not read private/
    const anon = new RegistryClient(reg, { anonymous: true });
    expect((await anon.getManifest(pushed.single!.repo, pushed.single!.tag)).status).toBe(401);
    expect((await anon.getManifest(images.single!.repo, images.single!.tag)).digest).toBe(images.single!.digest);
  });

  test('issuer knobs: expired tokens are refused, POST can be turned off, faults can be injected', async () => {
    const iss = reg.tokenIssuer!;
    const expired = iss.sign({ sub: reg.username!, access: [{ type: 'repository', name: 'public/single', actions: ['pull'] }], expiresIn: -120 });
    const res = await fetch(`http://${reg.host}/v2/public/single/manifests/1.0`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${expired}`, accept: MT.ociManifest }
    });
    expect(res.status).toBe(401);

    iss.acceptPost = false;
    iss.fault = (r) => (r.method === 'GET' && r.scope.includes('repository:public/faulty:pull') ? 503 : undefined);
    try {
      const post = await fetch(iss.realm, { method: 'POST', body: new URLSearchParams({ grant_type: 'password', username: 'x', password: 'y' }) });
      expect(post.status).toBe(404);
      const faulty = await fetch(`${iss.realm}?service=${iss.service}&scope=repository:public/faulty:pull`);
      expect(faulty.status).toBe(503);
    } finally {
      iss.acceptPost = true;
      delete iss.fault;
    }
  });
});

describe('runAction', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTempDir('action');
  });
  afterAll(async () => {
    await removeTempDir(dir);
  });

  test('runs a script as the runner does and parses what it wrote', async () => {
    const script = path.join(dir, 'throwaway.mjs');
    fs.writeFileSync(
      script,
      `
import fs from 'node:fs';
const d = 'ghadelimiter_0a1b';
fs.appendFileSync(process.env.GITHUB_OUTPUT, 'digest<<' + d + '\\n' + 'line one\\nline two' + '\\n' + d + '\\n');
fs.appendFileSync(process.env.GITHUB_OUTPUT, 'plain=value=with=equals\\n');
fs.appendFileSync(process.env.GITHUB_OUTPUT, 'inputs<<' + d + '\\n' + JSON.stringify({
  images: process.env['INPUT_IMAGES'], idx: process.env['INPUT_INDEX-DIGESTS'], spaced: process.env['INPUT_SOME_NAME'],
  cwd: process.cwd(), home: process.env.HOME, ws: process.env.GITHUB_WORKSPACE, ci: process.env.CI,
  state: process.env.STATE_pid, leak: process.env.JEST_WORKER_ID ?? null
}) + '\\n' + d + '\\n');
fs.appendFileSync(process.env.GITHUB_STATE, 'cleanup<<' + d + '\\n/tmp/x\\n' + d + '\\n');
fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, '## Lading\\n| a | b |\\n');
process.stdout.write('::add-mask::s3cret\\n');
process.stdout.write('::debug::looking%0Aaround\\n');
process.stdout.write('::error file=lading.yml,line=3,col=5,title=Bad%2C really%3A bad::first%0Asecond 100%25\\n');
process.stdout.write('::warning::careful\\n');
process.stdout.write('::notice title=FYI::done\\n');
process.exitCode = 3;
`
    );
    const ws = path.join(dir, 'ws');
    fs.mkdirSync(ws);
    const run = await runAction({
      script,
      workspace: ws,
      inputs: { images: 'a\nb', 'index-digests': 'true', 'some name': 'x' },
      state: { pid: '42' },
      timeoutMs: 20_000
    });
    expect(run.code).toBe(3);
    expect(run.timedOut).toBe(false);
    expect(run.outputs.digest).toBe('line one\nline two');
    expect(run.outputs.plain).toBe('value=with=equals');
    const inputs = JSON.parse(run.outputs.inputs!);
    expect(inputs).toMatchObject({
      images: 'a\nb', idx: 'true', spaced: 'x', cwd: fs.realpathSync(ws), ws, ci: 'true', state: '42', leak: null
    });
    expect(inputs.home).toBe(run.home);
    expect(fs.readdirSync(run.home)).toEqual([]);
    expect(run.state).toEqual({ cleanup: '/tmp/x' });
    expect(run.summary).toContain('## Lading');
    expect(run.masks).toEqual(['s3cret']);
    expect(run.debug).toEqual(['looking\naround']);
    expect(run.annotations).toEqual([
      { level: 'error', file: 'lading.yml', line: 3, col: 5, title: 'Bad, really: bad', message: 'first\nsecond 100%' },
      { level: 'warning', message: 'careful' },
      { level: 'notice', title: 'FYI', message: 'done' }
    ]);
  });

  test('kills a run that outlives timeoutMs', async () => {
    const script = path.join(dir, 'hang.mjs');
    fs.writeFileSync(script, 'setInterval(() => {}, 1000);\n');
    const run = await runAction({ script, workspace: dir, inputs: {}, timeoutMs: 500 });
    expect(run.timedOut).toBe(true);
    expect(run.signal).toBe('SIGKILL');
  });

  test('runs the action built from src/ as it is, not dist/: the bundle is named by the content of src/ and the build files', async () => {
    expect(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).name).toBe('lading');
    const script = await actionScript();
    expect(script).toBe(path.join(BUNDLES_DIR, bundleKey(REPO_ROOT), 'index.js'));
    expect(fs.existsSync(script)).toBe(true);
    expect(path.relative(REPO_ROOT, script).startsWith('..')).toBe(true);
    // A copy of the repository's inputs names the same bundle; a change to any of them another one.
    const copy = makeTempDir('bundle-key');
    fs.cpSync(path.join(REPO_ROOT, 'src'), path.join(copy, 'src'), { recursive: true });
    for (const f of ['package.json', 'package-lock.json', 'tsconfig.json']) fs.copyFileSync(path.join(REPO_ROOT, f), path.join(copy, f));
    const key = bundleKey(copy);
    expect(key).toBe(bundleKey(REPO_ROOT));
    const seen = new Set([key]);
    for (const f of ['src/oci/digest.ts', 'package-lock.json', 'tsconfig.json']) {
      const original = fs.readFileSync(path.join(copy, f));
      fs.appendFileSync(path.join(copy, f), '\n');
      seen.add(bundleKey(copy));
      fs.writeFileSync(path.join(copy, f), original);
    }
    fs.writeFileSync(path.join(copy, 'src', 'new-file.ts'), 'export {};\n');
    seen.add(bundleKey(copy));
    expect(seen.size).toBe(5);
  });

  test('helpers: input names and file-command parsing', () => {
    expect(inputEnvName('index-digests')).toBe('INPUT_INDEX-DIGESTS');
    expect(inputEnvName('some name')).toBe('INPUT_SOME_NAME');
    expect(parseFileCommand('a<<EOF\n\nx\nEOF\nb=1\n')).toEqual({ a: '\nx', b: '1' });
    expect(parseWorkflowCommands('noise\n::error::a%25b\n')).toEqual([{ command: 'error', properties: {}, message: 'a%b' }]);
  });
});
