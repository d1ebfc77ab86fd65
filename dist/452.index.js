export const id = 452;
export const ids = [452];
export const modules = {

/***/ 9452:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   wm: () => (/* binding */ writePackageValues)
/* harmony export */ });
/* unused harmony exports VALUES_YAML, VALUES_SCHEMA_JSON, deepMergeValues, readValuesFile, mergeValuesFiles, renderValuesYaml, findExternalRef, readSchemaFile, mergeSchemas, mergeSchemaFiles, goJsonIndent */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8815);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
/**
 * The package-level values files `zarf package create` writes (Zarf's src/pkg/value and
 * assemble.go's mergeAndWriteValuesFile / mergeAndWriteValuesSchema), rebuilt for Lading:
 *
 * - `values.yaml`: the deep merge of the package's values files, later files winning. Two mappings
 *   under one key merge recursively; anything else (a list, a scalar, null) from the later file
 *   replaces what was there. Only the first YAML document of a file counts; an empty file is an
 *   empty mapping. Keys come out sorted, as Go writes a map.
 * - `values.schema.json`: the package's own schema copied byte for byte when no imported package
 *   brings one; otherwise the merge of all of them (the parent's first, then imported ones, earlier
 *   winning), written as Go's json.MarshalIndent writes it.
 *
 * Paths are absolute and already resolved and joined by the definition pipeline; this file reads
 * them and knows nothing of zarf.yaml.
 */




const VALUES_YAML = 'values.yaml';
const VALUES_SCHEMA_JSON = 'values.schema.json';
const isMap = (v) => v instanceof Map;
/**
 * Zarf's Values.DeepMerge: merges `src` into `dst` (mutated). Where both hold a mapping under a key
 * the two merge recursively; otherwise `src`'s value (null included) replaces `dst`'s.
 */
function deepMergeValues(dst, src) {
    for (const [key, srcVal] of src) {
        const dstVal = dst.get(key);
        if (dst.has(key) && isMap(dstVal) && isMap(srcVal))
            deepMergeValues(dstVal, srcVal);
        else
            dst.set(key, srcVal);
    }
    return dst;
}
/** A YAML mapping key as Go's YAML decoder turns it into a map[string]any key. */
function keyString(k) {
    if (typeof k === 'string')
        return k;
    if (k === null || k === undefined)
        return 'null';
    if (typeof k === 'object')
        return JSON.stringify(k instanceof Map ? Object.fromEntries(k) : k);
    return String(k);
}
/** Maps with any keys (yaml's mapAsMap) -> maps with string keys, recursively. */
function normalize(v) {
    if (v instanceof Map) {
        const out = new Map();
        for (const [k, x] of v)
            out.set(keyString(k), normalize(x));
        return out;
    }
    if (Array.isArray(v))
        return v.map(normalize);
    return v;
}
/**
 * Reads one values file as Zarf does (ValuesFiles are local .yaml/.yml files): the first document,
 * which must be a mapping (empty or null is an empty mapping). Errors name the file.
 */
