export const id = 85;
export const ids = [85,531];
export const modules = {

/***/ 3085:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  annotateDiff: () => (/* binding */ annotateDiff),
  checkReport: () => (/* reexport */ outputs/* checkReport */.pA),
  runCheckStage: () => (/* binding */ runCheckStage),
  setCheckOutputs: () => (/* reexport */ outputs/* setCheckOutputs */.Pr)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/p-limit/index.js + 1 modules
var p_limit = __webpack_require__(370);
// EXTERNAL MODULE: ./src/oci/blobstore.ts + 1 modules
var blobstore = __webpack_require__(6882);
// EXTERNAL MODULE: ./src/report/annotations.ts
var annotations = __webpack_require__(856);
// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(2011);
// EXTERNAL MODULE: ./src/sources/http.ts
var http = __webpack_require__(9496);
// EXTERNAL MODULE: ./src/sources/requests.ts
var sources_requests = __webpack_require__(1974);
// EXTERNAL MODULE: ./src/sources/resolve.ts
var resolve = __webpack_require__(822);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: ./src/check/compare-input.ts
var compare_input = __webpack_require__(8254);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/errors.ts
var src_errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/sources/helm-repo.ts
var helm_repo = __webpack_require__(6141);
// EXTERNAL MODULE: ./src/sources/oci-chart.ts
var oci_chart = __webpack_require__(3742);
// EXTERNAL MODULE: ./src/definition/suggest.ts
var suggest = __webpack_require__(7383);
// EXTERNAL MODULE: ./src/package/components/chart-package.ts + 4 modules
var chart_package = __webpack_require__(6006);
// EXTERNAL MODULE: ./src/package/components/checks.ts
var checks = __webpack_require__(9996);
// EXTERNAL MODULE: ./src/package/components/collect.ts
var collect = __webpack_require__(5127);
// EXTERNAL MODULE: ./src/package/components/kustomizations.ts
var kustomizations = __webpack_require__(5531);
// EXTERNAL MODULE: ./src/package/components/data-injections.ts
var data_injections = __webpack_require__(3968);
// EXTERNAL MODULE: ./src/package/components/files.ts
var files = __webpack_require__(7730);
// EXTERNAL MODULE: ./src/sources/extract-entry.ts
var extract_entry = __webpack_require__(7434);
// EXTERNAL MODULE: ./src/sources/kustomize.ts
var kustomize = __webpack_require__(845);
// EXTERNAL MODULE: ./src/sources/git.ts
var git = __webpack_require__(8022);
// EXTERNAL MODULE: ./src/sources/git-url.ts
var git_url = __webpack_require__(4590);
;// CONCATENATED MODULE: ./src/check/link-fingerprint.ts
/**
 * How a symbolic link in a component's content is compared: packages keep links as links (as Zarf
 * copies folders), so a link is known by its target as stored, on the definition's side (readlink)
 * and on the published side (the tar entry's link name) alike.
 */

function linkFingerprint(target) {
    return (0,external_node_crypto_.createHash)('sha256').update(`symlink\0${target}`).digest('hex');
}

;// CONCATENATED MODULE: ./src/check/repo-commits.ts
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



/** The git metadata files of a packaged clone that tell its commit: `repos/<folder>/.git/<this>`. */
const GIT_META = /^repos\/([^/]+)\/\.git\/(HEAD|packed-refs|refs\/heads\/.+)$/;
/** The commit `ref` of `url` names now, without cloning; a LadingError (no position) when it cannot. */
async function resolveRepoCommit(url, ref, cwd, opts) {
    if (ref.kind === 'commit')
        return ref.sha.toLowerCase();
    const shown = (0,git_url/* maskUrls */.BP)(url.cloneUrl);
    const full = ref.kind === 'branch' ? `refs/heads/${ref.name}` : `refs/tags/${ref.name}`;
    const r = await (0,git/* runGit */.EO)(['-c', 'protocol.file.allow=never', 'ls-remote', '--', url.cloneUrl, full, `${full}^{}`], cwd, opts);
    if (r.code !== 0) {
        const why = (0,git_url/* maskUrls */.BP)(r.stderr)
            .split('\n')
            .map((l) => l.replace(/^(fatal|error): /, '').trim())
            .filter((l) => l !== '' && !l.startsWith('hint:'))
            .slice(-2)
            .join('; ');
        throw new src_errors/* LadingError */.c3(`cannot read the refs of ${shown}: ${why === '' ? 'git failed' : why}`, { hint: "check the URL, that the runner can reach the host, and git's credentials for it" });
    }
    const refs = new Map();
    for (const line of r.stdout.split('\n')) {
        const [sha, name] = line.trim().split(/\s+/);
        if (sha !== undefined && name !== undefined)
            refs.set(name, sha.toLowerCase());
    }
    const commit = refs.get(`${full}^{}`) ?? refs.get(full);
    if (commit === undefined) {
        const hint = 'check the ref after @: a tag as v1.2.3 or refs/tags/v1.2.3, a branch as refs/heads/main, a commit as its 40-character sha';
        throw new src_errors/* LadingError */.c3(`${shown} has no ${ref.kind === 'branch' ? 'branch' : 'tag'} "${ref.name}"`, { hint });
    }
    return commit;
}
/**
 * Folder -> the commit checked out in each packaged clone, from its `.git` files (path after
 * `repos/` -> text). A clone whose HEAD is detached names the commit itself; one whose branch is not
 * found is left out.
 */
function publishedRepoCommits(meta) {
    const byFolder = new Map();
    for (const [p, text] of meta) {
        const m = GIT_META.exec(p);
        if (m === null)
            continue;
        const folder = m[1];
        (byFolder.get(folder) ?? byFolder.set(folder, new Map()).get(folder))?.set(m[2], text);
    }
    const out = new Map();
    for (const [folder, files] of byFolder) {
        const head = (files.get('HEAD') ?? '').trim();
        if (/^[0-9a-f]{40}$/.test(head)) {
            out.set(folder, head);
            continue;
        }
        const target = /^ref: (refs\/heads\/.+)$/.exec(head)?.[1];
        if (target === undefined)
            continue;
        const loose = files.get(target)?.trim();
        if (loose !== undefined && /^[0-9a-f]{40}$/.test(loose)) {
            out.set(folder, loose);
            continue;
        }
        for (const line of (files.get('packed-refs') ?? '').split('\n')) {
            const [sha, name] = line.trim().split(' ');
            if (name === target && sha !== undefined && /^[0-9a-f]{40}$/.test(sha))
                out.set(folder, sha);
        }
    }
    return out;
}

// EXTERNAL MODULE: ./src/sources/url-checksum.ts
var url_checksum = __webpack_require__(899);
// EXTERNAL MODULE: ./src/package/components/paths.ts
var paths = __webpack_require__(1737);
// EXTERNAL MODULE: ./src/package/checksums.ts
var checksums = __webpack_require__(1652);
;// CONCATENATED MODULE: ./src/check/content.ts
/**
 * What the component tars of the package would hold, entry by entry (path inside the component
 * folder, sha256, size), found without downloading what is known by its digest: an OCI chart by its
 * manifest (the chart layer's digest), a Helm repository chart by its index entry (the digest the
 * index gives), a URL file with a shasum by that shasum. Local files, manifests and values files are
 * read and hashed; a local chart folder is packaged as the build packages it. What has no digest
 * before it is read (a URL file without a shasum, a chart whose index gives no digest, a manifest or
 * values file at a URL) is downloaded, as the build would, and hashed; nothing is kept. A
 * kustomization is built (kustomize fetches remote bases itself) and its output hashed, as the build
 * packages it (`manifests/kustomization-<name>-<k>.yaml`).
 *
 * Paths follow collect.ts (Zarf's layout): `files/<i>/<base name of target>[/<path in folder>]`,
 * `manifests/<name>-<i>.yaml`, `manifests/kustomization-<name>-<k>.yaml`, `charts/<name>-<version>.tgz`, `values/<name>-<version>-<i>`.
 * Errors are those of the build, at the same lines of zarf.yaml (a missing chart version, a chart name
 * a Helm repository does not have, a bad path).
 *
 * A repository with a ref is known by the commit the ref names now, asked of its server with `git
 * ls-remote` (no clone; src/check/repo-commits.ts).
 *
 * A file with `extractPath` is the entry's sha256 (a URL with a shasum: the shasum, which is the
 * extracted file's); a data injection is hashed as a file is (`data/<i>/<base name of target.path>`).
 *
 * A component holding what this does not fingerprint (repositories without a ref, create-time
 * actions, charts from git) is not read at all (an action may make its files) and is listed in
 * `uncovered`: it cannot be shown unchanged.
 */























const SHA256_HEX = /^[0-9a-f]{64}$/;
function bytewise(a, b) {
    return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
const sha256Hex = (b) => (0,external_node_crypto_.createHash)('sha256').update(b).digest('hex');
function singleRef(url) {
    const parsed = (0,git_url/* parseGitUrl */.RA)(url);
    if (parsed === undefined)
        return false;
    const kind = (0,git_url/* gitRef */.GY)(parsed.ref).kind;
    return kind === 'branch' || kind === 'tag' || kind === 'commit';
}
/** What a component holds that this module does not fingerprint. */
function uncoveredFields(c) {
    const out = [];
    const raw = c;
    // A repository is compared by the commit its ref names; one without a ref (every branch and tag) is not.
    if (Array.isArray(raw.repos) && raw.repos.some((u) => typeof u !== 'string' || !singleRef(u)))
        out.push('repos without a ref (every branch and tag)');
    const onCreate = raw.actions?.onCreate;
    if (onCreate !== undefined && ['before', 'after', 'onSuccess', 'onFailure'].some((k) => Array.isArray(onCreate[k]) && onCreate[k].length > 0))
        out.push('actions.onCreate');
    for (const ch of raw.charts ?? []) {
        if (typeof ch.gitPath === 'string' || (typeof ch.url === 'string' && (0,checks/* chartUrlKind */.G$)(ch.url) === 'git')) {
            out.push('charts from git');
            break;
        }
    }
    return out;
}
/** Same placement as the build: an error without a place is led by its field and put at its line. */
function at(e, position, where) {
    const placed = (message, hint, cause) => new src_errors/* LadingError */.c3(message.startsWith('components[') ? message : `${where}: ${message}`, { ...(hint !== undefined ? { hint } : {}), position, cause });
    if (e instanceof http/* DownloadError */.nV || e instanceof chart_package/* ChartPackageError */.$7)
        return [placed(e.message, e.hint, e)];
    return (0,src_errors/* toLadingErrors */.eo)(e).map((x) => (x.position !== undefined ? x : placed(x.message, x.hint, x)));
}
async function planContent(opts) {
    const { definition: def, fetcher, display } = opts;
    await (0,promises_.mkdir)(opts.workDir, { recursive: true });
    let n = 0;
    const tmp = (suffix) => external_node_path_default().join(opts.workDir, `${String(n++).padStart(4, '0')}-${suffix}`);
    const ctx = { dir: def.dir, roots: def.roots, display };
    const roots = await (0,paths/* realRoots */.CB)(ctx);
    const downloaded = [];
    const local = async (value, p, what) => {
        const r = await (0,paths/* resolveLocalPath */.HR)(value, (0,paths/* formatPath */.jV)(p), def.positionOf(p), ctx, what);
        if (r instanceof src_errors/* LadingError */.c3)
            throw r;
        return r;
    };
    /** Downloads `url` to know it (nothing gives its digest before), hashed, then removed (after `use`, when given). */
    // A URL's trailing `@<sha256>` (url-checksum.ts) is not fetched and is checked against the bytes, as the build checks it.
    const downloadThen = async (source, max, use) => {
        const file = tmp('download');
        const url = (0,url_checksum/* splitUrlChecksum */.v)(source).url;
        opts.log(`downloading ${(0,http/* displayUrl */.Qy)(url)} (its digest is known only from its bytes)`);
        downloaded.push((0,http/* displayUrl */.Qy)(url));
        try {
            const got = await (0,url_checksum/* downloadWithChecksum */.U)(fetcher, source, file, max);
            return await use(file, got);
        }
        finally {
            await (0,promises_.rm)(file, { force: true });
        }
    };
    const download = (url, max) => downloadThen(url, max, (_, got) => Promise.resolve(got));
    const document = async (value, p, what) => {
        if ((0,paths/* isUrl */.gU)(value))
            return { ...(await download(value, collect/* MAX_YAML_BYTES */.jl)), shown: (0,http/* displayUrl */.Qy)(value) };
        const r = await local(value, p, what);
        if (r.size > collect/* MAX_YAML_BYTES */.jl)
            throw new src_errors/* LadingError */.c3(`${(0,paths/* formatPath */.jV)(p)} "${(0,paths/* shorten */.ml)(value)}" is over ${collect/* MAX_YAML_BYTES */.jl / 1024 / 1024} MiB`, { hint: 'check the path', position: def.positionOf(p) });
        const bytes = await (0,promises_.readFile)(r.real);
        return { sha256: sha256Hex(bytes), size: bytes.length, shown: display(external_node_path_default().resolve(def.dir, value)) };
    };
    const fileTask = async (f, p, j) => {
        const name = `files/${j}/${(0,checks/* targetBaseName */.EA)(f.target)}`;
        const sp = [...p, 'source'];
        const position = def.positionOf(sp);
        const expected = f.shasum?.toLowerCase();
        if (f.extractPath !== undefined && f.extractPath !== '')
            return extractTask(f, p, name, expected);
        if ((0,paths/* isUrl */.gU)(f.source)) {
            if (expected !== undefined && SHA256_HEX.test(expected))
                return [{ kind: 'file', path: name, sha256: expected, position, source: (0,http/* displayUrl */.Qy)(f.source) }];
            const d = await download(f.source, collect/* MAX_FILE_DOWNLOAD */.FK);
            if (expected !== undefined && d.sha256 !== expected) {
                throw new src_errors/* LadingError */.c3(`${(0,paths/* formatPath */.jV)(sp)} "${(0,paths/* shorten */.ml)((0,http/* displayUrl */.Qy)(f.source))}" does not match its shasum: expected ${expected}, got ${d.sha256}`, {
                    hint: 'the file changed, or the shasum is wrong: check where it comes from before updating the shasum',
                    position: def.positionOf([...p, 'shasum'])
                });
            }
            return [{ kind: 'file', path: name, sha256: d.sha256, size: d.size, position, source: (0,http/* displayUrl */.Qy)(f.source) }];
        }
        const r = await local(f.source, sp, 'the file');
        const shown = display(external_node_path_default().resolve(def.dir, f.source));
        if (!r.isDir) {
            const got = (await (0,checksums/* sha256File */.Q3)(r.real)).sha256;
            if (expected !== undefined && got !== expected) {
                throw new src_errors/* LadingError */.c3(`${(0,paths/* formatPath */.jV)(sp)} "${(0,paths/* shorten */.ml)(f.source)}" does not match its shasum: expected ${expected}, got ${got}`, {
                    hint: 'the file changed, or the shasum is wrong: check where it comes from before updating the shasum',
                    position: def.positionOf([...p, 'shasum'])
                });
            }
            return [{ kind: 'file', path: name, sha256: got, size: r.size, position, source: shown }];
        }
        // A folder: every file below it, and its symbolic links as links (the build keeps them as Zarf does).
        const out = [];
        const walk = async (dir, rel, depth) => {
            if (depth > 64)
                throw new src_errors/* LadingError */.c3(`${(0,paths/* formatPath */.jV)(sp)} "${(0,paths/* shorten */.ml)(f.source)}" nests too deeply`, { hint: 'flatten the folder', position });
            for (const child of (await (0,promises_.readdir)(dir)).sort(bytewise)) {
                const abs = external_node_path_default().join(dir, child);
                const childRel = rel === '' ? child : `${rel}/${child}`;
                const s = await (0,promises_.lstat)(abs);
                if (s.isSymbolicLink())
                    out.push({ kind: 'file', path: `${name}/${childRel}`, sha256: linkFingerprint(await (0,promises_.readlink)(abs)), size: 0, position, source: `${shown}/${childRel}` });
                else if (s.isDirectory())
                    await walk(abs, childRel, depth + 1);
                else if (s.isFile())
                    out.push({ kind: 'file', path: `${name}/${childRel}`, sha256: (await (0,checksums/* sha256File */.Q3)(abs)).sha256, size: s.size, position, source: `${shown}/${childRel}` });
            }
        };
        await walk(r.real, '', 0);
        return out;
    };
    /**
     * `extractPath`: the entry's sha256, as the build packages it at `files/<i>/<base name>`: a URL with
     * a shasum is known by it (the shasum is the extracted file's); else the archive (downloaded, or
     * local) is streamed and only that entry hashed. A folder in the archive packages no file.
     */
    const extractTask = async (f, p, name, expected) => {
        const sp = [...p, 'source'];
        const ep = [...p, 'extractPath'];
        const wanted = f.extractPath ?? '';
        const archiveName = (0,paths/* isUrl */.gU)(f.source) ? external_node_path_default().posix.basename(new URL((0,url_checksum/* splitUrlChecksum */.v)(f.source).url).pathname) : f.source;
        const format = (0,extract_entry/* archiveFormatOf */.ji)(archiveName)?.format;
        if (format === undefined)
            throw new src_errors/* LadingError */.c3(`${(0,paths/* formatPath */.jV)(sp)} "${(0,paths/* shorten */.ml)(archiveName)}" is not an archive Lading extracts from`, { hint: `extractPath reads ${extract_entry/* READABLE_EXTENSIONS */.ik} archives, named by their extension`, position: def.positionOf(sp) });
        if ((0,files.leftoverFolders)(wanted, name).includes(name)) {
            throw new src_errors/* LadingError */.c3(`${(0,paths/* formatPath */.jV)(ep)} "${(0,paths/* shorten */.ml)(wanted)}" lies in a folder named like the target's base name`, { hint: "Zarf cannot rename the extracted file onto that folder either: change the target's file name", position: def.positionOf(ep) });
        }
        const shown = `${(0,paths/* isUrl */.gU)(f.source) ? (0,http/* displayUrl */.Qy)((0,url_checksum/* splitUrlChecksum */.v)(f.source).url) : display(external_node_path_default().resolve(def.dir, f.source))} (${wanted})`;
        const position = def.positionOf(sp);
        if ((0,paths/* isUrl */.gU)(f.source) && expected !== undefined && SHA256_HEX.test(expected))
            return [{ kind: 'file', path: name, sha256: expected, position, source: shown }];
        const extract = async (archive, shownArchive) => {
            const out = tmp('extracted');
            try {
                const x = await (0,extract_entry/* extractEntry */.gQ)(archive, format, wanted, out, collect/* MAX_FILE_DOWNLOAD */.FK);
                if (x.type !== 'file') {
                    if (expected !== undefined)
                        throw new src_errors/* LadingError */.c3(`${(0,paths/* formatPath */.jV)([...p, 'shasum'])} is given for "${(0,paths/* shorten */.ml)(wanted)}", a folder in the archive`, { hint: 'a shasum checks a single file: remove it, or extract a file', position: def.positionOf([...p, 'shasum']) });
                    return [];
                }
                if (expected !== undefined && x.sha256 !== expected) {
                    throw new src_errors/* LadingError */.c3(`${(0,paths/* formatPath */.jV)(sp)} "${(0,paths/* shorten */.ml)((0,paths/* isUrl */.gU)(f.source) ? (0,http/* displayUrl */.Qy)(f.source) : f.source)}" does not match its shasum: expected ${expected}, got ${x.sha256}`, {
                        hint: 'the file changed, or the shasum is wrong: check where it comes from before updating the shasum',
                        position: def.positionOf([...p, 'shasum'])
                    });
                }
                return [{ kind: 'file', path: name, sha256: x.sha256, size: x.size, position, source: shown }];
            }
            catch (e) {
                if (e instanceof extract_entry/* ExtractError */.We)
                    throw new src_errors/* LadingError */.c3(`${(0,paths/* formatPath */.jV)(ep)}: cannot extract "${(0,paths/* shorten */.ml)(wanted)}" from ${(0,paths/* shorten */.ml)(shownArchive)}: ${e.message}`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), position: def.positionOf(ep), cause: e });
                throw e;
            }
            finally {
                await (0,promises_.rm)(out, { recursive: true, force: true });
            }
        };
        if ((0,paths/* isUrl */.gU)(f.source))
            return downloadThen(f.source, collect/* MAX_FILE_DOWNLOAD */.FK, (file) => extract(file, (0,http/* displayUrl */.Qy)((0,url_checksum/* splitUrlChecksum */.v)(f.source).url)));
        const r = await local(f.source, sp, 'the archive');
        return extract(r.real, f.source);
    };
    /**
     * A data injection, as the build packages it at `data/<i>/<base name of target.path>`: a local file
     * hashed, a local folder's regular files (links stay links in the package, so they are not
     * followed), a URL by the sha256 after its last `@` when it has one, else downloaded and hashed.
     */
    const dataTask = async (d, p, i) => {
        const name = (0,data_injections.dataInjectionPath)(i, d.target.path);
        const sp = [...p, 'source'];
        const position = def.positionOf(sp);
        if ((0,paths/* isUrl */.gU)(d.source)) {
            // A trailing `@<sha256>` names the bytes before they are read.
            const { url, checksum } = (0,url_checksum/* splitUrlChecksum */.v)(d.source);
            if (checksum !== undefined && SHA256_HEX.test(checksum))
                return [{ kind: 'file', path: name, sha256: checksum, position, source: (0,http/* displayUrl */.Qy)(url) }];
            return [{ kind: 'file', path: name, ...(await download(d.source, collect/* MAX_FILE_DOWNLOAD */.FK)), position, source: (0,http/* displayUrl */.Qy)(url) }];
        }
        const r = await local(d.source, sp, 'the data');
        const shown = display(external_node_path_default().resolve(def.dir, d.source));
        if (!r.isDir)
            return [{ kind: 'file', path: name, sha256: (await (0,checksums/* sha256File */.Q3)(r.real)).sha256, size: r.size, position, source: shown }];
        const out = [];
        const walk = async (dir, rel) => {
            for (const child of (await (0,promises_.readdir)(dir)).sort(bytewise)) {
                const abs = external_node_path_default().join(dir, child);
                const childRel = rel === '' ? child : `${rel}/${child}`;
                const s = await (0,promises_.lstat)(abs);
                if (s.isSymbolicLink())
                    out.push({ kind: 'file', path: `${name}/${childRel}`, sha256: linkFingerprint(await (0,promises_.readlink)(abs)), size: 0, position, source: `${shown}/${childRel}` });
                else if (s.isDirectory())
                    await walk(abs, childRel);
                else if (s.isFile())
                    out.push({ kind: 'file', path: `${name}/${childRel}`, sha256: (await (0,checksums/* sha256File */.Q3)(abs)).sha256, size: s.size, position, source: `${shown}/${childRel}` });
            }
        };
        await walk(r.real, '');
        return out;
    };
    const chartTask = async (ch, p) => {
        const version = ch.version ?? '';
        const stem = version === '' ? ch.name : `${ch.name}-${version}`;
        const name = `charts/${stem}.tgz`;
        const vpos = def.positionOf([...p, 'version']);
        const chart = { name: ch.name, version, versionPosition: vpos };
        const out = [];
        const versionError = (e) => new src_errors/* LadingError */.c3(`${(0,paths/* formatPath */.jV)([...p, 'version'])}: ${e.message}`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), position: vpos });
        if (ch.url !== undefined) {
            const position = def.positionOf([...p, 'url']);
            if ((0,checks/* chartUrlKind */.G$)(ch.url) === 'oci') {
                const ref = (0,oci_chart/* ociChartReference */.Ls)(ch.url, version);
                let located;
                try {
                    located = await (0,oci_chart/* locateOciChart */.sP)(opts.registry, ref, version);
                }
                catch (e) {
                    if (e instanceof helm_repo/* ChartVersionNotFound */.Ox)
                        throw versionError(e);
                    throw e;
                }
                out.push({ kind: 'chart', path: name, sha256: located.layer.digest.replace(/^sha256:/, ''), size: located.layer.size, position, source: `${ch.url}@${located.manifestDigest}`, chart });
            }
            else {
                const chartName = ch.repoName ?? ch.name;
                let located;
                try {
                    located = await (0,helm_repo/* locateRepoChart */.RS)(fetcher, ch.url, chartName, version, (w, c) => (0,suggest/* closest */.k)(w, c));
                }
                catch (e) {
                    if (e instanceof helm_repo/* ChartVersionNotFound */.Ox)
                        throw versionError(e);
                    if (e instanceof helm_repo/* ChartNameNotFound */.P0) {
                        const np = ch.repoName !== undefined ? [...p, 'repoName'] : [...p, 'name'];
                        throw new src_errors/* LadingError */.c3(`${(0,paths/* formatPath */.jV)(np)}: ${e.message}`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), position: def.positionOf(np) });
                    }
                    throw e;
                }
                if (located.sha256 !== undefined && SHA256_HEX.test(located.sha256))
                    out.push({ kind: 'chart', path: name, sha256: located.sha256, position, source: (0,http/* displayUrl */.Qy)(located.url), chart });
                else
                    out.push({ kind: 'chart', path: name, ...(await download(located.url, helm_repo/* MAX_CHART_DOWNLOAD */.vm)), position, source: (0,http/* displayUrl */.Qy)(located.url), chart });
            }
        }
        else if (ch.localPath !== undefined) {
            const lp = [...p, 'localPath'];
            const position = def.positionOf(lp);
            const r = await local(ch.localPath, lp, 'the chart folder');
            const shown = display(external_node_path_default().resolve(def.dir, ch.localPath));
            if (r.isDir) {
                const packaged = await (0,chart_package/* packageChartFolder */.rz)(r.real, roots, tmp(`${stem}.tgz`), (x) => display(x));
                out.push({ kind: 'chart', path: name, sha256: packaged.sha256, size: packaged.size, position, source: `${shown}/ (packaged)`, chart });
            }
            else {
                out.push({ kind: 'chart', path: name, sha256: (await (0,checksums/* sha256File */.Q3)(r.real)).sha256, size: r.size, position, source: shown, chart });
            }
        }
        const values = [
            ...(ch.valuesFiles ?? []).map((value, k) => ({ value, vp: [...p, 'valuesFiles', k] })),
            ...(ch.templatedValuesFiles ?? []).map((value, k) => ({ value, vp: [...p, 'templatedValuesFiles', k] }))
        ];
        for (const [i, { value, vp }] of values.entries()) {
            let d;
            try {
                d = await document(value, vp, 'the values file');
            }
            catch (e) {
                throw at(e, def.positionOf(vp), (0,paths/* formatPath */.jV)(vp))[0];
            }
            out.push({ kind: 'values', path: `values/${stem}-${i}`, sha256: d.sha256, size: d.size, position: def.positionOf(vp), source: d.shown });
        }
        return out;
    };
    /** A kustomization built as the build builds it; its output's bytes are the manifest entry. */
    const kustomizationTask = async (m, kp, k, value) => {
        const position = def.positionOf(kp);
        const tool = await (0,kustomize/* findKustomizeTool */.TA)();
        if (tool === undefined) {
            throw new src_errors/* LadingError */.c3(`${(0,paths/* formatPath */.jV)(kp)}: neither kustomize nor kubectl is on PATH, so the kustomization cannot be built`, {
                hint: 'install kustomize or kubectl on the runner (GitHub-hosted runners have both), or build the kustomization in a step before this one and list its output under files',
                position
            });
        }
        let target = value;
        let shown = value;
        if (!(0,paths/* isUrl */.gU)(value)) {
            const r = await local(value, kp, 'the kustomization folder');
            if (!r.isDir)
                throw new src_errors/* LadingError */.c3(`${(0,paths/* formatPath */.jV)(kp)} "${(0,paths/* shorten */.ml)(value)}" is a file, not a kustomization folder`, { hint: 'give the folder that holds kustomization.yaml', position });
            target = external_node_path_default().resolve(def.dir, value);
            shown = display(target);
        }
        let bytes;
        try {
            bytes = await (0,kustomize/* runKustomize */.J4)(tool, target, { allowAnyDirectory: m.kustomizeAllowAnyDirectory === true, enablePlugins: m.enableKustomizePlugins === true, cwd: def.dir, maxBytes: collect/* MAX_YAML_BYTES */.jl });
        }
        catch (e) {
            if (e instanceof kustomize/* KustomizeError */.Kv)
                throw new src_errors/* LadingError */.c3(`${(0,paths/* formatPath */.jV)(kp)} "${(0,paths/* shorten */.ml)(value)}": ${e.message}`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), position, cause: e });
            throw e;
        }
        return [{ kind: 'manifest', path: (0,kustomizations.kustomizationFileName)(m.name, k), sha256: sha256Hex(bytes), size: bytes.length, position, source: `${shown} (built)` }];
    };
    /** A repository's commit, asked of its server (no clone); the git environment is read once. */
    const repos = [];
    let gitOpts;
    const repoTask = async (component, url, rp) => {
        const parsed = (0,git_url/* parseGitUrl */.RA)(url);
        if (parsed === undefined)
            throw new src_errors/* LadingError */.c3(`${(0,paths/* formatPath */.jV)(rp)} "${(0,git_url/* maskUrls */.BP)(url)}" is not a Git repository URL`, { hint: 'write it as https://host/path/repo.git[@ref]' });
        const scheme = parsed.cloneUrl.slice(0, parsed.cloneUrl.indexOf(':'));
        if (scheme === 'http' || scheme === 'git') {
            const host = new URL(parsed.cloneUrl.replace(/^git:/, 'http:')).host;
            try {
                fetcher.checkUrl(`http://${host}/`);
            }
            catch {
                throw new http/* DownloadError */.nV(`plain ${scheme}:// is refused for ${host}, which is not in the plain-http input`, { hint: `use https://, or list ${host} in the plain-http input if it only serves plain ${scheme === 'git' ? 'git://' : 'HTTP'}` });
            }
        }
        gitOpts ??= (0,git/* gitCredentialEnv */.Ne)(def.dir).then(({ env }) => ({ env }));
        const commit = await resolveRepoCommit(parsed, (0,git_url/* gitRef */.GY)(parsed.ref), def.dir, await gitOpts);
        opts.log(`${(0,git_url/* maskUrls */.BP)(parsed.cloneUrl)} ${parsed.ref} is at ${commit.slice(0, 12)} (asked of the server, not cloned)`);
        repos.push({ component, folder: parsed.folder, url: (0,git_url/* maskUrls */.BP)(url), commit, position: def.positionOf(rp) });
        return [];
    };
    const tasks = [];
    const uncovered = {};
    for (const { index, component } of opts.components) {
        const missing = uncoveredFields(component);
        if (missing.length > 0) {
            // Not read at all: create-time actions may make its files, repositories are cloned by the
            // build. It is listed as not compared.
            uncovered[component.name] = missing;
            continue;
        }
        const base = ['components', index];
        (component.repos ?? []).forEach((url, j) => {
            const rp = [...base, 'repos', j];
            tasks.push({ component: component.name, field: rp, run: () => repoTask(component.name, url, rp) });
        });
        (component.charts ?? []).forEach((ch, j) => {
            const p = [...base, 'charts', j];
            if (ch.url !== undefined && (0,checks/* chartUrlKind */.G$)(ch.url) === 'git')
                return;
            const field = ch.url !== undefined ? [...p, 'url'] : ch.localPath !== undefined ? [...p, 'localPath'] : p;
            tasks.push({ component: component.name, field, run: () => chartTask(ch, p) });
        });
        (component.files ?? []).forEach((f, j) => {
            const p = [...base, 'files', j];
            tasks.push({ component: component.name, field: [...p, 'source'], run: () => fileTask(f, p, j) });
        });
        (component.dataInjections ?? []).forEach((d, j) => {
            const p = [...base, 'dataInjections', j];
            tasks.push({ component: component.name, field: [...p, 'source'], run: () => dataTask(d, p, j) });
        });
        (component.manifests ?? []).forEach((m, j) => {
            const p = [...base, 'manifests', j];
            (m.files ?? []).forEach((value, k) => {
                const fp = [...p, 'files', k];
                tasks.push({
                    component: component.name,
                    field: fp,
                    run: async () => {
                        const d = await document(value, fp, 'the manifest');
                        return [{ kind: 'manifest', path: `manifests/${m.name}-${k}.yaml`, sha256: d.sha256, size: d.size, position: def.positionOf(fp), source: d.shown }];
                    }
                });
            });
            (m.kustomizations ?? []).forEach((value, k) => {
                const kp = [...p, 'kustomizations', k];
                tasks.push({ component: component.name, field: kp, run: () => kustomizationTask(m, kp, k, value) });
            });
        });
    }
    try {
        const results = await Promise.allSettled(tasks.map((t) => opts.limit(t.run)));
        const errors = [];
        const entries = [];
        results.forEach((r, i) => {
            const t = tasks[i];
            if (r.status === 'rejected')
                errors.push(...at(r.reason, def.positionOf(t.field), (0,paths/* formatPath */.jV)(t.field)));
            else
                for (const e of r.value)
                    entries.push({ component: t.component, ...e });
        });
        if (errors.length > 0) {
            errors.sort((a, b) => (a.position?.line ?? 0) - (b.position?.line ?? 0) || (a.position?.col ?? 0) - (b.position?.col ?? 0));
            throw new src_errors/* LadingErrors */.Jk(errors);
        }
        repos.sort((a, b) => (a.position.line ?? 0) - (b.position.line ?? 0));
        return { entries, repos, uncovered, downloaded };
    }
    finally {
        await (0,promises_.rm)(opts.workDir, { recursive: true, force: true });
    }
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/oci/reference.ts
var reference = __webpack_require__(2148);
;// CONCATENATED MODULE: ./src/check/diff.ts
/**
 * The difference between what this definition would build and a published package, as plain rows:
 * images added, removed, re-tagged and re-pointed (a tag whose digest moved upstream), charts added,
 * removed or at another version (or the same version with other bytes), files, manifests and values
 * files whose sha256 changed, repositories whose ref now names another commit, components added or removed, other fields of zarf.yaml, and the
 * change in size. Each row carries the line of zarf.yaml (or of the imported file) it is about; a
 * removed thing is placed at the nearest line that still exists.
 */


