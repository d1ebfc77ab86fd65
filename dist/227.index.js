export const id = 227;
export const ids = [227,652];
export const modules = {

/***/ 1652:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q3: () => (/* binding */ sha256File),
/* harmony export */   aA: () => (/* binding */ CHECKSUMS_TXT),
/* harmony export */   ed: () => (/* binding */ ZARF_YAML),
/* harmony export */   fg: () => (/* binding */ sha256Hex),
/* harmony export */   pd: () => (/* binding */ renderChecksums)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _oci_hash_file_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4896);


/** Paths Zarf leaves out of checksums.txt: the file itself and the definition that names its hash. */
const ZARF_YAML = 'zarf.yaml';
const CHECKSUMS_TXT = 'checksums.txt';
/** sha256 hex and size of a file (read through src/oci/hash-file.ts). */
async function sha256File(file) {
    const { digest, size } = await (0,_oci_hash_file_js__WEBPACK_IMPORTED_MODULE_1__/* .hashFile */ .D)(file, 'sha256');
    return { sha256: digest.slice('sha256:'.length), size };
}
function sha256Hex(data) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(data).digest('hex');
}
/**
 * Renders checksums.txt the way Zarf does (layout.getChecksum): one `<sha256-hex> <relative/path>`
 * line per file except zarf.yaml and checksums.txt, the lines sorted as whole strings (bytewise, so
 * effectively by hash), joined with `\n` plus a final `\n` (an empty package gives "\n").
 * The aggregate checksum is the sha256 hex of those bytes.
 */
function renderChecksums(files) {
    const lines = [];
    for (const f of files) {
        if (f.path === ZARF_YAML || f.path === CHECKSUMS_TXT)
            continue;
        if (!/^[0-9a-f]{64}$/.test(f.sha256))
            throw new Error(`invalid sha256 "${f.sha256}" for ${f.path}`);
        if (/[\s]/.test(f.path))
            throw new Error(`a package path cannot contain whitespace: "${f.path}"`);
        lines.push(`${f.sha256} ${f.path}`);
    }
    lines.sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
    const text = `${lines.join('\n')}\n`;
    return { text, aggregateChecksum: sha256Hex(text) };
}


/***/ }),

/***/ 227:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  chartTask: () => (/* binding */ chartTask)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/sources/http.ts
var http = __webpack_require__(9496);
// EXTERNAL MODULE: ./src/sources/helm-repo.ts
var helm_repo = __webpack_require__(6141);
// EXTERNAL MODULE: ./src/sources/oci-chart.ts
var oci_chart = __webpack_require__(3742);
// EXTERNAL MODULE: ./src/definition/suggest.ts
var suggest = __webpack_require__(7383);
// EXTERNAL MODULE: ./src/package/components/chart-meta.ts
var chart_meta = __webpack_require__(3727);
// EXTERNAL MODULE: ./src/package/components/content.ts
var content = __webpack_require__(1040);
;// CONCATENATED MODULE: ./src/package/components/chart-dep-sources.ts





