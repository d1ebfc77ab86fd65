export const id = 289;
export const ids = [289,652];
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

/***/ 348:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Pl: () => (/* binding */ goJson),
/* harmony export */   _0: () => (/* binding */ ANNOTATION_REF_NAME),
/* harmony export */   ef: () => (/* binding */ ANNOTATION_BASE_NAME),
/* harmony export */   jy: () => (/* binding */ IMAGES_DIR),
/* harmony export */   pV: () => (/* binding */ stageImages)
/* harmony export */ });
/* unused harmony exports OCI_LAYOUT_BYTES, indexEntries, renderIndexJson, collectBlobs */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _oci_digest_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8825);
/* harmony import */ var _oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9572);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3916);
/* harmony import */ var _checksums_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1652);






const IMAGES_DIR = 'images';
const ANNOTATION_REF_NAME = 'org.opencontainers.image.ref.name';
const ANNOTATION_BASE_NAME = 'org.opencontainers.image.base.name';
/** `oci-layout` exactly as oras-go writes it (json.Marshal, no trailing newline). */
const OCI_LAYOUT_BYTES = Buffer.from('{"imageLayoutVersion":"1.0.0"}');
/**
 * JSON as Go's encoding/json writes it: compact, and `<`, `>`, `&`, U+2028, U+2029 escaped.
 * Zarf writes images/index.json with json.Marshal, so this keeps the bytes identical for equal content.
 */
function goJson(value) {
    return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
function sortedRecord(rec) {
    const out = {};
    for (const k of Object.keys(rec).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))))
        out[k] = rec[k];
    return out;
}
/** Platform in the field order of ocispec.Platform. */
function goPlatform(p) {
    const out = { architecture: p.architecture, os: p.os };
    if (p['os.version'] !== undefined && p['os.version'] !== '')
        out['os.version'] = p['os.version'];
    if (p['os.features'] !== undefined && p['os.features'].length > 0)
        out['os.features'] = p['os.features'];
    if (p.variant !== undefined && p.variant !== '')
        out.variant = p.variant;
    return out;
}
/** Descriptor in the field order of ocispec.Descriptor (mediaType, digest, size, urls, annotations, platform, artifactType). */
function goDescriptor(d) {
    const out = { mediaType: d.mediaType, digest: d.digest, size: d.size };
    if (d.urls !== undefined && d.urls.length > 0)
        out.urls = d.urls;
    if (d.annotations !== undefined && Object.keys(d.annotations).length > 0)
        out.annotations = sortedRecord(d.annotations);
    if (d.platform !== undefined)
        out.platform = goPlatform(d.platform);
    if (d.artifactType !== undefined && d.artifactType !== '')
        out.artifactType = d.artifactType;
    return out;
}
/**
 * The entries of images/index.json: one per image reference (`reference.toString()`), the root
 * descriptor with `org.opencontainers.image.ref.name` and `org.opencontainers.image.base.name` set to
 * that reference (other annotations of the descriptor kept, as oras-go's Tag does), sorted by digest
 * (Zarf's utils.SortImagesIndex), then by name so equal digests have a stable order.
 */
