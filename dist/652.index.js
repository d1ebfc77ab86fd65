export const id = 652;
export const ids = [652];
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


/***/ })

};