/** Dependency sources for one chart; `blobs` collects the content-addressed blobs it took. */
function chartDependencySources(c, blobs) {
    const { opts, fetcher, tmp, contentAddressed, cached } = c;
    const indexes = new Map();
    return {
        helmIndex: (repoUrl) => {
            let p = indexes.get(repoUrl);
            if (p === undefined) {
                opts.log(`reading Helm repository ${(0,http/* displayUrl */.Qy)(repoUrl)} for chart dependencies`);
                p = (0,helm_repo/* readHelmIndex */.DO)(fetcher, repoUrl);
                indexes.set(repoUrl, p);
            }
            return p;
        },
        helmChart: async (located) => {
            const dest = tmp(`${located.chart}-${located.version}.tgz`);
            const fetch = async () => ({ file: dest, ...(await (0,helm_repo/* downloadRepoChart */.pP)(fetcher, located, dest)).downloaded });
            if (located.sha256 !== undefined && content/* SHA256_HEX */.Y5.test(located.sha256)) {
                const got = await contentAddressed(located.sha256, located.url, helm_repo/* MAX_CHART_DOWNLOAD */.vm, `chart dependency ${located.chart} ${located.version}`, fetch);
                blobs.push(got.blob);
                return { file: got.file, size: got.size };
            }
            opts.log(`note: the Helm repository index gives no digest for ${located.chart} ${located.version}; it was not verified`);
            const got = await fetch();
            return { file: got.file, size: got.size };
        },
        ociTags: async (ref) => {
            try {
                return await (0,oci_chart/* listTags */.cB)(opts.registry, opts.registry.pullFrom(ref));
            }
            catch (e) {
                const err = (0,errors/* toLadingErrors */.eo)(e)[0];
                throw new errors/* LadingError */.c3(`cannot list the versions of oci://${ref.registry}/${ref.repository}: ${err.message}`, { ...(err.hint !== undefined ? { hint: err.hint } : {}), cause: e });
            }
        },
        ociChart: async (ref, version) => {
            opts.log(`pulling chart dependency oci://${ref.registry}/${ref.repository}:${version}`);
            const pulled = await (0,oci_chart/* pullOciChart */.hu)(opts.registry, ref, version, opts.store, cached);
            blobs.push({ digest: pulled.layer.digest, size: pulled.layer.size, source: (pulled.pulledFrom ?? ref).registry });
            return { file: opts.store.path(pulled.layer.digest), size: pulled.layer.size };
        },
        tmp
    };
}

// EXTERNAL MODULE: ./src/package/components/chart-package.ts + 4 modules
var chart_package = __webpack_require__(6006);
// EXTERNAL MODULE: ./src/package/components/checks.ts
var checks = __webpack_require__(9996);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/sources/git.ts
var git = __webpack_require__(8022);
// EXTERNAL MODULE: ./src/sources/git-url.ts
var git_url = __webpack_require__(4590);
// EXTERNAL MODULE: ./src/package/components/git-options.ts
var git_options = __webpack_require__(2678);
// EXTERNAL MODULE: ./src/package/components/paths.ts
var paths = __webpack_require__(1737);
;// CONCATENATED MODULE: ./src/package/components/chart-git.ts
/**
 * A chart from a Git repository (Zarf's PackageChartFromGit): the URL's `@ref`, or `@<version>` as a
 * tag when it has none, cloned shallow into the run's work folder, then the folder at `gitPath` (the
 * repository's root without one) packaged as a local chart folder is (chart-package.ts, its
 * missing dependencies fetched). Links in the chart may not lead out of the clone.
 */










