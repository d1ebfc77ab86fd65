/**
 * Git repositories and charts from Git, through the action as the runner runs it, against real Git
 * servers on loopback: `git daemon` (git://, listed in plain-http) for public repositories and
 * `git http-backend` behind basic auth for a private one, whose credentials reach git the way
 * actions/checkout leaves them (an `http.<url>.extraheader` in the workspace repository's own
 * configuration). The packaged clones are read back with the `git` program from the component tar
 * unpacked by `tar`.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { cleanupFixtures, exec, freePort, makeTempDir, runAction, sleep, type ActionRun } from './setup/index.js';
import { git, makeBareRepo, startGitDaemon, startGitHttp, type FixtureRepo, type GitDaemon, type GitHttpServer } from './setup/git-server.js';
import { buildInputs, leftInRunnerTemp, listFiles, unpack, workspaceWith } from './helpers.js';

let root: string;
let daemon: GitDaemon;
let web: GitHttpServer;
let demo: FixtureRepo;
let secret: FixtureRepo;
const PASSWORD = 'hunter2-Lading-secret';

const chartYaml = (version: string): string => `apiVersion: v2\nname: app\nversion: ${version}\n`;
const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  from: git\n';

beforeAll(async () => {
  root = makeTempDir('git-root');
  demo = await makeBareRepo(root, 'org/demo.git', [
    { message: 'first', files: { 'README.md': '# demo\n', 'bin/run.sh': { exec: '#!/bin/sh\necho run\n' }, 'docs/readme-link': { link: '../README.md' } }, tags: ['v0.0.1'] },
    { message: 'second', files: { 'README.md': '# demo, second\n' }, tags: [{ name: 'v0.0.2', annotated: true }] },
    { message: 'dragons', branch: 'dragons', files: { 'dragons.txt': 'here be dragons\n' } },
    { message: 'third', branch: 'main', files: { 'third.txt': '3\n' } }
  ]);
  secret = await makeBareRepo(root, 'private/secret.git', [{ message: 'secret', files: { 'token-free.txt': 'private content\n' } }]);
  await makeBareRepo(root, 'charts/app.git', [
    { message: 'chart 1.2.0', files: { 'charts/app/Chart.yaml': chartYaml('1.2.0'), 'charts/app/templates/cm.yaml': cm }, tags: ['1.2.0'] },
    { message: 'chart 1.3.0', files: { 'charts/app/Chart.yaml': chartYaml('1.3.0') } },
    {
      message: 'chart 2.0.0 with a file:// dependency',
      files: { 'charts/app/Chart.yaml': `${chartYaml('2.0.0')}dependencies:\n  - name: lib\n    version: 0.1.0\n    repository: file://../lib\n`, 'charts/lib/Chart.yaml': 'apiVersion: v2\nname: lib\nversion: 0.1.0\n', 'charts/lib/templates/lib.yaml': cm.replace('name: app', 'name: lib') },
      tags: ['2.0.0']
    }
  ]);
  daemon = await startGitDaemon(root);
  web = await startGitHttp(root, { user: 'alice', password: PASSWORD });
}, 120_000);

afterAll(async () => {
  await daemon?.stop();
  await web?.stop();
  await cleanupFixtures();
});

/** A workspace that is a git repository whose own configuration holds the header actions/checkout writes. */
async function checkedOutWorkspace(yaml: string, header?: { url: string; user: string; password: string }): Promise<string> {
  const ws = workspaceWith(yaml);
  await git(ws, ['init', '--quiet']);
  if (header !== undefined) {
    const b64 = Buffer.from(`${header.user}:${header.password}`).toString('base64');
    await git(ws, ['config', '--local', `http.${header.url}/.extraheader`, `AUTHORIZATION: basic ${b64}`]);
  }
  return ws;
}

const run = (ws: string, plain: string[] = [daemon.host, web.host]): Promise<ActionRun> => runAction({ workspace: ws, inputs: buildInputs(plain), timeoutMs: 90_000 });

const folder = (url: string): string => `${url.replace(/\.git(@.*)?$/, '').split('/').pop() as string}-${crc32(url) >>> 0}`;

