export const id = 43;
export const ids = [43,531];
export const modules = {

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

/***/ 2651:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  locator: () => (/* binding */ locator),
  mountSources: () => (/* binding */ mountSources),
  planPublish: () => (/* reexport */ plan/* planPublish */.N_),
  publishCredentials: () => (/* reexport */ plan/* publishCredentials */.Ie),
  publishedBuildTime: () => (/* binding */ publishedBuildTime),
  runPublish: () => (/* binding */ runPublish),
  sourceDateEpoch: () => (/* reexport */ plan/* sourceDateEpoch */.pA)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/oci/digest.ts
var digest = __webpack_require__(8825);
// EXTERNAL MODULE: ./src/oci/mediatypes.ts
var mediatypes = __webpack_require__(9572);
// EXTERNAL MODULE: ./src/package/assemble.ts + 5 modules
var assemble = __webpack_require__(1983);
// EXTERNAL MODULE: ./src/package/built-definition.ts
var built_definition = __webpack_require__(5584);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/oci/errors.ts
var oci_errors = __webpack_require__(8630);
// EXTERNAL MODULE: ./src/oci/push.ts
var push = __webpack_require__(5842);
// EXTERNAL MODULE: ./src/package/publish-layout.ts
var publish_layout = __webpack_require__(2226);
// EXTERNAL MODULE: ./src/package/checksums.ts
var checksums = __webpack_require__(1652);
// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(2011);
// EXTERNAL MODULE: ./src/report/progress.ts
var report_progress = __webpack_require__(8991);
;// CONCATENATED MODULE: ./src/publish/publish.ts










const BIG_BLOB = 64 * 1024 * 1024;
/** What the tag holds now: an index (parsed), something else, or nothing. */
async function readTag(client, target) {
    const tag = target.tag ?? 'latest';
    let fetched;
    try {
        fetched = await client.getManifest(target, tag, (0,push/* pushScopes */.ID)(target.repository));
    }
    catch (e) {
        if (e instanceof oci_errors/* OciError */.Mf && e.status === 404)
            return undefined;
        throw e;
    }
    if (!(0,mediatypes/* isIndexMediaType */.$$)(fetched.mediaType))
        return { digest: fetched.digest, mediaType: fetched.mediaType };
    const index = JSON.parse(fetched.bytes.toString('utf8'));
    return { digest: fetched.digest, mediaType: fetched.mediaType, index };
}
/**
 * The zarf.yaml of the package published under the target's tag for this architecture, if any
 * (used to keep build.timestamp when the content has not changed).
 */
async function findPublished(client, target, architecture) {
    const tag = await readTag(client, target);
    if (tag?.index === undefined)
        return undefined;
    const entry = (0,publish_layout/* entryFor */.cy)(tag.index, architecture);
    if (entry === undefined || typeof entry.digest !== 'string')
        return undefined;
    const digest = entry.digest;
    let manifest;
    try {
        manifest = JSON.parse((await client.getManifest(target, digest, (0,push/* pushScopes */.ID)(target.repository))).bytes.toString('utf8'));
    }
    catch (e) {
        if (e instanceof oci_errors/* OciError */.Mf && e.status === 404)
            return undefined;
        throw e;
    }
    const layer = (manifest.layers ?? []).find((l) => l.annotations?.[publish_layout/* ANNOTATION_TITLE */.hg] === checksums/* ZARF_YAML */.ed);
    if (layer === undefined)
        return undefined;
    const bytes = await (0,push/* fetchBlobBytes */.z_)(client, target, layer, 4 * 1024 * 1024, (0,push/* pushScopes */.ID)(target.repository));
    return { digest, zarfYaml: bytes.toString('utf8') };
}
/** Publishes the package; see the module comment for the order of operations. */
async function publishPackage(input) {
    const { client, target, architecture, log } = input;
    const debug = input.debug ?? (() => undefined);
    const layout = (0,publish_layout/* buildPublishLayout */.Qh)(input.files, input.zarfYaml);
    const reference = target.toString();
    const scopes = (0,push/* pushScopes */.ID)(target.repository);
    // Every distinct blob once: the config, then the package files.
    const jobs = new Map();
    jobs.set(layout.config.descriptor.digest, { digest: layout.config.descriptor.digest, size: layout.config.descriptor.size, title: 'config', content: { bytes: layout.config.bytes } });
    for (const l of layout.layers) {
        const title = l.annotations?.[publish_layout/* ANNOTATION_TITLE */.hg] ?? '';
        if (!jobs.has(l.digest))
            jobs.set(l.digest, { digest: l.digest, size: l.size, title, content: input.locate(title) });
    }
    const all = [...jobs.values()];
    const totalBytes = all.reduce((n, j) => n + j.size, 0);
    log(`publishing ${reference} (${architecture}): ${layout.layers.length} layers, ${(0,format/* formatBytes */.z3)(totalBytes)}`);
    // 1. A registry accepts a manifest only once it holds every blob the manifest names: when the
    //    manifest is there, so is everything (oras skips the same way), and nothing is checked.
    const m = layout.manifest.descriptor;
    const manifestThere = await (0,push/* manifestExists */.uK)(client, target, m.digest, scopes);
    const skipped = { blobs: 0, bytes: 0 };
    const uploaded = { blobs: 0, bytes: 0 };
    const mounted = { blobs: 0, bytes: 0 };
    if (manifestThere) {
        skipped.blobs = all.length;
        skipped.bytes = totalBytes;
    }
    // 2. Else each blob, largest first, through the one limit: HEAD (skip what is there), mount when
    //    another repository of this registry has it, else upload.
    const pending = manifestThere ? [] : [...all].sort((a, b) => b.size - a.size);
    const interval = input.progressIntervalMs ?? 5000;
    const progress = new report_progress/* Progress */.k('blobs', totalBytes, log, interval);
    const started = Date.now();
    const done = (n) => {
        progress.add(n);
        input.onProgress?.(progress.bytes, totalBytes);
    };
    const settled = await Promise.allSettled(pending.map((j) => input.limit(async () => {
        const own = j.size >= BIG_BLOB ? new report_progress/* Progress */.k(`  ${j.title}`, j.size, log, interval) : undefined;
        const r = await (0,push/* pushBlob */.Ee)(client, target, { digest: j.digest, size: j.size }, j.content, {
            mountFrom: input.mountFrom?.get(j.digest) ?? [],
            ...(input.chunkThreshold !== undefined ? { chunkThreshold: input.chunkThreshold } : {}),
            ...(input.chunkSize !== undefined ? { chunkSize: input.chunkSize } : {}),
            ...(input.stallTimeoutMs !== undefined ? { stallTimeoutMs: input.stallTimeoutMs } : {}),
            onProgress: (n) => {
                own?.add(n);
                done(n);
            },
            debug
        });
        if (r.outcome === 'mounted') {
            mounted.blobs++;
            mounted.bytes += j.size;
            done(j.size);
            debug(`mounted ${j.digest} (${j.title}) from ${r.from}`);
        }
        else if (r.outcome === 'exists') {
            skipped.blobs++;
            skipped.bytes += j.size;
            done(j.size);
        }
        else {
            uploaded.blobs++;
            uploaded.bytes += j.size;
            debug(`uploaded ${j.digest} (${j.title})${r.chunks > 0 ? ` in ${r.chunks} chunks` : ''}`);
        }
    })));
    const failed = settled.flatMap((s, i) => (s.status === 'rejected' ? [{ error: s.reason, job: pending[i] }] : []));
    if (failed.length > 0) {
        const first = failed[0];
        const e = first.error;
        const more = failed.length > 1 ? ` (and ${failed.length - 1} more blob${failed.length > 2 ? 's' : ''})` : '';
        if (e instanceof oci_errors/* OciError */.Mf)
            throw new errors/* LadingError */.c3(`publishing ${reference} failed: ${e.message}${more}; the tag was not changed`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), cause: e });
        throw new errors/* LadingError */.c3(`publishing ${reference} failed at ${first.job.title}: ${e instanceof Error ? e.message : String(e)}${more}; the tag was not changed`, { cause: e });
    }
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    log(manifestThere
        ? `${target.name}@${m.digest} is already there, with all ${all.length} blobs (${(0,format/* formatBytes */.z3)(totalBytes)})`
        : `blobs: sent ${uploaded.blobs} (${(0,format/* formatBytes */.z3)(uploaded.bytes)}), mounted ${mounted.blobs} (${(0,format/* formatBytes */.z3)(mounted.bytes)}), already there ${skipped.blobs} (${(0,format/* formatBytes */.z3)(skipped.bytes)}), in ${secs} s`);
    // 3. The manifest, by digest.
    const manifestPushed = !manifestThere;
    if (manifestPushed)
        await (0,push/* pushManifest */.y6)(client, target, m.digest, layout.manifest.bytes, mediatypes/* MediaType */.zu.OciManifest, scopes);
    // 4. The tag's index.
    const { digest: indexDigest, written, architectures } = await updateIndex(input, m);
    log(`published ${reference} (${architecture}) -> ${m.digest}${written ? '' : ' (unchanged)'}; the tag's index lists ${architectures.join(', ')}`);
    return {
        reference,
        digest: m.digest,
        manifestSize: m.size,
        indexDigest,
        architectures,
        uploaded,
        mounted,
        skipped,
        manifestPushed,
        indexWritten: written,
        layout
    };
}
function architecturesOf(index) {
    const list = Array.isArray(index.manifests) ? index.manifests : [];
    return list.map((e) => e.platform?.architecture).filter((a) => typeof a === 'string');
}
/**
 * Reads the tag's index, puts this architecture's entry in, writes it back and re-reads it (right
 * away, and once more after a short wait) to make sure the entry is still there: another job may
 * have written the index in between. Then it merges again, a few times at most.
 */