async function readValuesFile(file) {
    const ext = node_path__WEBPACK_IMPORTED_MODULE_1___default().extname(file).toLowerCase();
    if (ext !== '.yaml' && ext !== '.yml') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3(`values file ${file} is not a .yaml or .yml file`, { hint: 'values files are local YAML files ending in .yaml or .yml' });
    }
    let text;
    try {
        if (!(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(file)).isFile())
            throw new Error('it is not a file');
        text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(file, 'utf8');
    }
    catch (e) {
        const msg = e.code === 'ENOENT' ? 'it does not exist' : e.message;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3(`cannot read values file ${file}: ${msg}`, { hint: 'check the path under values.files' });
    }
    if (text.includes('\0'))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3(`values file ${file} is not a text file`, { hint: 'values files are YAML text' });
    const lineCounter = new yaml__WEBPACK_IMPORTED_MODULE_2__.LineCounter();
    const docs = yaml__WEBPACK_IMPORTED_MODULE_2__.parseAllDocuments(text, { merge: true, uniqueKeys: false, intAsBigInt: true, prettyErrors: false, lineCounter });
    const list = Array.isArray(docs) ? docs : [];
    for (const doc of list) {
        const err = doc.errors[0];
        if (err !== undefined) {
            const { line, col } = lineCounter.linePos(err.pos[0]);
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3(`values file ${file} is not valid YAML: ${err.message.split('\n')[0] ?? ''}`, {
                hint: 'fix the YAML syntax of this values file',
                position: { file, line, col }
            });
        }
    }
    const first = list[0];
    if (first === undefined)
        return new Map();
    let data;
    try {
        data = first.toJS({ mapAsMap: true, maxAliasCount: -1 });
    }
    catch (e) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3(`values file ${file} cannot be read: ${e.message}`, { hint: 'fix the YAML of this values file' });
    }
    if (data === null || data === undefined)
        return new Map();
    if (!(data instanceof Map)) {
        const what = Array.isArray(data) ? 'a list' : `a ${typeof data}`;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3(`values file ${file} holds ${what}, not a mapping`, { hint: 'a values file is a YAML mapping of keys to values (key: value)' });
    }
    return normalize(data);
}
/** The deep merge of `files` in order (later files win); an empty list gives an empty mapping. */
async function mergeValuesFiles(files) {
    const merged = new Map();
    for (const f of files)
        deepMergeValues(merged, await readValuesFile(f));
    return merged;
}
const byteOrder = (a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
function sortedDeep(v) {
    if (v instanceof Map) {
        const out = new Map();
        for (const k of [...v.keys()].sort(byteOrder))
            out.set(k, sortedDeep(v.get(k)));
        return out;
    }
    if (Array.isArray(v))
        return v.map(sortedDeep);
    return v;
}
/** values.yaml's text: mappings with their keys sorted (Go marshals maps sorted), `{}` when empty. */
function renderValuesYaml(values) {
    return yaml__WEBPACK_IMPORTED_MODULE_2__.stringify(sortedDeep(values), { lineWidth: 0, indentSeq: false, aliasDuplicateObjects: false });
}
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
/** Sets an own property, whatever its name (`__proto__` included). */
function put(o, k, v) {
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}
const get = (o, k) => (has(o, k) ? o[k] : undefined);
function copyJson(v) {
    if (Array.isArray(v))
        return v.map(copyJson);
    if (isObject(v)) {
        const out = {};
        for (const k of Object.keys(v))
            put(out, k, copyJson(v[k]));
        return out;
    }
    return v;
}
const REF_KEYWORDS = new Set(['$ref', '$dynamicRef', '$recursiveRef']);
/** The first external `$ref`/`$dynamicRef`/`$recursiveRef` (not starting with `#`), as a path and value. */
function findExternalRef(schema, at = '') {
    if (Array.isArray(schema)) {
        for (let i = 0; i < schema.length; i++) {
            const found = findExternalRef(schema[i], `${at}[${i}]`);
            if (found !== undefined)
                return found;
        }
        return undefined;
    }
    if (!isObject(schema))
        return undefined;
    for (const key of Object.keys(schema).sort(byteOrder)) {
        const v = schema[key];
        if (REF_KEYWORDS.has(key) && typeof v === 'string' && !v.startsWith('#'))
            return { path: at === '' ? key : `${at}.${key}`, keyword: key, ref: v };
        const found = findExternalRef(v, at === '' ? key : `${at}.${key}`);
        if (found !== undefined)
            return found;
    }
    return undefined;
}
/** Reads a schema file: a JSON object without external references. */
async function readSchemaFile(file) {
    let text;
    try {
        text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(file, 'utf8');
    }
    catch (e) {
        const msg = e.code === 'ENOENT' ? 'it does not exist' : e.message;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3(`cannot read values schema ${file}: ${msg}`, { hint: 'check the path of values.schema' });
    }
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch (e) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3(`values schema ${file} is not valid JSON: ${e.message}`, { hint: 'a values schema is a JSON Schema document (a JSON object)' });
    }
    if (!isObject(doc))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3(`values schema ${file} is not a JSON object`, { hint: 'a values schema is a JSON Schema document (a JSON object)' });
    const ext = findExternalRef(doc);
    if (ext !== undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3(`values schema ${file} has an external ${ext.keyword} "${ext.ref}" (at ${ext.path})`, {
            hint: 'only references inside the schema ("#/...") are allowed: files a schema points to are not packaged; move the definition under $defs'
        });
    }
    return doc;
}
const MAP_KEYWORDS = new Set(['properties', 'definitions', '$defs', 'patternProperties', 'dependentSchemas']);
function mergeProperties(parentVal, childVal) {
    if (!isObject(childVal))
        return parentVal ?? null;
    if (!isObject(parentVal))
        return childVal;
    for (const key of Object.keys(childVal)) {
        const childProp = childVal[key];
        if (!has(parentVal, key))
            put(parentVal, key, copyJson(childProp));
        else {
            const parentProp = parentVal[key];
            if (isObject(parentProp) && isObject(childProp))
                put(parentVal, key, mergeSchemas(parentProp, childProp));
        }
    }
    return parentVal;
}
function mergeRequired(parentVal, childVal) {
    const seen = new Set();
    const out = [];
    for (const list of [parentVal, childVal]) {
        if (!Array.isArray(list))
            continue;
        for (const item of list) {
            if (typeof item === 'string' && !seen.has(item)) {
                seen.add(item);
                out.push(item);
            }
        }
    }
    return out;
}
/**
 * Zarf's MergeSchemas: `child` merged into a copy of `parent`, the parent winning. The keywords
 * holding maps of schemas (properties, definitions, $defs, patternProperties, dependentSchemas) merge
 * entry by entry, recursively; `required` is the union (strings only, parent's first); any other
 * keyword comes from the child only when the parent lacks it.
 */