const normal = (written) => {
    try {
        return reference/* Reference */.Or.parse(written).toString();
    }
    catch {
        return written;
    }
};
const shortDigest = (d) => d.replace(/^(sha256:[0-9a-f]{12})[0-9a-f]+$/, '$1…');
function tagOf(ref) {
    try {
        const r = reference/* Reference */.Or.parse(ref);
        return r.digest !== undefined ? `@${shortDigest(r.digest)}` : `:${r.tag ?? 'latest'}`;
    }
    catch {
        return ref;
    }
}
function nameOf(ref) {
    try {
        return reference/* Reference */.Or.parse(ref).name;
    }
    catch {
        return ref;
    }
}
function kindOf(path) {
    if (path.startsWith('charts/'))
        return 'chart';
    if (path.startsWith('manifests/'))
        return 'manifest';
    if (path.startsWith('values/'))
        return 'values';
    return 'file';
}
/** Plain data, as YAML gives it back, without the fields a build writes. */
function comparable(value) {
    return dist.parse(dist.stringify(value ?? null));
}
function withoutBuildFields(def) {
    const out = { ...def };
    delete out.build;
    if (out.metadata !== null && typeof out.metadata === 'object') {
        const m = { ...out.metadata };
        delete m.architecture;
        delete m.aggregateChecksum;
        out.metadata = m;
    }
    return out;
}
const same = (a, b) => JSON.stringify(comparable(a)) === JSON.stringify(comparable(b));
function diffPackage(input) {
    const pub = input.published;
    const rows = [];
    const notCompared = Object.entries(input.content.uncovered).map(([c, fields]) => `component ${c}: ${fields.join(', ')} (not compared without building)`);
    const newBytes = input.content.entries.reduce((n, e) => n + (e.size ?? 0), 0);
    const unknown = input.content.entries.filter((e) => e.size === undefined).length + input.content.repos.length;
    if (pub === undefined) {
        // Nothing published yet: everything is new, said once (no row, no notice per line).
        return { against: input.against, found: false, rows: [], size: { old: 0, new: input.imageBytes + newBytes, unknown }, notCompared, unchanged: false };
    }
    const size = { old: pub !== undefined ? pub.imageBytes + pub.contentBytes : 0, new: input.imageBytes + newBytes, unknown };
    const componentIndex = new Map(input.config.components.map((c, i) => [c.name, i]));
    const compPos = (name) => {
        const i = componentIndex.get(name);
        return i !== undefined ? input.positionOf(['components', i, 'name']) : input.positionOf(['components']);
    };
    const oldComponents = pub !== undefined && Array.isArray(pub.definition.components) ? pub.definition.components.filter((c) => typeof c?.name === 'string') : [];
    const oldNames = new Set(oldComponents.map((c) => c.name));
    // Components.
    for (const c of input.config.components)
        if (pub !== undefined && !oldNames.has(c.name))
            rows.push({ kind: 'component', change: 'added', component: c.name, what: c.name, position: compPos(c.name) });
    for (const c of oldComponents)
        if (!componentIndex.has(c.name))
            rows.push({ kind: 'component', change: 'removed', component: c.name, what: c.name, position: input.positionOf(['components']) });
    // Images, by normalized reference (not those of components that are not compared).
    const notRead = new Set(Object.keys(input.content.uncovered));
    const oldImages = new Map();
    for (const c of oldComponents) {
        if (notRead.has(c.name))
            continue;
        const refs = [...(c.images ?? []), ...(c.imageArchives ?? []).flatMap((a) => a.images ?? [])].filter((x) => typeof x === 'string');
        for (const r of refs) {
            const key = normal(r);
            const digest = pub?.images.get(key);
            if (!oldImages.has(key))
                oldImages.set(key, { ...(digest !== undefined ? { digest } : {}), component: c.name });
        }
    }
    const added = [];
    const removed = [];
    const newKeys = new Set();
    for (const img of input.images) {
        if (notRead.has(img.component))
            continue;
        const key = img.reference.toString();
        if (newKeys.has(key))
            continue;
        newKeys.add(key);
        const pos = img.position !== undefined ? { position: img.position } : {};
        const old = oldImages.get(key);
        if (old === undefined) {
            added.push({ kind: 'image', change: 'added', component: img.component, what: img.written, new: img.digest, ...pos });
        }
        else if (old.digest !== img.digest) {
            const pinned = img.reference.digest !== undefined;
            rows.push({
                kind: 'image',
                change: 're-pointed',
                component: img.component,
                what: img.written,
                ...(old.digest !== undefined ? { old: old.digest } : {}),
                new: img.digest,
                note: pinned ? 'pinned digest changed' : `the tag ${tagOf(key)} now points at another digest than the one published (an upstream change)`,
                ...pos
            });
        }
    }
    for (const [key, old] of oldImages) {
        if (newKeys.has(key))
            continue;
        const i = componentIndex.get(old.component);
        removed.push({ kind: 'image', change: 'removed', component: old.component, what: key, ...(old.digest !== undefined ? { old: old.digest } : {}), position: i !== undefined ? input.positionOf(['components', i, 'images']) : input.positionOf(['components']) });
    }
    // An image removed and one added of the same repository in the same component: re-tagged (each
    // removed image taken once, the first in order; every reference parsed once, so a registry move of
    // thousands of images stays linear).
    const byRepository = new Map();
    const repositoryKey = (row) => `${row.component}\u0000${nameOf(row.what)}`;
    for (const x of removed) {
        const key = repositoryKey(x);
        const same = byRepository.get(key);
        if (same === undefined)
            byRepository.set(key, [x]);
        else
            same.push(x);
    }
    const retagged = new Set();
    for (const a of added) {
        const old = byRepository.get(repositoryKey(a))?.shift();
        if (old === undefined) {
            rows.push(a);
            continue;
        }
        retagged.add(old);
        rows.push({
            kind: 'image',
            change: 're-tagged',
            component: a.component,
            what: a.what,
            old: `${tagOf(old.what)}${old.old !== undefined ? ` ${old.old}` : ''}`,
            new: `${tagOf(normal(a.what))} ${a.new ?? ''}`.trim(),
            ...(a.position !== undefined ? { position: a.position } : {})
        });
    }
    rows.push(...removed.filter((x) => !retagged.has(x)));
    // Component content: charts by name, values by chart name and index, files and manifests by path.
    const uncovered = new Set(Object.keys(input.content.uncovered));
    const byComponent = new Map();
    for (const e of input.content.entries)
        (byComponent.get(e.component) ?? byComponent.set(e.component, []).get(e.component))?.push(e);
    for (const c of input.config.components) {
        if (uncovered.has(c.name) || pub === undefined || !oldNames.has(c.name)) {
            if (pub !== undefined && !oldNames.has(c.name)) {
                for (const e of byComponent.get(c.name) ?? [])
                    rows.push({ kind: e.kind, change: 'added', component: c.name, what: e.chart !== undefined ? `${e.chart.name} ${e.chart.version}` : e.path, new: `sha256:${e.sha256}`, position: e.position });
            }
            continue;
        }
        const oldFiles = pub.components.get(c.name) ?? new Map();
        const oldComp = oldComponents.find((o) => o.name === c.name);
        const oldCharts = new Map();
        for (const ch of oldComp.charts ?? [])
            if (typeof ch.name === 'string')
                oldCharts.set(ch.name, typeof ch.version === 'string' ? ch.version : '');
        const stemOf = (name, version) => (version === '' ? name : `${name}-${version}`);
        // values/<stem>-<i> -> <chart name>#<i>, for both sides.
        const valuesKey = (p, stems) => {
            for (const [stem, name] of stems)
                if (p.startsWith(`values/${stem}-`))
                    return `values/${name}#${p.slice(`values/${stem}-`.length)}`;
            return p;
        };
        const oldStems = new Map([...oldCharts].map(([n, v]) => [stemOf(n, v), n]));
        const newStems = new Map();
        const newCharts = new Map();
        for (const e of byComponent.get(c.name) ?? [])
            if (e.chart !== undefined) {
                newStems.set(stemOf(e.chart.name, e.chart.version), e.chart.name);
                newCharts.set(e.chart.name, e);
            }
        for (const [name, e] of newCharts) {
            const chart = e.chart;
            const oldVersion = oldCharts.get(name);
            if (oldVersion === undefined)
                rows.push({ kind: 'chart', change: 'added', component: c.name, what: name, new: chart.version, position: e.position });
            else if (oldVersion !== chart.version)
                rows.push({ kind: 'chart', change: 'version', component: c.name, what: name, old: oldVersion, new: chart.version, position: chart.versionPosition });
            else {
                const old = oldFiles.get(e.path);
                if (old === undefined || old.sha256 !== e.sha256)
                    rows.push({ kind: 'chart', change: 'changed', component: c.name, what: `${name} ${chart.version}`, ...(old !== undefined ? { old: `sha256:${old.sha256}` } : {}), new: `sha256:${e.sha256}`, note: 'same version, other bytes', position: e.position });
            }
        }
        for (const [name, version] of oldCharts)
            if (!newCharts.has(name))
                rows.push({ kind: 'chart', change: 'removed', component: c.name, what: name, old: version, position: compPos(c.name) });
        // Everything else (and values files) by path.
        const oldByKey = new Map();
        for (const [p, f] of oldFiles)
            if (!p.startsWith('charts/') && !p.startsWith('repos/'))
                oldByKey.set(valuesKey(p, oldStems), { path: p, sha256: f.sha256 });
        const newKeysC = new Set();
        for (const e of byComponent.get(c.name) ?? []) {
            if (e.chart !== undefined)
                continue;
            const key = valuesKey(e.path, newStems);
            newKeysC.add(key);
            const old = oldByKey.get(key);
            if (old === undefined)
                rows.push({ kind: e.kind, change: 'added', component: c.name, what: e.path, new: `sha256:${e.sha256}`, position: e.position });
            else if (old.sha256 !== e.sha256)
                rows.push({ kind: e.kind, change: 'changed', component: c.name, what: e.path, old: `sha256:${old.sha256}`, new: `sha256:${e.sha256}`, position: e.position });
        }
        for (const [key, old] of oldByKey)
            if (!newKeysC.has(key))
                rows.push({ kind: kindOf(old.path), change: 'removed', component: c.name, what: old.path, old: `sha256:${old.sha256}`, position: compPos(c.name) });
        // Repositories by folder (`<repo>-<crc32>` of the URL and its ref): the commit the ref names now
        // against the one the packaged clone has checked out.
        const oldRepos = new Map(pub.repoCommits.get(c.name) ?? []);
        for (const r of input.content.repos) {
            if (r.component !== c.name)
                continue;
            const old = oldRepos.get(r.folder);
            oldRepos.delete(r.folder);
            if (old === undefined)
                rows.push({ kind: 'repo', change: 'added', component: c.name, what: r.url, new: r.commit, position: r.position });
            else if (old !== r.commit)
                rows.push({ kind: 'repo', change: 'changed', component: c.name, what: r.url, old, new: r.commit, note: 'the ref now names another commit', position: r.position });
        }
        for (const [folder, old] of oldRepos)
            rows.push({ kind: 'repo', change: 'removed', component: c.name, what: `repos/${folder}`, old, position: compPos(c.name) });
    }
    // Other fields of zarf.yaml: metadata, each component kept, the rest; and who built it.
    if (pub !== undefined) {
        const oldDef = withoutBuildFields(pub.definition);
        const newDef = withoutBuildFields(input.config);
        const explained = new Set(rows.map((r) => r.component));
        if (!same(oldDef.metadata, newDef.metadata))
            rows.push({ kind: 'definition', change: 'changed', component: '', what: 'metadata', position: input.positionOf(['metadata']) });
        for (const c of input.config.components) {
            const old = oldComponents.find((o) => o.name === c.name);
            if (old !== undefined && !explained.has(c.name) && !same(old, c))
                rows.push({ kind: 'definition', change: 'changed', component: c.name, what: 'other fields of the component', position: compPos(c.name) });
        }
        const others = new Set([...Object.keys(oldDef), ...Object.keys(newDef)].filter((k) => k !== 'metadata' && k !== 'components'));
        for (const k of others)
            if (!same(oldDef[k], newDef[k]))
                rows.push({ kind: 'definition', change: 'changed', component: '', what: k, position: k in newDef ? input.positionOf([k]) : input.positionOf(['kind']) });
        const build = (pub.definition.build ?? {});
        if (typeof build.version === 'string' && build.version !== input.builderVersion)
            rows.push({ kind: 'definition', change: 'changed', component: '', what: 'build.version (the builder)', old: build.version, new: input.builderVersion });
        if ((typeof build.flavor === 'string' ? build.flavor : '') !== input.flavor)
            rows.push({ kind: 'definition', change: 'changed', component: '', what: 'build.flavor', old: String(build.flavor ?? ''), new: input.flavor });
    }
    return { against: input.against, found: pub !== undefined, rows, size, notCompared, unchanged: pub !== undefined && rows.length === 0 && notCompared.length === 0 };
}