async function updateIndex(input, manifest) {
    const { client, target, architecture } = input;
    const tag = target.tag ?? 'latest';
    const attempts = input.indexAttempts ?? 6;
    const holdsOurs = (index) => {
        const e = index !== undefined ? (0,publish_layout/* entryFor */.cy)(index, architecture) : undefined;
        return e !== undefined && e.digest === manifest.digest;
    };
    for (let attempt = 1; attempt <= attempts; attempt++) {
        const current = await readTag(client, target);
        if (current !== undefined && current.index === undefined) {
            input.warn(`${target.name}:${tag} pointed at a ${current.mediaType || 'manifest'} (${current.digest}), not an index; it now points at an index of the package's architectures`);
        }
        const next = (0,publish_layout/* indexWithEntry */.vB)(current?.index, manifest, architecture);
        if (!next.changed && current?.index !== undefined)
            return { digest: current.digest, written: false, architectures: architecturesOf(current.index) };
        await (0,push/* pushManifest */.y6)(client, target, tag, next.bytes, mediatypes/* MediaType */.zu.OciIndex);
        let after = await readTag(client, target);
        if (holdsOurs(after?.index)) {
            await (0,promises_.setTimeout)((input.settleMs ?? 250) + Math.floor(Math.random() * (input.settleMs ?? 250)));
            after = await readTag(client, target);
        }
        if (after?.index !== undefined && holdsOurs(after.index))
            return { digest: after.digest, written: true, architectures: architecturesOf(after.index) };
        if (attempt < attempts) {
            input.warn(`${target.name}:${tag} changed while its index was being updated (another job publishing another architecture?); merging again (attempt ${attempt + 1} of ${attempts})`);
            await (0,promises_.setTimeout)(200 * attempt + Math.floor(Math.random() * 400));
        }
    }
    throw new errors/* LadingError */.c3(`the index of ${target.name}:${tag} kept changing while this job updated it; the ${architecture} entry may be missing`, {
        hint: 'publish the architectures one after another: put the publishing jobs in one `concurrency:` group (see the README), then run again'
    });
}

