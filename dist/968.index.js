export const id = 968;
export const ids = [968];
export const modules = {

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


/***/ })

};
