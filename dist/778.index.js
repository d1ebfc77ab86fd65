export const id = 778;
export const ids = [778];
export const modules = {

/***/ 3778:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ArchiveSource: () => (/* binding */ ArchiveSource)
});

// UNUSED EXPORTS: ANNOTATION_BASE_NAME, ANNOTATION_CONTAINERD_NAME, ANNOTATION_REF_NAME

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/oci/digest.ts
var oci_digest = __webpack_require__(8825);
// EXTERNAL MODULE: ./src/oci/errors.ts
var errors = __webpack_require__(8630);
// EXTERNAL MODULE: ./src/oci/mediatypes.ts
var mediatypes = __webpack_require__(9572);
// EXTERNAL MODULE: ./src/oci/platform.ts
var platform = __webpack_require__(1890);
// EXTERNAL MODULE: ./src/oci/reference.ts
var reference = __webpack_require__(2148);
// EXTERNAL MODULE: ./src/oci/types.ts + 1 modules
var types = __webpack_require__(740);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
var external_node_zlib_default = /*#__PURE__*/__webpack_require__.n(external_node_zlib_);
// EXTERNAL MODULE: ./node_modules/tar-stream/index.js
var tar_stream = __webpack_require__(6118);
// EXTERNAL MODULE: ./src/zstd-decompress.ts
var zstd_decompress = __webpack_require__(9538);
;// CONCATENATED MODULE: ./src/sources/archive-files.ts









const READ_CHUNK = 1 << 20;
const MAX_LINK_DEPTH = 16;
function unsafeEntry(archive, entry, why) {
    const shown = entry.length > 120 ? `${entry.slice(0, 120)}...` : entry;
    return new errors/* OciError */.Mf(`image archive ${archive} holds an entry with an unsafe path "${shown}" (${why})`, {
        hint: 'the archive is malformed or malicious; create it again with docker save, skopeo copy or the tool that built it',
        code: 'ARCHIVE_UNSAFE_PATH'
    });
}
/**
 * Normalizes an archive entry name: strips `./` and empty segments. Returns undefined for a name that
 * would leave the archive root (absolute, or with a `..` segment).
 */
function normalizeEntryName(raw) {
    if (raw.startsWith('/') || raw.includes('\0'))
        return undefined;
    const parts = [];
    for (const seg of raw.split('/')) {
        if (seg === '' || seg === '.')
            continue;
        if (seg === '..')
            return undefined;
        parts.push(seg);
    }
    return parts.join('/');
}
/** An OCI layout (or an extracted `docker save`) on disk. */
class DirectoryFiles {
    kind = 'directory';
    root;
    constructor(root) {
        this.root = root;
    }
    resolve(name) {
        const n = normalizeEntryName(name);
        if (n === undefined || n === '')
            throw unsafeEntry(this.root, name, 'it leaves the directory');
        return external_node_path_default().join(this.root, ...n.split('/'));
    }
    async size(name) {
        try {
            const s = await (0,promises_.stat)(this.resolve(name));
            return s.isFile() ? s.size : undefined;
        }
        catch (e) {
            if (e instanceof errors/* OciError */.Mf)
                throw e;
            return undefined;
        }
    }
    async stream(name, start = 0, length) {
        if (length === 0)
            return external_node_stream_.Readable.from([]);
        const p = this.resolve(name);
        return (0,external_node_fs_.createReadStream)(p, { start, ...(length !== undefined ? { end: start + length - 1 } : {}), highWaterMark: READ_CHUNK });
    }
    async close() {
        // Nothing was extracted.
    }
}
function sniffCompression(head) {
    if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b)
        return 'gzip';
    if ((0,zstd_decompress/* startsZstd */.$)(head))
        return 'zstd';
    if (head.length >= 6 && head[0] === 0xfd && head[1] === 0x37 && head[2] === 0x7a && head[3] === 0x58 && head[4] === 0x5a && head[5] === 0x00)
        return 'xz';
    if (head.length >= 3 && head[0] === 0x42 && head[1] === 0x5a && head[2] === 0x68)
        return 'bzip2';
    return 'none';
}
async function readHead(file, n) {
    const fh = await (0,promises_.open)(file, 'r');
    try {
        const buf = Buffer.alloc(n);
        const { bytesRead } = await fh.read(buf, 0, n, 0);
        return buf.subarray(0, bytesRead);
    }
    finally {
        await fh.close();
    }
}
/**
 * A tar read in one sequential pass (tar-stream) that records where each file's bytes lie; blobs are
 * then served as byte ranges of the tar, so no layer is ever held in memory. A compressed tar is first
 * decompressed once into the scratch folder.
 */