// EXTERNAL MODULE: ./src/check/outputs.ts
var outputs = __webpack_require__(8018);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: ./node_modules/tar-stream/index.js
var tar_stream = __webpack_require__(6118);
// EXTERNAL MODULE: ./src/oci/errors.ts
var errors = __webpack_require__(8630);
// EXTERNAL MODULE: ./src/oci/mediatypes.ts
var mediatypes = __webpack_require__(9572);
// EXTERNAL MODULE: ./src/oci/push.ts
var oci_push = __webpack_require__(5842);
// EXTERNAL MODULE: ./src/oci/auth.ts
var auth = __webpack_require__(6599);
// EXTERNAL MODULE: ./src/oci/types.ts + 1 modules
var types = __webpack_require__(740);
// EXTERNAL MODULE: ./src/package/built-definition.ts
var built_definition = __webpack_require__(5584);
// EXTERNAL MODULE: ./src/package/layout.ts
var layout = __webpack_require__(348);
// EXTERNAL MODULE: ./src/package/publish-layout.ts
var publish_layout = __webpack_require__(2226);
// EXTERNAL MODULE: ./src/sources/package-file.ts
var package_file = __webpack_require__(5057);
;// CONCATENATED MODULE: ./src/check/published.ts
/**
 * What a published package holds, for the comparison: its zarf.yaml, the digest of every image (from
 * images/index.json), every file of every component tar with its sha256 (the tars are read as a
 * stream and hashed entry by entry; nothing is kept but the few `.git` files that tell the commit of
 * each packaged repository clone), and the bytes of its images and of its
 * component content. Image blobs are never read: their sizes come from the package manifest's layer
 * descriptors, or from the tar headers of a local package file.
 *
 * From a registry: the tag's index, this architecture's manifest, then the zarf.yaml,
 * images/index.json and components/*.tar layers. A tag that does not exist (or has no package for
 * this architecture) is "nothing published". From a local package file (`.tar.zst` or `.tar`): one
 * pass over the file.
 */




















