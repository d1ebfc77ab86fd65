export const id = 730;
export const ids = [730];
export const modules = {

/***/ 7730:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   fileTask: () => (/* binding */ fileTask),
/* harmony export */   leftoverFolders: () => (/* binding */ leftoverFolders)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _sources_http_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9496);
/* harmony import */ var _sources_url_checksum_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(899);
/* harmony import */ var _checks_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9996);
/* harmony import */ var _sources_extract_entry_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7434);
/* harmony import */ var _content_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(1040);
/* harmony import */ var _folder_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(8137);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(1737);
/* harmony import */ var _zarf_modes_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(8906);
/* harmony import */ var _checksums_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(1652);
/**
 * A component's `files`: a URL (downloaded; through the blob cache when a shasum or the URL's
 * trailing `@<sha256>` names it), a
 * local file or folder, or one entry of an archive (`extractPath`), packaged as
 * `files/<i>/<base name of target>` (Zarf's layout), its shasum checked, with the mode Zarf gives it
 * (0600, 0700 executable; a folder 0700, its content keeping its own modes: zarf-modes.ts). A folder
 * is copied as Zarf copies it (folder.ts: links kept as links).
 */












async function fileTask(c, f, p, j) {
    const { def, where, download, contentAddressed, local, display } = c;
    const name = `files/${j}/${(0,_checks_js__WEBPACK_IMPORTED_MODULE_5__/* .targetBaseName */ .EA)(f.target)}`;
    const exec = f.executable === true;
    // Zarf chmods what it put at files/<i>/<target>: 0700 executable (or a folder), else 0600.
    const mode = exec ? _zarf_modes_js__WEBPACK_IMPORTED_MODULE_11__/* .ZARF_EXECUTABLE_MODE */ .J : _zarf_modes_js__WEBPACK_IMPORTED_MODULE_11__/* .ZARF_FILE_MODE */ .re;
    const expected = f.shasum?.toLowerCase();
    const sp = [...p, 'source'];
    const mismatch = (got) => new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .LadingError */ .c3(`${where(sp)} "${(0,_paths_js__WEBPACK_IMPORTED_MODULE_9__/* .shorten */ .ml)((0,_paths_js__WEBPACK_IMPORTED_MODULE_9__/* .isUrl */ .gU)(f.source) ? (0,_sources_http_js__WEBPACK_IMPORTED_MODULE_3__/* .displayUrl */ .Qy)(f.source) : f.source)}" does not match its shasum: expected ${expected}, got ${got}`, {
        hint: 'the file changed, or the shasum is wrong: check where it comes from before updating the shasum',
        position: def.positionOf(expected !== undefined ? [...p, 'shasum'] : sp)
    });
    if (f.extractPath !== undefined && f.extractPath !== '')
        return extractTask(c, f, p, name, mode, expected, mismatch);
    if ((0,_paths_js__WEBPACK_IMPORTED_MODULE_9__/* .isUrl */ .gU)(f.source)) {
        // A trailing `@<sha256>` is checked by download() and names the bytes as a shasum does.
        const { url, checksum } = (0,_sources_url_checksum_js__WEBPACK_IMPORTED_MODULE_4__/* .splitUrlChecksum */ .v)(f.source);
        if (expected !== undefined && checksum !== undefined && checksum !== expected) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .LadingError */ .c3(`${where(sp)} "${(0,_paths_js__WEBPACK_IMPORTED_MODULE_9__/* .shorten */ .ml)((0,_sources_http_js__WEBPACK_IMPORTED_MODULE_3__/* .displayUrl */ .Qy)(f.source))}" ends in another sha256 than its shasum: ${checksum} and ${expected}`, { hint: 'both name the downloaded file: keep one, or make them the same', position: def.positionOf(sp) });
        }
        const fetch = async () => {
            const d = await download(f.source, (0,_checks_js__WEBPACK_IMPORTED_MODULE_5__/* .targetBaseName */ .EA)(f.target), _content_js__WEBPACK_IMPORTED_MODULE_7__/* .MAX_FILE_DOWNLOAD */ .FK);
            if (expected !== undefined && d.sha256 !== expected)
                throw mismatch(d.sha256);
            return d;
        };
        const verified = expected !== undefined ? 'shasum verified' : checksum !== undefined ? 'sha256 after "@" verified' : undefined;
        const item = { kind: 'file', path: name, source: (0,_sources_http_js__WEBPACK_IMPORTED_MODULE_3__/* .displayUrl */ .Qy)(url), size: 0, ...(verified !== undefined ? { verified } : {}) };
        const address = expected ?? checksum;
        if (address === undefined || !_content_js__WEBPACK_IMPORTED_MODULE_7__/* .SHA256_HEX */ .Y5.test(address)) {
            // No sha256 known before downloading: the file is only known once downloaded, so it is not cached.
            const d = await fetch();
            return { entries: [{ path: name, type: 'file', source: d.file, size: d.size, mode, verifyDigest: `sha256:${d.sha256}` }], items: [{ ...item, size: d.size }] };
        }
        const c = await contentAddressed(address, url, _content_js__WEBPACK_IMPORTED_MODULE_7__/* .MAX_FILE_DOWNLOAD */ .FK, `file ${(0,_sources_http_js__WEBPACK_IMPORTED_MODULE_3__/* .displayUrl */ .Qy)(url)}`, fetch);
        return {
            entries: [{ path: name, type: 'file', source: c.file, size: c.size, mode, verifyDigest: c.blob.digest }],
            items: [{ ...item, size: c.size }],
            blobs: [c.blob]
        };
    }
    const r = await local(f.source, sp, 'the file');
    const shown = display(node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(def.dir, f.source));
    if (!r.isDir) {
        let verifyDigest;
        if (expected !== undefined) {
            const got = (await (0,_checksums_js__WEBPACK_IMPORTED_MODULE_10__/* .sha256File */ .Q3)(r.real)).sha256;
            if (got !== expected)
                throw mismatch(got);
            verifyDigest = `sha256:${got}`;
        }
        return {
            entries: [{ path: name, type: 'file', source: r.real, size: r.size, mode, ...(verifyDigest !== undefined ? { verifyDigest } : {}) }],
            items: [{ kind: 'file', path: name, source: shown, size: r.size, ...(expected !== undefined ? { verified: 'shasum verified' } : {}) }]
        };
    }
    // A folder, copied as Zarf copies it: links kept as links, each file's executable bit kept
    // (`executable` makes only the folder itself 0700 in Zarf, not the files in it).
    const folder = await (0,_folder_js__WEBPACK_IMPORTED_MODULE_8__/* .folderEntries */ .z)(r.real, name, _zarf_modes_js__WEBPACK_IMPORTED_MODULE_11__/* .ZARF_EXECUTABLE_MODE */ .J, (rel) => new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .LadingError */ .c3(`${where(sp)}: ${(0,_paths_js__WEBPACK_IMPORTED_MODULE_9__/* .shorten */ .ml)(f.source)}/${rel} is not a regular file, folder or symbolic link`, { hint: 'remove it from the folder', position: def.positionOf(sp) }));
    return { entries: folder.entries, items: [{ kind: 'file', path: `${name}/`, source: `${shown}/`, size: folder.size }] };
}
/**
 * `extractPath`: the archive (downloaded, or local) is streamed and only the entry of that name is
 * written, then packaged as `files/<i>/<base name of target>`; the shasum is the extracted file's,
 * as Zarf checks it. The folders of extractPath stay behind, empty, as they do in Zarf's package
 * (Zarf extracts to `files/<i>/<extractPath>` and renames the file into place).
 */