class TarFiles {
    kind = 'tar';
    /** The plain tar the offsets refer to (the archive itself, or its decompressed copy). */
    tarPath;
    entries;
    prefix;
    scratch;
    constructor(tarPath, entries, prefix, scratch) {
        this.tarPath = tarPath;
        this.entries = entries;
        this.prefix = prefix;
        this.scratch = scratch;
    }
    /**
     * Indexes `file` (`display` is the name used in messages). A tar holding a single top folder whose
     * content is the layout (`tar cf x.tar mylayout/`) is read from inside that folder.
     */
    static async open(file, display, workDir) {
        const compression = sniffCompression(await readHead(file, 6));
        let tarPath = file;
        let scratch;
        if (compression === 'xz' || compression === 'bzip2') {
            throw new errors/* OciError */.Mf(`image archive ${display} is ${compression}-compressed, which is not supported`, {
                hint: `decompress it first (${compression === 'xz' ? 'xz -d' : 'bunzip2'}), or save it as a plain or gzip-compressed tar`,
                code: 'ARCHIVE_UNSUPPORTED'
            });
        }
        if (compression !== 'none') {
            await (0,promises_.mkdir)(workDir, { recursive: true });
            scratch = await (0,promises_.mkdtemp)(external_node_path_default().join(workDir, 'archive-'));
            tarPath = external_node_path_default().join(scratch, 'archive.tar');
            try {
                const decompress = compression === 'gzip' ? external_node_zlib_default().createGunzip() : (0,zstd_decompress/* zstdDecompressFrames */.z)();
                await (0,external_node_stream_promises_.pipeline)((0,external_node_fs_.createReadStream)(file, { highWaterMark: READ_CHUNK }), decompress, (0,external_node_fs_.createWriteStream)(tarPath));
            }
            catch (e) {
                await (0,promises_.rm)(scratch, { recursive: true, force: true });
                throw new errors/* OciError */.Mf(`image archive ${display} looks ${compression}-compressed but could not be decompressed: ${e.message}`, {
                    hint: 'the file is truncated or corrupt; create it again',
                    code: 'ARCHIVE_INVALID',
                    cause: e
                });
            }
        }
        try {
            const entries = await indexTar(tarPath, display);
            return new TarFiles(tarPath, entries, topFolder(entries), scratch);
        }
        catch (e) {
            if (scratch !== undefined)
                await (0,promises_.rm)(scratch, { recursive: true, force: true });
            throw e;
        }
    }
    /** Follows links inside the archive to the regular file that holds the bytes. */
    lookup(name) {
        const n = normalizeEntryName(name);
        if (n === undefined)
            return undefined;
        let key = this.prefix === '' ? n : `${this.prefix}/${n}`;
        for (let depth = 0; depth < MAX_LINK_DEPTH; depth++) {
            const e = this.entries.get(key);
            if (e === undefined)
                return undefined;
            if (e.type === 'file')
                return e;
            key = e.target ?? '';
        }
        return undefined;
    }
    async size(name) {
        return this.lookup(name)?.size;
    }
    async stream(name, start = 0, length) {
        const e = this.lookup(name);
        if (e === undefined)
            throw new errors/* OciError */.Mf(`${name} is not in the archive`, { code: 'ARCHIVE_MISSING_ENTRY' });
        const len = Math.max(0, Math.min(length ?? e.size - start, e.size - start));
        if (len === 0)
            return external_node_stream_.Readable.from([]);
        return (0,external_node_fs_.createReadStream)(this.tarPath, { start: e.offset + start, end: e.offset + start + len - 1, highWaterMark: READ_CHUNK });
    }
    async close() {
        if (this.scratch !== undefined)
            await (0,promises_.rm)(this.scratch, { recursive: true, force: true });
    }
}
/** The one folder every entry lives in, when the layout files are not at the root; '' otherwise. */
function topFolder(entries) {
    if (entries.has('index.json') || entries.has('manifest.json'))
        return '';
    let top;
    for (const name of entries.keys()) {
        const slash = name.indexOf('/');
        if (slash < 0)
            return '';
        const first = name.slice(0, slash);
        if (top === undefined)
            top = first;
        else if (top !== first)
            return '';
    }
    if (top === undefined)
        return '';
    return entries.has(`${top}/index.json`) || entries.has(`${top}/manifest.json`) ? top : '';
}
async function indexTar(tarPath, display) {
    const { size: fileSize } = await (0,promises_.stat)(tarPath);
    const entries = new Map();
    const extract = tar_stream.extract();
    extract.on('entry', (header, stream, next) => {
        let failure;
        try {
            // tar-stream sets byteOffset: where the entry's data starts in the tar (after any pax header).
            record(header);
        }
        catch (e) {
            failure = e;
        }
        stream.on('end', () => next(failure));
        stream.resume();
    });
    function record(h) {
        const raw = h.name;
        const name = normalizeEntryName(raw);
        if (name === undefined)
            throw unsafeEntry(display, raw, raw.startsWith('/') ? 'absolute path' : 'it leaves the archive root');
        const type = h.type ?? 'file';
        if (type === 'file' || type === 'contiguous-file') {
            const size = h.size ?? 0;
            const offset = h.byteOffset;
            if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset % 512 !== 0 || offset + size > fileSize) {
                throw new errors/* OciError */.Mf(`cannot locate the data of ${raw} in image archive ${display}`, {
                    hint: 'the tar is truncated or uses an unsupported format; create it again',
                    code: 'ARCHIVE_INVALID'
                });
            }
            if (name !== '')
                entries.set(name, { type: 'file', offset, size });
            return;
        }
        if (type === 'link' || type === 'symlink') {
            const link = h.linkname ?? '';
            // Hard links name their target from the archive root; symlinks relative to their own folder.
            let target;
            if (type === 'link')
                target = normalizeEntryName(link);
            else if (!link.startsWith('/'))
                target = normalizeEntryName(external_node_path_default().posix.join(external_node_path_default().posix.dirname(name), link));
            if (target === undefined || target === '')
                throw unsafeEntry(display, `${raw} -> ${link}`, 'its link target leaves the archive root');
            entries.set(name, { type: type === 'link' ? 'hardlink' : 'symlink', offset: 0, size: 0, target });
            return;
        }
        // Folders, devices, fifos: nothing to serve (their names were still checked above).
    }
    try {
        await (0,external_node_stream_promises_.pipeline)((0,external_node_fs_.createReadStream)(tarPath, { highWaterMark: READ_CHUNK }), extract);
    }
    catch (e) {
        if (e instanceof errors/* OciError */.Mf)
            throw e;
        throw new errors/* OciError */.Mf(`image archive ${display} is not a readable tar: ${e.message}`, {
            hint: 'give an OCI layout folder, or a tar (plain or gzip) made by docker save, skopeo copy ... oci-archive: or docker-archive:',
            code: 'ARCHIVE_INVALID',
            cause: e
        });
    }
    return entries;
}
/** Reads a whole (small) file of the archive, refusing anything larger than `max` bytes. */
async function readSmall(files, name, max, what) {
    const size = await files.size(name);
    if (size === undefined)
        return undefined;
    if (size > max) {
        throw new errors/* OciError */.Mf(`${what} is ${size} bytes, more than the ${max} allowed`, { hint: 'the archive is malformed', code: 'ARCHIVE_INVALID' });
    }
    const chunks = [];
    for await (const c of await files.stream(name))
        chunks.push(c);
    return Buffer.concat(chunks);
}