const SMALL = 16 * 1024 * 1024;
/**
 * Reads a component tar (a stream) into path -> {sha256, size}, the top folder `<component>/`
 * stripped; the small `.git` files of packaged clones that tell their commit are kept in `gitMeta`.
 */
async function readComponentTar(stream, into, gitMeta) {
    const extract = tar_stream.extract();
    const done = (async () => {
        for await (const entry of extract) {
            const h = entry.header;
            const name = h.name.replace(/^\.\//, '');
            const slash = name.indexOf('/');
            const inside = slash > 0 ? name.slice(slash + 1) : '';
            if (h.type === 'symlink' && slash > 0) {
                into.set(inside, { sha256: linkFingerprint(h.linkname ?? ''), size: 0 });
                entry.resume();
                continue;
            }
            if (h.type !== 'file' && h.type !== 'contiguous-file') {
                entry.resume();
                continue;
            }
            const keep = GIT_META.test(inside) && (h.size ?? 0) <= SMALL ? [] : undefined;
            const hash = (0,external_node_crypto_.createHash)('sha256');
            let size = 0;
            for await (const c of entry) {
                hash.update(c);
                size += c.length;
                keep?.push(c);
            }
            if (keep !== undefined)
                gitMeta.set(inside, Buffer.concat(keep).toString('utf8'));
            if (slash > 0)
                into.set(inside, { sha256: hash.digest('hex'), size });
        }
    })();
    await Promise.all([(0,external_node_stream_promises_.pipeline)(stream, extract), done]);
}
function imagesOf(indexJson, where) {
    let index;
    try {
        index = JSON.parse(indexJson.toString('utf8'));
    }
    catch {
        throw new src_errors/* LadingError */.c3(`${where}: images/index.json is not JSON`, { hint: 'the package is damaged; publish it again' });
    }
    const out = new Map();
    for (const m of index.manifests ?? []) {
        const name = m.annotations?.[layout/* ANNOTATION_BASE_NAME */.ef] ?? m.annotations?.[layout/* ANNOTATION_REF_NAME */._0];
        if (typeof name !== 'string')
            continue;
        let key = name;
        try {
            key = reference/* Reference */.Or.parse(name).toString();
        }
        catch {
            // kept as written
        }
        out.set(key, m.digest);
    }
    return out;
}
/**
 * The package published at `ref` for `architecture`, or undefined when there is none (no tag, or the
 * tag has no package for this architecture). `push` asks for the push scope (the publish target: the
 * same token serves the publish that may follow).
 */
async function readPublishedPackage(client, ref, architecture, workDir, push) {
    const scopes = push ? (0,oci_push/* pushScopes */.ID)(ref.repository) : [(0,auth/* repositoryScope */.F)(ref.repository, ['pull'])];
    const where = ref.toString();
    let top;
    try {
        top = await client.getManifest(ref, ref.selector, scopes);
    }
    catch (e) {
        if (e instanceof errors/* OciError */.Mf && (e.status === 404 || e.code === 'NOT_FOUND'))
            return undefined;
        throw e;
    }
    let manifestBytes = top.bytes;
    let digest = top.digest;
    if ((0,mediatypes/* isIndexMediaType */.$$)(top.mediaType)) {
        const parsed = (0,types/* parseManifest */.N)(top.bytes, top.mediaType, where);
        if (parsed.kind !== 'index')
            return undefined;
        const entries = parsed.index.manifests;
        const entry = entries.find((e) => e.platform?.architecture === architecture && e.platform.os === publish_layout/* MULTI_OS */.TX) ?? entries.find((e) => e.platform?.architecture === architecture);
        if (entry === undefined)
            return undefined;
        const m = await client.getManifest(ref, entry.digest, scopes);
        manifestBytes = m.bytes;
        digest = m.digest;
    }
    const parsed = (0,types/* parseManifest */.N)(manifestBytes, undefined, where);
    if (parsed.kind !== 'manifest')
        throw new src_errors/* LadingError */.c3(`${where} is an index of indexes, not a package`, { hint: 'compare with a package published by Lading or zarf package publish' });
    const byTitle = new Map();
    let imageBytes = 0;
    for (const l of parsed.manifest.layers) {
        const title = l.annotations?.[publish_layout/* ANNOTATION_TITLE */.hg];
        if (title === undefined)
            continue;
        byTitle.set(title, l);
        if (title.startsWith('images/blobs/'))
            imageBytes += l.size;
    }
    const zl = byTitle.get('zarf.yaml');
    if (zl === undefined)
        throw new src_errors/* LadingError */.c3(`${where} is not a Zarf package: it has no zarf.yaml layer`, { hint: 'compare with a package published by Lading or zarf package publish' });
    const zarfYaml = (await (0,oci_push/* fetchBlobBytes */.z_)(client, ref, zl, SMALL, scopes)).toString('utf8');
    const il = byTitle.get('images/index.json');
    const images = il !== undefined ? imagesOf(await (0,oci_push/* fetchBlobBytes */.z_)(client, ref, il, SMALL, scopes), where) : new Map();
    const components = new Map();
    const repoCommits = new Map();
    let contentBytes = 0;
    const store = new blobstore/* BlobStore */.l(external_node_path_default().join(workDir, `published-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`));
    await store.init();
    try {
        for (const [title, l] of byTitle) {
            const m = /^components\/(.+)\.tar$/.exec(title);
            if (m === null)
                continue;
            await client.fetchBlob(ref, l, store);
            const files = new Map();
            const gitMeta = new Map();
            await readComponentTar((0,external_node_fs_.createReadStream)(store.path(l.digest)), files, gitMeta);
            components.set(m[1], files);
            repoCommits.set(m[1], publishedRepoCommits(gitMeta));
            for (const f of files.values())
                contentBytes += f.size;
            await (0,promises_.rm)(store.path(l.digest), { force: true });
        }
    }
    finally {
        await (0,promises_.rm)(store.root, { recursive: true, force: true });
    }
    return { where, digest, zarfYaml, definition: (0,built_definition/* builtDefinition */.E)(zarfYaml), images, components, repoCommits, imageBytes, contentBytes };
}
/** A local package file (`.tar.zst` or `.tar`), read in one pass. */
async function readPackageFile(file, shown) {
    let pkg;
    try {
        pkg = await (0,package_file/* openPackageFile */.$)(file);
    }
    catch (e) {
        throw new src_errors/* LadingError */.c3(`input compare: cannot read ${shown}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`, {
            hint: 'give the path of a package file (zarf-package-….tar.zst) relative to the workspace, or an oci:// reference'
        });
    }
    let zarfYaml;
    let indexJson;
    let imageBytes = 0;
    let contentBytes = 0;
    const components = new Map();
    const repoCommits = new Map();
    const limit = { bytes: SMALL, tooBig: () => new src_errors/* LadingError */.c3(`${shown}: a metadata file of the package is over 16 MiB`, { hint: 'compare with a Zarf package file' }) };
    try {
        await pkg.entries(async ({ name, header, stream }) => {
            const comp = /^components\/(.+)\.tar$/.exec(name);
            if (name === 'zarf.yaml')
                zarfYaml = (await (0,package_file/* entryBytes */.e)(stream, limit)).toString('utf8');
            else if (name === 'images/index.json')
                indexJson = await (0,package_file/* entryBytes */.e)(stream, limit);
            else if (comp !== null) {
                const files = new Map();
                const gitMeta = new Map();
                await readComponentTar(stream, files, gitMeta);
                components.set(comp[1], files);
                repoCommits.set(comp[1], publishedRepoCommits(gitMeta));
                for (const f of files.values())
                    contentBytes += f.size;
            }
            else if (name.startsWith('images/blobs/'))
                imageBytes += header.size ?? 0;
        });
    }
    catch (e) {
        if (e instanceof src_errors/* LadingError */.c3)
            throw e;
        throw new src_errors/* LadingError */.c3(`input compare: ${shown} is not a readable package file: ${e.message}`, { hint: 'give a package file built by Lading or zarf package create (multi-part packages are not read)' });
    }
    if (zarfYaml === undefined)
        throw new src_errors/* LadingError */.c3(`input compare: ${shown} is not a Zarf package: it has no zarf.yaml`, { hint: 'give a package file built by Lading or zarf package create' });
    return { where: shown, zarfYaml, definition: (0,built_definition/* builtDefinition */.E)(zarfYaml), images: indexJson !== undefined ? imagesOf(indexJson, shown) : new Map(), components, repoCommits, imageBytes, contentBytes };
}

;// CONCATENATED MODULE: ./src/check/stage.ts
/**
 * The check stage: what the package would hold, found without downloading any layer, and how that
 * differs from the package published (or named by `compare`).
 *
 * It runs when `mode: check`, or when there is something to compare with (`publish` or `compare`).
 * Component content is planned first (content.ts), then every image is resolved to its digest through
 * the resolver the build uses (manifests, indexes and, for a single-platform image, its config; each
 * read once), so it fails where the build fails, with the same messages at the same lines. Then the
 * published package is read (published.ts), the difference computed (diff.ts) and each changed line
 * of zarf.yaml gets one notice.
 *
 * The run ends here (`done`) in check mode, and when publishing a package the registry already holds
 * exactly (an unchanged nightly): nothing is downloaded or published, the tag is left as it is.
 */
















/** The published package, or the package named by `compare`; undefined when there is nothing to compare with. */
async function readTarget(input, workDir) {
    const { inputs, client, publishPlan } = input;
    if (inputs.compare !== '') {
        const t = (0,compare_input/* parseCompareInput */.f)(inputs.compare);
        if (t.kind === 'oci') {
            const against = t.reference.toString();
            return { against, published: await readPublishedPackage(client, t.reference, inputs.architecture, workDir, false), isPublishTarget: publishPlan !== undefined && publishPlan.reference.toString() === against };
        }
        const file = external_node_path_default().resolve(input.workspace, t.path);
        const shown = external_node_path_default().relative(input.workspace, file) || file;
        return { against: shown, published: await readPackageFile(file, shown), isPublishTarget: false };
    }
    if (publishPlan === undefined)
        return undefined;
    // A build asks for push and pull at once: the token then serves the publish that follows.
    return { against: publishPlan.reference.toString(), published: await readPublishedPackage(client, publishPlan.reference, inputs.architecture, workDir, inputs.mode === 'build'), isPublishTarget: true };
}
function rowText(r) {
    const what = r.kind === 'component' ? `component ${r.what}` : r.kind === 'definition' ? r.what : `${r.kind} ${r.what}`;
    const change = r.change === 're-pointed' || r.change === 're-tagged' || r.change === 'version' || r.change === 'changed'
        ? `${r.change === 'version' ? 'version' : r.change}${r.old !== undefined || r.new !== undefined ? `: ${r.old ?? '?'} -> ${r.new ?? '?'}` : ''}`
        : r.change;
    return `${what}${r.component !== '' && r.kind !== 'component' ? ` (component ${r.component})` : ''} ${change}${r.note !== undefined ? ` — ${r.note}` : ''}`;
}
/** One notice per changed line, every change written on it. */
function annotateDiff(diff) {
    const byLine = new Map();
    for (const r of diff.rows) {
        if (r.position === undefined)
            continue;
        const key = `${r.position.file}:${r.position.line}`;
        (byLine.get(key) ?? byLine.set(key, []).get(key))?.push(r);
    }
    for (const rows of byLine.values()) {
        const first = rows[0];
        (0,annotations/* noticeAt */.SC)(`changed since ${diff.against}: ${rows.map(rowText).join('; ')}`, first.position);
    }
}
/** Log lines of the comparison, for the job log. */
function logDiff(diff, log) {
    if (!diff.found) {
        log(`compared with ${diff.against}: nothing is published there yet, so everything is new`);
        return;
    }
    log(`compared with ${diff.against}: ${diff.rows.length === 0 ? 'no change' : `${diff.rows.length} change${diff.rows.length === 1 ? '' : 's'}`}; size ${(0,format/* formatBytes */.z3)(diff.size.old)} -> ${(0,format/* formatBytes */.z3)(diff.size.new)}`);
    for (const r of diff.rows)
        log(`  ${rowText(r)}`);
    for (const n of diff.notCompared)
        log(`  not compared: ${n}`);
}
/**
 * Component content first, as the build collects it before any image (the same first errors), then
 * every image resolved to its digest.
 */
async function planAndResolve(input, fetcher, limit, workDir, withActions) {
    const { inputs, def, client, log } = input;
    const display = (p) => external_node_path_default().relative(input.workspace, p) || '.';
    const content = await planContent({ definition: def, components: (0,sources_requests/* componentsOf */.c)(def), workDir: external_node_path_default().join(workDir, 'content'), registry: client, fetcher, limit, display, log });
    const requests = await (0,sources_requests/* imageRequests */.O)(def, input.registry, input.workDir, input.archives, (c) => withActions.has(c));
    log(`resolving ${requests.length} image reference${requests.length === 1 ? '' : 's'} (manifests only, no layer is downloaded)`);
    const resolved = await (0,resolve/* resolveImages */.B)(requests, {
        architecture: inputs.architecture,
        indexDigests: inputs.indexDigests,
        store: inputs.mode === 'check' ? checkStore(workDir) : input.store,
        limit,
        ...(inputs.mode === 'build' && input.fallback !== undefined ? { fallback: input.fallback } : {})
    });
    return { content, requests, resolved };
}
/**
 * Where `mode: check` keeps the manifests and configs it resolves: in memory (up to 1 MiB each,
 * 64 MiB in all; more goes to files in the check's folder). Nothing else reads them, and the run ends
 * with the check. A build that compares first keeps them in the run's store, where it builds from.
 */
function checkStore(workDir) {
    return new blobstore/* BlobStore */.l(external_node_path_default().join(workDir, 'resolved'), { smallInMemory: { maxBlob: 1 << 20, maxTotal: 64 << 20 } });
}
async function runCheckStage(input) {
    const { inputs, def, client, log } = input;
    if (!(0,outputs/* checkStageRuns */.zz)(inputs, input.publishPlan))
        return undefined;
    // Create-time actions may write files and image archives: a build runs them first, so it is not
    // compared before it builds (it cannot be shown unchanged anyway).
    const withActions = new Set(def.config.components.filter((c) => uncoveredFields(c).includes('actions.onCreate')).map((c) => c.name));
    if (inputs.mode === 'build' && withActions.size > 0) {
        log(`not compared with what is published before building: ${[...withActions].join(', ')} ${withActions.size === 1 ? 'has' : 'have'} create-time actions, which run only in the build`);
        return undefined;
    }
    const workDir = await (0,promises_.mkdtemp)(external_node_path_default().join(input.workDir, 'check-'));
    const fetcher = new http/* HttpFetcher */.eI({ plainHttp: (h) => client.scheme(h) === 'http', retries: inputs.retries, userAgent: `lading/${version/* VERSION */.x}`, log, ...(input.signal !== undefined ? { signal: input.signal } : {}) });
    try {
        // What is published is read while the content is planned and the images resolved (each waits on
        // the network), but its errors come first, as the build meets them first (its build time): wrong
        // publish credentials fail with the publish repository's scope in the message, whatever else fails.
        // Once the read failed, the planning starts no more requests: only those under way are waited for.
        const readFailed = new AbortController();
        const limit = stoppedBy((0,p_limit/* default */.A)(inputs.concurrency), readFailed.signal);
        const reading = readTarget(input, workDir).catch((e) => {
            readFailed.abort(e);
            throw e;
        });
        const planning = planAndResolve(input, fetcher, limit, workDir, withActions);
        const [targetRead, planned] = await Promise.allSettled([reading, planning]);
        if (targetRead.status === 'rejected')
            throw targetRead.reason;
        if (planned.status === 'rejected')
            throw planned.reason;
        const target = targetRead.value;
        const { content, requests, resolved } = planned.value;
        const images = resolved.map((r) => r.image);
        for (const i of images)
            log(`  ${i.written} -> ${i.descriptor.digest}`);
        const blobs = new Map();
        for (const i of images)
            for (const b of i.blobs)
                blobs.set(b.digest, b.size);
        const imageBytes = [...blobs.values()].reduce((n, s) => n + s, 0);
        if (target === undefined)
            return { mode: inputs.mode, done: true, changed: true, images, requests, resolved, content };
        const diff = diffPackage({
            against: target.against,
            published: target.published,
            images: images.map((i) => ({ component: i.component, written: i.written, reference: i.reference, digest: i.descriptor.digest, ...(i.position !== undefined ? { position: i.position } : {}) })),
            imageBytes,
            content,
            config: def.config,
            builderVersion: version/* VERSION */.x,
            flavor: def.flavor,
            positionOf: (p) => def.positionOf(p)
        });
        // Signatures are looked up only when building: they may have changed without any of this.
        if (inputs.signatures) {
            diff.notCompared.push('signatures: true (signatures and attestations are looked up only by a build)');
            diff.unchanged = false;
        }
        logDiff(diff, log);
        annotateDiff(diff);
        const unchangedPublish = diff.unchanged && target.isPublishTarget && input.publishPlan !== undefined && inputs.mode === 'build';
        const pub = target.published;
        return {
            mode: inputs.mode,
            done: inputs.mode === 'check' || unchangedPublish,
            changed: !diff.unchanged,
            diff,
            images,
            requests,
            resolved,
            content,
            ...(unchangedPublish && pub?.digest !== undefined ? { published: { reference: target.against, digest: pub.digest, ...checksumOf(pub) } } : {})
        };
    }
    finally {
        await fetcher.close().catch(() => undefined);
        await (0,promises_.rm)(workDir, { recursive: true, force: true }).catch(() => undefined);
    }
}
/** `limit`, whose tasks fail at their start, without running, once `signal` aborted. */
function stoppedBy(limit, signal) {
    return (task) => limit(async () => {
        signal.throwIfAborted();
        return task();
    });
}
function checksumOf(pub) {
    const m = pub.definition.metadata;
    return typeof m?.aggregateChecksum === 'string' ? { checksum: m.aggregateChecksum } : {};
}


/***/ }),

