export const id = 559;
export const ids = [559];
export const modules = {

/***/ 5559:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   manifestTask: () => (/* binding */ manifestTask)
/* harmony export */ });
async function manifestTask(c, m, p, k, value) {
    const { documentSource, lookAtYaml } = c;
    const name = `manifests/${m.name}-${k}.yaml`;
    const fp = [...p, 'files', k];
    const { bytes, shown, mode } = await documentSource(value, fp, 'the manifest');
    const looked = lookAtYaml(bytes, shown, fp, false);
    return {
        entries: [{ path: name, type: 'file', content: bytes, mode }],
        items: [{ kind: 'manifest', path: name, source: shown, size: bytes.length, ...(looked.verified !== undefined ? { verified: looked.verified } : {}) }],
        warnings: looked.warnings
    };
}


/***/ })

};
