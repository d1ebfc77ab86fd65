export const id = 720;
export const ids = [720];
export const modules = {

/***/ 2678:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ gitOptions),
/* harmony export */   o: () => (/* binding */ checkGitTransport)
/* harmony export */ });
/* harmony import */ var _sources_git_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8022);
/* harmony import */ var _sources_http_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9496);


const byRun = new WeakMap();
function gitOptions(c) {
    let o = byRun.get(c);
    if (o === undefined) {
        o = (0,_sources_git_js__WEBPACK_IMPORTED_MODULE_0__/* .gitCredentialEnv */ .Ne)(c.def.dir).then(({ env, scopes }) => {
            if (scopes.length > 0)
                c.opts.log(`git: using the http.<url>.extraheader of the workspace's git configuration for ${scopes.join(', ')}`);
            return { env, ...(c.opts.signal !== undefined ? { signal: c.opts.signal } : {}) };
        });
        byRun.set(c, o);
    }
    return o;
}
/** Refuses an unencrypted clone (http://, git://) of a host that is not in the plain-http input. */
function checkGitTransport(c, url) {
    const scheme = url.cloneUrl.slice(0, url.cloneUrl.indexOf(':'));
    if (scheme !== 'http' && scheme !== 'git')
        return;
    const host = new URL(url.cloneUrl.replace(/^git:/, 'http:')).host;
    try {
        c.fetcher.checkUrl(`http://${host}/`);
    }
    catch {
        throw new _sources_http_js__WEBPACK_IMPORTED_MODULE_1__/* .DownloadError */ .nV(`plain ${scheme}:// is refused for ${host}, which is not in the plain-http input`, { hint: `use https://, or list ${host} in the plain-http input if it only serves plain ${scheme === 'git' ? 'git://' : 'HTTP'}` });
    }
}


/***/ }),

/***/ 9720:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   folderEntries: () => (/* binding */ folderEntries),
/* harmony export */   repoTask: () => (/* binding */ repoTask)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _sources_git_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8022);
/* harmony import */ var _sources_git_url_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4590);
/* harmony import */ var _zarf_modes_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8906);
/* harmony import */ var _content_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1040);
/* harmony import */ var _git_options_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2678);
/**
 * A component's `repos`: each Git repository cloned as Zarf clones it (src/sources/git.ts) into the
 * run's work folder, then packaged as `repos/<repo>-<crc32>/` with its working tree and `.git`
 * folder as they are on disk, as Zarf tars its build folder: entries streamed from the files (never
 * read whole), modes as git left them (0644, 0755 executables, 0444 packs), symbolic links kept,
 * empty folders kept (git needs `refs/` and `objects/`).
 */