;// CONCATENATED MODULE: ./src/sources/archive-docker.ts




/** Configs of real images are a few KB; this is a sanity cap for reading them into memory. */
const MAX_CONFIG = 16 << 20;
const MAX_MANIFEST_JSON = 16 << 20;
function malformed(archive, why) {
    return new errors/* OciError */.Mf(`image archive ${archive}: manifest.json ${why}`, {
        hint: 'the docker save archive is malformed; save the image again (docker save -o image.tar <image>)',
        code: 'ARCHIVE_INVALID'
    });
}
function parseManifestJson(bytes, archive) {
    let json;
    try {
        json = JSON.parse(bytes.toString('utf8'));
    }
    catch {
        throw malformed(archive, 'is not valid JSON');
    }
    if (!Array.isArray(json))
        throw malformed(archive, 'is not a JSON array');
    return json.map((raw, i) => {
        const item = (typeof raw === 'object' && raw !== null ? raw : {});
        const { Config, RepoTags, Layers } = item;
        if (typeof Config !== 'string')
            throw malformed(archive, `entry ${i} has no Config`);
        if (!Array.isArray(Layers) || !Layers.every((l) => typeof l === 'string'))
            throw malformed(archive, `entry ${i} has no Layers list`);
        const tags = Array.isArray(RepoTags) ? RepoTags.filter((t) => typeof t === 'string') : [];
        return { Config, RepoTags: tags, Layers: Layers };
    });
}
function safeName(archive, raw) {
    const n = normalizeEntryName(raw);
    if (n === undefined || n === '') {
        throw new errors/* OciError */.Mf(`image archive ${archive}: manifest.json names an unsafe path "${raw.slice(0, 120)}"`, {
            hint: 'the archive is malformed or malicious; save the image again',
            code: 'ARCHIVE_UNSAFE_PATH'
        });
    }
    return n;
}
async function hashEntry(files, name) {
    const h = new oci_digest/* Digester */.Y8('sha256');
    for await (const chunk of await files.stream(name))
        h.update(chunk);
    return h.digest();
}
async function head(files, name) {
    const chunks = [];
    for await (const c of await files.stream(name, 0, 6))
        chunks.push(c);
    return Buffer.concat(chunks);
}
const LAYER_MEDIA_TYPE = { none: mediatypes/* MediaType */.zu.OciLayer, gzip: mediatypes/* MediaType */.zu.OciLayerGzip, zstd: mediatypes/* MediaType */.zu.OciLayerZstd };
/**
 * Reads a classic `docker save` archive (manifest.json with Config, RepoTags, Layers) and synthesizes
 * one OCI image manifest per image. Layers keep their exact bytes: an uncompressed layer gets the
 * media type `application/vnd.oci.image.layer.v1.tar`, and its digest is the config's diff_id (which
 * is the sha256 of the uncompressed layer); it is verified when the layer is copied. A layer with no
 * matching diff_id, or a compressed one not named by its digest, is hashed here. The config digest is
 * the sha256 of the config file's bytes, never the image ID.
 */