// EXTERNAL MODULE: ./src/publish/verify.ts
var verify = __webpack_require__(9458);
// EXTERNAL MODULE: ./src/publish/plan.ts
var plan = __webpack_require__(7872);
;// CONCATENATED MODULE: ./src/publish/stage.ts
/**
 * The publish stage as the action runs it: the build time (SOURCE_DATE_EPOCH, or the time of an
 * identical package already published), then publish and verify. The plan (target reference,
 * checked before anything is pulled) and the credentials of the `username`/`password` inputs are in
 * plan.ts, re-exported here.
 */








/**
 * The build time rule when publishing: SOURCE_DATE_EPOCH when set; else, when the tag already holds
 * a package for this architecture whose zarf.yaml is exactly what this build would write at that
 * package's build time, that time (so an unchanged package keeps its digest); else `now`.
 */
async function publishedBuildTime(client, plan, architecture, now, log) {
    const previous = await findPublished(client, plan.reference, architecture);
    if (previous === undefined)
        return undefined;
    let stamp;
    try {
        stamp = (0,built_definition/* builtDefinition */.E)(previous.zarfYaml).build?.timestamp;
    }
    catch {
        return undefined;
    }
    const time = new Date(typeof stamp === 'string' ? Date.parse(stamp) : Number.NaN);
    if (Number.isNaN(time.getTime()))
        return undefined;
    return (render) => {
        if (render(time) === previous.zarfYaml) {
            log(`build time: ${(0,assemble/* formatBuildTimestamp */.qz)(time)}, that of the identical package already published as ${plan.reference.toString()} (${previous.digest})`);
            return time;
        }
        return now;
    };
}
/** Mount sources: blobs of images read from the publish registry, by digest -> their repositories. */
function mountSources(images, endpoint) {
    const out = new Map();
    for (const img of images) {
        // Blobs are where they were pulled from: a registry-override's mirror, not the registry named.
        const from = img.pulledFrom ?? img.reference;
        if (img.source !== 'registry' || from.endpoint !== endpoint)
            continue;
        for (const b of img.blobs) {
            if ((0,mediatypes/* isManifestMediaType */.CM)(b.mediaType) || (0,mediatypes/* isIndexMediaType */.$$)(b.mediaType))
                continue; // manifests cannot be mounted
            const list = out.get(b.digest) ?? [];
            if (!list.includes(from.repository))
                list.push(from.repository);
            out.set(b.digest, list);
        }
    }
    return out;
}
/** Where a package file's bytes are: image blobs in the store, everything else in `kept`. */
function locator(store, kept) {
    return (title) => {
        const m = /^images\/blobs\/(sha256|sha512)\/([0-9a-f]+)$/.exec(title);
        if (m !== null)
            return { file: store.path((0,digest/* parseDigest */.m)(`${m[1]}:${m[2]}`)) };
        return { file: external_node_path_default().join(kept, ...title.split('/')) };
    };
}
/** Publishes, then verifies what the registry holds; returns what the summary shows. */
async function runPublish(input) {
    const { plan } = input;
    const result = await publishPackage({
        client: input.client,
        target: plan.reference,
        architecture: input.architecture,
        files: input.files,
        zarfYaml: input.zarfYaml,
        locate: locator(input.store, input.kept),
        mountFrom: mountSources(input.images, plan.endpoint),
        limit: input.limit,
        log: input.log,
        warn: input.warn,
        debug: input.debug
    });
    const verified = await (0,verify/* verifyPublished */.uf)(input.client, plan.reference, result.digest);
    input.log(`verified ${plan.reference.toString()}: ${verified.layers} layers match checksums.txt and zarf.yaml`);
    const flags = input.client.scheme(plan.endpoint) === 'http' ? ' --plain-http' : '';
    return {
        result,
        summary: {
            reference: result.reference,
            digest: result.digest,
            architecture: input.architecture,
            architectures: result.architectures,
            uploaded: result.uploaded,
            mounted: result.mounted,
            skipped: result.skipped,
            deploy: `zarf package deploy oci://${result.reference}${flags}`,
            unchanged: !result.manifestPushed && !result.indexWritten && result.uploaded.blobs === 0
        }
    };
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

/***/ 1043:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runSkeletonStage: () => (/* binding */ runSkeletonStage)
});

