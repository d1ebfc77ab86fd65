export const id = 838;
export const ids = [838];
export const modules = {

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


/***/ }),

/***/ 5838:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   openReferencePackage: () => (/* binding */ openReferencePackage)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8815);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
/* harmony import */ var _oci_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8630);
/* harmony import */ var _oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9572);
/* harmony import */ var _oci_push_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(5842);
/* harmony import */ var _oci_reference_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2148);
/* harmony import */ var _oci_types_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(740);
/* harmony import */ var _package_checksums_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(1652);
/* harmony import */ var _package_layout_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(348);
/* harmony import */ var _package_publish_layout_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(2226);
/* harmony import */ var _publish_verify_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(9458);
/* harmony import */ var _package_file_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(5057);
/**
 * Reading the reference package of a differential build (the `differential` input): a package file
 * (`.tar.zst` or `.tar`, streamed once, nothing written to disk) or a published package
 * (`oci://<registry>/<repo>/<name>:<tag>`, this architecture's manifest; only zarf.yaml, and later the
 * image manifests, are downloaded). What it gives: the reference's zarf.yaml documents, and the
 * distinct blobs (digest -> size) of the images it holds, for what the differential saved.
 */














const SMALL = 16 * 1024 * 1024;
/** Blobs up to this size are kept while a package file streams by, in case they are image manifests. */
const MANIFEST_MAX = 4 * 1024 * 1024;
const IMAGES_INDEX = 'images/index.json';
const HINT = 'set differential to the earlier package file (zarf-package-….tar.zst, relative to the workspace) or its oci://<registry>/<repository>/<name>:<version> reference';
function parseDocs(text, what) {
    const docs = yaml__WEBPACK_IMPORTED_MODULE_2__.parseAllDocuments(text);
    const out = [];
    for (const d of Array.isArray(docs) ? docs : [docs]) {
        const err = d.errors[0];
        if (err !== undefined)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3(`the ${_package_checksums_js__WEBPACK_IMPORTED_MODULE_9__/* .ZARF_YAML */ .ed} of the reference package ${what} is not valid YAML: ${err.message.split('\n')[0] ?? ''}`, { hint: HINT });
        const v = d.toJS({ maxAliasCount: -1 });
        if (v !== null && typeof v === 'object' && !Array.isArray(v))
            out.push(v);
    }
    if (out.length === 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3(`the ${_package_checksums_js__WEBPACK_IMPORTED_MODULE_9__/* .ZARF_YAML */ .ed} of the reference package ${what} holds no package definition`, { hint: HINT });
    return out;
}
function checkAggregate(zarfYaml, checksums, what) {
    const aggregate = (0,_publish_verify_js__WEBPACK_IMPORTED_MODULE_12__/* .aggregateChecksumOf */ .Kj)(zarfYaml);
    if (checksums !== undefined && aggregate !== undefined && aggregate !== (0,_package_checksums_js__WEBPACK_IMPORTED_MODULE_9__/* .sha256Hex */ .fg)(checksums)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3(`the reference package ${what}: ${_package_checksums_js__WEBPACK_IMPORTED_MODULE_9__/* .CHECKSUMS_TXT */ .aA} does not match the aggregateChecksum in ${_package_checksums_js__WEBPACK_IMPORTED_MODULE_9__/* .ZARF_YAML */ .ed}`, { hint: 'the reference package is damaged; build or publish it again' });
    }
}
/**
 * Walks images/index.json from the entries of `images` down to every blob, asking `manifest` for the
 * bytes of manifests and indexes. Sizes come from the descriptors.
 */
async function walkImages(indexJson, images, manifest) {
    const out = new Map();
    if (indexJson === undefined || images.length === 0)
        return out;
    let entries;
    try {
        entries = JSON.parse(indexJson.toString('utf8')).manifests ?? [];
    }
    catch {
        return out;
    }
    const walk = async (d) => {
        if (out.has(d.digest))
            return;
        out.set(d.digest, d.size);
        if (!/manifest|index/.test(d.mediaType))
            return;
        const bytes = await manifest(d);
        if (bytes === undefined)
            return;
        const parsed = (0,_oci_types_js__WEBPACK_IMPORTED_MODULE_8__/* .parseManifest */ .N)(bytes, d.mediaType, d.digest);
        if (parsed.kind === 'index')
            for (const child of parsed.index.manifests)
                await walk(child);
        else
            for (const b of [parsed.manifest.config, ...parsed.manifest.layers])
                if (!out.has(b.digest))
                    out.set(b.digest, b.size);
    };
    for (const image of images) {
        let wanted;
        try {
            wanted = _oci_reference_js__WEBPACK_IMPORTED_MODULE_7__/* .Reference */ .Or.parse(image).toString();
        }
        catch {
            continue;
        }
        const entry = entries.find((e) => e.annotations?.[_package_layout_js__WEBPACK_IMPORTED_MODULE_10__/* .ANNOTATION_BASE_NAME */ .ef] === wanted || e.annotations?.[_package_layout_js__WEBPACK_IMPORTED_MODULE_10__/* .ANNOTATION_REF_NAME */ ._0] === wanted);
        if (entry !== undefined)
            await walk(entry);
    }
    return out;
}
/** Opens the reference package named by the `differential` input. */
async function openReferencePackage(input, opts) {
    if (/^oci:\/\//i.test(input))
        return openPublished(input, opts);
    return openFile(input, opts);
}
/** A package file: one pass through the tar keeps zarf.yaml, checksums.txt, images/index.json and the small JSON blobs. */
async function openFile(input, opts) {
    const file = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(opts.workspace, input);
    const what = input;
    const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(file).catch((e) => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3(`the reference package ${what} cannot be read: ${e.code ?? e.message}`, { hint: HINT, cause: e });
    });
    if (!st.isFile())
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3(`the reference package ${what} is not a file`, { hint: HINT });
    const kept = new Map();
    const pkg = await (0,_package_file_js__WEBPACK_IMPORTED_MODULE_13__/* .openPackageFile */ .$)(file);
    try {
        await pkg.entries(async ({ name, header, stream }) => {
            const small = name === _package_checksums_js__WEBPACK_IMPORTED_MODULE_9__/* .ZARF_YAML */ .ed || name === _package_checksums_js__WEBPACK_IMPORTED_MODULE_9__/* .CHECKSUMS_TXT */ .aA || name === IMAGES_INDEX || (name.startsWith('images/blobs/') && (header.size ?? 0) <= MANIFEST_MAX);
            if (header.type !== 'file' || !small)
                return;
            const bytes = await (0,_package_file_js__WEBPACK_IMPORTED_MODULE_13__/* .entryBytes */ .e)(stream);
            // Of the image blobs, only manifests and indexes are needed (JSON with layers or manifests).
            if (!name.startsWith('images/blobs/') || (bytes[0] === 0x7b && /"(layers|manifests)"\s*:/.test(bytes.toString('utf8'))))
                kept.set(name, bytes);
        }, opts.signal);
    }
    catch (e) {
        if (opts.signal?.aborted === true)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3(`cancelled while reading the reference package ${what}`, { cause: e });
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3(`the reference package ${what} is not a readable package file: ${e.message}`, { hint: HINT, cause: e });
    }
    const zarf = kept.get(_package_checksums_js__WEBPACK_IMPORTED_MODULE_9__/* .ZARF_YAML */ .ed);
    if (zarf === undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3(`the reference package ${what} has no ${_package_checksums_js__WEBPACK_IMPORTED_MODULE_9__/* .ZARF_YAML */ .ed}`, { hint: `${HINT}${/\.part\d{3}$/.test(input) ? '; a package split into parts must be joined first (cat its parts after .part000)' : ''}` });
    }
    const zarfYaml = zarf.toString('utf8');
    checkAggregate(zarfYaml, kept.get(_package_checksums_js__WEBPACK_IMPORTED_MODULE_9__/* .CHECKSUMS_TXT */ .aA), what);
    return {
        what,
        zarfYaml,
        docs: parseDocs(zarfYaml, what),
        imageBlobs: (images) => walkImages(kept.get(IMAGES_INDEX), images, async (d) => kept.get(`images/blobs/${d.digest.replace(':', '/')}`))
    };
}
/** A published package: this architecture's manifest, then zarf.yaml (image manifests only when asked). */
async function openPublished(input, opts) {
    const { client, architecture } = opts;
    const what = input;
    let ref;
    try {
        ref = _oci_reference_js__WEBPACK_IMPORTED_MODULE_7__/* .Reference */ .Or.parse(input.replace(/^oci:\/\//i, ''));
    }
    catch (e) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3(`differential "${input}" is not a valid OCI reference: ${e instanceof _oci_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .OciError */ .Mf ? e.message : String(e)}`, { hint: HINT });
    }
    const wrap = (e) => e instanceof _oci_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .OciError */ .Mf
        ? new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3(`reading the reference package ${what}: ${e.message}`, { hint: e.status === 404 ? `check the repository and tag; ${HINT}` : (e.hint ?? HINT), cause: e })
        : e;
    try {
        const top = await client.getManifest(ref, ref.selector);
        let bytes = top.bytes;
        if ((0,_oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_5__/* .isIndexMediaType */ .$$)(top.mediaType)) {
            const parsed = (0,_oci_types_js__WEBPACK_IMPORTED_MODULE_8__/* .parseManifest */ .N)(top.bytes, top.mediaType, what);
            if (parsed.kind !== 'index')
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3(`the reference package ${what} is not an index`);
            const entries = parsed.index.manifests;
            const entry = entries.find((e) => e.platform?.architecture === architecture && e.platform.os === _package_publish_layout_js__WEBPACK_IMPORTED_MODULE_11__/* .MULTI_OS */ .TX) ?? entries.find((e) => e.platform?.architecture === architecture);
            if (entry === undefined) {
                const archs = entries.map((e) => e.platform?.architecture).filter((a) => a !== undefined);
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3(`the reference package ${what} has no ${architecture} package`, { hint: archs.length > 0 ? `it has ${archs.join(', ')}: publish the ${architecture} package first, or build for one of these` : HINT });
            }
            bytes = (await client.getManifest(ref, entry.digest)).bytes;
        }
        const parsed = (0,_oci_types_js__WEBPACK_IMPORTED_MODULE_8__/* .parseManifest */ .N)(bytes, undefined, what);
        if (parsed.kind !== 'manifest')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3(`the reference package ${what} is an index of indexes, not a package`, { hint: HINT });
        const byTitle = new Map();
        for (const l of parsed.manifest.layers) {
            const title = l.annotations?.[_package_publish_layout_js__WEBPACK_IMPORTED_MODULE_11__/* .ANNOTATION_TITLE */ .hg];
            if (title !== undefined)
                byTitle.set(title, l);
        }
        const zl = byTitle.get(_package_checksums_js__WEBPACK_IMPORTED_MODULE_9__/* .ZARF_YAML */ .ed);
        if (zl === undefined)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3(`the reference package ${what} is not a Zarf package: it has no ${_package_checksums_js__WEBPACK_IMPORTED_MODULE_9__/* .ZARF_YAML */ .ed} layer`, { hint: HINT });
        const cl = byTitle.get(_package_checksums_js__WEBPACK_IMPORTED_MODULE_9__/* .CHECKSUMS_TXT */ .aA);
        const [zarf, checksums] = await Promise.all([(0,_oci_push_js__WEBPACK_IMPORTED_MODULE_6__/* .fetchBlobBytes */ .z_)(client, ref, zl, SMALL), cl !== undefined ? (0,_oci_push_js__WEBPACK_IMPORTED_MODULE_6__/* .fetchBlobBytes */ .z_)(client, ref, cl, SMALL) : Promise.resolve(undefined)]);
        const zarfYaml = zarf.toString('utf8');
        checkAggregate(zarfYaml, checksums, what);
        const layerBytes = async (title) => {
            const l = byTitle.get(title);
            return l === undefined ? undefined : (0,_oci_push_js__WEBPACK_IMPORTED_MODULE_6__/* .fetchBlobBytes */ .z_)(client, ref, l, SMALL);
        };
        return {
            what,
            zarfYaml,
            docs: parseDocs(zarfYaml, what),
            imageBlobs: async (images) => {
                try {
                    return await walkImages(await layerBytes(IMAGES_INDEX), images, (d) => layerBytes(`images/blobs/${d.digest.replace(':', '/')}`));
                }
                catch (e) {
                    throw wrap(e);
                }
            }
        };
    }
    catch (e) {
        throw wrap(e);
    }
}


/***/ }),