async function extractTask(c, f, p, name, mode, expected, mismatch) {
    const { def, where, download, contentAddressed, local, display, tmp } = c;
    const sp = [...p, 'source'];
    const ep = [...p, 'extractPath'];
    const wanted = f.extractPath ?? '';
    // A URL's trailing `@<sha256>` checks the archive as downloaded (download()); it is not part of its name.
    const archiveName = (0,_paths_js__WEBPACK_IMPORTED_MODULE_9__/* .isUrl */ .gU)(f.source) ? node_path__WEBPACK_IMPORTED_MODULE_1___default().posix.basename(new URL((0,_sources_url_checksum_js__WEBPACK_IMPORTED_MODULE_4__/* .splitUrlChecksum */ .v)(f.source).url).pathname) : f.source;
    const kind = (0,_sources_extract_entry_js__WEBPACK_IMPORTED_MODULE_6__/* .archiveFormatOf */ .ji)(archiveName);
    if (kind?.format === undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .LadingError */ .c3(`${where(sp)} "${(0,_paths_js__WEBPACK_IMPORTED_MODULE_9__/* .shorten */ .ml)(archiveName)}" is not an archive Lading extracts from`, { hint: `extractPath reads ${_sources_extract_entry_js__WEBPACK_IMPORTED_MODULE_6__/* .READABLE_EXTENSIONS */ .ik} archives, named by their extension`, position: def.positionOf(sp) });
    }
    const format = kind.format;
    const leftover = leftoverFolders(wanted, name);
    if (leftover.includes(name)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .LadingError */ .c3(`${where(ep)} "${(0,_paths_js__WEBPACK_IMPORTED_MODULE_9__/* .shorten */ .ml)(wanted)}" lies in a folder named like the target's base name`, { hint: 'Zarf cannot rename the extracted file onto that folder either: change the target\'s file name', position: def.positionOf(ep) });
    }
    /** Extracts from `archive` into a new temporary file; errors at the extractPath line. */
    const extract = async (archive, shownArchive) => {
        const file = tmp(`extract-${node_path__WEBPACK_IMPORTED_MODULE_1___default().posix.basename(name)}`);
        try {
            return { file, extracted: await (0,_sources_extract_entry_js__WEBPACK_IMPORTED_MODULE_6__/* .extractEntry */ .gQ)(archive, format, wanted, file, _content_js__WEBPACK_IMPORTED_MODULE_7__/* .MAX_FILE_DOWNLOAD */ .FK) };
        }
        catch (e) {
            if (e instanceof _sources_extract_entry_js__WEBPACK_IMPORTED_MODULE_6__/* .ExtractError */ .We)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .LadingError */ .c3(`${where(ep)}: cannot extract "${(0,_paths_js__WEBPACK_IMPORTED_MODULE_9__/* .shorten */ .ml)(wanted)}" from ${(0,_paths_js__WEBPACK_IMPORTED_MODULE_9__/* .shorten */ .ml)(shownArchive)}: ${e.message}`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), position: def.positionOf(ep), cause: e });
            throw e;
        }
    };
    // Zarf's extraction makes files/<i> and the folders of extractPath with 0755 (archive.go dirPerm),
    // and `files` too when this is the first file (else an earlier one made it, 0700).
    const folderOf = name.slice(0, name.lastIndexOf('/'));
    const dirs = [
        ...(p[p.length - 1] === 0 ? [{ path: 'files', type: 'directory', mode: EXTRACT_DIR_MODE }] : []),
        { path: folderOf, type: 'directory', mode: EXTRACT_DIR_MODE },
        ...leftover.map((d) => ({ path: d, type: 'directory', mode: EXTRACT_DIR_MODE }))
    ];
    const asFolder = (shown) => ({ entries: [...dirs, { path: name, type: 'directory', mode: _zarf_modes_js__WEBPACK_IMPORTED_MODULE_11__/* .ZARF_EXECUTABLE_MODE */ .J }], items: [{ kind: 'file', path: `${name}/`, source: `${shown} (${wanted})`, size: 0 }] });
    const checked = (extracted) => {
        if (extracted.type !== 'file') {
            if (expected !== undefined)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .LadingError */ .c3(`${where([...p, 'shasum'])} is given for "${(0,_paths_js__WEBPACK_IMPORTED_MODULE_9__/* .shorten */ .ml)(wanted)}", a folder in the archive`, { hint: 'a shasum checks a single file: remove it, or extract a file', position: def.positionOf([...p, 'shasum']) });
            return undefined;
        }
        if (expected !== undefined && extracted.sha256 !== expected)
            throw mismatch(extracted.sha256);
        return extracted.sha256;
    };
    const verified = expected !== undefined ? { verified: 'shasum verified' } : {};
    if ((0,_paths_js__WEBPACK_IMPORTED_MODULE_9__/* .isUrl */ .gU)(f.source)) {
        const url = f.source;
        const shown = (0,_sources_http_js__WEBPACK_IMPORTED_MODULE_3__/* .displayUrl */ .Qy)((0,_sources_url_checksum_js__WEBPACK_IMPORTED_MODULE_4__/* .splitUrlChecksum */ .v)(url).url);
        const fetchAndExtract = async () => {
            const d = await download(url, archiveName, _content_js__WEBPACK_IMPORTED_MODULE_7__/* .MAX_FILE_DOWNLOAD */ .FK);
            try {
                const x = await extract(d.file, shown);
                checked(x.extracted);
                return { file: x.file, size: x.extracted.type === 'file' ? x.extracted.size : 0, sha256: x.extracted.type === 'file' ? x.extracted.sha256 : '', extracted: x.extracted };
            }
            finally {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(d.file, { force: true });
            }
        };
        if (expected !== undefined && _content_js__WEBPACK_IMPORTED_MODULE_7__/* .SHA256_HEX */ .Y5.test(expected)) {
            // The shasum names the extracted file: the cache keeps that, not the archive.
            const got = await contentAddressed(expected, url, _content_js__WEBPACK_IMPORTED_MODULE_7__/* .MAX_FILE_DOWNLOAD */ .FK, `${wanted} of ${shown}`, fetchAndExtract);
            return {
                entries: [...dirs, { path: name, type: 'file', source: got.file, size: got.size, mode, verifyDigest: got.blob.digest }],
                items: [{ kind: 'file', path: name, source: `${shown} (${wanted})`, size: got.size, ...verified }],
                blobs: [got.blob]
            };
        }
        const x = await fetchAndExtract();
        if (x.extracted.type !== 'file')
            return asFolder(shown);
        return {
            entries: [...dirs, { path: name, type: 'file', source: x.file, size: x.size, mode, verifyDigest: `sha256:${x.sha256}` }],
            items: [{ kind: 'file', path: name, source: `${shown} (${wanted})`, size: x.size, ...verified }]
        };
    }
    const r = await local(f.source, sp, 'the archive');
    const shown = display(node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(def.dir, f.source));
    if (r.isDir)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .LadingError */ .c3(`${where(sp)} "${(0,_paths_js__WEBPACK_IMPORTED_MODULE_9__/* .shorten */ .ml)(f.source)}" is a folder, not an archive`, { hint: 'extractPath takes a file out of an archive: point source at the archive', position: def.positionOf(sp) });
    const x = await extract(r.real, shown);
    const sha = checked(x.extracted);
    if (x.extracted.type !== 'file' || sha === undefined)
        return asFolder(shown);
    return {
        entries: [...dirs, { path: name, type: 'file', source: x.file, size: x.extracted.size, mode, verifyDigest: `sha256:${sha}` }],
        items: [{ kind: 'file', path: name, source: `${shown} (${wanted})`, size: x.extracted.size, ...verified }]
    };
}
/** The mode of the folders Zarf's archive extraction creates (archive.go dirPerm, umask 022). */
const EXTRACT_DIR_MODE = 0o755;
/**
 * The folders Zarf's extraction leaves behind in `files/<i>/`: each folder of extractPath (cleaned
 * as Go's filepath.Join cleans it) when the entry is renamed away from where it was extracted.
 */