function indexEntries(images) {
    const byRef = new Map();
    for (const img of images) {
        const ref = img.reference.toString();
        const seen = byRef.get(ref);
        if (seen === undefined) {
            byRef.set(ref, img);
        }
        else if (seen.descriptor.digest !== img.descriptor.digest) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .LadingError */ .c3(`${ref} resolved to two different manifests (${seen.descriptor.digest} and ${img.descriptor.digest})`, {
                hint: 'the tag moved while the package was being built; run again'
            });
        }
    }
    const entries = [];
    for (const [ref, img] of byRef) {
        const d = img.descriptor;
        entries.push({
            ...d,
            annotations: { ...(d.annotations ?? {}), [ANNOTATION_BASE_NAME]: ref, [ANNOTATION_REF_NAME]: ref }
        });
    }
    const key = (d) => d.annotations?.[ANNOTATION_REF_NAME] ?? '';
    entries.sort((a, b) => (a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : Buffer.compare(Buffer.from(key(a)), Buffer.from(key(b)))));
    return entries;
}
/** images/index.json bytes, as oras-go + Zarf write them. */
function renderIndexJson(images) {
    const index = {
        schemaVersion: 2,
        mediaType: _oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_3__/* .MediaType */ .zu.OciIndex,
        manifests: indexEntries(images).map(goDescriptor)
    };
    return Buffer.from(goJson(index));
}
/** Every blob the images need, once, root included. */
function collectBlobs(images) {
    const blobs = new Map();
    for (const image of images) {
        for (const d of [image.descriptor, ...image.blobs]) {
            const seen = blobs.get(d.digest);
            if (seen === undefined)
                blobs.set(d.digest, { descriptor: d, image });
            else if (seen.descriptor.size !== d.size) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .LadingError */ .c3(`blob ${d.digest} is declared with two sizes (${seen.descriptor.size} and ${d.size})`, {
                    hint: `check the manifests of ${seen.image.reference.toString()} and ${image.reference.toString()}`
                });
            }
        }
    }
    return blobs;
}
async function mapLimit(items, limit, fn) {
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const item = items[next++];
            await fn(item);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
/**
 * Writes the package's images/ OCI layout under `packageRoot` (oci-layout and index.json) and lists
 * every blob of every image as a file of the package read from `store` itself (not copied). Fails with
 * a LadingError naming the blob when one is missing from the store or has the wrong size; a blob still
 * arriving (`arrivals`) is checked when it has arrived, by whoever waits for it (`blobArrived`).
 * Writes nothing when there are no images.
 */
async function stageImages(images, store, packageRoot, onProgress, arrivals) {
    if (images.length === 0)
        return [];
    const blobs = collectBlobs(images);
    const problems = [];
    await mapLimit([...blobs.values()], 16, async ({ descriptor, image }) => {
        if (arrivals?.pending(descriptor.digest) === true)
            return;
        const problem = await missingProblem(store, descriptor, image);
        if (problem !== undefined)
            problems.push(problem);
    });
    if (problems.length > 0) {
        problems.sort();
        const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .LadingError */ .c3(`${problems[0]}${more}`, {
            hint: NOT_PULLED_HINT,
            details: problems.map((p) => `- ${p}`).join('\n')
        });
    }
    const root = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(packageRoot, IMAGES_DIR);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(root, { recursive: true });
    onProgress?.(`staging ${blobs.size} blobs of ${images.length} image${images.length === 1 ? '' : 's'}`);
    const files = [];
    for (const { descriptor, image } of blobs.values()) {
        const alg = (0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_2__/* .digestAlgorithm */ .g4)(descriptor.digest);
        const hex = (0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_2__/* .digestHex */ .sU)(descriptor.digest);
        files.push({
            path: `${IMAGES_DIR}/blobs/${alg}/${hex}`,
            abs: store.path(descriptor.digest),
            size: descriptor.size,
            ...(alg === 'sha256' ? { sha256: hex } : {}),
            digest: descriptor.digest,
            ...(arrivals !== undefined ? { arrived: () => arrivedIn(store, descriptor, image, arrivals) } : {})
        });
    }
    const index = renderIndexJson(images);
    const indexPath = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(root, 'index.json');
    const layoutPath = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(root, 'oci-layout');
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(layoutPath, OCI_LAYOUT_BYTES, { mode: 0o644 });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(indexPath, index, { mode: 0o644 });
    files.push({ path: `${IMAGES_DIR}/oci-layout`, abs: layoutPath, size: OCI_LAYOUT_BYTES.length, sha256: (0,_checksums_js__WEBPACK_IMPORTED_MODULE_5__/* .sha256Hex */ .fg)(OCI_LAYOUT_BYTES) }, { path: `${IMAGES_DIR}/index.json`, abs: indexPath, size: index.length, sha256: (0,_checksums_js__WEBPACK_IMPORTED_MODULE_5__/* .sha256Hex */ .fg)(index) });
    return files;
}
const NOT_PULLED_HINT = 'the images were not fully pulled into the blob cache; run again to fetch them';
/** Why `descriptor` of `image` cannot be read from `store`, if it cannot. */
async function missingProblem(store, descriptor, image) {
    if (await store.has(descriptor.digest, descriptor.size))
        return undefined;
    return (await store.has(descriptor.digest))
        ? `blob ${descriptor.digest} of ${image.reference.toString()} in the blob cache is not ${descriptor.size} bytes`
        : `blob ${descriptor.digest} of ${image.reference.toString()} is missing from the blob cache`;
}
/** Resolves once the blob has arrived in `store` (verified) and is there with its size. */
async function arrivedIn(store, descriptor, image, arrivals) {
    await arrivals.whenArrived(descriptor.digest);
    const problem = await missingProblem(store, descriptor, image);
    if (problem !== undefined)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .LadingError */ .c3(problem, { hint: NOT_PULLED_HINT });
}


/***/ }),

/***/ 4386:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runPullAssembleStage: () => (/* binding */ runPullAssembleStage)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _package_assemble_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1983);
/* harmony import */ var _sources_pull_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(500);
/**
 * The pull and the package writer of a build, run at once: the writer starts as soon as the pull
 * does and takes each image blob the moment its pull finished and the store verified it (through a
 * BlobArrivals the pull fills), so writing the package overlaps the transfers instead of following
 * them. The package bytes are those of a pull followed by a write. The pull may have started before
 * (its early transfers, begun while the images resolved): the stage finishes it.
 *
 * Failures: both sides are always waited for (no transfer and no staging folder outlives the stage).
 * A failed pull is the error (the writer, stopped by it, only echoes it); otherwise the writer's.
 */



async function runPullAssembleStage(input) {
    const { store, signal } = input;
    const pull = input.pull ?? new _sources_pull_js__WEBPACK_IMPORTED_MODULE_2__/* .BlobPull */ .D(store, input.limit, input.log);
    const arrivals = pull.arrivals;
    const stopWaiting = () => arrivals.close(signal?.reason instanceof Error ? signal.reason : new Error('the run was cancelled'));
    signal?.addEventListener('abort', stopWaiting, { once: true });
    try {
        // The pull announces every blob before its first await: the writer, started next, finds them.
        const pulling = pull
            .finish(input.resolved)
            .then((stats) => {
            // Every blob has arrived by now; were one missed, the writer would fail rather than wait forever.
            arrivals.close(new Error('the pull ended without one of the blobs'));
            return stats;
        });
        const writing = (0,_package_assemble_js__WEBPACK_IMPORTED_MODULE_1__/* .assemblePackage */ .F9)({ ...input.assemble, store, arrivals, ...(signal !== undefined ? { signal } : {}) });
        const [pulled, written] = await Promise.allSettled([pulling, writing]);
        if (pulled.status === 'rejected') {
            // The package was written all the same (every blob had arrived before the pull failed elsewhere)?
            // Then it goes: a failed run leaves nothing in the output folder.
            if (written.status === 'fulfilled')
                await removeOutputs(written.value);
            throw pulled.reason;
        }
        if (written.status === 'rejected')
            throw written.reason;
        return { pull: pulled.value, pullMs: pull.transferMs ?? 0, pkg: written.value };
    }
    finally {
        signal?.removeEventListener('abort', stopWaiting);
    }
}
async function removeOutputs(pkg) {
    for (const f of pkg.outputs)
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(f, { force: true }).catch(() => undefined);
}


/***/ })

};