// EXTERNAL MODULE: ./src/workflow-commands.ts
var workflow_commands = __webpack_require__(6137);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/p-limit/index.js + 1 modules
var p_limit = __webpack_require__(370);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/definition/package-files.ts
var package_files = __webpack_require__(3011);
// EXTERNAL MODULE: ./src/package/assemble.ts + 5 modules
var assemble = __webpack_require__(1983);
// EXTERNAL MODULE: ./src/sources/skeleton.ts + 2 modules
var skeleton = __webpack_require__(2707);
// EXTERNAL MODULE: ./src/errors.ts
var src_errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/package/checksums.ts
var checksums = __webpack_require__(1652);
// EXTERNAL MODULE: ./src/package/components/paths.ts
var paths = __webpack_require__(1737);
// EXTERNAL MODULE: ./src/package/components/content.ts
var content = __webpack_require__(1040);
// EXTERNAL MODULE: ./src/package/components/files.ts
var files = __webpack_require__(7730);
// EXTERNAL MODULE: ./src/package/components/kustomizations.ts
var kustomizations = __webpack_require__(5531);
// EXTERNAL MODULE: ./src/sources/extract-entry.ts
var extract_entry = __webpack_require__(7434);
// EXTERNAL MODULE: ./src/sources/kustomize.ts
var kustomize = __webpack_require__(845);
;// CONCATENATED MODULE: ./src/publish/skeleton-built.ts
/**
 * The two kinds of skeleton content Zarf makes rather than copies (assemble.go
 * assembleSkeletonComponent): a kustomization, built with kustomize into
 * `manifests/kustomization-<name>-<k>.yaml`, and a local file's `extractPath`, taken out of its
 * archive into `files/<i>/<base name of target>` (the folders of extractPath left behind empty, as
 * Zarf's extract-and-rename leaves them). Each returns its tar entries; errors are LadingErrors at
 * the field's line.
 */








/**
 * `kustomizations[k]` of manifest `name` built as the package build builds it (a local folder, `folder`
 * as resolved inside the workspace, or a URL passed to kustomize as written).
 */
async function skeletonKustomization(c, m, k, value, folder, kp) {
    const where = kp.join('.');
    const tool = await (0,kustomize/* findKustomizeTool */.TA)();
    if (tool === undefined) {
        throw new src_errors/* LadingError */.c3(`${where}: neither kustomize nor kubectl is on PATH, so the kustomization cannot be built into the skeleton`, { hint: 'install kustomize or kubectl on the runner (GitHub-hosted runners have both)', position: c.positionOf(kp) });
    }
    try {
        const bytes = await (0,kustomize/* runKustomize */.J4)(tool, (0,paths/* isUrl */.gU)(value) || folder === undefined ? value : folder, { allowAnyDirectory: m.allowAnyDirectory, enablePlugins: m.enablePlugins, cwd: c.dir, maxBytes: content/* MAX_YAML_BYTES */.jl });
        return { path: (0,kustomizations.kustomizationFileName)(m.name, k), type: 'file', content: bytes };
    }
    catch (e) {
        if (e instanceof kustomize/* KustomizeError */.Kv)
            throw new src_errors/* LadingError */.c3(`${where} "${(0,paths/* shorten */.ml)(value)}": ${e.message}`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), position: c.positionOf(kp), cause: e });
        throw e;
    }
}
/**
 * Entry `extractPath` of the local archive `real` (named `source` in zarf.yaml) at `name`
 * (`files/<i>/<base name of target>`), with the folders Zarf's extraction leaves, and the sha256 of
 * the file (undefined for a folder entry).
 */