/** The tar entries of the folder `dir`, under `prefix`, and the bytes of its files. */
async function folderEntries(dir, prefix) {
    const entries = [{ path: prefix, type: 'directory', mode: (0,_zarf_modes_js__WEBPACK_IMPORTED_MODULE_7__/* .copiedMode */ .so)((await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(dir)).mode) }];
    let size = 0;
    const walk = async (abs, rel) => {
        for (const n of (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(abs)).sort(_content_js__WEBPACK_IMPORTED_MODULE_5__/* .bytewise */ .Zx)) {
            const childAbs = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(abs, n);
            const name = `${prefix}/${rel === '' ? n : `${rel}/${n}`}`;
            const childRel = rel === '' ? n : `${rel}/${n}`;
            const s = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(childAbs);
            if (s.isDirectory()) {
                entries.push({ path: name, type: 'directory', mode: (0,_zarf_modes_js__WEBPACK_IMPORTED_MODULE_7__/* .copiedMode */ .so)(s.mode) });
                await walk(childAbs, childRel);
            }
            else if (s.isSymbolicLink()) {
                entries.push({ path: name, type: 'symlink', target: await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readlink)(childAbs) });
            }
            else if (s.isFile()) {
                size += s.size;
                entries.push({ path: name, type: 'file', source: childAbs, size: s.size, mode: (0,_zarf_modes_js__WEBPACK_IMPORTED_MODULE_7__/* .copiedMode */ .so)(s.mode) });
            }
            else {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .LadingError */ .c3(`${name} is neither a file, a folder nor a symbolic link`, { hint: 'remove it from the repository' });
            }
        }
    };
    await walk(dir, '');
    return { entries, size };
}
async function repoTask(c, url, p) {
    const { opts, def, where, tmp } = c;
    const parsed = (0,_sources_git_url_js__WEBPACK_IMPORTED_MODULE_4__/* .parseGitUrl */ .RA)(url);
    if (parsed === undefined) {
        // checks.ts refuses it first; kept for callers that skip the checks.
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .LadingError */ .c3(`${where(p)} "${(0,_sources_git_url_js__WEBPACK_IMPORTED_MODULE_4__/* .maskUrls */ .BP)(url)}" is not a Git repository URL`, { hint: 'write it as https://host/path/repo.git[@ref]', position: def.positionOf(p) });
    }
    (0,_git_options_js__WEBPACK_IMPORTED_MODULE_6__/* .checkGitTransport */ .o)(c, parsed);
    opts.log(`cloning ${(0,_sources_git_url_js__WEBPACK_IMPORTED_MODULE_4__/* .maskUrls */ .BP)(url)}`);
    const cloned = await (0,_sources_git_js__WEBPACK_IMPORTED_MODULE_3__/* .cloneRepository */ .eR)(parsed, tmp(parsed.folder), await (0,_git_options_js__WEBPACK_IMPORTED_MODULE_6__/* .gitOptions */ .h)(c));
    const name = `repos/${parsed.folder}`;
    const { entries, size } = await folderEntries(cloned.dir, name);
    // repos/ itself: made by Zarf's clone with the umask's 0755, where Zarf's own folders are 0700.
    entries.unshift({ path: 'repos', type: 'directory', mode: 0o755 });
    const refShown = parsed.ref === '' ? '(every branch and tag)' : parsed.ref;
    opts.log(`cloned ${(0,_sources_git_url_js__WEBPACK_IMPORTED_MODULE_4__/* .maskUrls */ .BP)(parsed.cloneUrl)} ${refShown} at ${cloned.commit.slice(0, 12)} into ${name}`);
    const warnings = /^https?:\/\/[^/@]+@/i.test(parsed.cloneUrl)
        ? [
            {
                message: `${where(p)}: ${(0,_sources_git_url_js__WEBPACK_IMPORTED_MODULE_4__/* .maskUrls */ .BP)(url)} carries credentials in its URL; they are packaged with it (in zarf.yaml and the clone's .git/config), as zarf package create packages them: give git the credentials in the runner's configuration instead (actions/checkout's token, a credential helper, http.<url>.extraheader)`,
                position: def.positionOf(p)
            }
        ]
        : [];
    return {
        entries,
        warnings,
        items: [{ kind: 'repo', path: `${name}/`, source: (0,_sources_git_url_js__WEBPACK_IMPORTED_MODULE_4__/* .maskUrls */ .BP)(url), size, ref: refShown, commit: cloned.commit, ...(cloned.branch !== '' ? { branch: cloned.branch } : {}) }]
    };
}


/***/ }),

/***/ 8022:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EO: () => (/* binding */ runGit),
/* harmony export */   Ne: () => (/* binding */ gitCredentialEnv),
/* harmony export */   eR: () => (/* binding */ cloneRepository)
/* harmony export */ });
/* unused harmony exports ONLINE_REMOTE, GitCloneError */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
/* harmony import */ var _git_url_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4590);
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





const ONLINE_REMOTE = 'online-upstream';
const MAX_STDERR = 64 * 1024;
/**
 * Runs `git args` in `cwd`; never throws for a non-zero exit (a LadingError when git is missing or
 * the run is cancelled). Git runs in its own process group, so that a cancellation stops the helpers
 * it starts too (`git-remote-https` holds the connection): SIGTERM to the group, SIGKILL 2 s later.
 */
