/**
 * Clones a Git repository with the `git` program, as Zarf's clone leaves it (src/internal/git):
 * a full, non-bare clone whose remote is `online-upstream`, at the ref the URL names:
 * - no ref: every branch and tag, then Zarf's `git fetch --tags --update-head-ok online-upstream
 *   'refs/*:refs/*'`, so every remote branch is also a local one;
 * - `refs/heads/<b>`: that branch alone, no tags, checked out as itself;
 * - a tag (`refs/tags/<t>` or a plain string): that tag alone, checked out as branch `zarf-ref-<t>`;
 * - a commit (40 hex): a full clone, the commit checked out as branch `zarf-ref-<sha>`.
 * The `.git` folder holds what Zarf's own (go-git) clone writes and no more: no hooks, no
 * description, no info/exclude (an empty template), no reflogs, no FETCH_HEAD, no remote HEAD.
 *
 * Credentials come from the runner's git configuration (credential helpers, `url.insteadOf`,
 * `http.<url>.extraheader`), which git reads itself; the URL-scoped extra headers that
 * actions/checkout keeps in the workspace repository's own configuration are passed on through
 * GIT_CONFIG_* variables (never written into the clone). Git never prompts (GIT_TERMINAL_PROMPT=0):
 * a repository that needs credentials it does not have fails at once. Arguments go to `git` as an
 * array, never through a shell; `user:password@` is masked in every message.
 */
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { LadingError } from '../errors.js';
import { gitRef, maskUrls, zarfRefBranch, type GitRef, type GitUrl } from './git-url.js';

export const ONLINE_REMOTE = 'online-upstream';
const MAX_STDERR = 64 * 1024;

export interface GitRunOptions {
  /** Extra environment for every git command (the credentials passed on, see gitCredentialEnv). */
  env?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
}

interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `git args` in `cwd`; never throws for a non-zero exit (a LadingError when git is missing or
 * the run is cancelled). Git runs in its own process group, so that a cancellation stops the helpers
 * it starts too (`git-remote-https` holds the connection): SIGTERM to the group, SIGKILL 2 s later.
 */
export async function runGit(args: readonly string[], cwd: string, opts: GitRunOptions = {}): Promise<GitResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env, GIT_TERMINAL_PROMPT: '0', GCM_INTERACTIVE: 'never', LC_ALL: 'C' };
  const signal = opts.signal;
  if (signal?.aborted === true) throw new LadingError('cancelled before git ran');
  return new Promise<GitResult>((resolve, reject) => {
    const child = spawn('git', [...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const out: Buffer[] = [];
    let err = '';
    let killTimer: NodeJS.Timeout | undefined;
    const group = (sig: NodeJS.Signals): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, sig);
      } catch {
        /* already gone */
      }
    };
    const onAbort = (): void => {
      group('SIGTERM');
      killTimer = setTimeout(() => group('SIGKILL'), 2000);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString('utf8');
      if (err.length > MAX_STDERR) err = err.slice(-MAX_STDERR);
    });
    const done = (): void => {
      signal?.removeEventListener('abort', onAbort);
      if (killTimer !== undefined) clearTimeout(killTimer);
    };
    child.once('error', (e: NodeJS.ErrnoException) => {
      done();
      if (e.code === 'ENOENT') reject(new LadingError('git is not on PATH', { hint: 'install git on the runner (hosted runners have it)' }));
      else reject(e);
    });
    child.once('close', (code) => {
      done();
      if (signal?.aborted === true) reject(new LadingError('cancelled while git was running'));
      else resolve({ code: code ?? 128, stdout: Buffer.concat(out).toString('utf8'), stderr: err });
    });
  });
}

/**
 * The URL-scoped `http.<url>.extraheader` entries of the repository `dir` lies in (its own
 * configuration and what it includes: where actions/checkout keeps its token), as GIT_CONFIG_*
 * variables for the clones. Global ones are left out (git reads those itself), as are headers
 * without a URL (they would go to every host a zarf.yaml names). Empty when `dir` is not in a
 * repository.
 */
export async function gitCredentialEnv(dir: string): Promise<{ env: Record<string, string>; scopes: string[] }> {
  let r: GitResult;
  try {
    r = await runGit(['config', '--local', '--includes', '--null', '--get-regexp', '^http\\..+\\.extraheader$'], dir);
  } catch {
    return { env: {}, scopes: [] };
  }
  if (r.code !== 0) return { env: {}, scopes: [] };
  const env: Record<string, string> = {};
  const scopes: string[] = [];
  let n = 0;
  for (const rec of r.stdout.split('\0')) {
    const nl = rec.indexOf('\n');
    if (nl <= 0) continue;
    const key = rec.slice(0, nl);
    env[`GIT_CONFIG_KEY_${n}`] = key;
    env[`GIT_CONFIG_VALUE_${n}`] = rec.slice(nl + 1);
    scopes.push(key.slice('http.'.length, -'.extraheader'.length));
    n++;
  }
  if (n === 0) return { env: {}, scopes: [] };
  env['GIT_CONFIG_COUNT'] = String(n);
  return { env, scopes };
}

export interface ClonedRepository {
  dir: string;
  ref: GitRef;
  /** The commit checked out (40 hex). */
  commit: string;
  /** The branch checked out. */
  branch: string;
}

/** A clone that failed: one line about the repository, git's last words masked. */
export class GitCloneError extends LadingError {}

function lastLines(stderr: string, n = 3): string {
  const lines = maskUrls(stderr)
    // git breaks "unable to connect to host:\nhost[0: addr]: errno=..." over two lines.
    .replace(/:\n(?!(fatal|error|warning|hint|remote):)/g, ': ')
    .split('\n')
    .map((l) => l.replace(/^(fatal|error): /, '').trim())
    .filter((l) => l !== '' && !l.startsWith('hint:') && !l.startsWith('warning: redirecting'));
  return lines.slice(-n).join('; ');
}

