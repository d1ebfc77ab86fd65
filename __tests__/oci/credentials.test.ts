import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { credentialResolver } from '../../src/oci/credentials.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lading-cred-'));
  // A real credential helper program, as docker-credential-* helpers are: host on stdin, JSON out.
  await writeFile(
    path.join(dir, 'docker-credential-fake'),
    '#!/bin/sh\nread host\nif [ "$host" = "helped.example.com" ]; then echo \'{"ServerURL":"x","Username":"hu","Secret":"hs"}\'; else echo "credentials not found in native keychain"; exit 1; fi\n'
  );
  await chmod(path.join(dir, 'docker-credential-fake'), 0o755);
  await writeFile(
    path.join(dir, 'config.json'),
    JSON.stringify({
      auths: {
        'https://index.docker.io/v1/': { auth: Buffer.from('hubuser:hubpass').toString('base64') },
        'ghcr.io': { auth: Buffer.from('gh:tok:en').toString('base64') },
        'id.example.com': { identitytoken: 'refresh-me' }
      },
      credHelpers: { 'helped.example.com': 'fake' }
    })
  );
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('credentials from Docker config.json', () => {
  const env = (): NodeJS.ProcessEnv => ({ DOCKER_CONFIG: dir, PATH: `${dir}:${process.env.PATH ?? ''}`, HOME: dir });

  test('Docker Hub credentials live under https://index.docker.io/v1/', async () => {
    const r = credentialResolver({ env: env() });
    expect(await r('docker.io')).toMatchObject({ username: 'hubuser', password: 'hubpass' });
  });

  test('auths entries decode user:password with a colon in the password', async () => {
    expect(await credentialResolver({ env: env() })('ghcr.io')).toMatchObject({ username: 'gh', password: 'tok:en' });
  });

  test('identity tokens are kept as such', async () => {
    expect(await credentialResolver({ env: env() })('id.example.com')).toMatchObject({ identityToken: 'refresh-me' });
  });

  test('credHelpers run the helper program', async () => {
    expect(await credentialResolver({ env: env() })('helped.example.com')).toMatchObject({ username: 'hu', password: 'hs', source: 'credential helper fake' });
  });

  test('explicit credentials come first; unknown hosts have none', async () => {
    const r = credentialResolver({ env: env(), explicit: { 'ghcr.io': { username: 'x', password: 'y' } } });
    expect(await r('ghcr.io')).toMatchObject({ username: 'x', password: 'y', source: 'inputs' });
    expect(await r('quay.io')).toBeUndefined();
  });
});