/***/ 3968:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dataInjectionPath: () => (/* binding */ dataInjectionPath),
/* harmony export */   dataInjectionTask: () => (/* binding */ dataInjectionTask)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _sources_http_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9496);
/* harmony import */ var _sources_url_checksum_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(899);
/* harmony import */ var _content_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1040);
/* harmony import */ var _zarf_modes_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8906);
/* harmony import */ var _folder_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8137);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1737);
/**
 * A component's `dataInjections`: each source (a URL, downloaded, its trailing `@<sha256>` checked
 * and used as its address in the blob cache; a local file; a local folder,
 * copied as Zarf copies it: folder.ts) packaged as `data/<i>/<base name of target.path>`, `i`
 * counting the component's data injections, as Zarf's assemble step lays them out. Nothing is
 * chmod'ed: a local file or folder keeps its own mode, a download has 0644 (zarf-modes.ts).
 */








/** Zarf's place for data injection `i` targeting `targetPath`. */
function dataInjectionPath(i, targetPath) {
    return `data/${i}/${(0,_paths_js__WEBPACK_IMPORTED_MODULE_6__/* .goBase */ .km)(targetPath)}`;
}
async function dataInjectionTask(c, d, p, i) {
    const { def, where, download, contentAddressed, local, display } = c;
    const name = dataInjectionPath(i, d.target.path);
    const sp = [...p, 'source'];
    if ((0,_paths_js__WEBPACK_IMPORTED_MODULE_6__/* .isUrl */ .gU)(d.source)) {
        // A trailing `@<sha256>` is checked by download() and, being known before, goes through the blob cache.
        const { url, checksum } = (0,_sources_url_checksum_js__WEBPACK_IMPORTED_MODULE_3__/* .splitUrlChecksum */ .v)(d.source);
        const shown = (0,_sources_http_js__WEBPACK_IMPORTED_MODULE_2__/* .displayUrl */ .Qy)(url);
        const fetch = () => download(d.source, (0,_paths_js__WEBPACK_IMPORTED_MODULE_6__/* .goBase */ .km)(d.target.path), _content_js__WEBPACK_IMPORTED_MODULE_4__/* .MAX_FILE_DOWNLOAD */ .FK);
        if (checksum !== undefined && _content_js__WEBPACK_IMPORTED_MODULE_4__/* .SHA256_HEX */ .Y5.test(checksum)) {
            const got = await contentAddressed(checksum, url, _content_js__WEBPACK_IMPORTED_MODULE_4__/* .MAX_FILE_DOWNLOAD */ .FK, `data ${shown}`, fetch);
            return {
                entries: [{ path: name, type: 'file', source: got.file, size: got.size, mode: _zarf_modes_js__WEBPACK_IMPORTED_MODULE_7__/* .ZARF_DOWNLOAD_MODE */ .lw, verifyDigest: got.blob.digest }],
                items: [{ kind: 'data', path: name, source: shown, size: got.size, verified: 'sha256 after "@" verified' }],
                blobs: [got.blob]
            };
        }
        const got = await fetch();
        return {
            entries: [{ path: name, type: 'file', source: got.file, size: got.size, mode: _zarf_modes_js__WEBPACK_IMPORTED_MODULE_7__/* .ZARF_DOWNLOAD_MODE */ .lw, verifyDigest: `sha256:${got.sha256}` }],
            items: [{ kind: 'data', path: name, source: shown, size: got.size }]
        };
    }
    const r = await local(d.source, sp, 'the data');
    const shown = display(node_path__WEBPACK_IMPORTED_MODULE_0___default().resolve(def.dir, d.source));
    if (!r.isDir) {
        return {
            entries: [{ path: name, type: 'file', source: r.real, size: r.size, mode: (0,_zarf_modes_js__WEBPACK_IMPORTED_MODULE_7__/* .copiedMode */ .so)(r.mode) }],
            items: [{ kind: 'data', path: name, source: shown, size: r.size }]
        };
    }
    const folder = await (0,_folder_js__WEBPACK_IMPORTED_MODULE_5__/* .folderEntries */ .z)(r.real, name, (0,_zarf_modes_js__WEBPACK_IMPORTED_MODULE_7__/* .copiedMode */ .so)(r.mode), (rel) => new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .LadingError */ .c3(`${where(sp)}: ${(0,_paths_js__WEBPACK_IMPORTED_MODULE_6__/* .shorten */ .ml)(d.source)}/${rel} is not a regular file, folder or symbolic link`, { hint: 'remove it from the folder', position: def.positionOf(sp) }));
    return { entries: folder.entries, items: [{ kind: 'data', path: `${name}/`, source: `${shown}/`, size: folder.size }] };
}