async function skeletonExtract(c, source, real, extractPath, name, executable, p) {
    const sp = [...p, 'source'];
    const ep = [...p, 'extractPath'];
    const kind = (0,extract_entry/* archiveFormatOf */.ji)(source);
    if (kind?.format === undefined) {
        throw new src_errors/* LadingError */.c3(`${sp.join('.')} "${(0,paths/* shorten */.ml)(source)}" is not an archive Lading extracts from`, { hint: `extractPath reads ${extract_entry/* READABLE_EXTENSIONS */.ik} archives, named by their extension`, position: c.positionOf(sp) });
    }
    const leftover = (0,files.leftoverFolders)(extractPath, name);
    if (leftover.includes(name)) {
        throw new src_errors/* LadingError */.c3(`${ep.join('.')} "${(0,paths/* shorten */.ml)(extractPath)}" lies in a folder named like the target's base name`, { hint: "Zarf cannot rename the extracted file onto that folder either: change the target's file name", position: c.positionOf(ep) });
    }
    const file = c.tmp(external_node_path_default().posix.basename(name));
    let got;
    try {
        got = await (0,extract_entry/* extractEntry */.gQ)(real, kind.format, extractPath, file, content/* MAX_FILE_DOWNLOAD */.FK);
    }
    catch (e) {
        if (e instanceof extract_entry/* ExtractError */.We)
            throw new src_errors/* LadingError */.c3(`${ep.join('.')}: cannot extract "${(0,paths/* shorten */.ml)(extractPath)}" from ${(0,paths/* shorten */.ml)(source)}: ${e.message}`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), position: c.positionOf(ep), cause: e });
        throw e;
    }
    const dirs = leftover.map((d) => ({ path: d, type: 'directory' }));
    if (got.type !== 'file')
        return { entries: [...dirs, { path: name, type: 'directory' }], sha256: undefined };
    return { entries: [...dirs, { path: name, type: 'file', source: file, executable }], sha256: got.sha256 };
}

;// CONCATENATED MODULE: ./src/publish/skeleton-content.ts
/**
 * The content of a Zarf skeleton package, as `zarf package publish <folder> oci://…` lays it out
 * (src/pkg/packager/assemble/assemble.go AssembleSkeleton, assembleSkeletonComponent): the composed
 * definition with each component's LOCAL content copied into its component tar, and the paths in
 * zarf.yaml rewritten to where that content sits inside the component folder; remote content (URLs,
 * OCI and Helm repository charts) stays a reference, fetched by whoever builds from the skeleton.
 *
 * - chart `localPath` -> `charts/<name>-<i>` (the folder or archive, copied as is);
 * - chart `valuesFiles` / `templatedValuesFiles` -> `values/<name>[-<version>]-<i>` (templated ones
 *   numbered after the plain ones);
 * - file `source` -> `files/<i>/<basename of target>` (a folder keeps its tree), shasum checked;
 * - dataInjection `source` -> `data/<i>/<basename of target.path>`;
 * - manifest `files` -> `manifests/<name>-<i>.yaml`;
 * - manifest `kustomizations` -> built into `manifests/kustomization-<name>-<k>.yaml`, and the field
 *   removed; as in Zarf, the built file is not added to the manifest's `files` (skeleton-built.ts);
 * - a local file's `extractPath` -> the entry extracted into `files/<i>/<basename of target>`, and
 *   the field removed (a URL file keeps its extractPath: it is a reference);
 * - `only.flavor` is cleared (the flavor is in the tag), and a component with content gets Zarf's
 *   empty `temp/` folder.
 *
 * What Zarf refuses is refused the same way: image archives and package values.
 */






const asDoc = (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined);
const strings = (v) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);
/**
 * The skeleton's definition and component content; every problem of the definition reported
 * together. `workDir`: a folder of this run for what is built (kustomizations are kept in memory,
 * extracted files are written there).
 */