/** `blobs` gains the cached downloads of the chart's dependencies, as for a local chart folder. */
async function gitChart(c, url, gitPath, version, p, dest, blobs) {
    const { opts, def, where, tmp } = c;
    const up = [...p, 'url'];
    const gp = [...p, 'gitPath'];
    const first = (0,git_url/* parseGitUrl */.RA)(url);
    const withRef = first !== undefined && first.ref === '' ? `${url}@${version}` : url;
    const parsed = (0,git_url/* parseGitUrl */.RA)(withRef);
    if (parsed === undefined)
        throw new errors/* LadingError */.c3(`${where(up)} "${(0,paths/* shorten */.ml)((0,git_url/* maskUrls */.BP)(url))}" is not a Git repository URL Zarf can read`, { hint: 'write it as https://host/path/repo.git[@ref]', position: def.positionOf(up) });
    if (!(0,checks/* gitPathInside */.UN)(gitPath))
        throw new errors/* LadingError */.c3(`${where(gp)} "${(0,paths/* shorten */.ml)(gitPath)}" leads outside the repository`, { hint: 'give the chart folder relative to the root of the repository', position: def.positionOf(gp) });
    (0,git_options/* checkGitTransport */.o)(c, parsed);
    opts.log(`cloning ${(0,git_url/* maskUrls */.BP)(withRef)} for its chart${gitPath !== '' ? ` at ${gitPath}` : ''}`);
    const cloned = await (0,git/* cloneRepository */.eR)(parsed, tmp(`chart-${parsed.folder}`), { ...(await (0,git_options/* gitOptions */.h)(c)), shallow: true });
    const root = await (0,promises_.realpath)(cloned.dir);
    const shown = `${(0,git_url/* maskUrls */.BP)(withRef)}${gitPath !== '' ? ` ${gitPath}` : ''}`;
    let folder;
    try {
        folder = await (0,promises_.realpath)(external_node_path_default().join(root, gitPath));
    }
    catch {
        throw new errors/* LadingError */.c3(`${where(gp)}: ${(0,git_url/* maskUrls */.BP)(parsed.cloneUrl)} has no folder "${(0,paths/* shorten */.ml)(gitPath)}" at ${parsed.ref}`, { hint: 'give the folder that holds Chart.yaml, relative to the root of the repository', position: def.positionOf(gp) });
    }
    if (folder !== root && !(0,paths/* isInside */.FK)(root, folder))
        throw new errors/* LadingError */.c3(`${where(gp)} "${(0,paths/* shorten */.ml)(gitPath)}" leads outside the repository through a symbolic link`, { hint: 'point gitPath at the chart folder itself', position: def.positionOf(gp) });
    if (!(await (0,promises_.stat)(folder)).isDirectory())
        throw new errors/* LadingError */.c3(`${where(gp)} "${(0,paths/* shorten */.ml)(gitPath)}" is a file in ${(0,git_url/* maskUrls */.BP)(parsed.cloneUrl)}, not a chart folder`, { hint: 'give the folder that holds Chart.yaml', position: def.positionOf(gp) });
    const show = (x) => `${(0,git_url/* maskUrls */.BP)(parsed.cloneUrl)}@${parsed.ref}:${external_node_path_default().relative(root, x) || '.'}`;
    const packaged = await (0,chart_package/* packageChartFolder */.rz)(folder, [root], dest, show, { dependencies: chartDependencySources(c, blobs) });
    for (const d of packaged.dependencies)
        opts.log(`chart from ${shown}: dependency ${d.name} ${d.version} from ${d.from}`);
    const fetched = packaged.dependencies.length > 0 ? `; dependencies fetched: ${packaged.dependencies.map((d) => `${d.name} ${d.version}`).join(', ')}` : '';
    return { file: packaged.file, size: packaged.size, sha256: packaged.sha256, source: `${shown} (packaged${fetched})`, commit: cloned.commit };
}

// EXTERNAL MODULE: ./src/package/zarf-modes.ts
var zarf_modes = __webpack_require__(8906);
// EXTERNAL MODULE: ./src/package/checksums.ts
var checksums = __webpack_require__(1652);
;// CONCATENATED MODULE: ./src/package/components/charts.ts
/**
 * A component's `charts`: from an OCI registry, a Helm repository (through the blob cache when the
 * index gives a digest), a folder of a Git repository (chart-git.ts) or a local folder (its missing
 * dependencies fetched: chart-dep-sources.ts) or .tgz, packaged as `charts/<name>-<version>.tgz`
 * (or `<name>.tgz` without a version), with its values files as `values/<name>-<version>-<i>`, as
 * Zarf names them.
 */