function leftoverFolders(extractPath, name) {
    const base = name.slice(0, name.lastIndexOf('/'));
    const clean = node_path__WEBPACK_IMPORTED_MODULE_1___default().posix.normalize(extractPath).replace(/\/+$/, '');
    if (`${base}/${clean}` === name)
        return [];
    const segments = clean.split('/').slice(0, -1).filter((s) => s !== '' && s !== '.');
    return segments.map((_, i) => `${base}/${segments.slice(0, i + 1).join('/')}`);
}


/***/ }),

/***/ 8137:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   z: () => (/* binding */ folderEntries)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _zarf_modes_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8906);
/* harmony import */ var _content_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1040);
/**
 * A local folder as Zarf copies it into a component (otiai10/copy, its defaults): every folder,
 * regular file and symbolic link below it, in name order; files and folders keep their modes
 * (zarf-modes.ts copiedMode), a link is kept as a link with its target exactly as stored (not followed: nothing it points at is read, so
 * a link that leads elsewhere, or nowhere, is packaged as it is). Used by files and data injections.
 */




/**
 * The tar entries of folder `dir` (a real path) under `name` in the component, the folder itself
 * with `rootMode` (Zarf chmods a `files` folder; a data injection's keeps its own). `notRegular` makes
 * the error for an entry that is neither a folder, a file nor a link (a socket, a device, a fifo),
 * given its path relative to `dir`.
 */
