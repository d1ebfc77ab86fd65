/** The action, run as the runner runs it, against registries that require credentials. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { cleanupFixtures, makeTempDir, runAction, seedImages, startRegistry, type PushedImage, type RegistryFixture } from './setup/index.js';
import { definition, listFiles, workspaceWith } from './helpers.js';

let token: RegistryFixture;
let basic: RegistryFixture;
let priv: Record<string, PushedImage>;
let basicImages: Record<string, PushedImage>;

beforeAll(async () => {
  [token, basic] = await Promise.all([startRegistry({ auth: 'token' }), startRegistry({ auth: 'basic' })]);
  [priv, basicImages] = await Promise.all([seedImages(token, 'private', { only: ['multi', 'single'] }), seedImages(basic, 'seed', { only: ['single'] })]);
}, 120_000);
afterAll(async () => {
  await Promise.all([token?.stop(), basic?.stop()]);
  await cleanupFixtures();
});

function homeWithDockerConfig(auths: Record<string, { user: string; pass: string }>): string {
  const home = makeTempDir('home');
  fs.mkdirSync(path.join(home, '.docker'));
  const entries = Object.fromEntries(Object.entries(auths).map(([h, c]) => [h, { auth: Buffer.from(`${c.user}:${c.pass}`).toString('base64') }]));
  fs.writeFileSync(path.join(home, '.docker', 'config.json'), JSON.stringify({ auths: entries }));
  return home;
}

const inputs = (hosts: string[]): Record<string, string> => ({ architecture: 'amd64', output: 'out', 'plain-http': hosts.join('\n'), cache: 'off', retries: '0' });

describe('credentials from docker login (config.json), as docker/login-action leaves them', () => {
  test('token auth (the Docker Hub / GHCR flow) and basic auth in one package', async () => {
    const home = homeWithDockerConfig({
      [token.host]: { user: token.username as string, pass: token.password as string },
      [basic.host]: { user: basic.username as string, pass: basic.password as string }
    });
    const ws = workspaceWith(definition([(priv.multi as PushedImage).ref, (basicImages.single as PushedImage).ref]));
    token.resetCounts();
    const run = await runAction({ workspace: ws, home, inputs: inputs([token.host, basic.host]) });
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.code).toBe(0);
    expect(listFiles(path.join(ws, 'out'))).toEqual(['zarf-package-test-pkg-amd64-1.0.0.tar.zst']);
    // Tokens were asked for pull on the repositories, as the user from config.json.
    const asked = token.tokenRequests?.() ?? [];
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((r) => r.account === token.username && r.scope.every((s) => /^repository:private\/multi:pull$/.test(s)))).toBe(true);
  }, 60_000);

  test('a wrong password: one clear line at the image, no secret in any output, nothing written', async () => {
    const secret = 'Sup3r-s3cret-wrong';
    const home = homeWithDockerConfig({ [token.host]: { user: token.username as string, pass: secret } });
    const ws = workspaceWith(definition([(priv.single as PushedImage).ref]));
    const run = await runAction({ workspace: ws, home, inputs: inputs([token.host]) });
    expect(run.code).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'zarf.yaml', line: 9 });
    expect(errors[0]?.message).toMatch(new RegExp(`registry ${token.host.replace(/\./g, '\\.')} refused the credentials from .*config\\.json`));
    for (const text of [run.stdout, run.stderr, run.summary, JSON.stringify(run.outputs)]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(Buffer.from(`${token.username}:${secret}`).toString('base64'));
    }
    expect(listFiles(path.join(ws, 'out'))).toEqual([]);
  }, 60_000);

  test('no credentials for a private repository: says to log in', async () => {
    const ws = workspaceWith(definition([(priv.single as PushedImage).ref]));
    const run = await runAction({ workspace: ws, inputs: inputs([token.host]) });
    expect(run.code).toBe(1);
    expect(run.annotations[0]?.message).toMatch(/(not authorized|refused anonymous access).*docker login/);
  }, 60_000);
});