async function chartTask(c, ch, p) {
    const { opts, def, fetcher, display, tmp, where, local, cached, contentAddressed, documentSource, lookAtYaml, realRootDirs } = c;
    // Zarf's chartStem: the zarf.yaml name and version (not Chart.yaml's), the name alone without a
    // version (only a local chart may have none: validate.ts).
    const version = ch.version ?? '';
    const stem = version === '' ? ch.name : `${ch.name}-${version}`;
    const name = `charts/${stem}.tgz`;
    const entries = [];
    const items = [];
    const blobs = [];
    const warnings = [];
    if (ch.url !== undefined) {
        const up = [...p, 'url'];
        const kind = (0,checks/* chartUrlKind */.G$)(ch.url);
        if (kind === 'oci') {
            const ref = (0,oci_chart/* ociChartReference */.Ls)(ch.url, version);
            opts.log(`pulling chart ${ch.url}:${version}`);
            let pulled;
            try {
                pulled = await (0,oci_chart/* pullOciChart */.hu)(opts.registry, ref, version, opts.store, cached);
            }
            catch (e) {
                if (e instanceof helm_repo/* ChartVersionNotFound */.Ox)
                    throw new errors/* LadingError */.c3(`${where([...p, 'version'])}: ${e.message}`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), position: def.positionOf([...p, 'version']) });
                throw e;
            }
            if (!pulled.fetched)
                opts.log(`chart ${ch.url}:${version} from the blob cache`);
            blobs.push({ digest: pulled.layer.digest, size: pulled.layer.size, source: (pulled.pulledFrom ?? ref).registry });
            const file = opts.store.path(pulled.layer.digest);
            try {
                await (0,chart_meta/* inspectChartArchive */.$P)(file);
            }
            catch (e) {
                throw new errors/* LadingError */.c3(`${where(up)}: the chart layer of ${ch.url}:${version} is not a Helm chart: ${e.message}`, { hint: 'point url at a chart pushed with `helm push`', position: def.positionOf(up) });
            }
            entries.push({ path: name, type: 'file', source: file, size: pulled.layer.size, verifyDigest: pulled.layer.digest });
            items.push({ kind: 'chart', path: name, source: `${ch.url}@${pulled.manifestDigest}`, size: pulled.layer.size, verified: `layer ${pulled.layer.digest.slice(0, 19)}… verified` });
        }
        else if (kind === 'git') {
            const packaged = await gitChart(c, ch.url, ch.gitPath ?? '', version, p, tmp(`${stem}.tgz`), blobs);
            // Packaged as a local folder is, by helm package in Zarf (0644).
            entries.push({ path: name, type: 'file', source: packaged.file, size: packaged.size, mode: zarf_modes/* ZARF_DOWNLOAD_MODE */.lw, verifyDigest: `sha256:${packaged.sha256}` });
            items.push({ kind: 'chart', path: name, source: packaged.source, size: packaged.size, verified: `commit ${packaged.commit.slice(0, 12)}` });
        }
        else {
            const chartName = ch.repoName ?? ch.name;
            const dest = tmp(`${stem}.tgz`);
            opts.log(`reading Helm repository ${(0,http/* displayUrl */.Qy)(ch.url)} for ${chartName} ${version}`);
            let located;
            let got;
            try {
                located = await (0,helm_repo/* locateRepoChart */.RS)(fetcher, ch.url, chartName, version, (w, c) => (0,suggest/* closest */.k)(w, c));
                const chart = located;
                const fetch = async () => ({ file: dest, ...(await (0,helm_repo/* downloadRepoChart */.pP)(fetcher, chart, dest)).downloaded });
                if (chart.sha256 !== undefined && content/* SHA256_HEX */.Y5.test(chart.sha256)) {
                    const c = await contentAddressed(chart.sha256, chart.url, helm_repo/* MAX_CHART_DOWNLOAD */.vm, `chart ${chartName} ${version}`, fetch);
                    blobs.push(c.blob);
                    got = { file: c.file, size: c.size, sha256: chart.sha256 };
                }
                else {
                    // No digest in the index: the chart is only known once downloaded, so it is not cached.
                    got = await fetch();
                }
            }
            catch (e) {
                if (e instanceof helm_repo/* ChartVersionNotFound */.Ox) {
                    throw new errors/* LadingError */.c3(`${where([...p, 'version'])}: ${e.message}`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), position: def.positionOf([...p, 'version']) });
                }
                if (e instanceof helm_repo/* ChartNameNotFound */.P0) {
                    const np = ch.repoName !== undefined ? [...p, 'repoName'] : [...p, 'name'];
                    throw new errors/* LadingError */.c3(`${where(np)}: ${e.message}`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), position: def.positionOf(np) });
                }
                throw e;
            }
            try {
                await (0,chart_meta/* inspectChartArchive */.$P)(got.file);
            }
            catch (e) {
                throw new errors/* LadingError */.c3(`${where(up)}: ${(0,http/* displayUrl */.Qy)(located.url)} is not a Helm chart: ${e.message}`, { hint: 'the repository serves something else than a packaged chart; check its index', position: def.positionOf(up) });
            }
            const verified = located.sha256 !== undefined;
            entries.push({ path: name, type: 'file', source: got.file, size: got.size, verifyDigest: `sha256:${got.sha256}` });
            items.push({ kind: 'chart', path: name, source: (0,http/* displayUrl */.Qy)(located.url), size: got.size, ...(verified ? { verified: 'index digest verified' } : {}) });
            if (!verified)
                opts.log(`note: the Helm repository index gives no digest for ${chartName} ${version}; it was not verified`);
        }
    }
    else if (ch.localPath !== undefined) {
        const lp = [...p, 'localPath'];
        const r = await local(ch.localPath, lp, 'the chart folder');
        const shown = display(external_node_path_default().resolve(def.dir, ch.localPath));
        let meta;
        let file;
        let size;
        let sha;
        let fetched = '';
        // A packaged folder is written by helm package (0644); a .tgz is copied with its mode.
        let tgzMode = zarf_modes/* ZARF_DOWNLOAD_MODE */.lw;
        if (r.isDir) {
            const packaged = await (0,chart_package/* packageChartFolder */.rz)(r.real, realRootDirs, tmp(`${stem}.tgz`), (x) => display(x), { dependencies: chartDependencySources(c, blobs) });
            ({ meta, file, size, sha256: sha } = { meta: packaged.meta, file: packaged.file, size: packaged.size, sha256: packaged.sha256 });
            for (const d of packaged.dependencies)
                opts.log(`chart ${ch.name}: dependency ${d.name} ${d.version} from ${d.from}`);
            if (packaged.dependencies.length > 0)
                fetched = `; dependencies fetched: ${packaged.dependencies.map((d) => `${d.name} ${d.version}`).join(', ')}`;
        }
        else {
            try {
                meta = await (0,chart_meta/* inspectChartArchive */.$P)(r.real);
            }
            catch (e) {
                throw new errors/* LadingError */.c3(`${where(lp)} "${(0,paths/* shorten */.ml)(ch.localPath)}" is not a packaged Helm chart: ${e.message}`, { hint: 'point localPath at a chart folder or a .tgz made by `helm package`', position: def.positionOf(lp) });
            }
            file = r.real;
            size = r.size;
            sha = (await (0,checksums/* sha256File */.Q3)(r.real)).sha256;
            tgzMode = (0,zarf_modes/* copiedMode */.so)(r.mode);
        }
        if (version !== '' && meta.version !== version) {
            // Zarf packages the chart as it is and names the file with zarf.yaml's version.
            warnings.push({
                message: `${where([...p, 'version'])} "${(0,paths/* shorten */.ml)(version)}" is not the version in the Chart.yaml of ${shown} (${(0,paths/* shorten */.ml)(meta.version)}): the chart is packaged as it is, as ${name}, named with zarf.yaml's version as zarf package create names it`,
                position: def.positionOf([...p, 'version'])
            });
        }
        entries.push({ path: name, type: 'file', source: file, size, mode: tgzMode, verifyDigest: `sha256:${sha}` });
        items.push({ kind: 'chart', path: name, source: r.isDir ? `${shown}/ (packaged${fetched})` : shown, size });
    }
    // values/<stem>-<i>: i counts valuesFiles, then goes on through templatedValuesFiles (Zarf's
    // GlobalIdx). Both are copied byte for byte; templated ones are Go templates until deploy, so
    // they are not looked at as YAML.
    const values = [
        ...(ch.valuesFiles ?? []).map((value, k) => ({ value, vp: [...p, 'valuesFiles', k], templated: false })),
        ...(ch.templatedValuesFiles ?? []).map((value, k) => ({ value, vp: [...p, 'templatedValuesFiles', k], templated: true }))
    ];
    for (const [i, { value, vp, templated }] of values.entries()) {
        let doc;
        try {
            doc = await documentSource(value, vp, 'the values file');
        }
        catch (e) {
            throw (0,content.at)(e, def.positionOf(vp), where(vp))[0];
        }
        const vname = `values/${stem}-${i}`;
        const looked = templated ? { warnings: [] } : lookAtYaml(doc.bytes, doc.shown, vp, true);
        warnings.push(...looked.warnings);
        entries.push({ path: vname, type: 'file', content: doc.bytes, mode: doc.mode });
        items.push({ kind: 'values', path: vname, source: doc.shown, size: doc.bytes.length, ...(looked.verified !== undefined ? { verified: looked.verified } : {}) });
    }
    return { entries, items, blobs, warnings };
}


/***/ }),

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


/***/ })

};