async function folderEntries(dir, name, rootMode, notRegular) {
    const entries = [{ path: name, type: 'directory', mode: rootMode }];
    let size = 0;
    const walk = async (abs, rel) => {
        for (const n of (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(abs)).sort(_content_js__WEBPACK_IMPORTED_MODULE_2__/* .bytewise */ .Zx)) {
            const childRel = rel === '' ? n : `${rel}/${n}`;
            const child = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(abs, n);
            const s = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(child);
            if (s.isSymbolicLink()) {
                entries.push({ path: `${name}/${childRel}`, type: 'symlink', target: await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readlink)(child) });
            }
            else if (s.isDirectory()) {
                entries.push({ path: `${name}/${childRel}`, type: 'directory', mode: (0,_zarf_modes_js__WEBPACK_IMPORTED_MODULE_3__/* .copiedMode */ .so)(s.mode) });
                await walk(child, childRel);
            }
            else if (s.isFile()) {
                size += s.size;
                entries.push({ path: `${name}/${childRel}`, type: 'file', source: child, size: s.size, mode: (0,_zarf_modes_js__WEBPACK_IMPORTED_MODULE_3__/* .copiedMode */ .so)(s.mode) });
            }
            else {
                throw notRegular(childRel);
            }
        }
    };
    await walk(dir, '');
    return { entries, size };
}


