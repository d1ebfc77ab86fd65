export const id = 707;
export const ids = [707];
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

/***/ 2707:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  PU: () => (/* binding */ SKELETON_ARCH),
  openSkeleton: () => (/* binding */ openSkeleton)
});

// UNUSED EXPORTS: declaresValues, parseSkeletonUrl, skeletonFlavor

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/oci/blobstore.ts + 1 modules
var blobstore = __webpack_require__(6882);
// EXTERNAL MODULE: ./src/oci/digest.ts
var digest = __webpack_require__(8825);
// EXTERNAL MODULE: ./src/oci/errors.ts
var oci_errors = __webpack_require__(8630);
// EXTERNAL MODULE: ./src/oci/mediatypes.ts
var mediatypes = __webpack_require__(9572);
// EXTERNAL MODULE: ./src/oci/push.ts
var push = __webpack_require__(5842);
// EXTERNAL MODULE: ./src/oci/reference.ts
var reference = __webpack_require__(2148);
// EXTERNAL MODULE: ./src/oci/types.ts + 1 modules
var types = __webpack_require__(740);
// EXTERNAL MODULE: ./src/package/checksums.ts
var package_checksums = __webpack_require__(1652);
// EXTERNAL MODULE: ./src/package/publish-layout.ts
var publish_layout = __webpack_require__(2226);
// EXTERNAL MODULE: ./src/package/built-definition.ts
var built_definition = __webpack_require__(5584);
// EXTERNAL MODULE: ./src/package/layout.ts
var layout = __webpack_require__(348);
// EXTERNAL MODULE: ./src/package/values.ts
var values = __webpack_require__(9452);
// EXTERNAL MODULE: ./src/publish/verify.ts
var verify = __webpack_require__(9458);
;// CONCATENATED MODULE: ./src/publish/pull.ts
/**
 * Pulling a published Zarf package (published by Lading or by Zarf) into a folder: the tag's index
 * resolved to this architecture's manifest, then all layers, or only what named components need
 * (their component tar and their images' blobs) plus zarf.yaml and checksums.txt; every file is
 * verified against checksums.txt and zarf.yaml's aggregateChecksum. Files appear under their titles
 * only once verified; on failure what this call wrote is removed.
 */
















const SMALL = (/* unused pure expression or super */ null && (16 * 1024 * 1024));
/** A layer title is a relative path inside the package: no absolute path, `..`, `\` or empty segment. */
function safeTitle(title) {
    return title !== '' && !title.startsWith('/') && !title.includes('\\') && !title.includes('\0') && title.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}