/***/ 9538:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ startsZstd),
/* harmony export */   z: () => (/* binding */ zstdDecompressFrames)
/* harmony export */ });
/* harmony import */ var node_events__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8474);
/* harmony import */ var node_events__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_events__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_2__);
/**
 * zstd decompression that reads every frame. A zstd file may be several frames one after another:
 * `pzstd` writes one per slice of its input, `cat a.zst b.zst` makes one, and the zstd program and
 * Zarf's Go reader read such a file whole. node 24's zstd stream stops at the end of the first frame
 * and ends its output there, without an error (nodejs/node#64741): a package file, an image archive or
 * a files archive made that way came out truncated ("Unexpected end of data" from the tar reader, or
 * a file missing from it).
 *
 * This stream decompresses with node's zstd stream (libzstd on the thread pool, as before) and, when a
 * frame ends inside a written chunk (node's `bytesWritten` says how much of the chunk it took), starts a
 * fresh one on the rest. A frame that ends exactly at a chunk's end needs nothing: node's stream goes
 * on to the next frame by itself. Bytes after a frame that are not a frame fail as libzstd words it
 * ("Unknown frame descriptor"), as the zstd program refuses them; a truncated frame fails at the end
 * ("unexpected end of file"). Back-pressure is kept: a frame's output waits while this stream's reader
 * is behind.
 *
 * Frames may ask for a window of up to 512 MiB (`zstd --long=29`), as Zarf's reader allows by
 * default (klauspost/compress: WithDecoderMaxWindow, default 512 MB); node's default stops at 128 MiB.
 * libzstd allocates only the window a frame asks for.
 */



