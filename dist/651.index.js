export const id = 651;
export const ids = [651];
export const modules = {

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

/***/ 9458:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HJ: () => (/* binding */ checkLayers),
/* harmony export */   Kj: () => (/* binding */ aggregateChecksumOf),
/* harmony export */   uf: () => (/* binding */ verifyPublished),
/* harmony export */   yk: () => (/* binding */ parseChecksums)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9572);
/* harmony import */ var _oci_push_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5842);
/* harmony import */ var _oci_types_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(740);
/* harmony import */ var _package_built_definition_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5584);
/* harmony import */ var _package_checksums_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1652);
/* harmony import */ var _package_publish_layout_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2226);
/**
 * Checks a published package cheaply: the manifest read back by digest, then only zarf.yaml and
 * checksums.txt downloaded; every layer's digest must be the sha256 checksums.txt lists for its
 * title, checksums.txt must list nothing the manifest lacks, and zarf.yaml's aggregateChecksum must
 * be the sha256 of checksums.txt. No image blob is downloaded again.
 */







/** checksums.txt -> path -> sha256 hex. Throws on a malformed line. */
function parseChecksums(text, what = _package_checksums_js__WEBPACK_IMPORTED_MODULE_5__/* .CHECKSUMS_TXT */ .aA) {
    const out = new Map();
    for (const line of text.split('\n')) {
        if (line === '')
            continue;
        const m = /^([0-9a-f]{64}) (\S.*)$/.exec(line);
        if (m === null)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .LadingError */ .c3(`${what} has a malformed line: "${line.slice(0, 120)}"`, { hint: 'the package is damaged; build and publish it again' });
        out.set(m[2], m[1]);
    }
    return out;
}
/** The aggregateChecksum in a zarf.yaml (its v1alpha1 document), when there is one. */
function aggregateChecksumOf(zarfYaml) {
    return (0,_package_built_definition_js__WEBPACK_IMPORTED_MODULE_4__/* .recordedAggregateChecksum */ .x)(zarfYaml);
}
/** Problems between a manifest's layers and checksums.txt (empty: consistent). */
function checkLayers(layers, checksums, complete) {
    const problems = [];
    const titled = new Set();
    for (const l of layers) {
        const title = l.annotations?.[_package_publish_layout_js__WEBPACK_IMPORTED_MODULE_6__/* .ANNOTATION_TITLE */ .hg];
        if (title === undefined) {
            problems.push(`layer ${l.digest} has no ${_package_publish_layout_js__WEBPACK_IMPORTED_MODULE_6__/* .ANNOTATION_TITLE */ .hg}`);
            continue;
        }
        titled.add(title);
        if (title === _package_checksums_js__WEBPACK_IMPORTED_MODULE_5__/* .ZARF_YAML */ .ed || title === _package_checksums_js__WEBPACK_IMPORTED_MODULE_5__/* .CHECKSUMS_TXT */ .aA)
            continue;
        const want = checksums.get(title);
        if (want === undefined)
            problems.push(`${title} (${l.digest}) is not in ${_package_checksums_js__WEBPACK_IMPORTED_MODULE_5__/* .CHECKSUMS_TXT */ .aA}`);
        else if (l.digest !== `sha256:${want}`)
            problems.push(`${title} is ${l.digest} in the manifest, but ${_package_checksums_js__WEBPACK_IMPORTED_MODULE_5__/* .CHECKSUMS_TXT */ .aA} says sha256:${want}`);
    }
    if (complete)
        for (const p of checksums.keys())
            if (!titled.has(p))
                problems.push(`${p} is in ${_package_checksums_js__WEBPACK_IMPORTED_MODULE_5__/* .CHECKSUMS_TXT */ .aA} but not in the manifest`);
    return problems;
}
function fail(what, problems) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .LadingError */ .c3(`${what}: ${problems[0]}${more}`, {
        hint: 'the registry holds something other than what was published; publish again, and check the registry if it persists',
        details: problems.map((p) => `- ${p}`).join('\n')
    });
}
/** Verifies the published manifest `digest` of `target`; returns the number of layers checked. */
async function verifyPublished(client, target, digest) {
    const what = `verifying ${target.name}@${digest}`;
    const scopes = (0,_oci_push_js__WEBPACK_IMPORTED_MODULE_2__/* .pushScopes */ .ID)(target.repository); // the token the publish already holds
    const fetched = await client.getManifest(target, digest, scopes);
    const parsed = (0,_oci_types_js__WEBPACK_IMPORTED_MODULE_3__/* .parseManifest */ .N)(fetched.bytes, fetched.mediaType, `${target.name}@${digest}`);
    if (parsed.kind !== 'manifest')
        fail(what, [`it is an index, not a package manifest`]);
    const m = parsed.manifest;
    const problems = [];
    if (parsed.mediaType !== _oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_1__/* .MediaType */ .zu.OciManifest)
        problems.push(`its media type is ${parsed.mediaType}`);
    if (m.config.mediaType !== _package_publish_layout_js__WEBPACK_IMPORTED_MODULE_6__/* .ZARF_CONFIG_MEDIA_TYPE */ .pq)
        problems.push(`its config is ${m.config.mediaType}, not ${_package_publish_layout_js__WEBPACK_IMPORTED_MODULE_6__/* .ZARF_CONFIG_MEDIA_TYPE */ .pq}`);
    for (const l of m.layers)
        if (l.mediaType !== _package_publish_layout_js__WEBPACK_IMPORTED_MODULE_6__/* .ZARF_LAYER_MEDIA_TYPE */ .mx)
            problems.push(`layer ${l.annotations?.[_package_publish_layout_js__WEBPACK_IMPORTED_MODULE_6__/* .ANNOTATION_TITLE */ .hg] ?? l.digest} is ${l.mediaType}`);
    const find = (title) => m.layers.find((l) => l.annotations?.[_package_publish_layout_js__WEBPACK_IMPORTED_MODULE_6__/* .ANNOTATION_TITLE */ .hg] === title);
    const zl = find(_package_checksums_js__WEBPACK_IMPORTED_MODULE_5__/* .ZARF_YAML */ .ed);
    const cl = find(_package_checksums_js__WEBPACK_IMPORTED_MODULE_5__/* .CHECKSUMS_TXT */ .aA);
    if (zl === undefined || cl === undefined)
        fail(what, [`the manifest has no ${zl === undefined ? _package_checksums_js__WEBPACK_IMPORTED_MODULE_5__/* .ZARF_YAML */ .ed : _package_checksums_js__WEBPACK_IMPORTED_MODULE_5__/* .CHECKSUMS_TXT */ .aA} layer`]);
    const [zarfYaml, checksums] = await Promise.all([(0,_oci_push_js__WEBPACK_IMPORTED_MODULE_2__/* .fetchBlobBytes */ .z_)(client, target, zl, undefined, scopes), (0,_oci_push_js__WEBPACK_IMPORTED_MODULE_2__/* .fetchBlobBytes */ .z_)(client, target, cl, undefined, scopes)]);
    const aggregate = aggregateChecksumOf(zarfYaml.toString('utf8'));
    if (aggregate !== (0,_package_checksums_js__WEBPACK_IMPORTED_MODULE_5__/* .sha256Hex */ .fg)(checksums))
        problems.push(`${_package_checksums_js__WEBPACK_IMPORTED_MODULE_5__/* .ZARF_YAML */ .ed} says aggregateChecksum ${aggregate ?? '(none)'}, but ${_package_checksums_js__WEBPACK_IMPORTED_MODULE_5__/* .CHECKSUMS_TXT */ .aA} hashes to ${(0,_package_checksums_js__WEBPACK_IMPORTED_MODULE_5__/* .sha256Hex */ .fg)(checksums)}`);
    problems.push(...checkLayers(m.layers, parseChecksums(checksums.toString('utf8')), true));
    if (problems.length > 0)
        fail(what, problems);
    return { layers: m.layers.length };
}


/***/ })

};