function cloneFailure(url: GitUrl, ref: GitRef, stderr: string): GitCloneError {
  const shown = maskUrls(url.cloneUrl);
  const why = lastLines(stderr);
  if (/Remote branch .* not found/.test(stderr)) {
    const hint = 'check the ref after @: a tag as v1.2.3 or refs/tags/v1.2.3, a branch as refs/heads/main, a commit as its 40-character sha';
    if (ref.kind === 'branch') return new GitCloneError(`${shown} has no branch "${ref.name}"`, { hint });
    if (ref.kind === 'tag') return new GitCloneError(`${shown} has no tag "${ref.name}"`, { hint });
    return new GitCloneError(`${shown} has no ref "${url.ref}"`, { hint });
  }
  if (/could not read (Username|Password)|terminal prompts disabled|Authentication failed|returned error: 40[13]|Permission denied \(publickey/i.test(stderr)) {
    return new GitCloneError(`cannot clone ${shown}: the repository needs credentials that git does not have (${why})`, {
      hint: "give git the credentials in the runner's git configuration: actions/checkout's token (persist-credentials), a credential helper, or http.<url>.extraheader; never in the URL"
    });
  }
  if (/repository .* not found|does not appear to be a git repository|returned error: 404|not found: did you run git update-server-info/i.test(stderr)) {
    return new GitCloneError(`cannot clone ${shown}: there is no repository at that URL (${why})`, { hint: 'check the URL' });
  }
  return new GitCloneError(`cannot clone ${shown}: ${why === '' ? 'git failed' : why}`, { hint: 'check the URL and that the runner can reach the host' });
}

/**
 * Clones `url` into `dest` (a folder that does not exist yet), as Zarf does, at the URL's ref;
 * `shallow` (charts from git) fetches the last commit only. A GitCloneError when it cannot.
 */
export async function cloneRepository(url: GitUrl, dest: string, opts: GitRunOptions & { shallow?: boolean } = {}): Promise<ClonedRepository> {
  const ref = gitRef(url.ref);
  const shown = maskUrls(url.cloneUrl);
  if (ref.kind === 'other') {
    throw new GitCloneError(`${maskUrls(url.written)}: the ref "${url.ref}" is neither a tag, a branch (refs/heads/…) nor a commit`, {
      hint: 'name a tag (v1.2.3 or refs/tags/v1.2.3), a branch (refs/heads/main) or a commit (its 40-character sha)'
    });
  }
  const cwd = path.dirname(dest);
  // Command-line configuration only (not written into the clone): no reflogs, as go-git writes none.
  const base = ['-c', 'core.logAllRefUpdates=false', '-c', 'advice.detachedHead=false', '-c', 'protocol.file.allow=never'];
  const clone = [...base, 'clone', '--quiet', '--template=', '--origin', ONLINE_REMOTE];
  if (ref.kind === 'branch' || ref.kind === 'tag') clone.push('--no-tags', '--branch', ref.name, '--single-branch');
  if (opts.shallow === true) clone.push('--depth', '1');
  clone.push('--', url.cloneUrl, dest);
  const failed = async (e: GitCloneError): Promise<never> => {
    await rm(dest, { recursive: true, force: true });
    throw e;
  };
  const c = await runGit(clone, cwd, opts);
  if (c.code !== 0) return failed(cloneFailure(url, ref, c.stderr));
  const git = (args: string[]): Promise<GitResult> => runGit([...base, ...args], dest, opts);

  if (ref.kind === 'all') {
    const f = await git(['fetch', '--quiet', '--tags', '--update-head-ok', ONLINE_REMOTE, 'refs/*:refs/*']);
    if (f.code !== 0) return failed(new GitCloneError(`cannot fetch every ref of ${shown}: ${lastLines(f.stderr)}`, { hint: 'check that the runner can reach the host' }));
  }
  const branch = zarfRefBranch(ref);
  if (branch !== undefined) {
    const wanted = ref.kind === 'tag' ? `refs/tags/${ref.name}` : ref.kind === 'commit' ? ref.sha : '';
    const r = await git(['rev-parse', '--verify', '--quiet', `${wanted}^{commit}`]);
    if (r.code !== 0) {
      return failed(
        ref.kind === 'tag'
          ? new GitCloneError(`${shown} has no tag "${ref.name}"`, { hint: `a ref after @ without refs/ names a tag, as in zarf package create; write a branch as refs/heads/${ref.name}` })
          : new GitCloneError(`${shown} has no commit ${url.ref}`, { hint: 'check the sha: the commit must be on a branch or tag of the repository' })
      );
    }
    const co = await git(['checkout', '--quiet', '--force', '-B', branch, r.stdout.trim()]);
    if (co.code !== 0) return failed(new GitCloneError(`cannot check out ${url.ref} of ${shown}: ${lastLines(co.stderr)}`));
  }
  // go-git writes neither FETCH_HEAD nor the remote's HEAD (`online-upstream/HEAD`).
  await rm(path.join(dest, '.git', 'FETCH_HEAD'), { force: true });
  await rm(path.join(dest, '.git', 'refs', 'remotes', ONLINE_REMOTE, 'HEAD'), { force: true });
  const head = await git(['rev-parse', 'HEAD']);
  const name = await git(['symbolic-ref', '--quiet', '--short', 'HEAD']);
  if (head.code !== 0) return failed(new GitCloneError(`${shown} has nothing to check out (${lastLines(head.stderr)})`, { hint: 'the repository is empty, or its default branch has no commit' }));
  return { dir: dest, ref, commit: head.stdout.trim(), branch: name.code === 0 ? name.stdout.trim() : '' };
}