/***/ }),

/***/ 7434:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   We: () => (/* binding */ ExtractError),
/* harmony export */   gQ: () => (/* binding */ extractEntry),
/* harmony export */   ik: () => (/* reexport safe */ _archive_format_js__WEBPACK_IMPORTED_MODULE_10__.i),
/* harmony export */   ji: () => (/* reexport safe */ _archive_format_js__WEBPACK_IMPORTED_MODULE_10__.j)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_5__);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_6___default = /*#__PURE__*/__webpack_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_6__);
/* harmony import */ var tar_stream__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(6118);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(3916);
/* harmony import */ var _zstd_decompress_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(9538);
/* harmony import */ var _archive_format_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(1302);
/**
 * Takes one entry out of an archive, as Zarf's `files[].extractPath` does (src/pkg/archive/
 * archive.go): the format comes from the archive's file name (the longest known extension), and
 * only the entry whose name in the archive is exactly the one asked for is extracted, else
 * `file "x" not found in archive`. The archive is streamed, never read whole: tar through tar-stream
 * (gzip, zstd and brotli through node's zlib; bzip2 and xz through the `bzip2` and `xz` programs,
 * which runners have), zip by its central directory, the one entry's bytes inflated as they are read
 * and checked against the zip's CRC-32.
 */











class ExtractError extends _errors_js__WEBPACK_IMPORTED_MODULE_8__/* .HintedError */ .J_ {
    name = 'ExtractError';
}
/** Writes a stream to `dest` (replacing it), hashing it and stopping past `max` bytes. */
async function writeCounted(source, dest, max, extra) {
    const h = (0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.createHash)('sha256');
    let size = 0;
    let crc = 0;
    const count = new node_stream__WEBPACK_IMPORTED_MODULE_4__.Transform({
        transform(chunk, _enc, cb) {
            size += chunk.length;
            if (size > max) {
                cb(new ExtractError(`the entry is over ${Math.round(max / 1024 / 1024)} MiB`, 'check extractPath'));
                return;
            }
            h.update(chunk);
            crc = (0,node_zlib__WEBPACK_IMPORTED_MODULE_6__.crc32)(chunk, crc);
            cb(null, chunk);
        }
    });
    if (extra !== undefined)
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_5__.pipeline)(source, extra, count, (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.createWriteStream)(dest, { mode: 0o600 }));
    else
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_5__.pipeline)(source, count, (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.createWriteStream)(dest, { mode: 0o600 }));
    return { size, sha256: h.digest('hex'), crc };
}
/** Formats read through a program: its name. */
const PROGRAMS = { 'tar.bz2': 'bzip2', 'tar.xz': 'xz' };
/** Streams `archive` through `program -dc` into `sink`; the program's failure is an ExtractError. */
async function throughProgram(archive, program, sink, env) {
    const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(program, ['-dc'], { stdio: ['pipe', 'pipe', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', (d) => {
        if (stderr.length < 4096)
            stderr += d.toString('utf8');
    });
    const exited = new Promise((resolve, reject) => {
        child.on('error', reject);
        child.on('close', (code) => resolve(code));
    });
    exited.catch(() => undefined); // looked at below; never an unhandled rejection
    const missing = (e) => e?.code === 'ENOENT' ? new ExtractError(`${program} is not on PATH: it is needed to read this archive`, `install ${program} on the runner, or use a .tar.gz or .tar.zst archive`) : undefined;
    try {
        await Promise.all([(0,node_stream_promises__WEBPACK_IMPORTED_MODULE_5__.pipeline)((0,node_fs__WEBPACK_IMPORTED_MODULE_2__.createReadStream)(archive), child.stdin), (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_5__.pipeline)(child.stdout, sink)]);
    }
    catch (e) {
        child.kill('SIGKILL');
        const ex = await exited.then(() => undefined, (x) => x);
        throw missing(ex) ?? e;
    }
    const code = await exited.catch((x) => {
        throw missing(x) ?? x;
    });
    if (code !== 0)
        throw new Error(`${program} -dc failed (exit ${code}): ${stderr.trim().split('\n')[0] ?? ''}`);
}
function decompressor(format) {
    switch (format) {
        case 'tar':
            return new node_stream__WEBPACK_IMPORTED_MODULE_4__.PassThrough();
        case 'tar.gz':
            return (0,node_zlib__WEBPACK_IMPORTED_MODULE_6__.createGunzip)();
        case 'tar.zst':
            return (0,_zstd_decompress_js__WEBPACK_IMPORTED_MODULE_9__/* .zstdDecompressFrames */ .z)();
        case 'tar.br':
            return (0,node_zlib__WEBPACK_IMPORTED_MODULE_6__.createBrotliDecompress)();
    }
}
/** Names in the archive that differ from `wanted` only by a leading `./` or a trailing `/`. */
function nearName(name, wanted) {
    const norm = (s) => s.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
    return name !== wanted && norm(name) === norm(wanted);
}
function notFound(wanted, near) {
    return new ExtractError(`file "${wanted}" not found in archive`, near !== undefined ? `the archive names it "${near}": extractPath must be the entry's name exactly as the archive stores it` : 'extractPath must be the entry\'s name exactly as the archive stores it (list it with `tar -tf` or `unzip -l`)');
}
function linkEntry(wanted) {
    return new ExtractError(`"${wanted}" is a link in the archive, not a file`, 'give the name of the file the link points to');
}
async function extractFromTar(archive, format, wanted, dest, max, env) {
    const extract = tar_stream__WEBPACK_IMPORTED_MODULE_7__.extract();
    let found;
    let link = false;
    let near;
    extract.on('entry', (header, stream, next) => {
        const done = (e) => (e === undefined ? next() : extract.destroy(e instanceof Error ? e : new Error(String(e))));
        if (header.name !== wanted) {
            if (near === undefined && nearName(header.name, wanted))
                near = header.name;
            stream.on('end', () => next());
            stream.resume();
            return;
        }
        // As Zarf writes every entry of that name in turn, the last one is what remains.
        if (header.type === 'file' || header.type === 'contiguous-file') {
            link = false;
            writeCounted(stream, dest, max).then((r) => {
                found = { type: 'file', size: r.size, sha256: r.sha256 };
                done();
            }, done);
            return;
        }
        if (header.type === 'directory')
            found = { type: 'directory' };
        else if (header.type === 'symlink' || header.type === 'link')
            link = true;
        stream.on('end', () => next());
        stream.resume();
    });
    try {
        const program = PROGRAMS[format];
        if (program !== undefined)
            await throughProgram(archive, program, extract, env);
        else
            await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_5__.pipeline)((0,node_fs__WEBPACK_IMPORTED_MODULE_2__.createReadStream)(archive), decompressor(format), extract);
    }
    catch (e) {
        if (e instanceof ExtractError)
            throw e;
        throw new ExtractError(`it is not a readable ${format} archive (${e.message.split('\n')[0]})`, 'check that the file is the archive its name says');
    }
    if (link && found === undefined)
        throw linkEntry(wanted);
    if (found === undefined)
        throw notFound(wanted, near);
    return found;
}
/** The central directory of a zip (zip64 too), read from the end of the file. */
async function zipDirectory(archive) {
    const total = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.stat)(archive)).size;
    const fh = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.open)(archive, 'r');
    try {
        const read = async (pos, len) => {
            const b = Buffer.alloc(len);
            const { bytesRead } = await fh.read(b, 0, len, pos);
            if (bytesRead !== len)
                throw new ExtractError('it is not a zip archive (it ends too early)', 'check that the file is the archive its name says');
            return b;
        };
        const tailLen = Math.min(total, 22 + 0xffff);
        const tail = await read(total - tailLen, tailLen);
        let eocd = -1;
        for (let i = tail.length - 22; i >= 0; i--) {
            if (tail.readUInt32LE(i) === 0x06054b50) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0)
            throw new ExtractError('it is not a zip archive (no end of central directory)', 'check that the file is the archive its name says');
        let count = tail.readUInt16LE(eocd + 10);
        let cdSize = tail.readUInt32LE(eocd + 12);
        let cdOffset = tail.readUInt32LE(eocd + 16);
        if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
            const locPos = total - tailLen + eocd - 20;
            const loc = locPos >= 0 ? await read(locPos, 20) : undefined;
            if (loc === undefined || loc.readUInt32LE(0) !== 0x07064b50)
                throw new ExtractError('it is not a readable zip archive (broken zip64 locator)');
            const z = await read(Number(loc.readBigUInt64LE(8)), 56);
            if (z.readUInt32LE(0) !== 0x06064b50)
                throw new ExtractError('it is not a readable zip archive (broken zip64 directory)');
            count = Number(z.readBigUInt64LE(32));
            cdSize = Number(z.readBigUInt64LE(40));
            cdOffset = Number(z.readBigUInt64LE(48));
        }
        if (cdOffset + cdSize > total || cdSize > 512 * 1024 * 1024)
            throw new ExtractError('it is not a readable zip archive (its directory lies outside the file)');
        const cd = await read(cdOffset, cdSize);
        const out = [];
        let p = 0;
        for (let n = 0; n < count; n++) {
            if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50)
                throw new ExtractError('it is not a readable zip archive (broken central directory)');
            const nameLen = cd.readUInt16LE(p + 28);
            const extraLen = cd.readUInt16LE(p + 30);
            const commentLen = cd.readUInt16LE(p + 32);
            const e = {
                flags: cd.readUInt16LE(p + 8),
                method: cd.readUInt16LE(p + 10),
                crc: cd.readUInt32LE(p + 16),
                compressed: cd.readUInt32LE(p + 20),
                size: cd.readUInt32LE(p + 24),
                mode: cd.readUInt32LE(p + 38) >>> 16,
                offset: cd.readUInt32LE(p + 42),
                name: cd.toString('utf8', p + 46, p + 46 + nameLen)
            };
            // zip64: the fields set to 0xFFFFFFFF come from the 0x0001 extra field, in this order.
            let x = p + 46 + nameLen;
            const xEnd = x + extraLen;
            while (x + 4 <= xEnd) {
                const id = cd.readUInt16LE(x);
                const len = cd.readUInt16LE(x + 2);
                if (id === 0x0001) {
                    let q = x + 4;
                    if (e.size === 0xffffffff && q + 8 <= x + 4 + len)
                        (e.size = Number(cd.readBigUInt64LE(q))), (q += 8);
                    if (e.compressed === 0xffffffff && q + 8 <= x + 4 + len)
                        (e.compressed = Number(cd.readBigUInt64LE(q))), (q += 8);
                    if (e.offset === 0xffffffff && q + 8 <= x + 4 + len)
                        e.offset = Number(cd.readBigUInt64LE(q));
                }
                x += 4 + len;
            }
            out.push(e);
            p = xEnd + commentLen;
        }
        return out;
    }
    finally {
        await fh.close();
    }
}
async function extractFromZip(archive, wanted, dest, max) {
    const entries = await zipDirectory(archive);
    const matching = entries.filter((e) => e.name === wanted);
    const entry = matching[matching.length - 1];
    if (entry === undefined)
        throw notFound(wanted, entries.find((e) => nearName(e.name, wanted))?.name);
    if ((entry.mode & 0o170000) === 0o120000)
        throw linkEntry(wanted);
    if (entry.name.endsWith('/') || (entry.mode & 0o170000) === 0o040000)
        return { type: 'directory' };
    if ((entry.flags & 1) !== 0)
        throw new ExtractError(`"${wanted}" is encrypted in the archive`, 'use an archive without a password');
    if (entry.method !== 0 && entry.method !== 8)
        throw new ExtractError(`"${wanted}" is compressed with zip method ${entry.method}, which Lading cannot read (it reads stored and deflated entries)`, 'repack the archive with deflate, or extract the file in a step before this one');
    if (entry.size > max)
        throw new ExtractError(`"${wanted}" is over ${Math.round(max / 1024 / 1024)} MiB`, 'check extractPath');
    const fh = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.open)(archive, 'r');
    let dataStart;
    try {
        const h = Buffer.alloc(30);
        await fh.read(h, 0, 30, entry.offset);
        if (h.readUInt32LE(0) !== 0x04034b50)
            throw new ExtractError('it is not a readable zip archive (broken local header)');
        dataStart = entry.offset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
    }
    finally {
        await fh.close();
    }
    const raw = entry.compressed === 0 ? new node_stream__WEBPACK_IMPORTED_MODULE_4__.PassThrough().end() : (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.createReadStream)(archive, { start: dataStart, end: dataStart + entry.compressed - 1 });
    let r;
    try {
        r = await writeCounted(raw, dest, max, entry.method === 8 && entry.compressed > 0 ? (0,node_zlib__WEBPACK_IMPORTED_MODULE_6__.createInflateRaw)() : undefined);
    }
    catch (e) {
        if (e instanceof ExtractError)
            throw e;
        throw new ExtractError(`"${wanted}" cannot be read from the archive (${e.message.split('\n')[0]})`, 'check that the archive is whole');
    }
    if (r.size !== entry.size || r.crc !== entry.crc)
        throw new ExtractError(`"${wanted}" is damaged in the archive (its size or CRC-32 does not match)`, 'download the archive again');
    return { type: 'file', size: r.size, sha256: r.sha256 };
}
/**
 * Extracts the entry named exactly `wanted` from `archive` (of `format`) into the new file `dest`.
 * A folder entry is reported, not written; a link entry is refused. Throws ExtractError. `env`: where
 * `bzip2` and `xz` are looked for (PATH).
 */
async function extractEntry(archive, format, wanted, dest, max, env = process.env) {
    return format === 'zip' ? extractFromZip(archive, wanted, dest, max) : extractFromTar(archive, format, wanted, dest, max, env);
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
