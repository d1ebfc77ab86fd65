/**
 * What every clone of one collection run shares (repos and charts from git): the URL-scoped extra
 * headers of the workspace's own git configuration, where actions/checkout keeps its token, read
 * once a run (the log names the URLs they are for, never their values); and the plain-http rule of
 * downloads applied to clones: `http://` and `git://` (both unencrypted) only for a host listed in
 * the plain-http input.
 */
import type { GitRunOptions } from '../../sources/git.js';
import { gitCredentialEnv } from '../../sources/git.js';
import { DownloadError } from '../../sources/http.js';
import type { GitUrl } from '../../sources/git-url.js';
import type { CollectContext } from './content.js';

const byRun = new WeakMap<CollectContext, Promise<GitRunOptions>>();

export function gitOptions(c: CollectContext): Promise<GitRunOptions> {
  let o = byRun.get(c);
  if (o === undefined) {
    o = gitCredentialEnv(c.def.dir).then(({ env, scopes }) => {
      if (scopes.length > 0) c.opts.log(`git: using the http.<url>.extraheader of the workspace's git configuration for ${scopes.join(', ')}`);
      return { env, ...(c.opts.signal !== undefined ? { signal: c.opts.signal } : {}) };
    });
    byRun.set(c, o);
  }
  return o;
}

/** Refuses an unencrypted clone (http://, git://) of a host that is not in the plain-http input. */
export function checkGitTransport(c: CollectContext, url: GitUrl): void {
  const scheme = url.cloneUrl.slice(0, url.cloneUrl.indexOf(':'));
  if (scheme !== 'http' && scheme !== 'git') return;
  const host = new URL(url.cloneUrl.replace(/^git:/, 'http:')).host;
  try {
    c.fetcher.checkUrl(`http://${host}/`);
  } catch {
    throw new DownloadError(`plain ${scheme}:// is refused for ${host}, which is not in the plain-http input`, { hint: `use https://, or list ${host} in the plain-http input if it only serves plain ${scheme === 'git' ? 'git://' : 'HTTP'}` });
  }
}