async function readDockerSave(files, archive) {
    const bytes = await readSmall(files, 'manifest.json', MAX_MANIFEST_JSON, `image archive ${archive}: manifest.json`);
    if (bytes === undefined)
        throw malformed(archive, 'is missing');
    const items = parseManifestJson(bytes, archive);
    const images = [];
    for (const item of items) {
        const blobs = new Map();
        const configName = safeName(archive, item.Config);
        const config = await readSmall(files, configName, MAX_CONFIG, `image archive ${archive}: config ${configName}`);
        if (config === undefined)
            throw malformed(archive, `names the config ${configName}, which is not in the archive`);
        const configDigest = (0,oci_digest/* sha256 */.sc)(config);
        blobs.set(configDigest, configName);
        const cfg = parseConfig(config);
        const layers = [];
        for (const [i, raw] of item.Layers.entries()) {
            const name = safeName(archive, raw);
            const size = await files.size(name);
            if (size === undefined)
                throw malformed(archive, `names the layer ${name}, which is not in the archive`);
            const compression = sniffCompression(await head(files, name));
            if (compression !== 'none' && compression !== 'gzip' && compression !== 'zstd') {
                throw new errors/* OciError */.Mf(`image archive ${archive}: layer ${name} is ${compression}-compressed, which OCI layers cannot be`, {
                    hint: 'save the image again with docker save',
                    code: 'ARCHIVE_UNSUPPORTED'
                });
            }
            let digest;
            const diffId = cfg.diffIds.length === item.Layers.length ? cfg.diffIds[i] : undefined;
            if (compression === 'none' && diffId !== undefined && (0,oci_digest/* isDigest */.Bc)(diffId))
                digest = diffId;
            const named = /^blobs\/(sha256)\/([0-9a-f]{64})$/.exec(name);
            if (digest === undefined && named !== null)
                digest = `sha256:${named[2]}`;
            digest ??= await hashEntry(files, name);
            blobs.set(digest, name);
            layers.push({ mediaType: LAYER_MEDIA_TYPE[compression], digest, size });
        }
        // Key order is fixed, so the same archive always yields the same bytes and digest.
        const manifest = Buffer.from(JSON.stringify({
            schemaVersion: 2,
            mediaType: mediatypes/* MediaType */.zu.OciManifest,
            config: { mediaType: mediatypes/* MediaType */.zu.OciConfig, digest: configDigest, size: config.length },
            layers: layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size }))
        }), 'utf8');
        const descriptor = { mediaType: mediatypes/* MediaType */.zu.OciManifest, digest: (0,oci_digest/* sha256 */.sc)(manifest), size: manifest.length };
        if (cfg.platform !== undefined)
            descriptor.platform = cfg.platform;
        images.push({ repoTags: item.RepoTags, manifest, descriptor, blobs });
    }
    return images;
}
function parseConfig(bytes) {
    let json;
    try {
        json = JSON.parse(bytes.toString('utf8'));
    }
    catch {
        return { diffIds: [], platform: undefined };
    }
    const c = (typeof json === 'object' && json !== null ? json : {});
    const rootfs = (typeof c.rootfs === 'object' && c.rootfs !== null ? c.rootfs : {});
    const diffIds = Array.isArray(rootfs.diff_ids) ? rootfs.diff_ids.filter((d) => typeof d === 'string') : [];
    let platform;
    if (typeof c.os === 'string' && typeof c.architecture === 'string' && c.os !== '' && c.architecture !== '') {
        platform = { os: c.os, architecture: c.architecture };
        if (typeof c.variant === 'string' && c.variant !== '')
            platform.variant = c.variant;
        if (typeof c['os.version'] === 'string' && c['os.version'] !== '')
            platform['os.version'] = c['os.version'];
    }
    return { diffIds, platform };
}