async function skeletonContent(def, display, workDir) {
    const errors = [];
    const at = (p) => def.positionOf(p);
    const refuse = (message, hint, p) => {
        errors.push(new src_errors/* LadingError */.c3(message, { hint, position: at(p) }));
    };
    if (def.apiVersion !== 'zarf.dev/v1alpha1') {
        throw new src_errors/* LadingError */.c3(`publishing a skeleton of a ${def.apiVersion} definition is not supported by Lading yet`, { hint: 'write the definition in zarf.dev/v1alpha1 to publish it as a skeleton, or publish it with zarf package publish', position: at(['apiVersion']) });
    }
    const values = asDoc(def.config['values']);
    if (strings(values?.['files']).length > 0 || (typeof values?.['schema'] === 'string' && values['schema'] !== '') || def.importedSchemas.length > 0) {
        refuse('creating skeleton packages with the values feature is not yet supported', 'Zarf does not publish values in a skeleton: remove values from zarf.yaml (and from the packages it imports) to publish it as a skeleton', ['values']);
    }
    const config = structuredClone(def.config);
    const ctx = { dir: def.dir, roots: def.roots, display };
    const rootDirs = await (0,paths/* realRoots */.CB)(ctx);
    const entries = {};
    await (0,promises_.mkdir)(workDir, { recursive: true });
    let made = 0;
    const built = { dir: def.dir, positionOf: at, tmp: (name) => external_node_path_default().join(workDir, `${String(made++).padStart(4, '0')}-${name}`) };
    /** A local path as the build resolves it (inside the workspace, links followed only inside it). */
    const local = async (value, p, what) => {
        const r = await (0,paths/* resolveLocalPath */.HR)(value, p.join('.'), at(p), ctx, what);
        if (r instanceof src_errors/* LadingError */.c3)
            throw r;
        return r;
    };
    /** Entries for a file or a folder (its whole tree) at `name` in the component folder. */
    const copy = async (value, p, name, what, executable = false) => {
        const r = await local(value, p, what);
        if (!r.isDir)
            return [{ path: name, type: 'file', source: r.real, executable: executable || (r.mode & 0o100) !== 0 }];
        const out = [{ path: name, type: 'directory' }];
        const walk = async (dir, rel, depth) => {
            if (depth > 64)
                throw new src_errors/* LadingError */.c3(`${p.join('.')} "${(0,paths/* shorten */.ml)(value)}" is nested too deep (a symbolic link loop?)`, { hint: 'remove the link', position: at(p) });
            for (const n of (await (0,promises_.readdir)(dir)).sort()) {
                const childRel = `${rel}/${n}`;
                const real = await (0,promises_.realpath)(external_node_path_default().join(dir, n)).catch(() => undefined);
                if (real === undefined || !rootDirs.some((root) => root === real || (0,paths/* isInside */.FK)(root, real))) {
                    throw new src_errors/* LadingError */.c3(`${p.join('.')}: ${(0,paths/* shorten */.ml)(value)}${childRel} is a broken symbolic link or leads outside the workspace`, { hint: 'copy the file in instead of linking to it', position: at(p) });
                }
                const s = await (0,promises_.stat)(real);
                if (s.isDirectory()) {
                    out.push({ path: `${name}${childRel}`, type: 'directory' });
                    await walk(real, childRel, depth + 1);
                }
                else if (s.isFile())
                    out.push({ path: `${name}${childRel}`, type: 'file', source: real, executable: executable || (s.mode & 0o100) !== 0 });
                else
                    throw new src_errors/* LadingError */.c3(`${p.join('.')}: ${(0,paths/* shorten */.ml)(value)}${childRel} is not a regular file`, { hint: 'remove it from the folder', position: at(p) });
            }
        };
        await walk(r.real, '', 0);
        return out;
    };
    for (const [ci, component] of config.components.entries()) {
        const base = ['components', ci];
        const own = [];
        const step = async (f) => {
            try {
                await f();
            }
            catch (e) {
                if (e instanceof src_errors/* LadingErrors */.Jk)
                    errors.push(...e.errors);
                else if (e instanceof src_errors/* LadingError */.c3)
                    errors.push(e);
                else
                    throw e;
            }
        };
        if (Array.isArray(component['imageArchives']) && component['imageArchives'].length > 0) {
            refuse('cannot publish skeleton package with image archives', 'Zarf does not publish image archives in a skeleton: move them to the package that imports this one', [...base, 'imageArchives']);
        }
        const only = asDoc(component['only']);
        if (only !== undefined && 'flavor' in only) {
            delete only['flavor'];
            if (Object.keys(only).length === 0)
                delete component['only'];
        }
        for (const [i, chart] of (Array.isArray(component['charts']) ? component['charts'] : []).entries()) {
            const ch = asDoc(chart);
            if (ch === undefined)
                continue;
            const p = [...base, 'charts', i];
            const name = String(ch['name'] ?? '');
            const stem = typeof ch['version'] === 'string' && ch['version'] !== '' ? `${name}-${ch['version']}` : name;
            if (typeof ch['localPath'] === 'string') {
                const rel = `charts/${name}-${i}`;
                await step(async () => {
                    own.push(...(await copy(ch['localPath'], [...p, 'localPath'], rel, 'the chart')));
                    ch['localPath'] = rel;
                });
            }
            const plain = Array.isArray(ch['valuesFiles']) ? ch['valuesFiles'] : [];
            for (const [key, offset] of [['valuesFiles', 0], ['templatedValuesFiles', plain.length]]) {
                const list = Array.isArray(ch[key]) ? ch[key] : [];
                for (const [vi, v] of list.entries()) {
                    if (typeof v !== 'string' || (0,paths/* isUrl */.gU)(v))
                        continue;
                    const rel = `values/${stem}-${offset + vi}`;
                    await step(async () => {
                        own.push(...(await copy(v, [...p, key, vi], rel, 'the values file')));
                        list[vi] = rel;
                    });
                }
            }
        }
        for (const [i, file] of (Array.isArray(component['files']) ? component['files'] : []).entries()) {
            const f = asDoc(file);
            if (f === undefined || typeof f['source'] !== 'string' || (0,paths/* isUrl */.gU)(f['source']))
                continue;
            const p = [...base, 'files', i];
            const rel = `files/${i}/${external_node_path_default().posix.basename(String(f['target'] ?? ''))}`;
            const shasum = typeof f['shasum'] === 'string' ? f['shasum'].toLowerCase() : '';
            const mismatch = (got) => new src_errors/* LadingError */.c3(`sha mismatch for ${f['source']}: expected ${shasum}, got ${got}`, { hint: 'update shasum in zarf.yaml, or check the file', position: at([...p, 'shasum']) });
            if (typeof f['extractPath'] === 'string' && f['extractPath'] !== '') {
                const extractPath = f['extractPath'];
                await step(async () => {
                    const source = f['source'];
                    const r = await local(source, [...p, 'source'], 'the archive');
                    if (r.isDir)
                        throw new src_errors/* LadingError */.c3(`${[...p, 'source'].join('.')} "${(0,paths/* shorten */.ml)(source)}" is a folder, not an archive`, { hint: 'extractPath takes a file out of an archive: point source at the archive', position: at([...p, 'source']) });
                    const x = await skeletonExtract(built, source, r.real, extractPath, rel, f['executable'] === true, p);
                    if (shasum !== '' && x.sha256 !== undefined && x.sha256 !== shasum)
                        throw mismatch(x.sha256);
                    own.push(...x.entries);
                    // Zarf removes extractPath: whoever builds from the skeleton takes the extracted file as it is.
                    f['source'] = rel;
                    delete f['extractPath'];
                });
                continue;
            }
            await step(async () => {
                const copied = await copy(f['source'], [...p, 'source'], rel, 'the file', f['executable'] === true);
                const first = copied[0];
                if (shasum !== '' && first !== undefined && 'source' in first) {
                    const got = (await (0,checksums/* sha256File */.Q3)(first.source)).sha256;
                    if (got !== shasum)
                        throw mismatch(got);
                }
                own.push(...copied);
                f['source'] = rel;
            });
        }
        for (const [i, injection] of (Array.isArray(component['dataInjections']) ? component['dataInjections'] : []).entries()) {
            const d = asDoc(injection);
            if (d === undefined || typeof d['source'] !== 'string')
                continue;
            const target = asDoc(d['target']);
            const rel = `data/${i}/${external_node_path_default().posix.basename(String(target?.['path'] ?? ''))}`;
            await step(async () => {
                own.push(...(await copy(d['source'], [...base, 'dataInjections', i, 'source'], rel, 'the data')));
                d['source'] = rel;
            });
        }
        for (const [j, manifest] of (Array.isArray(component['manifests']) ? component['manifests'] : []).entries()) {
            const m = asDoc(manifest);
            if (m === undefined)
                continue;
            const p = [...base, 'manifests', j];
            const files = Array.isArray(m['files']) ? m['files'] : [];
            for (const [k, v] of files.entries()) {
                if (typeof v !== 'string' || (0,paths/* isUrl */.gU)(v))
                    continue;
                const rel = `manifests/${String(m['name'] ?? '')}-${k}.yaml`;
                await step(async () => {
                    own.push(...(await copy(v, [...p, 'files', k], rel, 'the manifest')));
                    files[k] = rel;
                });
            }
            // Built as Zarf builds them, then the field is removed (Zarf does not list the built files
            // under `files` either).
            if ('kustomizations' in m) {
                const opts = { name: String(m['name'] ?? ''), allowAnyDirectory: m['kustomizeAllowAnyDirectory'] === true, enablePlugins: m['enableKustomizePlugins'] === true };
                for (const [k, v] of strings(m['kustomizations']).entries()) {
                    const kp = [...p, 'kustomizations', k];
                    await step(async () => {
                        let real;
                        if (!(0,paths/* isUrl */.gU)(v)) {
                            const r = await local(v, kp, 'the kustomization folder');
                            if (!r.isDir)
                                throw new src_errors/* LadingError */.c3(`${kp.join('.')} "${(0,paths/* shorten */.ml)(v)}" is a file, not a kustomization folder`, { hint: 'give the folder that holds kustomization.yaml', position: at(kp) });
                            real = r.abs;
                        }
                        own.push(await skeletonKustomization(built, opts, k, v, real, kp));
                    });
                }
                delete m['kustomizations'];
            }
        }
        // Zarf makes an empty temp/ folder in every component folder it tars.
        if (own.length > 0)
            entries[component.name] = [...own, { path: 'temp', type: 'directory' }];
    }
    if (errors.length > 0)
        throw new src_errors/* LadingErrors */.Jk(errors.sort((a, b) => (a.position?.line ?? 0) - (b.position?.line ?? 0)));
    return { config, entries };
}