/** `git --git-dir <dir>/.git args` on the unpacked clone. */
const inClone = async (dir: string, args: string[]): Promise<string> => {
  const r = await exec('git', [`--git-dir=${path.join(dir, '.git')}`, `--work-tree=${dir}`, ...args], { env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
  if (r.code !== 0) throw new Error(`git ${args.join(' ')} in ${dir}: ${r.stderr}`);
  return r.stdout;
};

describe('repos and charts from git', () => {
  let r: ActionRun;
  let comp: string;
  const urls = {
    all: () => `${daemon.url}/org/demo.git`,
    tag: () => `${daemon.url}/org/demo.git@v0.0.1`,
    annotated: () => `${daemon.url}/org/demo.git@refs/tags/v0.0.2`,
    branch: () => `${daemon.url}/org/demo.git@refs/heads/dragons`,
    commit: () => `${daemon.url}/org/demo.git@${demo.commits['first'] as string}`,
    private: () => `${web.url}/private/secret.git`
  };

  beforeAll(async () => {
    const yaml = [
      'kind: ZarfPackageConfig',
      'metadata:',
      '  name: repos',
      '  version: 1.0.0',
      'components:',
      '  - name: gitops',
      '    required: true',
      '    repos:',
      ...Object.values(urls).map((u) => `      - ${u()}`),
      '    charts:',
      '      - name: app',
      '        version: 1.2.0',
      '        namespace: app',
      `        url: ${daemon.url}/charts/app.git`,
      '        gitPath: charts/app',
      '      - name: app-with-lib',
      '        version: 2.0.0',
      '        namespace: app',
      `        url: ${daemon.url}/charts/app.git@2.0.0`,
      '        gitPath: charts/app',
      ''
    ].join('\n');
    const ws = await checkedOutWorkspace(yaml, { url: web.url, user: 'alice', password: PASSWORD });
    r = await run(ws);
    if (r.code !== 0) throw new Error(`the build failed:\n${r.stdout}${r.stderr}`);
    const pkg = path.join(ws, 'out', fs.readdirSync(path.join(ws, 'out'))[0] as string);
    const unpacked = await unpack(pkg);
    comp = makeTempDir('component');
    const x = await exec('tar', ['-xf', path.join(unpacked, 'components', 'gitops.tar'), '-C', comp]);
    if (x.code !== 0) throw new Error(x.stderr);
  }, 180_000);

  test('the build succeeds with every repository in repos/<repo>-<crc32>', () => {
    expect(r.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(r.code).toBe(0);
    expect(fs.readdirSync(path.join(comp, 'gitops', 'repos')).sort()).toEqual(Object.values(urls).map((u) => folder(u())).sort());
  });

  test('no ref: every branch and tag, main checked out, remote online-upstream', async () => {
    const dir = path.join(comp, 'gitops', 'repos', folder(urls.all()));
    expect(await inClone(dir, ['remote'])).toBe('online-upstream\n');
    expect(await inClone(dir, ['config', 'remote.online-upstream.url'])).toBe(`${daemon.url}/org/demo.git\n`);
    expect(await inClone(dir, ['branch'])).toBe('  dragons\n* main\n');
    expect(await inClone(dir, ['tag'])).toBe('v0.0.1\nv0.0.2\n');
    expect(await inClone(dir, ['rev-parse', 'HEAD'])).toBe(`${demo.commits['third'] as string}\n`);
    // As Zarf's own clone decorates it (no online-upstream/HEAD).
    expect(await inClone(dir, ['log', '-n', '1', '--format=%D'])).toBe('HEAD -> main, online-upstream/main\n');
    expect(await inClone(dir, ['status', '--porcelain'])).toBe('');
  });

  test('a tag: that tag alone, checked out as zarf-ref-<tag>', async () => {
    const dir = path.join(comp, 'gitops', 'repos', folder(urls.tag()));
    expect(await inClone(dir, ['log', '-n', '1', '--format=%H %D'])).toBe(`${demo.commits['first'] as string} HEAD -> zarf-ref-v0.0.1, tag: v0.0.1\n`);
    expect(await inClone(dir, ['branch'])).toBe('* zarf-ref-v0.0.1\n');
    expect(await inClone(dir, ['tag'])).toBe('v0.0.1\n');
    expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe('# demo\n');
    // An annotated tag written refs/tags/<t> is checked out at its commit.
    const ann = path.join(comp, 'gitops', 'repos', folder(urls.annotated()));
    expect(await inClone(ann, ['log', '-n', '1', '--format=%H %D'])).toBe(`${demo.commits['second'] as string} HEAD -> zarf-ref-v0.0.2, tag: v0.0.2\n`);
  });

  test('refs/heads/<b>: that branch alone, no tags, checked out as itself', async () => {
    const dir = path.join(comp, 'gitops', 'repos', folder(urls.branch()));
    expect(await inClone(dir, ['log', '-n', '1', '--format=%H %D'])).toBe(`${demo.commits['dragons'] as string} HEAD -> dragons, online-upstream/dragons\n`);
    expect(await inClone(dir, ['branch'])).toBe('* dragons\n');
    expect(await inClone(dir, ['tag'])).toBe('');
    expect(fs.readFileSync(path.join(dir, 'dragons.txt'), 'utf8')).toBe('here be dragons\n');
  });

  test('a commit: a full clone, the commit checked out as zarf-ref-<sha>', async () => {
    const sha = demo.commits['first'] as string;
    const dir = path.join(comp, 'gitops', 'repos', folder(urls.commit()));
    expect(await inClone(dir, ['rev-parse', 'HEAD'])).toBe(`${sha}\n`);
    expect(await inClone(dir, ['branch'])).toBe(`  main\n* zarf-ref-${sha}\n`);
    expect(await inClone(dir, ['branch', '-r'])).toBe('  online-upstream/dragons\n  online-upstream/main\n');
  });

  test('the working tree keeps executable bits and symbolic links; .git holds what Zarf leaves', () => {
    const dir = path.join(comp, 'gitops', 'repos', folder(urls.tag()));
    expect(fs.statSync(path.join(dir, 'bin', 'run.sh')).mode & 0o111).not.toBe(0);
    expect(fs.statSync(path.join(dir, 'README.md')).mode & 0o111).toBe(0);
    expect(fs.readlinkSync(path.join(dir, 'docs', 'readme-link'))).toBe('../README.md');
    const dotGit = fs.readdirSync(path.join(dir, '.git')).sort();
    expect(dotGit).toEqual(['HEAD', 'config', 'index', 'objects', 'packed-refs', 'refs']);
  });

  test('a private repository is cloned with the credentials of the workspace git configuration, which stay out of the package and the log', async () => {
    const dir = path.join(comp, 'gitops', 'repos', folder(urls.private()));
    expect(fs.readFileSync(path.join(dir, 'token-free.txt'), 'utf8')).toBe('private content\n');
    expect(await inClone(dir, ['rev-parse', 'HEAD'])).toBe(`${secret.commits['secret'] as string}\n`);
    expect(web.requests.some((q) => q.path.startsWith('/private/') && q.authorized)).toBe(true);
    const b64 = Buffer.from(`alice:${PASSWORD}`).toString('base64');
    for (const f of listFiles(comp)) {
      const full = path.join(comp, f);
      if (fs.lstatSync(full).isFile()) expect(fs.readFileSync(full, 'latin1')).not.toContain(b64);
    }
    expect(r.stdout + r.stderr + r.summary).not.toContain(b64);
  });

  test('a chart from git: @<version> as a tag, the chart folder at gitPath packaged', async () => {
    const tgz = path.join(comp, 'gitops', 'charts', 'app-1.2.0.tgz');
    const list = await exec('tar', ['-tzf', tgz]);
    expect(list.stdout.split('\n').filter((l) => l !== '').sort()).toEqual(['app/Chart.yaml', 'app/templates/cm.yaml']);
    const chart = await exec('tar', ['-xzOf', tgz, 'app/Chart.yaml']);
    expect(chart.stdout).toBe(chartYaml('1.2.0'));
    // A chart of the repository with a file:// dependency (inside the clone): fetched as for a local folder.
    const withLib = await exec('tar', ['-tzf', path.join(comp, 'gitops', 'charts', 'app-with-lib-2.0.0.tgz')]);
    expect(withLib.stdout.split('\n')).toContain('app/charts/lib-0.1.0.tgz');
  });

  test('the summary lists each repository with its ref and the commit checked out', () => {
    expect(r.summary).toContain('#### Repositories');
    expect(r.summary).toContain(`| \`gitops\` | \`${urls.tag()}\` | v0.0.1 | \`${demo.commits['first'] as string}\` as \`zarf-ref-v0.0.1\` |`);
    expect(r.summary).toContain(`| \`gitops\` | \`${urls.all()}\` | (every branch and tag) | \`${demo.commits['third'] as string}\` as \`main\` |`);
  });
});

describe('bad repositories: one clear line at each, exit 1, nothing written', () => {
  test('an unknown tag, an unknown branch, an unknown commit, an unreachable host, a private repository without credentials', async () => {
    const closed = await freePort();
    const repos = [
      `${daemon.url}/org/demo.git@v9.9.9`,
      `${daemon.url}/org/demo.git@refs/heads/nope`,
      `${daemon.url}/org/demo.git@${'0'.repeat(40)}`,
      `git://127.0.0.1:${closed}/org/demo.git`,
      `http://alice:wrong-${PASSWORD}@${web.host}/private/secret.git`,
      `${web.url}/private/secret.git`
    ];
    const yaml = ['kind: ZarfPackageConfig', 'metadata:', '  name: bad', '  version: 1.0.0', 'components:', '  - name: app', '    repos:', ...repos.map((u) => `      - ${u}`), ''].join('\n');
    const ws = await checkedOutWorkspace(yaml);
    const r = await run(ws, [daemon.host, web.host, `127.0.0.1:${closed}`]);
    expect(r.code).toBe(1);
    expect(r.timedOut).toBe(false);
    const errors = r.annotations.filter((a) => a.level === 'error');
    expect(errors.map((e) => [e.file, e.line, e.col])).toEqual(repos.map((_, i) => ['zarf.yaml', 8 + i, 9]));
    expect(errors[0]?.message).toBe(`components[0].repos[0]: ${daemon.url}/org/demo.git has no tag "v9.9.9" — check the ref after @: a tag as v1.2.3 or refs/tags/v1.2.3, a branch as refs/heads/main, a commit as its 40-character sha`);
    expect(errors[1]?.message).toContain(`${daemon.url}/org/demo.git has no branch "nope"`);
    expect(errors[2]?.message).toContain(`${daemon.url}/org/demo.git has no commit ${'0'.repeat(40)}`);
    expect(errors[3]?.message).toContain(`cannot clone git://127.0.0.1:${closed}/org/demo.git`);
    expect(errors[4]?.message).toContain(`cannot clone http://${web.host}/private/secret.git: the repository needs credentials that git does not have`);
    expect(errors[5]?.message).toContain(`cannot clone ${web.url}/private/secret.git: the repository needs credentials that git does not have`);
    expect(r.stdout + r.stderr + r.summary).not.toContain(`wrong-${PASSWORD}`);
    expect(listFiles(path.join(ws, 'out'))).toEqual([]);
  }, 120_000);

  test('a URL Zarf cannot read, a file:// repository, plain git:// to a host not in plain-http, a repository listed twice', async () => {
    const repos = ['github.com/org/repo.git', 'file:///srv/git/repo.git', `${daemon.url}/org/demo.git@v0.0.1`, `${daemon.url}/org/demo.git@v0.0.1`];
    const yaml = ['kind: ZarfPackageConfig', 'metadata:', '  name: bad', '  version: 1.0.0', 'components:', '  - name: app', '    repos:', ...repos.map((u) => `      - ${u}`), ''].join('\n');
    const ws = workspaceWith(yaml);
    const r = await run(ws, []);
    expect(r.code).toBe(1);
    const errors = r.annotations.filter((a) => a.level === 'error');
    expect(errors.map((e) => [e.line, e.message.split(' — ')[0]])).toEqual([
      [8, 'components[0].repos[0] "github.com/org/repo.git" is not a Git repository URL Zarf can read'],
      [9, 'components[0].repos[1] "file:///srv/git/repo.git" uses the file:// scheme, which is not supported for Git repositories'],
      [11, `components[0].repos[3] "${daemon.url}/org/demo.git@v0.0.1" is already cloned by components[0].repos[2] (both go to repos/${folder(repos[2] as string)})`]
    ]);
    // Once the rest is right, plain git:// needs its host in plain-http.
    const ws2 = workspaceWith(['kind: ZarfPackageConfig', 'metadata:', '  name: bad', '  version: 1.0.0', 'components:', '  - name: app', '    repos:', `      - ${repos[2] as string}`, ''].join('\n'));
    const r2 = await run(ws2, []);
    expect(r2.code).toBe(1);
    expect(r2.annotations.filter((a) => a.level === 'error').map((e) => [e.line, e.message])).toEqual([
      [8, `components[0].repos[0]: plain git:// is refused for ${daemon.host}, which is not in the plain-http input — use https://, or list ${daemon.host} in the plain-http input if it only serves plain git://`]
    ]);
    expect(listFiles(path.join(ws2, 'out'))).toEqual([]);
  }, 120_000);

  test('a chart from git whose gitPath is not in the repository', async () => {
    const yaml = [
      'kind: ZarfPackageConfig',
      'metadata:',
      '  name: bad',
      '  version: 1.0.0',
      'components:',
      '  - name: app',
      '    charts:',
      '      - name: app',
      '        version: 1.2.0',
      '        namespace: app',
      `        url: ${daemon.url}/charts/app.git`,
      '        gitPath: charts/missing',
      ''
    ].join('\n');
    const ws = workspaceWith(yaml);
    const r = await run(ws);
    expect(r.code).toBe(1);
    expect(r.annotations.filter((a) => a.level === 'error').map((e) => [e.line, e.message])).toEqual([
      [12, `components[0].charts[0].gitPath: ${daemon.url}/charts/app.git has no folder "charts/missing" at 1.2.0 — give the folder that holds Chart.yaml, relative to the root of the repository`]
    ]);
    expect(listFiles(path.join(ws, 'out'))).toEqual([]);
  }, 120_000);
});

test('cancelled while git waits on a server that does not answer: git is stopped, exit 1, nothing left', async () => {
  const hanging = await startGitHttp(root, undefined, { hang: /^\/hang\// });
  try {
    const yaml = ['kind: ZarfPackageConfig', 'metadata:', '  name: hang', '  version: 1.0.0', 'components:', '  - name: app', '    repos:', `      - ${hanging.url}/hang/demo.git`, ''].join('\n');
    const ws = workspaceWith(yaml);
    let sent = false;
    const r = await runAction({
      workspace: ws,
      inputs: buildInputs([hanging.host]),
      timeoutMs: 60_000,
      onSpawn: (child) => {
        const timer = setInterval(() => {
          if (sent || hanging.hung.open === 0) return;
          sent = true;
          clearInterval(timer);
          child.kill('SIGINT');
          child.kill('SIGTERM');
        }, 50);
        child.once('exit', () => clearInterval(timer));
      }
    });
    expect(sent).toBe(true);
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(1);
    expect(r.annotations.filter((a) => a.level === 'error').map((e) => e.message)).toEqual([expect.stringMatching(/cancelled/)]);
    expect(listFiles(path.join(ws, 'out'))).toEqual([]);
    expect(leftInRunnerTemp(r.runnerTemp)).toEqual([]);
    // git's request was given up: the connection is closed, not left open behind the run.
    for (let i = 0; i < 50 && hanging.hung.closed < hanging.hung.open; i++) await sleep(100);
    expect(hanging.hung.closed).toBe(hanging.hung.open);
  } finally {
    await hanging.stop();
  }
}, 120_000);
