export const id = 467;
export const ids = [467];
export const modules = {

/***/ 5467:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   METADATA_ANNOTATIONS: () => (/* binding */ METADATA_ANNOTATIONS),
/* harmony export */   V1ALPHA1_API_VERSION: () => (/* binding */ V1ALPHA1_API_VERSION),
/* harmony export */   splitGitRef: () => (/* binding */ splitGitRef),
/* harmony export */   toV1Alpha1: () => (/* binding */ toV1Alpha1)
/* harmony export */ });
/* harmony import */ var _origin_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9815);
/* harmony import */ var _data_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1789);


const V1ALPHA1_API_VERSION = 'zarf.dev/v1alpha1';
/** `metadata.annotations` keys that stand for v1alpha1 metadata fields (ZARF-CREATE.md §1). */
const METADATA_ANNOTATIONS = ['url', 'image', 'authors', 'documentation', 'source', 'vendor'];
/** A new object standing where `source` was written (its own position, and its keys' by default). */
function newAt(source) {
    const o = {};
    if (source !== undefined)
        (0,_origin_js__WEBPACK_IMPORTED_MODULE_0__/* .sameOrigin */ .Nm)(o, source);
    return o;
}
/** `target[key] = value`, remembered as written at `source[sourceKey]`. */
function put(target, key, value, source, sourceKey) {
    target[key] = value;
    (0,_origin_js__WEBPACK_IMPORTED_MODULE_0__/* .take */ .s)(target, key, source, sourceKey);
}
/** Copies `source[sourceKey]` (a deep copy keeping its origins) when it is present. */
function keep(target, key, source, sourceKey = key) {
    if (source === undefined || source[sourceKey] === undefined)
        return;
    put(target, key, (0,_origin_js__WEBPACK_IMPORTED_MODULE_0__/* .copyTree */ .EL)(source[sourceKey]), source, sourceKey);
}
/** Copies a value Zarf's structs omit when empty: a non-empty string, `true`, a non-zero number, a non-empty list or mapping. */
function keepSet(target, key, source, sourceKey = key) {
    const v = source?.[sourceKey];
    if (v === undefined || v === null || v === '' || v === false || v === 0)
        return;
    if (Array.isArray(v) && v.length === 0)
        return;
    if ((0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .isObj */ .sA)(v) && Object.keys(v).length === 0)
        return;
    keep(target, key, source, sourceKey);
}
// ---- Git references ------------------------------------------------------------------------------
// Zarf's git URL shape (transform.GitURLSplitRef): proto, host and path, repo, optional .git and @ref.
const GIT_URL = /^([a-z]+:\/\/)(.+?)\/([\w.-]+?)?(\.git)?\/?(?:@\+?([/+\w.-]+))?(?:\/(?:info\/.*|git-upload-pack|git-receive-pack))?$/;
/** The URL without an `@ref` suffix, and that ref ('' when none); a URL of another shape is kept whole. */
function splitGitRef(url) {
    const m = GIT_URL.exec(url);
    if (m === null)
        return { url, ref: '' };
    return { url: `${m[1]}${m[2]}/${m[3] ?? ''}${m[4] ?? ''}`, ref: m[5] ?? '' };
}
/** A structured git ref as the string Zarf's v1alpha1 fields hold: a tag or commit as is, a branch as refs/heads/<b>. */
function flattenGitRef(ref) {
    if (ref === undefined)
        return undefined;
    if ((0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .strAt */ .zj)(ref, 'tag') !== '')
        return { value: (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .strAt */ .zj)(ref, 'tag'), key: 'tag' };
    if ((0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .strAt */ .zj)(ref, 'commit') !== '')
        return { value: (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .strAt */ .zj)(ref, 'commit'), key: 'commit' };
    if ((0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .strAt */ .zj)(ref, 'branch') !== '')
        return { value: `refs/heads/${(0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .strAt */ .zj)(ref, 'branch')}`, key: 'branch' };
    return undefined;
}
// ---- Package -------------------------------------------------------------------------------------
/**
 * The v1alpha1 package Zarf builds from the v1beta1 package `doc` (validated against
 * V1Beta1PackageSchema; composed first when it imports component configs). `doc` is not changed.
 */