// EXTERNAL MODULE: ./src/publish/stage.ts + 1 modules
var stage = __webpack_require__(2651);
;// CONCATENATED MODULE: ./src/publish/skeleton.ts
/**
 * The skeleton stage (`publish` with `skeleton: true`), as `zarf package publish <folder> oci://…`:
 * the definition and its local content (skeleton-content.ts) assembled into a package of zarf.yaml,
 * checksums.txt, components/<name>.tar and documentation.tar, with `metadata.architecture` and
 * `build.architecture` `skeleton`, and no images; then published under `<name>:<version>[-<flavor>]`
 * as the `{os: multi, architecture: skeleton}` entry of the tag's index (other architectures' entries
 * stay), and verified. Other definitions then import its components with `import: url: oci://…`.
 */







async function publishSkeleton(input) {
    const { def, plan } = input;
    const content = await skeletonContent(def, input.display, external_node_path_default().join(input.workDir, 'skeleton-built'));
    const out = external_node_path_default().join(input.workDir, 'skeleton');
    const kept = external_node_path_default().join(input.workDir, 'skeleton-files');
    await (0,promises_.mkdir)(out, { recursive: true });
    const buildTime = input.fixedTime ? undefined : await (0,stage.publishedBuildTime)(input.client, plan, skeleton/* SKELETON_ARCH */.PU, input.now, input.log);
    const documentation = (0,package_files/* packageLevelFiles */.E)(def).documentation;
    const pkg = await (0,assemble/* assemblePackage */.F9)({
        definition: { dir: def.dir, config: content.config },
        architecture: skeleton/* SKELETON_ARCH */.PU,
        images: [],
        store: input.store,
        outputDir: out,
        builderVersion: input.builderVersion,
        now: input.now,
        ...(buildTime !== undefined ? { buildTime } : {}),
        keepFiles: kept,
        componentContent: content.entries,
        ...(documentation !== undefined ? { documentation } : {}),
        ...(def.flavor !== '' ? { flavor: def.flavor } : {}),
        migrations: def.migrations,
        onProgress: input.log,
        ...(input.signal !== undefined ? { signal: input.signal } : {})
    });
    // The skeleton is published, not written as a file.
    await (0,promises_.rm)(pkg.path, { force: true });
    const published = await (0,stage.runPublish)({ client: input.client, plan, architecture: skeleton/* SKELETON_ARCH */.PU, files: pkg.files, zarfYaml: pkg.zarfYaml, store: input.store, kept, images: [], limit: input.limit, log: input.log, warn: input.warn, debug: input.debug });
    const components = content.config.components.map((c) => c.name);
    return { summary: { ...published.summary, deploy: importSnippet(published.summary.reference, components) }, components };
}
/** The zarf.yaml lines that import every component of the skeleton (what `zarf package publish` prints). */
function importSnippet(reference, components) {
    return ['components:', ...components.flatMap((c) => [`  - name: import-${c}`, '    import:', `      name: ${c}`, `      url: oci://${reference}`])].join('\n');
}

// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
;// CONCATENATED MODULE: ./src/stages/skeleton-stage.ts
/**
 * The skeleton stage (`skeleton: true` with a publish target): the definition and its local content
 * published as they are, nothing built. Sets the `reference` and `digest` outputs and the summary's
 * skeleton section; the run ends after it.
 */






async function runSkeletonStage(input) {
    const { inputs, def, plan, client, store, workDir, workspace, report, signal } = input;
    const display = (p) => external_node_path_default().relative(workspace, p) || '.';
    const pub = await publishSkeleton({ def, plan, client, store, workDir, builderVersion: version/* VERSION */.x, now: (0,stage.sourceDateEpoch)() ?? new Date(), fixedTime: (0,stage.sourceDateEpoch)() !== undefined, limit: (0,p_limit/* default */.A)(inputs.concurrency), display, log: (l) => workflow_commands/* info */.pq(l), warn: (l) => workflow_commands/* warning */.$e(l), debug: (l) => workflow_commands/* debug */.Yz(l), ...(signal !== undefined ? { signal } : {}) });
    report.skeleton = pub.summary;
    workflow_commands/* setOutput */.uH('reference', pub.summary.reference);
    workflow_commands/* setOutput */.uH('digest', pub.summary.digest);
    workflow_commands/* info */.pq(`skeleton published: ${pub.summary.reference} (${pub.summary.digest}); import it with\n${pub.summary.deploy}`);
}


/***/ })

};