function mergeSchemas(parent, child) {
    const result = copyJson(parent);
    for (const key of Object.keys(child)) {
        const childVal = child[key];
        if (MAP_KEYWORDS.has(key))
            put(result, key, mergeProperties(get(result, key), childVal));
        else if (key === 'required') {
            const req = mergeRequired(get(result, 'required'), childVal);
            if (req.length > 0)
                put(result, 'required', req);
        }
        else if (!has(result, key))
            put(result, key, copyJson(childVal));
    }
    return result;
}
/**
 * Zarf's MergeSchemaFiles: reads `files` (the package's own schema first when it has one, then the
 * imported ones) and merges them left to right, earlier winning. When more than one is merged, each
 * must declare the same `$schema`.
 */
async function mergeSchemaFiles(files) {
    let merged;
    let expected;
    for (const file of files) {
        const schema = await readSchemaFile(file);
        if (files.length > 1) {
            const v = get(schema, '$schema');
            const version = typeof v === 'string' ? v : '';
            if (version === '') {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3(`values schema ${file} has no "$schema" version, which every schema merged into the package needs`, {
                    hint: 'add "$schema" (e.g. "https://json-schema.org/draft-07/schema#") to every values schema of the package and of the packages it imports'
                });
            }
            if (expected === undefined)
                expected = { version, file };
            else if (version !== expected.version) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3(`values schema ${file} declares "$schema" "${version}", but ${expected.file} declares "${expected.version}"`, {
                    hint: 'the values schemas of a package and of the packages it imports are merged, so they must use one JSON Schema version'
                });
            }
        }
        merged = merged === undefined ? schema : mergeSchemas(merged, schema);
    }
    return merged;
}
const GO_JSON_ESCAPES = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** A string as Go's encoding/json writes it (HTML characters and line separators escaped). */
function goString(s) {
    return JSON.stringify(s.replace(LONE_SURROGATE, '\uFFFD')).replace(/[<>&\u2028\u2029]/g, (c) => GO_JSON_ESCAPES[c] ?? c);
}
/** A float64 as Go's encoding/json writes it. */
function goNumber(n) {
    if (!Number.isFinite(n))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3(`a values schema holds the number ${n}, which JSON cannot hold`);
    if (Object.is(n, -0))
        return '-0';
    // JavaScript switches to exponents at the same bounds as Go (1e21, 1e-6) and writes them alike.
    return String(n);
}
/** Go's json.MarshalIndent(v, "", "  ") of a value decoded into `any`: map keys sorted, no final newline. */
function goJsonIndent(v, indent = '') {
    if (v === null)
        return 'null';
    if (typeof v === 'boolean')
        return v ? 'true' : 'false';
    if (typeof v === 'number')
        return goNumber(v);
    if (typeof v === 'string')
        return goString(v);
    const inner = `${indent}  `;
    if (Array.isArray(v)) {
        if (v.length === 0)
            return '[]';
        return `[\n${v.map((x) => inner + goJsonIndent(x, inner)).join(',\n')}\n${indent}]`;
    }
    const keys = Object.keys(v).sort(byteOrder);
    if (keys.length === 0)
        return '{}';
    return `{\n${keys.map((k) => `${inner}${goString(k)}: ${goJsonIndent(v[k], inner)}`).join(',\n')}\n${indent}}`;
}
/**
 * Writes `values.yaml` (when there are values files) and `values.schema.json` (when there are
 * schemas) into `dir`; returns the package paths written, in that order.
 */
async function writePackageValues(values, dir) {
    const written = [];
    if (values.files.length > 0) {
        const merged = await mergeValuesFiles(values.files);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, VALUES_YAML), renderValuesYaml(merged), { mode: 0o644 });
        written.push(VALUES_YAML);
    }
    if (values.schemas.length > 0) {
        const dest = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, VALUES_SCHEMA_JSON);
        const only = values.schemas[0];
        if (values.schemas.length === 1 && values.parentSchema !== false) {
            await readSchemaFile(only);
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.copyFile)(only, dest);
        }
        else {
            const merged = (await mergeSchemaFiles(values.schemas));
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(dest, goJsonIndent(merged), { mode: 0o644 });
        }
        written.push(VALUES_SCHEMA_JSON);
    }
    return written;
}


/***/ })

};