function toV1Alpha1(doc) {
    const src = doc;
    const out = newAt(src);
    put(out, 'apiVersion', V1ALPHA1_API_VERSION, src, 'apiVersion');
    const components = (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .listAt */ .gT)(src, 'components').filter(_data_js__WEBPACK_IMPORTED_MODULE_1__/* .isObj */ .sA);
    const service = components.find((c) => (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .strAt */ .zj)(c, 'service') !== '');
    // A component providing a Zarf service (registry, agent, ...) makes an init package.
    if (service !== undefined)
        put(out, 'kind', 'ZarfInitConfig', service, 'service');
    else
        put(out, 'kind', 'ZarfPackageConfig', src, 'kind');
    out['metadata'] = metadataOf(src);
    const build = buildOf((0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .objAt */ .rk)(src, 'build'));
    if (build !== undefined)
        put(out, 'build', build, src, 'build');
    mapList(out, 'components', src, 'components', componentOf);
    const values = (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .objAt */ .rk)(src, 'values');
    if (values !== undefined) {
        const v = newAt(values);
        keepSet(v, 'files', values);
        keepSet(v, 'schema', values);
        if (Object.keys(v).length > 0)
            put(out, 'values', v, src, 'values');
    }
    keepSet(out, 'documentation', src);
    return out;
}
function metadataOf(src) {
    const m = (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .objAt */ .rk)(src, 'metadata');
    const meta = newAt(m ?? src);
    keepSet(meta, 'name', m);
    keepSet(meta, 'description', m);
    keepSet(meta, 'version', m);
    // v1alpha1-only fields come back from their annotations; the other annotations stay.
    const annotations = (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .objAt */ .rk)(m, 'annotations');
    const restored = {};
    const rest = newAt(annotations);
    for (const [k, v] of Object.entries(annotations ?? {})) {
        const field = METADATA_ANNOTATIONS.find((f) => `metadata.${f}` === k);
        if (field === undefined)
            put(rest, k, v, annotations, k);
        else if (restored[field] === undefined && v !== '')
            put(restored, field, v, annotations, k);
    }
    keep(meta, 'url', restored);
    keep(meta, 'image', restored);
    if (m?.['uncompressed'] === true)
        keep(meta, 'uncompressed', m);
    keepSet(meta, 'architecture', m);
    for (const f of ['authors', 'documentation', 'source', 'vendor'])
        keep(meta, f, restored);
    keepSet(meta, 'aggregateChecksum', (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .objAt */ .rk)(src, 'build'));
    if (Object.keys(rest).length > 0)
        put(meta, 'annotations', rest, m, 'annotations');
    // v1beta1 prevents, v1alpha1 allows; Zarf always writes the v1alpha1 value.
    const prevent = m?.['preventNamespaceOverride'] === true;
    if (m !== undefined && m['preventNamespaceOverride'] !== undefined)
        put(meta, 'allowNamespaceOverride', !prevent, m, 'preventNamespaceOverride');
    else
        meta['allowNamespaceOverride'] = !prevent;
    return meta;
}
function buildOf(b) {
    if (b === undefined)
        return undefined;
    const out = newAt(b);
    keepSet(out, 'terminal', b, 'hostname');
    for (const k of ['user', 'architecture', 'timestamp', 'version', 'migrations', 'registryOverrides', 'differential', 'differentialPackageVersion', 'flavor']) {
        keepSet(out, k, b);
    }
    keep(out, 'signed', b);
    for (const k of ['versionRequirements', 'provenanceFiles'])
        keepSet(out, k, b);
    return out;
}
// ---- Components ----------------------------------------------------------------------------------
function componentOf(c) {
    const out = newAt(c);
    keep(out, 'name', c);
    keepSet(out, 'description', c);
    // v1beta1 components are required unless optional; v1alpha1 ones are optional unless required.
    if (c['optional'] !== true) {
        if (c['optional'] === undefined)
            out['required'] = true;
        else
            put(out, 'required', true, c, 'optional');
    }
    const only = onlyOf(c);
    if (only !== undefined)
        out['only'] = only;
    const imp = importOf((0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .objAt */ .rk)(c, 'import'));
    if (imp !== undefined)
        put(out, 'import', imp, c, 'import');
    mapList(out, 'manifests', c, 'manifests', manifestOf);
    mapList(out, 'charts', c, 'charts', chartOf);
    mapList(out, 'files', c, 'files', fileOf);
    const images = (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .listAt */ .gT)(c, 'images').filter(_data_js__WEBPACK_IMPORTED_MODULE_1__/* .isObj */ .sA);
    if (images.length > 0) {
        const names = newList(c, 'images');
        images.forEach((img, i) => {
            names.push(img['name']);
            (0,_origin_js__WEBPACK_IMPORTED_MODULE_0__/* .take */ .s)(names, i, img, 'name');
        });
        put(out, 'images', names, c, 'images');
    }
    mapList(out, 'imageArchives', c, 'imageArchives', (a) => {
        const o = newAt(a);
        keep(o, 'path', a);
        keep(o, 'images', a);
        return o;
    });
    const repos = (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .listAt */ .gT)(c, 'repositories').filter(_data_js__WEBPACK_IMPORTED_MODULE_1__/* .isObj */ .sA);
    if (repos.length > 0) {
        const urls = newList(c, 'repositories');
        repos.forEach((r, i) => {
            urls.push(repositoryUrl(r));
            (0,_origin_js__WEBPACK_IMPORTED_MODULE_0__/* .take */ .s)(urls, i, r, 'url');
        });
        put(out, 'repos', urls, c, 'repositories');
    }
    const actions = actionsOf((0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .objAt */ .rk)(c, 'actions'));
    if (actions !== undefined)
        put(out, 'actions', actions, c, 'actions');
    keepSet(out, 'stateAccess', c);
    return out;
}
/** A new array standing where `source[key]` was written. */
function newList(source, key) {
    const arr = [];
    const origin = source[key];
    if ((0,_origin_js__WEBPACK_IMPORTED_MODULE_0__/* .isContainer */ .u_)(origin))
        (0,_origin_js__WEBPACK_IMPORTED_MODULE_0__/* .sameOrigin */ .Nm)(arr, origin);
    return arr;
}
/** `out[key]` = each object of `source[sourceKey]` mapped by `f`, each remembered where its source item was. */
function mapList(out, key, source, sourceKey, f) {
    const items = (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .listAt */ .gT)(source, sourceKey);
    if (items.length === 0)
        return;
    const arr = newList(source, sourceKey);
    const srcList = source[sourceKey];
    items.forEach((item, i) => {
        arr.push((0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .isObj */ .sA)(item) ? f(item) : (0,_origin_js__WEBPACK_IMPORTED_MODULE_0__/* .copyTree */ .EL)(item));
        (0,_origin_js__WEBPACK_IMPORTED_MODULE_0__/* .take */ .s)(arr, i, srcList, i);
    });
    put(out, key, arr, source, sourceKey);
}
function onlyOf(c) {
    const target = (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .objAt */ .rk)(c, 'target');
    const selector = (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .objAt */ .rk)(c, 'selector');
    const only = newAt(selector ?? target);
    keepSet(only, 'localOS', target, 'os');
    if (selector !== undefined && (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .strAt */ .zj)(selector, 'architecture') !== '') {
        const cluster = newAt(selector);
        keep(cluster, 'architecture', selector);
        only['cluster'] = cluster;
    }
    keepSet(only, 'flavor', selector);
    return Object.keys(only).length > 0 ? only : undefined;
}
function importOf(imp) {
    if (imp === undefined)
        return undefined;
    const out = newAt(imp);
    const local = (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .listAt */ .gT)(imp, 'local').find(_data_js__WEBPACK_IMPORTED_MODULE_1__/* .isObj */ .sA);
    const remote = (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .listAt */ .gT)(imp, 'remote').find(_data_js__WEBPACK_IMPORTED_MODULE_1__/* .isObj */ .sA);
    keepSet(out, 'path', local);
    keepSet(out, 'url', remote);
    return Object.keys(out).length > 0 ? out : undefined;
}
/** A repository as v1alpha1 writes it: the URL, with its ref (if any) as `@ref` in place of any it had. */
function repositoryUrl(r) {
    const url = (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .strAt */ .zj)(r, 'url');
    const flat = flattenGitRef((0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .objAt */ .rk)(r, 'ref'));
    return flat === undefined ? url : `${splitGitRef(url).url}@${flat.value}`;
}
function manifestOf(m) {
    const out = newAt(m);
    keep(out, 'name', m);
    keepSet(out, 'namespace', m);
    keepSet(out, 'files', m);
    const k = (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .objAt */ .rk)(m, 'kustomize');
    if (k !== undefined) {
        if (k['allowAnyDirectory'] === true)
            keep(out, 'kustomizeAllowAnyDirectory', k, 'allowAnyDirectory');
        keepSet(out, 'kustomizations', k, 'files');
        if (k['enablePlugins'] === true)
            keep(out, 'enableKustomizePlugins', k, 'enablePlugins');
    }
    if (m['skipWait'] === true)
        keep(out, 'noWait', m, 'skipWait');
    keepSet(out, 'serverSideApply', m);
    if (m['enableTemplating'] === true)
        put(out, 'template', true, m, 'enableTemplating');
    return out;
}
function chartOf(ch) {
    const out = newAt(ch);
    keep(out, 'name', ch);
    const hr = (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .objAt */ .rk)(ch, 'helmRepository');
    const oci = (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .objAt */ .rk)(ch, 'oci');
    const git = (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .objAt */ .rk)(ch, 'git');
    const local = (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .objAt */ .rk)(ch, 'local');
    // Keys are set in v1alpha1 order below; the source decides which ones.
    const src = {};
    if (hr !== undefined && (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .strAt */ .zj)(hr, 'url') !== '') {
        keepSet(src, 'version', hr);
        keep(src, 'url', hr);
        keepSet(src, 'repoName', hr, 'name');
    }
    else if (oci !== undefined && (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .strAt */ .zj)(oci, 'url') !== '') {
        const ref = (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .objAt */ .rk)(oci, 'ref');
        if (ref !== undefined && (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .strAt */ .zj)(ref, 'tag') !== '') {
            keep(src, 'url', oci);
            keep(src, 'version', ref, 'tag');
        }
        else if (ref !== undefined && (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .strAt */ .zj)(ref, 'digest') !== '') {
            put(src, 'url', `${(0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .strAt */ .zj)(oci, 'url').replace(/\/$/, '')}@${(0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .strAt */ .zj)(ref, 'digest')}`, oci, 'url');
        }
        else {
            keep(src, 'url', oci);
        }
    }
    else if (git !== undefined && (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .strAt */ .zj)(git, 'url') !== '') {
        const url = splitGitRef((0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .strAt */ .zj)(git, 'url')).url;
        const ref = (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .objAt */ .rk)(git, 'ref');
        const flat = flattenGitRef(ref);
        // A refs/... ref stays in the URL: as a version it would become a file path.
        if (flat !== undefined && ref !== undefined && flat.value.startsWith('refs/')) {
            put(src, 'url', `${url}@${flat.value}`, git, 'url');
        }
        else {
            put(src, 'url', url, git, 'url');
            if (flat !== undefined && ref !== undefined)
                put(src, 'version', flat.value, ref, flat.key);
        }
        keepSet(src, 'gitPath', git, 'path');
    }
    else if (local !== undefined && (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .strAt */ .zj)(local, 'path') !== '') {
        keep(src, 'localPath', local, 'path');
    }
    for (const k of ['version', 'url', 'repoName', 'gitPath', 'localPath'])
        keep(out, k, src);
    keepSet(out, 'namespace', ch);
    keepSet(out, 'releaseName', ch);
    if (ch['skipWait'] === true)
        keep(out, 'noWait', ch, 'skipWait');
    // Plain values files first, then the templated ones (Zarf splits one list into two).
    const files = (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .listAt */ .gT)(ch, 'valuesFiles');
    const plain = newList(ch, 'valuesFiles');
    const templated = newList(ch, 'valuesFiles');
    files.forEach((f) => {
        if (!(0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .isObj */ .sA)(f))
            return;
        const to = f['enableTemplating'] === true ? templated : plain;
        to.push(f['path']);
        (0,_origin_js__WEBPACK_IMPORTED_MODULE_0__/* .take */ .s)(to, to.length - 1, f, 'path');
    });
    if (plain.length > 0)
        put(out, 'valuesFiles', plain, ch, 'valuesFiles');
    if (templated.length > 0)
        put(out, 'templatedValuesFiles', templated, ch, 'valuesFiles');
    mapList(out, 'values', ch, 'values', (v) => {
        const o = newAt(v);
        keep(o, 'sourcePath', v);
        keep(o, 'targetPath', v);
        keepSet(o, 'excludePaths', v);
        return o;
    });
    if (ch['skipSchemaValidation'] === true)
        put(out, 'schemaValidation', false, ch, 'skipSchemaValidation');
    keepSet(out, 'serverSideApply', ch);
    return out;
}
function fileOf(f) {
    const out = newAt(f);
    keep(out, 'source', f);
    keepSet(out, 'shasum', f, 'checksum');
    keep(out, 'target', f, 'destination');
    if (f['executable'] === true)
        keep(out, 'executable', f);
    keepSet(out, 'symlinks', f);
    keepSet(out, 'extractPath', f);
    if (f['enableTemplating'] === true)
        put(out, 'template', true, f, 'enableTemplating');
    return out;
}
// ---- Actions -------------------------------------------------------------------------------------
function actionsOf(a) {
    if (a === undefined)
        return undefined;
    const out = newAt(a);
    for (const set of ['onCreate', 'onDeploy', 'onRemove']) {
        const s = (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .objAt */ .rk)(a, set);
        if (s === undefined)
            continue;
        const converted = actionSetOf(s);
        if (Object.keys(converted).length > 0)
            put(out, set, converted, a, set);
    }
    return Object.keys(out).length > 0 ? out : undefined;
}
function actionSetOf(s) {
    const out = newAt(s);
    const d = (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .objAt */ .rk)(s, 'defaults');
    if (d !== undefined) {
        const defaults = newAt(d);
        keepSet(defaults, 'mute', d, 'silent');
        keepSet(defaults, 'maxTotalSeconds', d);
        keepSet(defaults, 'maxRetries', d, 'retries');
        keepSet(defaults, 'dir', d);
        keepSet(defaults, 'env', d);
        const shell = shellOf((0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .objAt */ .rk)(d, 'shell'));
        if (shell !== undefined)
            put(defaults, 'shell', shell, d, 'shell');
        if (Object.keys(defaults).length > 0)
            put(out, 'defaults', defaults, s, 'defaults');
    }
    for (const list of ['before', 'onSuccess', 'onFailure'])
        mapList(out, list, s, list, actionOf);
    return out;
}
function shellOf(sh) {
    if (sh === undefined)
        return undefined;
    const out = newAt(sh);
    for (const os of ['windows', 'linux', 'darwin'])
        keepSet(out, os, sh);
    return Object.keys(out).length > 0 ? out : undefined;
}
function actionOf(a) {
    const out = newAt(a);
    keep(out, 'mute', a, 'silent');
    keep(out, 'maxTotalSeconds', a);
    keep(out, 'maxRetries', a, 'retries');
    keep(out, 'dir', a);
    keepSet(out, 'env', a);
    keepSet(out, 'cmd', a);
    const sh = (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .objAt */ .rk)(a, 'shell');
    if (sh !== undefined)
        put(out, 'shell', shellOf(sh) ?? newAt(sh), a, 'shell');
    mapList(out, 'setValues', a, 'setValues', (v) => {
        const o = newAt(v);
        keepSet(o, 'key', v);
        keepSet(o, 'type', v);
        return o;
    });
    keepSet(out, 'description', a);
    const wait = (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .objAt */ .rk)(a, 'wait');
    if (wait !== undefined)
        put(out, 'wait', waitOf(wait), a, 'wait');
    if (a['enableTemplating'] === true)
        put(out, 'template', true, a, 'enableTemplating');
    return out;
}
function waitOf(w) {
    const out = newAt(w);
    const cluster = (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .objAt */ .rk)(w, 'cluster');
    if (cluster !== undefined) {
        const c = newAt(cluster);
        keep(c, 'kind', cluster);
        keep(c, 'name', cluster);
        keepSet(c, 'namespace', cluster);
        keepSet(c, 'condition', cluster);
        put(out, 'cluster', c, w, 'cluster');
    }
    const network = (0,_data_js__WEBPACK_IMPORTED_MODULE_1__/* .objAt */ .rk)(w, 'network');
    if (network !== undefined) {
        const n = newAt(network);
        keep(n, 'protocol', network);
        keep(n, 'address', network);
        keepSet(n, 'code', network);
        put(out, 'network', n, w, 'network');
    }
    return out;
}


/***/ })

};