/***/ }),

/***/ 5531:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   kustomizationFileName: () => (/* binding */ kustomizationFileName),
/* harmony export */   kustomizationTask: () => (/* binding */ kustomizationTask),
/* harmony export */   kustomizedManifests: () => (/* binding */ kustomizedManifests)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _sources_kustomize_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(845);
/* harmony import */ var _zarf_modes_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8906);
/* harmony import */ var _content_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1040);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1737);
/**
 * A component's `manifests[].kustomizations`: each one (a local folder, or a remote URL passed to
 * kustomize as written) built with `kustomize build` or `kubectl kustomize` (src/sources/
 * kustomize.ts) and packaged as `manifests/kustomization-<name>-<k>.yaml`, Zarf's layout. The built
 * YAML stays in memory as the tar entry's content, so later steps can read it
 * (`kustomizedManifests`: what a scan for images looks at).
 */






/** Zarf's name for the built output of `kustomizations[k]` of manifest `name`. */
function kustomizationFileName(name, k) {
    return `manifests/kustomization-${name}-${k}.yaml`;
}
async function kustomizationTask(c, m, p, k, value) {
    const { def, where, local, display } = c;
    const kp = [...p, 'kustomizations', k];
    const name = kustomizationFileName(m.name, k);
    const tool = await (0,_sources_kustomize_js__WEBPACK_IMPORTED_MODULE_2__/* .findKustomizeTool */ .TA)();
    if (tool === undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .LadingError */ .c3(`${where(kp)}: neither kustomize nor kubectl is on PATH, so the kustomization cannot be built`, {
            hint: 'install kustomize or kubectl on the runner (GitHub-hosted runners have both), or build the kustomization in a step before this one and list its output under files',
            position: def.positionOf(kp)
        });
    }
    let target;
    let shown;
    if ((0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .isUrl */ .gU)(value)) {
        target = value;
        shown = value;
    }
    else {
        const r = await local(value, kp, 'the kustomization folder');
        if (!r.isDir) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .LadingError */ .c3(`${where(kp)} "${(0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .shorten */ .ml)(value)}" is a file, not a kustomization folder`, { hint: 'give the folder that holds kustomization.yaml', position: def.positionOf(kp) });
        }
        target = r.abs;
        shown = display(node_path__WEBPACK_IMPORTED_MODULE_0___default().resolve(def.dir, value));
    }
    c.opts.log(`building kustomization ${shown} with ${tool.name === 'kustomize' ? 'kustomize build' : 'kubectl kustomize'}`);
    let bytes;
    try {
        bytes = await (0,_sources_kustomize_js__WEBPACK_IMPORTED_MODULE_2__/* .runKustomize */ .J4)(tool, target, {
            allowAnyDirectory: m.kustomizeAllowAnyDirectory === true,
            enablePlugins: m.enableKustomizePlugins === true,
            cwd: def.dir,
            maxBytes: _content_js__WEBPACK_IMPORTED_MODULE_3__/* .MAX_YAML_BYTES */ .jl
        });
    }
    catch (e) {
        if (e instanceof _sources_kustomize_js__WEBPACK_IMPORTED_MODULE_2__/* .KustomizeError */ .Kv) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .LadingError */ .c3(`${where(kp)} "${(0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .shorten */ .ml)(value)}": ${e.message}`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), position: def.positionOf(kp), cause: e });
        }
        throw e;
    }
    return {
        entries: [{ path: name, type: 'file', content: bytes, mode: _zarf_modes_js__WEBPACK_IMPORTED_MODULE_5__/* .ZARF_KUSTOMIZATION_MODE */ .y8 }],
        items: [{ kind: 'kustomization', path: name, source: shown, size: bytes.length, verified: `built with ${tool.name === 'kustomize' ? 'kustomize' : 'kubectl kustomize'}` }]
    };
}
/**
 * The built kustomizations of collected content, by component, with their bytes: what a scan for
 * images (the YAML's `image:` fields) reads. Pure: it only looks at what collection kept.
 */
