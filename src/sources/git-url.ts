/**
 * Git repository URLs as Zarf reads them (src/pkg/transform/git.go, src/internal/git/git.go): the
 * URL without its `@ref` (what is cloned), the ref and what kind of ref it is, and the folder the
 * clone gets in a component (`<repo>-<crc32>`, the CRC-32/IEEE of the URL up to its `@ref`,
 * without a trailing `/` or a smart-HTTP path). Also the URL as it may be shown: without a
 * `user:password@`.
 */
import { crc32 } from 'node:zlib';

/**
 * Zarf's gitURLRegex, group for group: scheme, host and path, repository name, `.git`, `@ref`
 * (with Zarf's `+` force marker), and a smart-HTTP path (`/info/refs`, `/git-upload-pack`, ...).
 */
const GIT_URL = /^(?<proto>[a-z]+:\/\/)(?<hostPath>.+?)\/(?<repo>[\w\-.]+?)?(?<git>\.git)?(\/)?(?<atRef>@(?<force>\+)?(?<ref>[/+\w\-.]+))?(?<gitPath>\/(?<gitPathId>info\/.*|git-upload-pack|git-receive-pack))?$/;

export interface GitUrl {
  /** The URL as zarf.yaml writes it. */
  written: string;
  /** What is cloned: the URL up to its `@ref` (scheme, host, path, repository, `.git`). */
  cloneUrl: string;
  /** The last path segment without `.git` (may be empty, as Zarf allows). */
  repo: string;
  /** The ref after `@`, or '' for none. */
  ref: string;
  /** The folder under `repos/` in the component: `<repo>-<crc32>`. */
  folder: string;
}

/** The URL's parts, or undefined when Zarf cannot read it (`unable to parse git url`). */
export function parseGitUrl(written: string): GitUrl | undefined {
  const m = GIT_URL.exec(written);
  const g = m?.groups;
  if (g === undefined) return undefined;
  const part = (name: string): string => g[name] ?? '';
  const cloneUrl = `${part('proto')}${part('hostPath')}/${part('repo')}${part('git')}`;
  const hashed = `${cloneUrl}${part('atRef')}`;
  return { written, cloneUrl, repo: part('repo'), ref: part('ref'), folder: `${part('repo')}-${crc32(hashed) >>> 0}` };
}

/**
 * What a ref asks for (Zarf's ParseRef, then IsTag / IsBranch / IsHash):
 * - `all`: no ref, every branch and tag (`refs/*:refs/*`);
 * - `branch`: `refs/heads/<name>`, that branch alone, no tags, checked out as itself;
 * - `tag`: `refs/tags/<name>` or any other plain string, that tag alone, checked out as `zarf-ref-<name>`;
 * - `commit`: 40 hexadecimal characters, a full clone, checked out as `zarf-ref-<sha>`;
 * - `other`: another `refs/…` name, which Zarf cannot check out.
 */
export type GitRef =
  | { kind: 'all' }
  | { kind: 'branch'; name: string }
  | { kind: 'tag'; name: string }
  | { kind: 'commit'; sha: string }
  | { kind: 'other'; name: string };

export function gitRef(ref: string): GitRef {
  if (ref === '') return { kind: 'all' };
  if (/^[0-9a-fA-F]{40}$/.test(ref)) return { kind: 'commit', sha: ref };
  if (ref.startsWith('refs/heads/')) return { kind: 'branch', name: ref.slice('refs/heads/'.length) };
  if (ref.startsWith('refs/tags/')) return { kind: 'tag', name: ref.slice('refs/tags/'.length) };
  if (ref.startsWith('refs/')) return { kind: 'other', name: ref };
  return { kind: 'tag', name: ref };
}

/** The branch Zarf checks a tag or a commit out as; undefined for the others. */
export function zarfRefBranch(ref: GitRef): string | undefined {
  if (ref.kind === 'tag') return `zarf-ref-${ref.name}`;
  if (ref.kind === 'commit') return `zarf-ref-${ref.sha}`;
  return undefined;
}

/** `text` with every `scheme://user:password@` (or `user@`) of a URL in it reduced to `scheme://`. */
export function maskUrls(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s'"]*@/gi, '$1');
}