function componentImages(component) {
    const out = [];
    for (const i of component.images ?? [])
        if (typeof i === 'string')
            out.push(i);
    for (const a of component.imageArchives ?? [])
        for (const i of a.images ?? [])
            if (typeof i === 'string')
                out.push(i);
    return out;
}
/** Pulls the package at `ref` for `architecture` into `dir` (created when missing). */
async function pullPackage(client, ref, architecture, dir, opts = {}) {
    const log = opts.log ?? (() => undefined);
    const limit = opts.limit ?? pLimit(8);
    const what = `package ${ref.toString()}`;
    // 1. The manifest for this architecture.
    const top = await client.getManifest(ref, ref.selector);
    let manifestBytes = top.bytes;
    let digest = top.digest;
    if (isIndexMediaType(top.mediaType)) {
        const parsed = parseManifest(top.bytes, top.mediaType, what);
        if (parsed.kind !== 'index')
            throw new LadingError(`${what} is not an index`);
        const entries = parsed.index.manifests;
        const entry = entries.find((e) => e.platform?.architecture === architecture && e.platform.os === MULTI_OS) ?? entries.find((e) => e.platform?.architecture === architecture);
        if (entry === undefined) {
            const archs = entries.map((e) => e.platform?.architecture).filter((a) => a !== undefined);
            throw new LadingError(`${what} has no ${architecture} package`, { hint: archs.length > 0 ? `it has ${archs.join(', ')}` : 'its index lists no architectures' });
        }
        const m = await client.getManifest(ref, entry.digest);
        manifestBytes = m.bytes;
        digest = m.digest;
    }
    const parsed = parseManifest(manifestBytes, undefined, what);
    if (parsed.kind !== 'manifest')
        throw new LadingError(`${what} resolves to an index of indexes, not a package`);
    const layers = parsed.manifest.layers;
    const byTitle = new Map();
    for (const l of layers) {
        const title = l.annotations?.[ANNOTATION_TITLE];
        if (title === undefined)
            continue;
        if (!safeTitle(title))
            throw new LadingError(`${what} has a layer titled "${title.slice(0, 200)}", which is not a path inside a package`, { hint: 'the package may be malicious; it was not pulled' });
        byTitle.set(title, l);
    }
    const zl = byTitle.get(ZARF_YAML);
    const cl = byTitle.get(CHECKSUMS_TXT);
    if (zl === undefined || cl === undefined)
        throw new LadingError(`${what} is not a Zarf package: it has no ${zl === undefined ? ZARF_YAML : CHECKSUMS_TXT} layer`);
    // 2. zarf.yaml and checksums.txt always; then what was asked for.
    const inMemory = new Map();
    const [zarfYaml, checksumsBytes] = await Promise.all([fetchBlobBytes(client, ref, zl, SMALL), fetchBlobBytes(client, ref, cl, SMALL)]);
    inMemory.set(ZARF_YAML, zarfYaml);
    inMemory.set(CHECKSUMS_TXT, checksumsBytes);
    const checksums = parseChecksums(checksumsBytes.toString('utf8'), `${CHECKSUMS_TXT} of ${what}`);
    const aggregate = aggregateChecksumOf(zarfYaml.toString('utf8'));
    if (aggregate !== undefined && aggregate !== sha256Hex(checksumsBytes)) {
        throw new LadingError(`${what}: ${CHECKSUMS_TXT} does not match the aggregateChecksum in ${ZARF_YAML}`, { hint: 'the published package is damaged; publish it again' });
    }
    const problems = checkLayers(layers, checksums, opts.components === undefined);
    if (problems.length > 0)
        throw new LadingError(`${what} does not verify: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, { details: problems.map((p) => `- ${p}`).join('\n') });
    const wanted = new Set([ZARF_YAML, CHECKSUMS_TXT]);
    const need = (title) => {
        const l = byTitle.get(title);
        if (l === undefined)
            throw new LadingError(`${what} has no layer ${title}`, { hint: 'the package is incomplete; publish it again' });
        wanted.add(title);
        return l;
    };
    const small = async (title) => {
        const l = need(title);
        let b = inMemory.get(title);
        if (b === undefined) {
            b = await limit(() => fetchBlobBytes(client, ref, l, SMALL));
            inMemory.set(title, b);
        }
        return b;
    };
    if (opts.components === undefined) {
        for (const t of byTitle.keys())
            wanted.add(t);
    }
    else {
        const def = builtDefinition(zarfYaml.toString('utf8'));
        const all = Array.isArray(def.components) ? def.components : [];
        // Like Zarf's PackageAlwaysPull: the package's values travel with any subset of components.
        for (const t of [VALUES_YAML, VALUES_SCHEMA_JSON])
            if (byTitle.has(t))
                need(t);
        const images = new Set();
        for (const name of opts.components) {
            const c = all.find((x) => x.name === name);
            if (c === undefined)
                throw new LadingError(`${what} has no component "${name}"`, { hint: `its components are ${all.map((x) => String(x.name)).join(', ') || '(none)'}` });
            if (byTitle.has(`components/${name}.tar`))
                need(`components/${name}.tar`);
            for (const i of componentImages(c))
                images.add(Reference.parse(i).toString());
        }
        if (images.size > 0) {
            const index = JSON.parse((await small('images/index.json')).toString('utf8'));
            need('images/oci-layout');
            const walk = async (d) => {
                const title = `images/blobs/${d.digest.replace(':', '/')}`;
                if (isIndexMediaType(d.mediaType) || isManifestMediaType(d.mediaType)) {
                    const p = parseManifest(await small(title), d.mediaType, `${title} of ${what}`);
                    if (p.kind === 'index')
                        for (const child of p.index.manifests)
                            await walk(child);
                    else
                        for (const b of [p.manifest.config, ...p.manifest.layers])
                            need(`images/blobs/${b.digest.replace(':', '/')}`);
                }
                else {
                    need(title);
                }
            };
            for (const image of images) {
                const entry = (index.manifests ?? []).find((m) => m.annotations?.[ANNOTATION_BASE_NAME] === image || m.annotations?.[ANNOTATION_REF_NAME] === image);
                if (entry === undefined)
                    throw new LadingError(`${what}: image ${image} is not in its images/index.json`, { hint: 'the package is incomplete; publish it again' });
                await walk(entry);
            }
        }
    }
    // 3. Download into a temporary store in `dir`, then put each file under its title.
    await mkdir(dir, { recursive: true });
    const tmp = path.join(dir, `.lading-pull-${randomBytes(6).toString('hex')}`);
    const store = new BlobStore(tmp);
    const written = [];
    const files = [];
    try {
        await store.init();
        const titles = [...wanted].sort();
        const total = titles.reduce((n, t) => n + (byTitle.get(t)?.size ?? 0), 0);
        log(`pulling ${titles.length} files (${total} bytes) of ${what} for ${architecture}`);
        const settled = await Promise.allSettled(titles.map(async (title) => {
            const l = byTitle.get(title);
            const dest = path.join(dir, ...title.split('/'));
            await mkdir(path.dirname(dest), { recursive: true });
            const part = `${dest}.partial-${randomBytes(4).toString('hex')}`;
            const bytes = inMemory.get(title);
            if (bytes !== undefined) {
                await writeFile(part, bytes);
            }
            else {
                await limit(() => client.fetchBlob(ref, l, store));
                try {
                    await link(store.path(l.digest), part);
                }
                catch {
                    await copyFile(store.path(l.digest), part);
                }
            }
            await rename(part, dest);
            written.push(dest);
            const sha = l.digest.startsWith('sha256:') ? l.digest.slice(7) : (await sha256File(dest)).sha256;
            if (title !== ZARF_YAML && title !== CHECKSUMS_TXT && checksums.get(title) !== sha) {
                throw new LadingError(`${what}: ${title} does not match ${CHECKSUMS_TXT}`, { hint: 'the published package is damaged; publish it again' });
            }
            files.push({ path: title, size: l.size, sha256: sha });
        }));
        const failed = settled.find((r) => r.status === 'rejected');
        if (failed !== undefined)
            throw failed.reason;
    }
    catch (e) {
        await Promise.all(written.map((f) => rm(f, { force: true })));
        throw e;
    }
    finally {
        await rm(tmp, { recursive: true, force: true });
    }
    files.sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
    return { digest, zarfYaml: zarfYaml.toString('utf8'), files };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: ./node_modules/tar-stream/index.js
var tar_stream = __webpack_require__(6118);
;// CONCATENATED MODULE: ./src/sources/skeleton-tar.ts
/**
 * Extracting a skeleton's component tar (`components/<name>.tar`, whose entries all sit under one
 * top folder `<name>/`) into a fresh folder with that top folder stripped, as Zarf does for an
 * `import.url`. The tar is hashed while it is read and must match its digest; nothing in it may land
 * outside the folder: absolute names, `..` that climbs out, symlinks whose target leaves the folder,
 * hard links to something that is not already extracted, writes through a symlink, and device or fifo
 * entries are refused.
 */








const READ_CHUNK = 1 << 20;
/** An entry name relative to the stripped root: `/`-separated, cleaned; undefined when it leaves it. */
function strippedName(raw) {
    const parts = raw.split('/').filter((s) => s !== '' && s !== '.');
    // The top folder itself (or an entry beside it, which Zarf skips too): nothing to write.
    if (parts.length <= 1)
        return null;
    const out = [];
    for (const seg of parts.slice(1)) {
        if (seg === '..') {
            if (out.length === 0)
                return undefined;
            out.pop();
        }
        else
            out.push(seg);
    }
    return out.length === 0 ? null : out.join('/');
}
/** Where a symlink at `name` (stripped) points, relative to the root; undefined when it leaves the root. */
function symlinkTarget(name, target) {
    if (target === '' || target.startsWith('/') || target.includes('\\') || target.includes('\0'))
        return undefined;
    const resolved = external_node_path_default().posix.normalize(external_node_path_default().posix.join(external_node_path_default().posix.dirname(name), target));
    if (resolved === '..' || resolved.startsWith('../') || resolved.startsWith('/'))
        return undefined;
    return resolved;
}
function unsafe(what, entry, why) {
    const shown = entry.length > 160 ? `${entry.slice(0, 160)}...` : entry;
    return new errors/* LadingError */.c3(`${what} holds an entry "${shown}" that ${why}; it was not extracted`, {
        hint: 'the skeleton is malformed or malicious: publish it again with zarf package publish, or import another one'
    });
}
/**
 * Extracts `tarFile` into `dest` (an empty folder that this call owns), stripping the top folder.
 * Throws a LadingError for an unsafe entry or when the bytes do not hash to `opts.digest`; the caller
 * removes `dest` then.
 */
async function extractStripped(tarFile, dest, opts) {
    const { what } = opts;
    const symlinks = new Set();
    const written = new Set();
    const hash = (0,external_node_crypto_.createHash)('sha256');
    const hasher = new external_node_stream_.Transform({
        transform(chunk, _enc, cb) {
            hash.update(chunk);
            cb(null, chunk);
        }
    });
    /** Refuses a name one of whose parent folders is a symlink written by this tar. */
    const checkParents = (name) => {
        const parts = name.split('/');
        for (let i = 1; i < parts.length; i++) {
            const parent = parts.slice(0, i).join('/');
            if (symlinks.has(parent))
                throw unsafe(what, name, `would be written through the symlink ${parent}`);
        }
    };
    const abs = (name) => external_node_path_default().join(dest, ...name.split('/'));
    /** Makes room for `name`: parents created, whatever a previous entry left there removed (never followed). */
    const prepare = async (name) => {
        checkParents(name);
        const p = abs(name);
        await (0,promises_.mkdir)(external_node_path_default().dirname(p), { recursive: true, mode: 0o755 });
        const prior = await (0,promises_.lstat)(p).catch(() => undefined);
        if (prior !== undefined) {
            if (prior.isDirectory())
                throw unsafe(what, name, 'would replace a folder of the same name');
            await (0,promises_.rm)(p, { force: true });
        }
        symlinks.delete(name);
        return p;
    };
    const extract = tar_stream.extract();
    extract.on('entry', (header, stream, next) => {
        const handle = async () => {
            opts.signal?.throwIfAborted();
            const raw = header.name;
            if (raw.startsWith('/') || raw.includes('\\') || raw.includes('\0'))
                throw unsafe(what, raw, 'is not a relative path');
            const name = strippedName(raw);
            if (name === undefined)
                throw unsafe(what, raw, 'would leave the folder it is extracted into');
            const type = header.type ?? 'file';
            if (name === null) {
                stream.resume();
                return;
            }
            switch (type) {
                case 'directory': {
                    checkParents(name);
                    const p = abs(name);
                    const prior = await (0,promises_.lstat)(p).catch(() => undefined);
                    if (prior !== undefined && !prior.isDirectory())
                        throw unsafe(what, raw, 'is a folder where an earlier entry wrote something else');
                    await (0,promises_.mkdir)(p, { recursive: true, mode: ((header.mode ?? 0o755) & 0o777) | 0o700 });
                    stream.resume();
                    return;
                }
                case 'file':
                case 'contiguous-file': {
                    const p = await prepare(name);
                    const fh = await (0,promises_.open)(p, 'wx', ((header.mode ?? 0o644) & 0o777) | 0o600);
                    try {
                        for await (const chunk of stream)
                            await fh.write(chunk);
                    }
                    finally {
                        await fh.close();
                    }
                    written.add(name);
                    return;
                }
                case 'symlink': {
                    const target = header.linkname ?? '';
                    if (symlinkTarget(name, target) === undefined)
                        throw unsafe(what, `${raw} -> ${target}`, 'is a symlink pointing outside the folder');
                    const p = await prepare(name);
                    await (0,promises_.symlink)(target, p);
                    symlinks.add(name);
                    stream.resume();
                    return;
                }
                case 'link': {
                    const rawTarget = header.linkname ?? '';
                    const target = rawTarget.startsWith('/') ? undefined : strippedName(rawTarget);
                    if (target === undefined || target === null || !written.has(target))
                        throw unsafe(what, `${raw} => ${rawTarget}`, 'is a hard link to nothing extracted before it');
                    const p = await prepare(name);
                    await (0,promises_.link)(abs(target), p);
                    written.add(name);
                    stream.resume();
                    return;
                }
                default:
                    throw unsafe(what, raw, `is a ${type} entry, which a component cannot hold`);
            }
        };
        handle().then(() => next(), (e) => {
            stream.resume();
            next(e);
        });
    });
    try {
        const source = (0,external_node_fs_.createReadStream)(tarFile, { highWaterMark: READ_CHUNK });
        const sink = extract;
        if (opts.signal !== undefined)
            await (0,external_node_stream_promises_.pipeline)(source, hasher, sink, { signal: opts.signal });
        else
            await (0,external_node_stream_promises_.pipeline)(source, hasher, sink);
    }
    catch (e) {
        if (e instanceof errors/* LadingError */.c3)
            throw e;
        if (opts.signal?.aborted === true)
            throw new errors/* LadingError */.c3(`cancelled while extracting ${what}`, { cause: e });
        throw new errors/* LadingError */.c3(`${what} is not a readable tar: ${e.message}`, { hint: 'the skeleton is damaged; publish it again', cause: e });
    }
    const got = `sha256:${hash.digest('hex')}`;
    if (got !== opts.digest) {
        throw new errors/* LadingError */.c3(`${what} does not match its digest ${opts.digest} (its bytes hash to ${got})`, { hint: 'the cached or downloaded copy is damaged; run again (the damaged copy was removed)' });
    }
}

;// CONCATENATED MODULE: ./src/sources/skeleton.ts
/**
 * Pulling a Zarf skeleton package for a component's `import.url: oci://<registry>/<repo>:<tag>`, the
 * way `zarf package create` does (src/pkg/packager/load/import.go), with Lading's registry client:
 * the tag's index resolved to its `{os: multi, architecture: skeleton}` entry (a tag that names a
 * manifest directly is taken as it is, as Zarf takes it), zarf.yaml and checksums.txt read and
 * verified (layer digests, checksums.txt, zarf.yaml's aggregateChecksum), then each imported
 * component's `components/<name>.tar` extracted on demand, top folder stripped, into Zarf's cache
 * layout `<cache>/oci/dirs/<tar sha256>` (an empty `<cache>/oci/dirs/sha256(url+name)` when the
 * skeleton has no tar for it, i.e. the component has only remote resources).
 */

















/** The architecture under which Zarf publishes a skeleton in a tag's index. */
const SKELETON_ARCH = 'skeleton';
/** Signatures are added after checksums.txt is written, so it never lists them. */
const SIGNATURE_TITLES = new Set(['zarf.yaml.sig', 'zarf.bundle.sig']);
const skeleton_SMALL = 16 * 1024 * 1024;
const OCI_PREFIX = 'oci://';
const HOW_TO_PUBLISH = 'a skeleton is what `zarf package publish <package folder> oci://<registry>/<path>` publishes (a folder, not a built package)';
/** Extractions running in this process, by destination folder: two imports of one tar share one. */
const inflight = new Map();
/**
 * The registry reference of an `import.url`. Zarf accepts only `oci://` URLs and hands the rest to
 * oras, which needs a registry host and a tag or digest (no Docker Hub defaults, no implied `latest`).
 */
function parseSkeletonUrl(url) {
    const bad = (why) => new errors/* LadingError */.c3(`import url "${url}" is not a valid OCI URL: ${why}`, { hint: 'write it as oci://<registry>/<repository>:<tag>, e.g. oci://ghcr.io/acme/packages/common:1.0.0' });
    if (!url.startsWith(OCI_PREFIX))
        throw bad(`it does not start with ${OCI_PREFIX}`);
    const rest = url.slice(OCI_PREFIX.length);
    let ref;
    try {
        ref = reference/* Reference */.Or.parse(rest);
    }
    catch (e) {
        throw bad(e instanceof oci_errors/* OciError */.Mf ? e.message.replace(/^invalid image reference "[^"]*": /, '') : String(e));
    }
    const slash = rest.indexOf('/');
    const first = slash < 0 ? '' : rest.slice(0, slash).toLowerCase();
    if (slash < 0 || (ref.registry === 'docker.io' && !['docker.io', 'index.docker.io', 'registry-1.docker.io'].includes(first))) {
        throw bad('it names no registry host');
    }
    const last = rest.slice(rest.lastIndexOf('/') + 1);
    if (!last.includes(':') && !last.includes('@'))
        throw bad('it names no tag');
    return ref;
}
function asRecord(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}
/** The documents of a skeleton's zarf.yaml (v1alpha1, and a v1beta1 one when Zarf wrote both). */
function parseDocs(text, what) {
    const docs = dist.parseAllDocuments(text);
    const list = Array.isArray(docs) ? docs : [docs];
    const out = [];
    for (const d of list) {
        const err = d.errors[0];
        if (err !== undefined)
            throw new errors/* LadingError */.c3(`the ${package_checksums/* ZARF_YAML */.ed} of ${what} is not valid YAML: ${err.message.split('\n')[0] ?? ''}`, { hint: 'the skeleton is damaged; publish it again' });
        const v = asRecord(d.toJS());
        if (v !== undefined)
            out.push(v);
    }
    if (out.length === 0)
        throw new errors/* LadingError */.c3(`the ${package_checksums/* ZARF_YAML */.ed} of ${what} holds no package definition`, { hint: 'the skeleton is damaged; publish it again' });
    return out;
}
/** Zarf refuses a skeleton that declares values (files or a schema): import.go, "declares values". */
function declaresValues(docs) {
    return docs.some((d) => {
        const v = asRecord(d.values);
        if (v === undefined)
            return false;
        return (Array.isArray(v.files) && v.files.length > 0) || (typeof v.schema === 'string' && v.schema !== '');
    });
}
/** `build.flavor` of the skeleton's definition, when set. */
function skeletonFlavor(docs) {
    for (const d of docs) {
        const f = asRecord(d.build)?.flavor;
        if (typeof f === 'string' && f !== '')
            return f;
    }
    return undefined;
}
/** An OciError (network, auth, digest) as a LadingError naming the skeleton; anything else unchanged. */
function wrap(e, url) {
    if (e instanceof oci_errors/* OciError */.Mf)
        return new errors/* LadingError */.c3(`pulling skeleton ${url}: ${e.message}`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), cause: e });
    if (e instanceof Error && e.name === 'AbortError')
        return new errors/* LadingError */.c3(`cancelled while pulling skeleton ${url}`, { cause: e });
    return e;
}
/** Resolves, reads and verifies the skeleton at `url` (`oci://…`); component tars come later, on demand. */
async function openSkeleton(client, url, cacheRoot, opts = {}) {
    const ref = parseSkeletonUrl(url);
    try {
        return await skeleton_open(client, url, ref, external_node_path_default().resolve(cacheRoot), opts);
    }
    catch (e) {
        throw wrap(e, url);
    }
}
async function skeleton_open(client, url, ref, cacheRoot, opts) {
    const { signal } = opts;
    const what = `skeleton ${url}`;
    signal?.throwIfAborted();
    // 1. The skeleton manifest: the index's skeleton entry, or the manifest the tag names.
    let top;
    try {
        top = await client.getManifest(ref, ref.selector);
    }
    catch (e) {
        if (e instanceof oci_errors/* OciError */.Mf && e.status === 404) {
            throw new errors/* LadingError */.c3(`published skeleton package for ${url} does not exist`, { hint: `check the repository and tag; ${HOW_TO_PUBLISH}`, cause: e });
        }
        throw e;
    }
    let fetched = top;
    if ((0,mediatypes/* isIndexMediaType */.$$)(top.mediaType)) {
        const parsed = (0,types/* parseManifest */.N)(top.bytes, top.mediaType, what);
        if (parsed.kind !== 'index')
            throw new errors/* LadingError */.c3(`${what} is not an image index`);
        const entries = parsed.index.manifests;
        const entry = entries.find((m) => m.platform?.os === publish_layout/* MULTI_OS */.TX && m.platform.architecture === SKELETON_ARCH);
        if (entry === undefined) {
            const archs = entries.map((m) => m.platform?.architecture).filter((a) => a !== undefined);
            throw new errors/* LadingError */.c3(`package at ${url} exists but has not been published as a skeleton`, {
                hint: `its tag holds ${archs.length > 0 ? `only ${archs.join(', ')}` : 'no architectures'}; ${HOW_TO_PUBLISH}`
            });
        }
        signal?.throwIfAborted();
        fetched = await client.getManifest(ref, entry.digest);
    }
    const parsed = (0,types/* parseManifest */.N)(fetched.bytes, fetched.mediaType, what);
    if (parsed.kind !== 'manifest')
        throw new errors/* LadingError */.c3(`${what}: its skeleton entry is an index, not a package manifest`, { hint: HOW_TO_PUBLISH });
    const layers = parsed.manifest.layers;
    const byTitle = new Map();
    for (const l of layers) {
        const title = l.annotations?.[publish_layout/* ANNOTATION_TITLE */.hg];
        if (title === undefined)
            continue;
        if (!safeTitle(title))
            throw new errors/* LadingError */.c3(`${what} has a layer titled "${title.slice(0, 200)}", which is not a path inside a package`, { hint: 'the skeleton may be malicious; it was not imported' });
        byTitle.set(title, l);
    }
    const zl = byTitle.get(package_checksums/* ZARF_YAML */.ed);
    const cl = byTitle.get(package_checksums/* CHECKSUMS_TXT */.aA);
    if (zl === undefined || cl === undefined)
        throw new errors/* LadingError */.c3(`${what} is not a Zarf package: it has no ${zl === undefined ? package_checksums/* ZARF_YAML */.ed : package_checksums/* CHECKSUMS_TXT */.aA} layer`, { hint: HOW_TO_PUBLISH });
    // 2. zarf.yaml and checksums.txt, each against its layer digest; checksums.txt against the
    //    aggregateChecksum; every other layer's digest against checksums.txt.
    signal?.throwIfAborted();
    const [zarfBytes, checksumsBytes] = await Promise.all([(0,push/* fetchBlobBytes */.z_)(client, ref, zl, skeleton_SMALL), (0,push/* fetchBlobBytes */.z_)(client, ref, cl, skeleton_SMALL)]);
    const zarfYaml = zarfBytes.toString('utf8');
    const docs = parseDocs(zarfYaml, what);
    const aggregate = (0,verify/* aggregateChecksumOf */.Kj)(zarfYaml);
    if (aggregate !== undefined && aggregate !== (0,package_checksums/* sha256Hex */.fg)(checksumsBytes)) {
        throw new errors/* LadingError */.c3(`${what}: ${package_checksums/* CHECKSUMS_TXT */.aA} does not match the aggregateChecksum in ${package_checksums/* ZARF_YAML */.ed}`, { hint: 'the published skeleton is damaged or was altered; publish it again' });
    }
    const checksums = (0,verify/* parseChecksums */.yk)(checksumsBytes.toString('utf8'), `${package_checksums/* CHECKSUMS_TXT */.aA} of ${what}`);
    const problems = (0,verify/* checkLayers */.HJ)(layers.filter((l) => !SIGNATURE_TITLES.has(l.annotations?.[publish_layout/* ANNOTATION_TITLE */.hg] ?? '')), checksums, true);
    if (problems.length > 0) {
        throw new errors/* LadingError */.c3(`${what} does not verify: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, {
            hint: 'the published skeleton is damaged or was altered; publish it again',
            details: problems.map((p) => `- ${p}`).join('\n')
        });
    }
    // 3. What Zarf refuses in a skeleton it imports.
    if (declaresValues(docs)) {
        throw new errors/* LadingError */.c3(`imported skeleton ${url} declares values which are not yet supported`, {
            hint: 'Zarf does not import values from a skeleton: import the package by path, or move its values into the importing zarf.yaml'
        });
    }
    const ociDir = external_node_path_default().join(cacheRoot, 'oci');
    const componentDir = async (name) => {
        const layer = byTitle.get(`components/${name}.tar`);
        if (layer === undefined) {
            // Every resource of the component is remote: Zarf represents it by an empty folder.
            const dir = external_node_path_default().join(ociDir, 'dirs', (0,package_checksums/* sha256Hex */.fg)(url + name));
            await (0,promises_.mkdir)(dir, { recursive: true });
            return dir;
        }
        const dir = external_node_path_default().join(ociDir, 'dirs', (0,digest/* digestHex */.sU)(layer.digest));
        let running = inflight.get(dir);
        if (running === undefined) {
            running = extractComponent(client, ref, layer, ociDir, dir, `components/${name}.tar of ${what}`, signal).finally(() => inflight.delete(dir));
            inflight.set(dir, running);
        }
        try {
            return await running;
        }
        catch (e) {
            throw wrap(e, url);
        }
    };
    const flavor = skeletonFlavor(docs);
    return {
        reference: ref.toString(),
        digest: fetched.digest,
        zarfYaml,
        ...(flavor !== undefined ? { flavor } : {}),
        componentDir
    };
}
async function exists(p) {
    return (0,promises_.stat)(p).then(() => true, () => false);
}
/** Downloads (or finds in the cache) the tar and extracts it to `dir` through a temp folder and a rename. */
async function extractComponent(client, ref, layer, ociDir, dir, what, signal) {
    if (await exists(dir))
        return dir; // renamed into place only once complete
    signal?.throwIfAborted();
    const store = new blobstore/* BlobStore */.l(ociDir);
    await store.init();
    const { fetched } = await client.fetchBlob(ref, layer, store);
    // A blob found in the cache is checked before use (verify removes it when damaged), then fetched again.
    if (!fetched && !(await store.verify(layer.digest, layer.size)))
        await client.fetchBlob(ref, layer, store);
    const parent = external_node_path_default().dirname(dir);
    await (0,promises_.mkdir)(parent, { recursive: true });
    const tmp = external_node_path_default().join(parent, `.tmp-${(0,digest/* digestHex */.sU)(layer.digest).slice(0, 16)}-${process.pid}-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`);
    await (0,promises_.mkdir)(tmp);
    try {
        await extractStripped(store.path(layer.digest), tmp, { digest: layer.digest, what, ...(signal !== undefined ? { signal } : {}) });
    }
    catch (e) {
        await (0,promises_.rm)(tmp, { recursive: true, force: true });
        throw e;
    }
    try {
        await (0,promises_.rename)(tmp, dir);
    }
    catch (e) {
        const code = e.code;
        await (0,promises_.rm)(tmp, { recursive: true, force: true });
        // Another import (or process) extracted the same tar first: its folder has the same content.
        if ((code !== 'EEXIST' && code !== 'ENOTEMPTY') || !(await exists(dir)))
            throw e;
    }
    return dir;
}


/***/ })

};