async function runGit(args, cwd, opts = {}) {
    const env = { ...process.env, ...opts.env, GIT_TERMINAL_PROMPT: '0', GCM_INTERACTIVE: 'never', LC_ALL: 'C' };
    const signal = opts.signal;
    if (signal?.aborted === true)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3('cancelled before git ran');
    return new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)('git', [...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
        const out = [];
        let err = '';
        let killTimer;
        const group = (sig) => {
            try {
                if (child.pid !== undefined)
                    process.kill(-child.pid, sig);
            }
            catch {
                /* already gone */
            }
        };
        const onAbort = () => {
            group('SIGTERM');
            killTimer = setTimeout(() => group('SIGKILL'), 2000);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        child.stdout.on('data', (d) => out.push(d));
        child.stderr.on('data', (d) => {
            err += d.toString('utf8');
            if (err.length > MAX_STDERR)
                err = err.slice(-MAX_STDERR);
        });
        const done = () => {
            signal?.removeEventListener('abort', onAbort);
            if (killTimer !== undefined)
                clearTimeout(killTimer);
        };
        child.once('error', (e) => {
            done();
            if (e.code === 'ENOENT')
                reject(new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3('git is not on PATH', { hint: 'install git on the runner (hosted runners have it)' }));
            else
                reject(e);
        });
        child.once('close', (code) => {
            done();
            if (signal?.aborted === true)
                reject(new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3('cancelled while git was running'));
            else
                resolve({ code: code ?? 128, stdout: Buffer.concat(out).toString('utf8'), stderr: err });
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
async function gitCredentialEnv(dir) {
    let r;
    try {
        r = await runGit(['config', '--local', '--includes', '--null', '--get-regexp', '^http\\..+\\.extraheader$'], dir);
    }
    catch {
        return { env: {}, scopes: [] };
    }
    if (r.code !== 0)
        return { env: {}, scopes: [] };
    const env = {};
    const scopes = [];
    let n = 0;
    for (const rec of r.stdout.split('\0')) {
        const nl = rec.indexOf('\n');
        if (nl <= 0)
            continue;
        const key = rec.slice(0, nl);
        env[`GIT_CONFIG_KEY_${n}`] = key;
        env[`GIT_CONFIG_VALUE_${n}`] = rec.slice(nl + 1);
        scopes.push(key.slice('http.'.length, -'.extraheader'.length));
        n++;
    }
    if (n === 0)
        return { env: {}, scopes: [] };
    env['GIT_CONFIG_COUNT'] = String(n);
    return { env, scopes };
}
/** A clone that failed: one line about the repository, git's last words masked. */
class GitCloneError extends _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3 {
}
function lastLines(stderr, n = 3) {
    const lines = (0,_git_url_js__WEBPACK_IMPORTED_MODULE_4__/* .maskUrls */ .BP)(stderr)
        // git breaks "unable to connect to host:\nhost[0: addr]: errno=..." over two lines.
        .replace(/:\n(?!(fatal|error|warning|hint|remote):)/g, ': ')
        .split('\n')
        .map((l) => l.replace(/^(fatal|error): /, '').trim())
        .filter((l) => l !== '' && !l.startsWith('hint:') && !l.startsWith('warning: redirecting'));
    return lines.slice(-n).join('; ');
}
function cloneFailure(url, ref, stderr) {
    const shown = (0,_git_url_js__WEBPACK_IMPORTED_MODULE_4__/* .maskUrls */ .BP)(url.cloneUrl);
    const why = lastLines(stderr);
    if (/Remote branch .* not found/.test(stderr)) {
        const hint = 'check the ref after @: a tag as v1.2.3 or refs/tags/v1.2.3, a branch as refs/heads/main, a commit as its 40-character sha';
        if (ref.kind === 'branch')
            return new GitCloneError(`${shown} has no branch "${ref.name}"`, { hint });
        if (ref.kind === 'tag')
            return new GitCloneError(`${shown} has no tag "${ref.name}"`, { hint });
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
async function cloneRepository(url, dest, opts = {}) {
    const ref = (0,_git_url_js__WEBPACK_IMPORTED_MODULE_4__/* .gitRef */ .GY)(url.ref);
    const shown = (0,_git_url_js__WEBPACK_IMPORTED_MODULE_4__/* .maskUrls */ .BP)(url.cloneUrl);
    if (ref.kind === 'other') {
        throw new GitCloneError(`${(0,_git_url_js__WEBPACK_IMPORTED_MODULE_4__/* .maskUrls */ .BP)(url.written)}: the ref "${url.ref}" is neither a tag, a branch (refs/heads/…) nor a commit`, {
            hint: 'name a tag (v1.2.3 or refs/tags/v1.2.3), a branch (refs/heads/main) or a commit (its 40-character sha)'
        });
    }
    const cwd = node_path__WEBPACK_IMPORTED_MODULE_2___default().dirname(dest);
    // Command-line configuration only (not written into the clone): no reflogs, as go-git writes none.
    const base = ['-c', 'core.logAllRefUpdates=false', '-c', 'advice.detachedHead=false', '-c', 'protocol.file.allow=never'];
    const clone = [...base, 'clone', '--quiet', '--template=', '--origin', ONLINE_REMOTE];
    if (ref.kind === 'branch' || ref.kind === 'tag')
        clone.push('--no-tags', '--branch', ref.name, '--single-branch');
    if (opts.shallow === true)
        clone.push('--depth', '1');
    clone.push('--', url.cloneUrl, dest);
    const failed = async (e) => {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(dest, { recursive: true, force: true });
        throw e;
    };
    const c = await runGit(clone, cwd, opts);
    if (c.code !== 0)
        return failed(cloneFailure(url, ref, c.stderr));
    const git = (args) => runGit([...base, ...args], dest, opts);
    if (ref.kind === 'all') {
        const f = await git(['fetch', '--quiet', '--tags', '--update-head-ok', ONLINE_REMOTE, 'refs/*:refs/*']);
        if (f.code !== 0)
            return failed(new GitCloneError(`cannot fetch every ref of ${shown}: ${lastLines(f.stderr)}`, { hint: 'check that the runner can reach the host' }));
    }
    const branch = (0,_git_url_js__WEBPACK_IMPORTED_MODULE_4__/* .zarfRefBranch */ .vr)(ref);
    if (branch !== undefined) {
        const wanted = ref.kind === 'tag' ? `refs/tags/${ref.name}` : ref.kind === 'commit' ? ref.sha : '';
        const r = await git(['rev-parse', '--verify', '--quiet', `${wanted}^{commit}`]);
        if (r.code !== 0) {
            return failed(ref.kind === 'tag'
                ? new GitCloneError(`${shown} has no tag "${ref.name}"`, { hint: `a ref after @ without refs/ names a tag, as in zarf package create; write a branch as refs/heads/${ref.name}` })
                : new GitCloneError(`${shown} has no commit ${url.ref}`, { hint: 'check the sha: the commit must be on a branch or tag of the repository' }));
        }
        const co = await git(['checkout', '--quiet', '--force', '-B', branch, r.stdout.trim()]);
        if (co.code !== 0)
            return failed(new GitCloneError(`cannot check out ${url.ref} of ${shown}: ${lastLines(co.stderr)}`));
    }
    // go-git writes neither FETCH_HEAD nor the remote's HEAD (`online-upstream/HEAD`).
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dest, '.git', 'FETCH_HEAD'), { force: true });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dest, '.git', 'refs', 'remotes', ONLINE_REMOTE, 'HEAD'), { force: true });
    const head = await git(['rev-parse', 'HEAD']);
    const name = await git(['symbolic-ref', '--quiet', '--short', 'HEAD']);
    if (head.code !== 0)
        return failed(new GitCloneError(`${shown} has nothing to check out (${lastLines(head.stderr)})`, { hint: 'the repository is empty, or its default branch has no commit' }));
    return { dir: dest, ref, commit: head.stdout.trim(), branch: name.code === 0 ? name.stdout.trim() : '' };
}


/***/ })

};