/** A stream of zstd frames in, all their bytes out. `options` go to each frame's node:zlib stream. */
function zstdDecompressFrames(options = {}) {
    return new ZstdFramesDecompress(options);
}
/** 512 MiB: Zarf's reader's default limit. */
const MAX_WINDOW_LOG = 29;
class ZstdFramesDecompress extends node_stream__WEBPACK_IMPORTED_MODULE_1__.Transform {
    options;
    frame;
    constructor(options) {
        super();
        this.options = options;
        this.frame = this.startFrame();
    }
    startFrame() {
        const frame = (0,node_zlib__WEBPACK_IMPORTED_MODULE_2__.createZstdDecompress)({ ...this.options, params: { [node_zlib__WEBPACK_IMPORTED_MODULE_2__.constants.ZSTD_d_windowLogMax]: MAX_WINDOW_LOG, ...this.options.params } });
        frame.on('data', (chunk) => {
            if (!this.push(chunk))
                frame.pause();
        });
        frame.on('error', (e) => this.destroy(e));
        return frame;
    }
    _read(size) {
        this.frame.resume();
        super._read(size);
    }
    _transform(chunk, _encoding, done) {
        this.feed(chunk).then(() => done(), done);
    }
    async feed(chunk) {
        let rest = chunk;
        let fresh = false;
        while (rest.length > 0) {
            const frame = this.frame;
            const before = frame.bytesWritten;
            await new Promise((resolve, reject) => frame.write(rest, (e) => (e ? reject(e) : resolve())));
            const taken = frame.bytesWritten - before;
            if (taken >= rest.length)
                return;
            // A fresh stream that took nothing would take nothing again: not a frame (libzstd errs first).
            if (fresh && taken === 0)
                throw new Error('zstd data ends in bytes that are not a zstd frame');
            // The frame ended inside the chunk: its output goes out, then a fresh stream reads the rest.
            if (!frame.readableEnded)
                await (0,node_events__WEBPACK_IMPORTED_MODULE_0__.once)(frame, 'end');
            frame.destroy();
            rest = rest.subarray(taken);
            this.frame = this.startFrame();
            fresh = true;
        }
    }
    _flush(done) {
        const frame = this.frame;
        const ended = frame.readableEnded ? Promise.resolve() : (0,node_events__WEBPACK_IMPORTED_MODULE_0__.once)(frame, 'end');
        frame.end();
        ended.then(() => done(), done);
    }
    _destroy(error, done) {
        this.frame.destroy();
        done(error);
    }
}
/**
 * Whether `head` (the first bytes of some data) starts zstd data: a zstd frame (28 b5 2f fd), or a
 * skippable frame (50-5f 2a 4d 18), which pzstd writes before each of its frames.
 */
function startsZstd(head) {
    if (head.length < 4)
        return false;
    const magic = (head[0] | (head[1] << 8) | (head[2] << 16) | (head[3] << 24)) >>> 0;
    return magic === 0xfd2fb528 || (magic & 0xfffffff0) >>> 0 === 0x184d2a50;
}


/***/ })

};