function kustomizedManifests(content) {
    const out = [];
    for (const [component, items] of Object.entries(content.items)) {
        for (const item of items) {
            if (item.kind !== 'kustomization')
                continue;
            const entry = (content.entries[component] ?? []).find((e) => e.path === item.path);
            if (entry !== undefined && entry.type === 'file' && 'content' in entry)
                out.push({ component, path: item.path, source: item.source, bytes: entry.content });
        }
    }
    return out;
}


/***/ }),

/***/ 845:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J4: () => (/* binding */ runKustomize),
/* harmony export */   Kv: () => (/* binding */ KustomizeError),
/* harmony export */   TA: () => (/* binding */ findKustomizeTool)
/* harmony export */ });
/* unused harmony exports kustomizeEnv, kustomizeArgs, kustomizeCommand */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
/**
 * Runs `kustomize build` (or `kubectl kustomize` when kustomize is not on PATH) on one
 * kustomization, with the options Zarf builds it with in-process (src/internal/packager/kustomize/
 * build.go): the RootOnly load restrictor unless `allowAnyDirectory` (`--load-restrictor
 * LoadRestrictionsNone`), plugins beyond the builtin ones only with `enablePlugins`
 * (`--enable-alpha-plugins`, Zarf's PluginRestrictionsNone), no Helm inflation, and, with kustomize,
 * `--reorder none` (Zarf keeps the kustomization's own order; `kubectl kustomize` has no such flag
 * and sorts resources in kustomize's legacy order). The tool is spawned with an argument list,
 * never through a shell; its output is kept in memory (a size limit stops a runaway build).
 */