;// CONCATENATED MODULE: ./src/sources/archive.ts









/** Manifests and indexes are small; anything larger is not one (the registry rule, REGISTRY.md). */
const MAX_MANIFEST = 4 << 20;
const MAX_INDEX_JSON = 16 << 20;
const ANNOTATION_REF_NAME = 'org.opencontainers.image.ref.name';
const ANNOTATION_CONTAINERD_NAME = 'io.containerd.image.name';
const ANNOTATION_BASE_NAME = 'org.opencontainers.image.base.name';
/**
 * Images from an archive on disk: an OCI image layout directory, a tar of one (`skopeo copy ...
 * oci-archive:`, `docker save` from Docker 25 on), or a classic `docker save` / `docker-archive:` tar;
 * gzip or zstd compressed tars are decompressed once into the scratch folder.
 *
 * Nothing in the archive is trusted: every manifest and blob is hashed against the digest it is
 * stored under (or, for a classic docker save, the digest synthesized for it) before use.
 */
class ArchiveSource {
    /** The archive path as given. */
    name;
    format;
    files;
    roots;
    /** Manifests synthesized here (classic docker save, several index.json entries of one name). */
    synthesized;
    /** Blobs whose archive path is not `blobs/<alg>/<hex>` (classic docker save). */
    paths;
    /** Media types announced by index.json descriptors, for manifests with no mediaType field. */
    knownTypes;
    constructor(name, format, files, roots, synthesized, paths) {
        this.name = name;
        this.format = format;
        this.files = files;
        this.roots = roots;
        this.synthesized = synthesized;
        this.paths = paths;
        this.knownTypes = new Map(roots.map((r) => [r.descriptor.digest, r.descriptor.mediaType]));
    }
    /**
     * Opens and indexes an archive. `workDir` is a scratch folder: only a compressed tar is
     * decompressed there (into a folder of its own, removed by {@link close}).
     */
    static async open(archivePath, workDir) {
        let isDir;
        try {
            const s = await (0,promises_.stat)(archivePath);
            if (!s.isDirectory() && !s.isFile())
                throw new Error('not a regular file');
            isDir = s.isDirectory();
        }
        catch (e) {
            throw new errors/* OciError */.Mf(`image archive ${archivePath} not found`, {
                hint: 'check the path; it must name an OCI layout folder or a tar from docker save, skopeo copy ... oci-archive: or docker-archive:',
                code: 'ARCHIVE_NOT_FOUND',
                cause: e
            });
        }
        const files = isDir ? new DirectoryFiles(archivePath) : await TarFiles.open(archivePath, archivePath, workDir);
        try {
            return await ArchiveSource.load(archivePath, files);
        }
        catch (e) {
            await files.close();
            throw e;
        }
    }
    static async load(name, files) {
        const synthesized = new Map();
        const paths = new Map();
        // Docker 25+ writes both index.json and manifest.json: the OCI index is the exact content.
        const indexJson = await readSmall(files, 'index.json', MAX_INDEX_JSON, `image archive ${name}: index.json`);
        if (indexJson !== undefined) {
            let entries;
            try {
                const parsed = (0,types/* parseManifest */.N)(indexJson, mediatypes/* MediaType */.zu.OciIndex, `image archive ${name}: index.json`);
                if (parsed.kind !== 'index')
                    throw new errors/* OciError */.Mf(`image archive ${name}: index.json is not an image index`, { code: 'BAD_MANIFEST' });
                entries = parsed.index.manifests;
            }
            catch (e) {
                if (!(e instanceof errors/* OciError */.Mf))
                    throw e;
                throw new errors/* OciError */.Mf(e.message, { hint: 'the OCI layout is malformed; create the archive again', code: 'ARCHIVE_INVALID', cause: e });
            }
            const roots = entries.map(fromIndexEntry);
            return new ArchiveSource(name, 'oci-layout', files, mergeSameName(roots, synthesized), synthesized, paths);
        }
        if ((await files.size('manifest.json')) !== undefined) {
            const images = await readDockerSave(files, name);
            const roots = [];
            for (const img of images) {
                synthesized.set(img.descriptor.digest, { bytes: img.manifest, mediaType: mediatypes/* MediaType */.zu.OciManifest });
                for (const [d, p] of img.blobs)
                    paths.set(d, p);
                const root = { names: [], tags: [], raw: [], descriptor: img.descriptor };
                for (const t of img.repoTags)
                    addName(root, t, true);
                roots.push(root);
            }
            return new ArchiveSource(name, 'docker-save', files, mergeSameName(roots, synthesized), synthesized, paths);
        }
        throw new errors/* OciError */.Mf(`image archive ${name} holds neither index.json (an OCI layout) nor manifest.json (docker save)`, {
            hint: 'give an OCI layout folder, or a tar made by docker save, skopeo copy ... oci-archive: or docker-archive:',
            code: 'ARCHIVE_INVALID'
        });
    }
    /** The references the archive names, normalized, with their root descriptors. */
    images() {
        const out = [];
        const seen = new Set();
        for (const r of this.roots) {
            for (const n of r.names) {
                if (seen.has(n))
                    continue;
                seen.add(n);
                out.push({ name: n, descriptor: r.descriptor });
            }
        }
        return out;
    }
    async getManifest(ref, selector) {
        if ((0,oci_digest/* isDigest */.Bc)(selector))
            return this.manifestByDigest(ref, selector);
        const wanted = ref.withTag(selector).toString();
        const byName = this.roots.filter((r) => r.names.includes(wanted));
        // A bare ref.name identifies an image only when the archive gives it no full name: it is either
        // the tag (the OCI meaning, Docker's usage) or a short reference (`skopeo ... oci-archive:x.tar:nginx`).
        const matches = byName.length > 0
            ? byName
            : this.roots.filter((r) => r.merged !== true && r.names.length === 0 && r.tags.some((t) => t === selector || normalizeName(t) === wanted));
        const digests = new Set(matches.map((m) => m.descriptor.digest));
        if (digests.size === 0) {
            throw new errors/* OciError */.Mf(`image ${wanted} is not in image archive ${this.name}; it holds ${this.describeContents()}`, {
                hint: 'name an image exactly as the archive does (registry/repository:tag), or pin an unnamed one by digest (name@sha256:...)',
                code: 'IMAGE_NOT_IN_ARCHIVE'
            });
        }
        if (digests.size > 1) {
            throw new errors/* OciError */.Mf(`image ${wanted} matches ${digests.size} different images in image archive ${this.name} (${[...digests].join(', ')})`, {
                hint: 'pin the one you want by digest (name@sha256:...)',
                code: 'AMBIGUOUS_IMAGE'
            });
        }
        const desc = matches[0].descriptor;
        return this.readManifest(desc.digest, desc.size, wanted);
    }
    async fetchBlob(ref, desc, store, onProgress, signal) {
        signal?.throwIfAborted();
        const digest = (0,oci_digest/* parseDigest */.m)(desc.digest, `blob digest of ${ref.toString()}`);
        if (await store.has(digest, desc.size))
            return { fetched: false, bytes: 0 };
        const synth = this.synthesized.get(digest);
        if (synth !== undefined) {
            if (synth.bytes.length !== desc.size)
                throw this.sizeMismatch(digest, 'synthesized manifest', synth.bytes.length, desc.size);
            await store.writeBytes(synth.bytes, digest);
            onProgress?.(synth.bytes.length);
            return { fetched: true, bytes: synth.bytes.length };
        }
        const entry = this.blobPath(digest);
        const size = await this.files.size(entry);
        if (size === undefined) {
            throw new errors/* OciError */.Mf(`blob ${digest} of ${ref.toString()} is not in image archive ${this.name}`, {
                hint: 'the archive is incomplete (for example saved for one platform only, or with foreign layers); save it again with all the content',
                code: 'BLOB_NOT_IN_ARCHIVE'
            });
        }
        if (size !== desc.size)
            throw this.sizeMismatch(digest, entry, size, desc.size);
        try {
            const { fetched } = await store.ingest({ digest, size: desc.size }, async (w) => {
                for await (const chunk of await this.files.stream(entry, w.written)) {
                    signal?.throwIfAborted();
                    await w.write(chunk);
                    onProgress?.(chunk.length);
                }
            });
            return { fetched, bytes: fetched ? size : 0 };
        }
        catch (e) {
            if (e instanceof errors/* OciError */.Mf && (e.code === 'DIGEST_MISMATCH' || e.code === 'SIZE_MISMATCH')) {
                throw new errors/* OciError */.Mf(`blob ${entry} in image archive ${this.name} does not match its digest ${digest}`, {
                    hint: 'the archive is corrupt or was altered after it was made; create it again (nothing was stored)',
                    code: 'DIGEST_MISMATCH',
                    cause: e
                });
            }
            throw e;
        }
    }
    /** Removes anything extracted into the scratch folder. */
    async close() {
        await this.files.close();
    }
    blobPath(digest) {
        return this.paths.get(digest) ?? `blobs/${(0,oci_digest/* digestAlgorithm */.g4)(digest)}/${(0,oci_digest/* digestHex */.sU)(digest)}`;
    }
    sizeMismatch(digest, entry, have, declared) {
        return new errors/* OciError */.Mf(`blob ${entry} in image archive ${this.name} is ${have} bytes, but its descriptor (${digest}) declares ${declared}`, {
            hint: 'the archive is corrupt or was altered after it was made; create it again',
            code: 'SIZE_MISMATCH'
        });
    }
    async manifestByDigest(ref, selector) {
        const digest = (0,oci_digest/* parseDigest */.m)(selector);
        const known = this.synthesized.has(digest) || (await this.files.size(this.blobPath(digest))) !== undefined;
        if (!known) {
            throw new errors/* OciError */.Mf(`manifest ${digest} of ${ref.name} is not in image archive ${this.name}; it holds ${this.describeContents()}`, {
                hint: 'an archive may hold only some platforms of a multi-platform image (docker save keeps those present locally); save it again with the platforms you need',
                code: 'IMAGE_NOT_IN_ARCHIVE'
            });
        }
        return this.readManifest(digest, undefined, `${ref.name}@${digest}`);
    }
    async readManifest(digest, size, what) {
        let bytes;
        let mediaTypeHint;
        const synth = this.synthesized.get(digest);
        if (synth !== undefined) {
            bytes = synth.bytes;
            mediaTypeHint = synth.mediaType;
        }
        else {
            const entry = this.blobPath(digest);
            const read = await readSmall(this.files, entry, MAX_MANIFEST, `manifest ${digest} in image archive ${this.name}`);
            if (read === undefined) {
                throw new errors/* OciError */.Mf(`manifest ${digest} of ${what} is not in image archive ${this.name}`, {
                    hint: 'the archive is incomplete; create it again',
                    code: 'BLOB_NOT_IN_ARCHIVE'
                });
            }
            bytes = read;
            const h = new oci_digest/* Digester */.Y8((0,oci_digest/* digestAlgorithm */.g4)(digest));
            h.update(bytes);
            const got = h.digest();
            if (got !== digest) {
                throw new errors/* OciError */.Mf(`blob ${entry} in image archive ${this.name} does not match its digest (it hashes to ${got})`, {
                    hint: 'the archive is corrupt or was altered after it was made; create it again',
                    code: 'DIGEST_MISMATCH'
                });
            }
            mediaTypeHint = this.knownTypes.get(digest);
        }
        if (size !== undefined && bytes.length !== size)
            throw this.sizeMismatch(digest, this.blobPath(digest), bytes.length, size);
        const parsed = (0,types/* parseManifest */.N)(bytes, mediaTypeHint, `${what} in image archive ${this.name}`);
        return { bytes, mediaType: parsed.mediaType, digest };
    }
    /** A one-line list of what the archive holds, for error messages. */
    describeContents() {
        const items = [];
        for (const r of this.roots) {
            if (r.merged === true)
                continue;
            if (r.names.length > 0)
                items.push(...r.names);
            else if (r.tags.length > 0)
                items.push(...r.tags.map((t) => `ref.name "${t}" (no repository)`));
            else if (r.raw.length > 0)
                items.push(...r.raw.map((t) => `"${t}" (not a valid reference)`));
            else
                items.push(`an unnamed ${(0,platform/* formatPlatform */.Bq)(r.descriptor.platform) === 'unknown' ? 'image' : `${(0,platform/* formatPlatform */.Bq)(r.descriptor.platform)} image`} ${r.descriptor.digest}`);
        }
        const unique = [...new Set(items)];
        if (unique.length === 0)
            return 'no images';
        const shown = unique.slice(0, 12).join(', ');
        return unique.length > 12 ? `${shown} and ${unique.length - 12} more` : shown;
    }
}
/** Normalized text of a reference: `registry/repo:tag`, or `registry/repo@digest` when untagged. */
function normalizeName(text) {
    try {
        const r = reference/* Reference */.Or.parse(text);
        return r.tag !== undefined ? r.withTag(r.tag).toString() : r.toString();
    }
    catch {
        return undefined;
    }
}
/**
 * Adds a name annotation's value. OCI's ref.name is often only a tag (`1.25`, as Docker writes it);
 * tools such as skopeo write a full reference. A value with no `/`, `:` or `@` is kept as a tag, and
 * also as a reference when `full` (a docker RepoTag is always a reference).
 */
