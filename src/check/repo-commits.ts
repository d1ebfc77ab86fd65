/**
 * Repositories in a check, compared by commit without cloning:
 * - this build's side: the commit a repository URL's ref names, asked of the server with
 *   `git ls-remote` (the same git environment and credentials as a clone, src/sources/git.ts); a
 *   40-hex ref is its own commit, and an annotated tag is taken at the commit it points to;
 * - the published side: the commit checked out in the packaged clone (`repos/<folder>/.git/`), read
 *   from its HEAD and refs (loose `refs/heads/*` files or `packed-refs`), small files kept while the
 *   component tar is streamed for the comparison.
 * A URL without a ref (every branch and tag) is not resolved here: its component stays not compared.
 */
import { LadingError } from '../errors.js';
import { runGit, type GitRunOptions } from '../sources/git.js';
import { maskUrls, type GitRef, type GitUrl } from '../sources/git-url.js';

/** The git metadata files of a packaged clone that tell its commit: `repos/<folder>/.git/<this>`. */
export const GIT_META = /^repos\/([^/]+)\/\.git\/(HEAD|packed-refs|refs\/heads\/.+)$/;

/** A ref that names one commit: a branch, a tag or a commit. */
export type SingleRef = Extract<GitRef, { kind: 'branch' | 'tag' | 'commit' }>;

/** The commit `ref` of `url` names now, without cloning; a LadingError (no position) when it cannot. */
export async function resolveRepoCommit(url: GitUrl, ref: SingleRef, cwd: string, opts: GitRunOptions): Promise<string> {
  if (ref.kind === 'commit') return ref.sha.toLowerCase();
  const shown = maskUrls(url.cloneUrl);
  const full = ref.kind === 'branch' ? `refs/heads/${ref.name}` : `refs/tags/${ref.name}`;
  const r = await runGit(['-c', 'protocol.file.allow=never', 'ls-remote', '--', url.cloneUrl, full, `${full}^{}`], cwd, opts);
  if (r.code !== 0) {
    const why = maskUrls(r.stderr)
      .split('\n')
      .map((l) => l.replace(/^(fatal|error): /, '').trim())
      .filter((l) => l !== '' && !l.startsWith('hint:'))
      .slice(-2)
      .join('; ');
    throw new LadingError(`cannot read the refs of ${shown}: ${why === '' ? 'git failed' : why}`, { hint: "check the URL, that the runner can reach the host, and git's credentials for it" });
  }
  const refs = new Map<string, string>();
  for (const line of r.stdout.split('\n')) {
    const [sha, name] = line.trim().split(/\s+/);
    if (sha !== undefined && name !== undefined) refs.set(name, sha.toLowerCase());
  }
  const commit = refs.get(`${full}^{}`) ?? refs.get(full);
  if (commit === undefined) {
    const hint = 'check the ref after @: a tag as v1.2.3 or refs/tags/v1.2.3, a branch as refs/heads/main, a commit as its 40-character sha';
    throw new LadingError(`${shown} has no ${ref.kind === 'branch' ? 'branch' : 'tag'} "${ref.name}"`, { hint });
  }
  return commit;
}

/**
 * Folder -> the commit checked out in each packaged clone, from its `.git` files (path after
 * `repos/` -> text). A clone whose HEAD is detached names the commit itself; one whose branch is not
 * found is left out.
 */
export function publishedRepoCommits(meta: ReadonlyMap<string, string>): Map<string, string> {
  const byFolder = new Map<string, Map<string, string>>();
  for (const [p, text] of meta) {
    const m = GIT_META.exec(p);
    if (m === null) continue;
    const folder = m[1] as string;
    (byFolder.get(folder) ?? byFolder.set(folder, new Map()).get(folder))?.set(m[2] as string, text);
  }
  const out = new Map<string, string>();
  for (const [folder, files] of byFolder) {
    const head = (files.get('HEAD') ?? '').trim();
    if (/^[0-9a-f]{40}$/.test(head)) {
      out.set(folder, head);
      continue;
    }
    const target = /^ref: (refs\/heads\/.+)$/.exec(head)?.[1];
    if (target === undefined) continue;
    const loose = files.get(target)?.trim();
    if (loose !== undefined && /^[0-9a-f]{40}$/.test(loose)) {
      out.set(folder, loose);
      continue;
    }
    for (const line of (files.get('packed-refs') ?? '').split('\n')) {
      const [sha, name] = line.trim().split(' ');
      if (name === target && sha !== undefined && /^[0-9a-f]{40}$/.test(sha)) out.set(folder, sha);
    }
  }
  return out;
}