/** A build that failed: `output` holds the tool's first lines of stderr. */
class KustomizeError extends _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .HintedError */ .J_ {
    name = 'KustomizeError';
}
async function onPath(name, env) {
    const dirs = (env['PATH'] ?? '').split((node_path__WEBPACK_IMPORTED_MODULE_2___default().delimiter)).filter((d) => d !== '');
    for (const d of dirs) {
        const file = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(d, name);
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.access)(file, node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.constants.X_OK);
            return file;
        }
        catch {
            // not here
        }
    }
    return undefined;
}
/**
 * The environment the tool runs with: the runner's, without the action's inputs (`INPUT_*`, which
 * may hold registry passwords) and the runner's own tokens, which a kustomize plugin has no use for.
 */
function kustomizeEnv(env) {
    const out = {};
    for (const [k, v] of Object.entries(env)) {
        if (/^INPUT_/i.test(k) || /^ACTIONS_(RUNTIME_TOKEN|ID_TOKEN_REQUEST_TOKEN|CACHE_URL|RESULTS_URL|RUNTIME_URL)$/.test(k))
            continue;
        out[k] = v;
    }
    return out;
}
/** kustomize when it is on PATH, else kubectl (whose `kustomize` subcommand builds the same); else undefined. */
async function findKustomizeTool(env = process.env) {
    const k = await onPath('kustomize', env);
    if (k !== undefined)
        return { name: 'kustomize', file: k };
    const kubectl = await onPath('kubectl', env);
    if (kubectl !== undefined)
        return { name: 'kubectl', file: kubectl };
    return undefined;
}
/** The argument list that builds `target` (an absolute folder or a remote URL) with `tool`. */
function kustomizeArgs(tool, target, opts) {
    const args = tool.name === 'kustomize' ? ['build', target, '--reorder', 'none'] : ['kustomize', target];
    args.push('--load-restrictor', opts.allowAnyDirectory ? 'LoadRestrictionsNone' : 'LoadRestrictionsRootOnly');
    if (opts.enablePlugins)
        args.push('--enable-alpha-plugins');
    return args;
}
/** How the build is shown in messages (`kustomize build <target>`, `kubectl kustomize <target>`). */
function kustomizeCommand(tool, target, opts) {
    return [tool.name, ...kustomizeArgs(tool, target, opts)].join(' ');
}
/** The first few meaningful lines of the tool's error output, as one line. */
function firstLines(stderr, n = 3) {
    const lines = stderr
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '' && !/^Usage:|^Examples?:|^\s*kubectl kustomize|^Flags:/.test(l))
        .map((l) => {
        // kubectl logs through klog: `E1205 07:42:57.941664 20327 run.go:72] "command failed" err="..."`.
        const klog = /^[EWIF]\d{4} [\d:.]+\s+\d+ \S+\] (.*)$/.exec(l);
        const body = klog?.[1] ?? l;
        const quoted = /^"command failed" err=(".*")$/.exec(body);
        if (quoted?.[1] !== undefined) {
            try {
                return String(JSON.parse(quoted[1]));
            }
            catch {
                return quoted[1];
            }
        }
        return body.replace(/^Error:\s*/, '');
    });
    const text = lines.slice(0, n).join('; ');
    return text.length > 600 ? `${text.slice(0, 600)}...` : text === '' ? 'no error message' : text;
}
/**
 * Builds `target` with `tool`, in `cwd`, and returns the YAML it printed. Throws a KustomizeError
 * with the tool's own message when the build fails or prints more than `maxBytes`.
 */
function runKustomize(tool, target, opts) {
    const args = kustomizeArgs(tool, target, opts);
    const shown = kustomizeCommand(tool, target, opts);
    return new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(tool.file, args, { cwd: opts.cwd, env: kustomizeEnv(opts.env ?? process.env), stdio: ['ignore', 'pipe', 'pipe'] });
        const out = [];
        let size = 0;
        let err = '';
        let tooBig = false;
        child.stdout.on('data', (d) => {
            size += d.length;
            if (size > opts.maxBytes) {
                if (!tooBig)
                    child.kill('SIGKILL');
                tooBig = true;
                return;
            }
            out.push(d);
        });
        child.stderr.on('data', (d) => {
            if (err.length < 64 * 1024)
                err += d.toString('utf8');
        });
        child.on('error', (e) => reject(new KustomizeError(`${tool.name} could not be run: ${e.code ?? e.message}`, `check that ${tool.file} runs`)));
        child.on('close', (code, signal) => {
            if (tooBig) {
                reject(new KustomizeError(`${shown} printed more than ${opts.maxBytes / 1024 / 1024} MiB`, 'check the kustomization: its output is read whole'));
            }
            else if (code !== 0) {
                reject(new KustomizeError(`${tool.name === 'kustomize' ? 'kustomize build' : 'kubectl kustomize'} failed${code !== null ? ` (exit ${code})` : ` (${signal ?? 'killed'})`}: ${firstLines(err)}`, `run "${shown}" to see the whole message`));
            }
            else {
                resolve(Buffer.concat(out));
            }
        });
    });
}


/***/ }),

/***/ 5057:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ openPackageFile),
/* harmony export */   e: () => (/* binding */ entryBytes)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var tar_stream__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6118);
/* harmony import */ var _zstd_decompress_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9538);
/**
 * Streaming a local Zarf package file (`.tar.zst`, or a plain `.tar` as written for
 * metadata.uncompressed) entry by entry, in one pass and with nothing written to disk. The two are
 * told apart by their first bytes (a zstd frame, or the skippable frame pzstd writes first), not by
 * their names; every zstd frame is read (src/zstd-decompress.ts). Used by the reference package of a
 * differential build and by `mode: check`'s comparison with a file; each caller decides which
 * entries it keeps and words its own errors.
 */





/** Opens a package file: reads its first bytes. A file that cannot be opened throws Node's error (with its `code`). */
async function openPackageFile(file) {
    const head = Buffer.alloc(4);
    const fh = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(file, 'r');
    try {
        await fh.read(head, 0, 4, 0);
    }
    finally {
        await fh.close();
    }
    const zstd = (0,_zstd_decompress_js__WEBPACK_IMPORTED_MODULE_4__/* .startsZstd */ .$)(head);
    return {
        zstd,
        entries: async (visit, signal) => {
            const extract = tar_stream__WEBPACK_IMPORTED_MODULE_3__.extract();
            const done = (async () => {
                for await (const entry of extract) {
                    // tar-stream's entries are streamx streams, read and piped like Node's.
                    await visit({ name: entry.header.name.replace(/^\.\//, ''), header: entry.header, stream: entry });
                    entry.resume();
                }
            })();
            const source = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(file, { highWaterMark: 1 << 20 });
            const options = signal !== undefined ? { signal } : {};
            await Promise.all([zstd ? (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_2__.pipeline)(source, (0,_zstd_decompress_js__WEBPACK_IMPORTED_MODULE_4__/* .zstdDecompressFrames */ .z)(), extract, options) : (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_2__.pipeline)(source, extract, options), done]);
        }
    };
}
/**
 * The bytes of an entry. Past `limit` bytes (when given) it stops reading and throws what `tooBig`
 * makes.
 */
async function entryBytes(stream, limit) {
    const chunks = [];
    let n = 0;
    for await (const c of stream) {
        n += c.length;
        if (limit !== undefined && n > limit.bytes)
            throw limit.tooBig();
        chunks.push(c);
    }
    return Buffer.concat(chunks);
}


/***/ })

};