function addName(root, value, full) {
    const bare = !/[/:@]/.test(value);
    if (bare && !full) {
        root.tags.push(value);
        return;
    }
    const n = normalizeName(value);
    if (n !== undefined)
        root.names.push(n);
    else
        root.raw.push(value);
}
function fromIndexEntry(desc) {
    const root = { names: [], tags: [], raw: [], descriptor: desc };
    const a = desc.annotations ?? {};
    const containerd = a[ANNOTATION_CONTAINERD_NAME];
    const refName = a[ANNOTATION_REF_NAME];
    if (containerd !== undefined && containerd !== '')
        addName(root, containerd, true);
    if (refName !== undefined && refName !== '')
        addName(root, refName, false);
    const base = a[ANNOTATION_BASE_NAME];
    if (root.names.length === 0 && root.tags.length === 0 && base !== undefined && base !== '')
        addName(root, base, true);
    root.names = [...new Set(root.names)];
    return root;
}
/**
 * Several roots with one name but different digests (an OCI layout listing each platform's manifest
 * under the same ref.name) become one synthesized index of those manifests, when every one of them
 * states its platform; otherwise they stay apart and asking for that name is reported as ambiguous.
 */
function mergeSameName(roots, synthesized) {
    const byName = new Map();
    for (const r of roots) {
        for (const n of r.names) {
            const list = byName.get(n) ?? [];
            if (!list.some((x) => x.descriptor.digest === r.descriptor.digest))
                list.push(r);
            byName.set(n, list);
        }
    }
    const out = roots.map((r) => ({ ...r, names: [...r.names] }));
    for (const [name, list] of byName) {
        if (list.length < 2)
            continue;
        if (!list.every((r) => r.descriptor.platform !== undefined && r.descriptor.mediaType !== mediatypes/* MediaType */.zu.OciIndex && r.descriptor.mediaType !== mediatypes/* MediaType */.zu.DockerManifestList))
            continue;
        const children = [...list]
            .map((r) => r.descriptor)
            .sort((x, y) => (0,platform/* formatPlatform */.Bq)(x.platform).localeCompare((0,platform/* formatPlatform */.Bq)(y.platform)) || x.digest.localeCompare(y.digest))
            .map((d) => ({ mediaType: d.mediaType, digest: d.digest, size: d.size, platform: d.platform }));
        const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: mediatypes/* MediaType */.zu.OciIndex, manifests: children }), 'utf8');
        const digest = (0,oci_digest/* sha256 */.sc)(bytes);
        synthesized.set(digest, { bytes, mediaType: mediatypes/* MediaType */.zu.OciIndex });
        for (const r of out) {
            if (!list.some((x) => x.descriptor.digest === r.descriptor.digest))
                continue;
            r.names = r.names.filter((n) => n !== name);
            if (r.names.length === 0)
                r.merged = true;
        }
        out.push({ names: [name], tags: [], raw: [], descriptor: { mediaType: mediatypes/* MediaType */.zu.OciIndex, digest, size: bytes.length } });
    }
    return out;
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
