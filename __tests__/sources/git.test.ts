/**
 * cloneRepository against a real `git daemon` on loopback, without the action around it: the clone
 * Zarf leaves for each kind of ref (remote, branches, tags, the zarf-ref-* branch), what `.git`
 * holds, a shallow clone, and the errors of unknown refs and unreachable hosts. The action-level
 * behaviour (packaging, credentials, the summary) is in __tests__/integration/repos.test.ts.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { cloneRepository, GitCloneError, gitCredentialEnv } from '../../src/sources/git.js';
import { parseGitUrl, type GitUrl } from '../../src/sources/git-url.js';
import { cleanupFixtures, exec, freePort, makeTempDir } from '../integration/setup/index.js';
import { git, makeBareRepo, startGitDaemon, type FixtureRepo, type GitDaemon } from '../integration/setup/git-server.js';

let root: string;
let out: string;
let daemon: GitDaemon;
let demo: FixtureRepo;
let n = 0;

beforeAll(async () => {
  root = makeTempDir('git-root');
  out = makeTempDir('git-out');
  demo = await makeBareRepo(root, 'org/demo.git', [
    { message: 'first', files: { 'README.md': '# demo\n' }, tags: ['v0.0.1'] },
    { message: 'second', files: { 'README.md': '# two\n' }, tags: [{ name: 'v0.0.2', annotated: true }] },
    { message: 'dragons', branch: 'dragons', files: { 'dragons.txt': 'd\n' } },
    { message: 'third', branch: 'main', files: { 'third.txt': '3\n' } }
  ]);
  daemon = await startGitDaemon(root);
}, 60_000);

afterAll(async () => {
  await daemon?.stop();
  await cleanupFixtures();
});

const url = (ref = ''): GitUrl => parseGitUrl(`${daemon.url}/org/demo.git${ref === '' ? '' : `@${ref}`}`) as GitUrl;
const clone = (u: GitUrl, shallow = false): ReturnType<typeof cloneRepository> => cloneRepository(u, path.join(out, `c${n++}`), { shallow });
const q = async (dir: string, args: string[]): Promise<string> => (await exec('git', ['-C', dir, ...args], { env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } })).stdout;

describe('cloneRepository', () => {
  test('no ref: every branch and tag as local refs, the default branch checked out, remote online-upstream', async () => {
    const c = await clone(url());
    expect(c).toMatchObject({ ref: { kind: 'all' }, commit: demo.commits['third'], branch: 'main' });
    expect(await q(c.dir, ['remote'])).toBe('online-upstream\n');
    expect(await q(c.dir, ['for-each-ref', '--format=%(refname)'])).toBe(
      ['refs/heads/dragons', 'refs/heads/main', 'refs/remotes/online-upstream/dragons', 'refs/remotes/online-upstream/main', 'refs/tags/v0.0.1', 'refs/tags/v0.0.2', ''].join('\n')
    );
    expect(fs.readdirSync(path.join(c.dir, '.git')).sort()).toEqual(['HEAD', 'config', 'index', 'objects', 'packed-refs', 'refs']);
  });

  test('a plain tag and refs/tags/<t>: checked out as zarf-ref-<t>, no other tag or branch', async () => {
    const c = await clone(url('v0.0.1'));
    expect(c).toMatchObject({ ref: { kind: 'tag', name: 'v0.0.1' }, commit: demo.commits['first'], branch: 'zarf-ref-v0.0.1' });
    expect(await q(c.dir, ['for-each-ref', '--format=%(refname)'])).toBe('refs/heads/zarf-ref-v0.0.1\nrefs/tags/v0.0.1\n');
    const a = await clone(url('refs/tags/v0.0.2'));
    expect(a).toMatchObject({ commit: demo.commits['second'], branch: 'zarf-ref-v0.0.2' });
  });

  test('refs/heads/<b>: that branch alone, no tags', async () => {
    const c = await clone(url('refs/heads/dragons'));
    expect(c).toMatchObject({ commit: demo.commits['dragons'], branch: 'dragons' });
    expect(await q(c.dir, ['for-each-ref', '--format=%(refname)'])).toBe('refs/heads/dragons\nrefs/remotes/online-upstream/dragons\n');
  });

  test('a commit: a full clone, the commit checked out as zarf-ref-<sha>', async () => {
    const sha = demo.commits['first'] as string;
    const c = await clone(url(sha));
    expect(c).toMatchObject({ commit: sha, branch: `zarf-ref-${sha}` });
    expect(await q(c.dir, ['branch', '--format=%(refname:short)'])).toBe(`main\nzarf-ref-${sha}\n`);
    expect(await q(c.dir, ['status', '--porcelain'])).toBe('');
  });

  test('shallow: the last commit only', async () => {
    const c = await clone(url('v0.0.2'), true);
    expect(await q(c.dir, ['rev-list', '--count', 'HEAD'])).toBe('1\n');
    expect(c.commit).toBe(demo.commits['second']);
  });

  test('unknown refs and an unreachable host: a GitCloneError, nothing left behind', async () => {
    const fail = async (u: GitUrl): Promise<string> => {
      const dest = path.join(out, `f${n++}`);
      const e = await cloneRepository(u, dest).then(
        () => undefined,
        (x: unknown) => x
      );
      expect(e).toBeInstanceOf(GitCloneError);
      expect(fs.existsSync(dest)).toBe(false);
      return (e as GitCloneError).message;
    };
    expect(await fail(url('v9'))).toBe(`${daemon.url}/org/demo.git has no tag "v9"`);
    expect(await fail(url('refs/heads/nope'))).toBe(`${daemon.url}/org/demo.git has no branch "nope"`);
    expect(await fail(url('f'.repeat(40)))).toBe(`${daemon.url}/org/demo.git has no commit ${'f'.repeat(40)}`);
    // A branch named without refs/heads/ is a tag to Zarf: not found as one.
    expect(await fail(url('dragons'))).toBe(`${daemon.url}/org/demo.git has no tag "dragons"`);
    const port = await freePort();
    expect(await fail(parseGitUrl(`git://127.0.0.1:${port}/org/demo.git`) as GitUrl)).toMatch(new RegExp(`^cannot clone git://127.0.0.1:${port}/org/demo.git: unable to connect`));
  });
});

test('gitCredentialEnv: the URL-scoped extra headers of the repository a folder is in, not the unscoped ones', async () => {
  const ws = makeTempDir('git-ws');
  await git(ws, ['init', '--quiet']);
  expect(await gitCredentialEnv(ws)).toEqual({ env: {}, scopes: [] });
  await git(ws, ['config', '--local', 'http.https://git.example.com/.extraheader', 'AUTHORIZATION: basic abc']);
  await git(ws, ['config', '--local', 'http.extraheader', 'X-Everywhere: no']);
  expect(await gitCredentialEnv(path.join(ws))).toEqual({
    env: { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.https://git.example.com/.extraheader', GIT_CONFIG_VALUE_0: 'AUTHORIZATION: basic abc' },
    scopes: ['https://git.example.com/']
  });
  expect(await gitCredentialEnv(makeTempDir('not-a-repo'))).toEqual({ env: {}, scopes: [] });
});
