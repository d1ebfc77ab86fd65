export const id = 345;
export const ids = [345];
export const modules = {

/***/ 3727:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $P: () => (/* binding */ inspectChartArchive),
/* harmony export */   hk: () => (/* binding */ dependenciesOf),
/* harmony export */   it: () => (/* binding */ MAX_CHART_BYTES),
/* harmony export */   zO: () => (/* binding */ parseChartYaml)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var tar_stream__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6118);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8815);
/**
 * Chart.yaml as Helm checks it (name, version, apiVersion), and the look inside a packaged chart
 * (.tgz) that tells it is one: gzip, tar, `<folder>/Chart.yaml` at the top.
 */





/** Helm's upper bound for a chart, unpacked (its MaxDecompressedChartSize default). */
const MAX_CHART_BYTES = 100 * 1024 * 1024;
const MAX_CHART_YAML = 1024 * 1024;
function isRecord(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** Dependencies from a parsed document (`dependencies: [{name, repository}]`). */
function dependenciesOf(doc) {
    if (!isRecord(doc) || !Array.isArray(doc['dependencies']))
        return [];
    const out = [];
    for (const d of doc['dependencies']) {
        if (isRecord(d) && typeof d['name'] === 'string' && d['name'] !== '') {
            out.push({ name: d['name'], ...(typeof d['repository'] === 'string' && d['repository'] !== '' ? { repository: d['repository'] } : {}) });
        }
    }
    return out;
}
/**
 * Parses Chart.yaml text. Scalars are read as written (YAML's failsafe schema: `version: 1.10` is
 * "1.10", not the number 1.1). Throws an Error saying what is wrong.
 */
function parseChartYaml(text) {
    let doc;
    try {
        doc = yaml__WEBPACK_IMPORTED_MODULE_4__.parse(text, { schema: 'failsafe', uniqueKeys: false, prettyErrors: false });
    }
    catch (e) {
        throw new Error(`Chart.yaml is not valid YAML: ${e.message.split('\n')[0]}`);
    }
    if (!isRecord(doc))
        throw new Error('Chart.yaml is not a mapping');
    const str = (k) => (typeof doc[k] === 'string' && doc[k].trim() !== '' ? doc[k].trim() : undefined);
    const apiVersion = str('apiVersion');
    const name = str('name');
    const version = str('version');
    if (apiVersion === undefined)
        throw new Error('Chart.yaml has no apiVersion');
    if (apiVersion !== 'v1' && apiVersion !== 'v2' && apiVersion !== 'v3')
        throw new Error(`Chart.yaml apiVersion "${apiVersion}" is not one Helm knows (v1, v2)`);
    if (name === undefined)
        throw new Error('Chart.yaml has no name');
    if (/[/\\]/.test(name) || name === '.' || name === '..')
        throw new Error(`Chart.yaml name "${name}" is not a valid chart name`);
    if (version === undefined)
        throw new Error('Chart.yaml has no version');
    if (!/^v?\d+(\.\d+){0,2}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(version))
        throw new Error(`Chart.yaml version "${version}" is not a semantic version`);
    const appVersion = str('appVersion');
    return { apiVersion, name, version, ...(appVersion !== undefined ? { appVersion } : {}), dependencies: dependenciesOf(doc) };
}
/**
 * Reads a packaged chart and returns its Chart.yaml. Throws an Error when the file is not a
 * gzip'd tar, holds no `<folder>/Chart.yaml`, or unpacks to more than Helm accepts.
 */
async function inspectChartArchive(file) {
    const extract = tar_stream__WEBPACK_IMPORTED_MODULE_3__.extract();
    let chartYaml;
    let total = 0;
    extract.on('entry', (header, stream, next) => {
        const name = header.name.replace(/^\.\//, '');
        const parts = name.split('/');
        const wanted = header.type === 'file' && parts.length === 2 && parts[1] === 'Chart.yaml' && chartYaml === undefined;
        const chunks = [];
        let size = 0;
        stream.on('data', (data) => {
            const c = data;
            total += c.length;
            if (total > MAX_CHART_BYTES) {
                extract.destroy(new Error(`it unpacks to more than ${MAX_CHART_BYTES / 1024 / 1024} MiB, Helm's limit for a chart`));
                return;
            }
            if (wanted) {
                size += c.length;
                if (size <= MAX_CHART_YAML)
                    chunks.push(c);
            }
        });
        stream.on('end', () => {
            if (wanted)
                chartYaml = Buffer.concat(chunks).toString('utf8');
            next();
        });
        stream.resume();
    });
    try {
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_2__.pipeline)((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(file), (0,node_zlib__WEBPACK_IMPORTED_MODULE_1__.createGunzip)(), extract);
    }
    catch (e) {
        const msg = e.message;
        if (/incorrect header check|unexpected end of file|invalid/i.test(msg) && !/unpacks/.test(msg))
            throw new Error(`it is not a gzip-compressed tar (${msg})`);
        throw new Error(msg);
    }
    if (chartYaml === undefined)
        throw new Error('it holds no <chart>/Chart.yaml: it is not a Helm chart');
    return parseChartYaml(chartYaml);
}


/***/ }),

/***/ 6006:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  $7: () => (/* reexport */ chart_error/* ChartPackageError */.$),
  rz: () => (/* binding */ packageChartFolder)
});

// UNUSED EXPORTS: readChartFolder

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: ./node_modules/tar-stream/index.js
var tar_stream = __webpack_require__(6118);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: ./src/sources/http.ts
var http = __webpack_require__(9496);
// EXTERNAL MODULE: ./src/sources/helm-repo.ts
var helm_repo = __webpack_require__(6141);
;// CONCATENATED MODULE: ./src/sources/helm-semver.ts
/**
 * Versions and version constraints as Helm reads them for chart dependencies (Helm uses the Go
 * library Masterminds/semver v3; this follows its documented rules, written here rather than taken
 * from npm's `semver`, which reads another syntax: no commas, no `!=`, `=>` or `~>`, and other
 * pre-release rules).
 *
 * A version: `v?MAJOR(.MINOR(.PATCH)?)?(-pre)?(+build)?`, missing parts being 0. A constraint:
 * comparisons joined by `,` or spaces (all must hold) and `||` (either side), each an operator
 * (`=`, `!=`, `>`, `<`, `>=`, `=>`, `<=`, `=<`, `~`, `~>`, `^`, or none for `=`) and a version
 * that may end in a wildcard (`1.2.x`, `1.*`, `*`); `A - B` is `>= A, <= B`. A pre-release
 * version matches only where a comparison of its `||` alternative names a pre-release (as
 * Masterminds/semver v3.2 and later, which Helm 3.9+ and 4 use, read it).
 */
const VERSION = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;
/** A version, or undefined when `text` is not one. */
function parseSemver(text) {
    const m = VERSION.exec(text.trim());
    if (m === null)
        return undefined;
    const pre = m[4] !== undefined ? m[4].split('.') : [];
    // Numeric pre-release identifiers may not have leading zeros (semver 2.0.0).
    if (pre.some((p) => /^0\d+$/.test(p)))
        return undefined;
    return { major: Number(m[1]), minor: Number(m[2] ?? 0), patch: Number(m[3] ?? 0), pre, original: text };
}
function comparePre(a, b) {
    if (a.length === 0 && b.length === 0)
        return 0;
    if (a.length === 0)
        return 1;
    if (b.length === 0)
        return -1;
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
        const x = a[i];
        const y = b[i];
        if (x === undefined)
            return -1;
        if (y === undefined)
            return 1;
        if (x === y)
            continue;
        const xn = /^\d+$/.test(x);
        const yn = /^\d+$/.test(y);
        if (xn && yn)
            return Number(x) - Number(y);
        if (xn)
            return -1;
        if (yn)
            return 1;
        return x < y ? -1 : 1;
    }
    return 0;
}
/** Semver precedence (build metadata ignored). */
function compareSemver(a, b) {
    return a.major - b.major || a.minor - b.minor || a.patch - b.patch || comparePre(a.pre, b.pre);
}
const OPS = { '': '=', '=': '=', '!=': '!=', '>': '>', '<': '<', '>=': '>=', '=>': '>=', '<=': '<=', '=<': '<=', '~': '~', '~>': '~', '^': '^' };
const PART = '(?:\\d+|[xX*])';
const CVER = `v?${PART}(?:\\.${PART})?(?:\\.${PART})?(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?`;
const OP = '(?:!=|>=|=>|<=|=<|~>|>|<|=|~|\\^)?';
const ONE = new RegExp(`^(${OP})\\s*(${CVER})$`);
const TERM = new RegExp(`(${OP})\\s*(${CVER})`, 'g');
const AND = new RegExp(`^\\s*${OP}\\s*${CVER}\\s*(?:(?:\\s+|,\\s*)${OP}\\s*${CVER}\\s*)*$`);
const HYPHEN = new RegExp(`(${CVER})\\s+-\\s+(${CVER})`, 'g');
const isWild = (p) => p === 'x' || p === 'X' || p === '*';
function comparison(text) {
    const m = ONE.exec(text.trim());
    if (m === null)
        throw new Error(`"${text}" is not a version comparison`);
    const op = OPS[m[1] ?? ''];
    const body = m[2].replace(/^v/, '');
    const tail = /[-+].*$/.exec(body)?.[0] ?? '';
    const parts = body.slice(0, body.length - tail.length).split('.');
    const [major, minor, patch] = parts;
    let wild = 'none';
    let core;
    if (isWild(major)) {
        wild = 'all';
        core = '0.0.0';
    }
    else if (minor === undefined || isWild(minor)) {
        wild = 'minor';
        core = `${major}.0.0`;
    }
    else if (patch === undefined || isWild(patch)) {
        wild = 'patch';
        core = `${major}.${minor}.0`;
    }
    else {
        core = `${major}.${minor}.${patch}`;
    }
    const v = parseSemver(core + tail);
    if (v === undefined)
        throw new Error(`"${text}" is not a version comparison`);
    return { op, v, wild };
}
// Masterminds' flags: a wildcard or missing part makes the comparison "dirty"; `1` and `1.x` have
// a wild minor, `1.2` and `1.2.x` a wild patch; `*` is dirty with neither.
const dirty = (c) => c.wild !== 'none';
const minorWild = (c) => c.wild === 'minor';
const patchWild = (c) => c.wild === 'patch';
function tilde(v, c) {
    if (compareSemver(v, c.v) < 0)
        return false;
    // ~0.0.0 (and ~*) takes everything.
    if (c.v.major === 0 && c.v.minor === 0 && c.v.patch === 0 && !minorWild(c) && !patchWild(c))
        return true;
    if (v.major !== c.v.major)
        return false;
    return v.minor === c.v.minor || minorWild(c);
}
function caret(v, c) {
    if (compareSemver(v, c.v) < 0)
        return false;
    if (c.v.major > 0 || minorWild(c))
        return v.major === c.v.major;
    if (v.major > 0)
        return false;
    if (c.v.minor > 0 || patchWild(c))
        return v.minor === c.v.minor;
    if (v.minor > 0)
        return false;
    return v.patch === c.v.patch;
}
function holds(v, c, includePre) {
    if (v.pre.length > 0 && !includePre)
        return false;
    const cmp = compareSemver(v, c.v);
    switch (c.op) {
        case '=':
            return dirty(c) ? tilde(v, c) : cmp === 0;
        case '!=':
            if (!dirty(c))
                return cmp !== 0;
            if (v.major !== c.v.major)
                return true;
            if (minorWild(c))
                return false;
            if (v.minor !== c.v.minor)
                return true;
            if (patchWild(c))
                return v.pre.length + c.v.pre.length > 0 && comparePre(v.pre, c.v.pre) !== 0;
            return cmp !== 0;
        case '>':
            if (!dirty(c))
                return cmp > 0;
            if (v.major !== c.v.major)
                return v.major > c.v.major;
            if (minorWild(c))
                return false;
            if (patchWild(c))
                return v.minor > c.v.minor;
            return cmp > 0;
        case '<':
            return cmp < 0;
        case '>=':
            return cmp >= 0;
        case '<=':
            if (!dirty(c))
                return cmp <= 0;
            if (v.major > c.v.major)
                return false;
            return !(v.major === c.v.major && v.minor > c.v.minor && !minorWild(c));
        case '~':
            return tilde(v, c);
        case '^':
            return caret(v, c);
    }
}
/** Parses a constraint; throws an Error saying what is wrong. An empty constraint takes any release. */
function parseConstraint(text) {
    const rewritten = text.replace(HYPHEN, (_all, a, b) => `>= ${a}, <= ${b}`);
    const alternatives = rewritten.split('||').map((part) => {
        // An empty range takes any release (Helm refuses it since Masterminds/semver v3.2; kept lenient).
        if (part.trim() === '')
            return [comparison('*')];
        if (!AND.test(part))
            throw new Error(`"${text}" is not a version constraint`);
        return [...part.matchAll(TERM)].filter((m) => m[0].trim() !== '').map((m) => comparison(m[0]));
    });
    const withPre = alternatives.map((all) => all.some((c) => c.v.pre.length > 0));
    return { text, matches: (v) => alternatives.some((all, i) => all.every((c) => holds(v, c, withPre[i] === true))) };
}
/** The highest of `versions` (as written) that `constraint` takes; versions that are not semver are skipped. */
function highestMatching(versions, constraint) {
    let best;
    for (const text of versions) {
        const v = parseSemver(text);
        if (v === undefined || !constraint.matches(v))
            continue;
        if (best === undefined || compareSemver(v, best) > 0)
            best = v;
    }
    return best?.original;
}

// EXTERNAL MODULE: ./src/sources/oci-chart.ts
var oci_chart = __webpack_require__(3742);
// EXTERNAL MODULE: ./src/package/components/chart-meta.ts
var chart_meta = __webpack_require__(3727);
;// CONCATENATED MODULE: ./src/package/components/chart-lock.ts
/**
 * A chart's dependency declarations and lock file as Helm reads and writes them: the
 * `dependencies` of Chart.yaml (apiVersion v2) or requirements.yaml (v1), Chart.lock or
 * requirements.lock, and the lock's `digest`, which Helm computes as the sha256 of Go's JSON of
 * `[declared, locked]` (its HashReq; Helm 2's lock files hashed `{"dependencies": declared}`).
 * `helm dependency build` refuses a lock whose digest does not match the declarations, and
 * `helm dependency update` writes a new lock; both are done here the same way, except that the
 * lock written carries a fixed `generated` time (the Unix epoch), so the same chart gives the same
 * bytes.
 */




function isRecord(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
const str = (v) => (typeof v === 'string' ? v : undefined);
const strings = (v) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : undefined);
/** The records of a parsed document's `dependencies` list (entries without a name are skipped, as elsewhere). */
function dependencyRecords(doc) {
    if (!isRecord(doc) || !Array.isArray(doc['dependencies']))
        return [];
    const out = [];
    for (const d of doc['dependencies']) {
        if (!isRecord(d))
            continue;
        const name = str(d['name']);
        if (name === undefined || name === '')
            continue;
        const r = { name, repository: str(d['repository']) ?? '' };
        const version = str(d['version']);
        if (version !== undefined)
            r.version = version;
        const condition = str(d['condition']);
        if (condition !== undefined)
            r.condition = condition;
        const tags = strings(d['tags']);
        if (tags !== undefined)
            r.tags = tags;
        if (typeof d['enabled'] === 'string' && /^true$/i.test(d['enabled']))
            r.enabled = true;
        if (Array.isArray(d['import-values']))
            r.importValues = d['import-values'];
        const alias = str(d['alias']);
        if (alias !== undefined)
            r.alias = alias;
        out.push(r);
    }
    return out;
}
const parseYaml = (text) => dist.parse(text, { schema: 'failsafe', uniqueKeys: false, prettyErrors: false });
/** The declared dependencies of a chart folder: Chart.yaml's, or requirements.yaml's for apiVersion v1. */
async function readDependencyRecords(chartDir, apiVersion) {
    const file = apiVersion === 'v1' ? 'requirements.yaml' : 'Chart.yaml';
    let text;
    try {
        text = await (0,promises_.readFile)(external_node_path_default().join(chartDir, file), 'utf8');
    }
    catch {
        return [];
    }
    return dependencyRecords(parseYaml(text));
}
/** The lock file of a chart folder, if it has one. Throws an Error when it is not a lock file. */
async function readChartLock(chartDir, apiVersion) {
    const file = apiVersion === 'v1' ? 'requirements.lock' : 'Chart.lock';
    let text;
    try {
        text = await (0,promises_.readFile)(external_node_path_default().join(chartDir, file), 'utf8');
    }
    catch {
        return undefined;
    }
    let doc;
    try {
        doc = parseYaml(text);
    }
    catch (e) {
        throw new Error(`${file} is not valid YAML: ${e.message.split('\n')[0]}`);
    }
    if (!isRecord(doc))
        throw new Error(`${file} is not a mapping`);
    return { file, digest: str(doc['digest']) ?? '', dependencies: dependencyRecords(doc) };
}
/** A JSON string as Go's encoding/json writes it (HTML characters and U+2028/9 escaped). */
function goString(s) {
    let out = '"';
    for (const ch of s) {
        const c = ch.codePointAt(0);
        if (ch === '"')
            out += '\\"';
        else if (ch === '\\')
            out += '\\\\';
        else if (ch === '\n')
            out += '\\n';
        else if (ch === '\r')
            out += '\\r';
        else if (ch === '\t')
            out += '\\t';
        else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029)
            out += `\\u${c.toString(16).padStart(4, '0')}`;
        else
            out += ch;
    }
    return `${out}"`;
}
/** Go's JSON of a generic value (maps with sorted keys). */
function goValue(v) {
    if (typeof v === 'string')
        return goString(v);
    if (typeof v === 'boolean')
        return v ? 'true' : 'false';
    if (typeof v === 'number')
        return String(v);
    if (Array.isArray(v))
        return `[${v.map(goValue).join(',')}]`;
    if (isRecord(v)) {
        const keys = Object.keys(v).sort();
        return `{${keys.map((k) => `${goString(k)}:${goValue(v[k])}`).join(',')}}`;
    }
    return 'null';
}
/**
 * Go's JSON of Helm's Dependency struct (field order and omitempty as declared there, in Helm
 * v4.2.3, the Helm Zarf builds with: no `depends-on` yet).
 */
function goDependency(d) {
    const f = [`"name":${goString(d.name)}`];
    if (d.version !== undefined && d.version !== '')
        f.push(`"version":${goString(d.version)}`);
    f.push(`"repository":${goString(d.repository)}`);
    if (d.condition !== undefined && d.condition !== '')
        f.push(`"condition":${goString(d.condition)}`);
    if (d.tags !== undefined && d.tags.length > 0)
        f.push(`"tags":${goValue(d.tags)}`);
    if (d.enabled === true)
        f.push('"enabled":true');
    if (d.importValues !== undefined && d.importValues.length > 0)
        f.push(`"import-values":${goValue(d.importValues)}`);
    if (d.alias !== undefined && d.alias !== '')
        f.push(`"alias":${goString(d.alias)}`);
    return `{${f.join(',')}}`;
}
const sha256 = (s) => (0,external_node_crypto_.createHash)('sha256').update(s, 'utf8').digest('hex');
/** Helm's lock digest of declared and locked dependencies (`sha256:<hex>`). */
function lockDigest(declared, locked) {
    const list = (l) => (l.length === 0 ? 'null' : `[${l.map(goDependency).join(',')}]`);
    return `sha256:${sha256(`[${list(declared)},${list(locked)}]`)}`;
}
/** Helm 2's digest (requirements.lock written by Helm 2), which Helm 3 still accepts for apiVersion v1. */
function lockDigestV2(declared) {
    return `sha256:${sha256(`{"dependencies":${declared.length === 0 ? 'null' : `[${declared.map(goDependency).join(',')}]`}}`)}`;
}
/**
 * Whether a lock matches the declarations, as `helm dependency build` checks it: `declared` with
 * `@name` repositories replaced by their URLs, `asWritten` as written (Helm 2's digest).
 */
function lockInSync(lock, declared, apiVersion, asWritten = declared) {
    if (lockDigest(declared, lock.dependencies) === lock.digest)
        return true;
    return apiVersion === 'v1' && lockDigestV2(asWritten) === lock.digest;
}
/** A YAML scalar: plain when YAML 1.1 reads it back as the same string, else double-quoted. */
function scalar(s) {
    const resolvesOtherwise = /^(?:[-+]?(?:\d[\d_]*)?\.?[\d_]*(?:e[-+]?\d+)?|[-+]?\.(?:inf|nan)|0x[0-9a-f_]+|0b[01_]+|y|n|yes|no|true|false|on|off|null|~|\d+(?::[0-5]?\d)+(?:\.\d*)?)$/i.test(s);
    const plain = /^[A-Za-z0-9_./][A-Za-z0-9_./:@+-]*$/.test(s) && !resolvesOtherwise;
    return plain ? s : JSON.stringify(s);
}
/** The lock file Helm writes (keys sorted, as its YAML writer sorts them), `generated` fixed at the epoch. */
function renderChartLock(declared, locked) {
    const lines = ['dependencies:'];
    for (const d of locked) {
        lines.push(`- name: ${scalar(d.name)}`, `  repository: ${scalar(d.repository)}`);
        if (d.version !== undefined && d.version !== '')
            lines.push(`  version: ${scalar(d.version)}`);
    }
    lines.push(`digest: ${lockDigest(declared, locked)}`, 'generated: "1970-01-01T00:00:00Z"', '');
    return lines.join('\n');
}

// EXTERNAL MODULE: ./src/package/components/paths.ts
var paths = __webpack_require__(1737);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/package/components/chart-deps.ts
/**
 * A local chart's dependencies that its `charts/` folder does not hold, fetched as
 * `helm dependency build` fetches them (Zarf runs it on every chart folder): from a Helm
 * repository (`https://…`, the highest version of the index that the Chart.yaml range takes, the
 * index's digest checked), from an OCI registry (`oci://…`, tags are versions, the highest that the
 * range takes), from a folder (`file://…`, packaged like any chart folder, with its own missing
 * dependencies), or from a repository added with `helm repo add` (`@name`, `alias:name`). A
 * Chart.lock (requirements.lock for apiVersion v1) gives exact versions and must be in sync with
 * Chart.yaml, as Helm checks; without one, the lock Helm would write is added to the package.
 *
 * Unlike Helm, nothing is written into the chart folder: the fetched charts are returned as extra
 * files for the packaged .tgz (`charts/<name>-<version>.tgz`). A dependency that `charts/` already
 * holds (a folder or archive whose Chart.yaml has its name) is kept as it is, not fetched again.
 * How the bytes are fetched (network, blob cache) is the caller's `DependencySources`.
 */












/** What a dependency problem is reported as (chart-package.ts turns it into its own error type). */
class DependencyError extends errors/* HintedError */.J_ {
    name = 'DependencyError';
}
/** Name -> version of each chart charts/ holds (archives that cannot be read are known by file name). */
async function vendoredCharts(files) {
    const found = new Map();
    const unreadable = [];
    for (const f of files) {
        const dir = /^charts\/([^/]+)\/Chart\.yaml$/.exec(f.rel);
        const arc = /^charts\/([^/]+)\.(?:tgz|tar\.gz)$/.exec(f.rel);
        const base = dir?.[1] ?? arc?.[1];
        if (base === undefined || base.startsWith('_') || base.startsWith('.'))
            continue;
        try {
            const m = dir !== null ? (0,chart_meta/* parseChartYaml */.zO)(await (0,promises_.readFile)(f.real, 'utf8')) : await (0,chart_meta/* inspectChartArchive */.$P)(f.real);
            if (!found.has(m.name))
                found.set(m.name, m.version);
        }
        catch {
            unreadable.push(base);
        }
    }
    return {
        versionOf: (name) => found.get(name) ?? (unreadable.some((b) => b === name || b.startsWith(`${name}-`)) ? '' : undefined)
    };
}
/** Helm's named repositories (`helm repo add`), from its repositories.yaml. */
async function namedRepository(name) {
    const config = process.env['HELM_REPOSITORY_CONFIG'] ?? external_node_path_default().join(process.env['XDG_CONFIG_HOME'] ?? external_node_path_default().join(external_node_os_default().homedir(), '.config'), 'helm', 'repositories.yaml');
    let doc;
    try {
        doc = dist.parse(await (0,promises_.readFile)(config, 'utf8'), { schema: 'failsafe', uniqueKeys: false });
    }
    catch {
        return undefined;
    }
    const repos = typeof doc === 'object' && doc !== null && Array.isArray(doc['repositories']) ? doc['repositories'] : [];
    for (const r of repos) {
        if (typeof r === 'object' && r !== null && r['name'] === name) {
            const url = r['url'];
            if (typeof url === 'string')
                return url;
        }
    }
    return undefined;
}
function constraintOf(d, exact) {
    const text = exact ?? d.version ?? '';
    try {
        return parseConstraint(text);
    }
    catch {
        throw new DependencyError(`version "${text}" is not a version range Helm reads`, 'write a version or a range such as "1.2.3", "^1.2.0", "~1.2", ">=1.0.0, <2.0.0" or "1.x"');
    }
}
/** Fetches one dependency; returns the version it has and the archive. */
async function fetchOne(input, d, exact) {
    const { sources, chartDir, show, roots } = input;
    const repo = d.repository;
    const constraint = constraintOf(d, exact);
    const wanted = exact ?? (d.version !== undefined && d.version !== '' ? d.version : '*');
    if (repo.startsWith('file://')) {
        const p = repo.slice('file://'.length);
        const dir = external_node_path_default().isAbsolute(p) ? p : external_node_path_default().resolve(chartDir, p);
        let real;
        try {
            real = await (0,promises_.realpath)(dir);
            if (!(await (0,promises_.stat)(real)).isDirectory())
                throw new Error('not a folder');
        }
        catch {
            throw new DependencyError(`folder ${show(dir)} not found`, 'fix the file:// path in Chart.yaml: it is relative to the chart folder');
        }
        if (!roots.some((r) => real === r || (0,paths/* isInside */.FK)(r, real)))
            throw new DependencyError(`${show(dir)} is outside the workspace`, 'keep the dependency folder inside the workspace');
        if (sources.packageFolder === undefined)
            throw new DependencyError('file:// dependencies cannot be packaged here');
        const packaged = await sources.packageFolder(real, sources.tmp(`${d.name}.tgz`));
        const v = parseSemver(packaged.meta.version);
        if (packaged.meta.name !== d.name)
            throw new DependencyError(`${show(dir)} holds chart ${packaged.meta.name}, not ${d.name}`, 'point file:// at the folder of that chart, or fix the name');
        if (v === undefined || !constraint.matches(v))
            throw new DependencyError(`${show(dir)} holds ${d.name} ${packaged.meta.version}, which is not ${wanted}`, exact !== undefined ? 'run "helm dependency update" to refresh the lock file' : 'fix the version in Chart.yaml');
        return { version: packaged.meta.version, chart: packaged };
    }
    if (repo.startsWith('oci://')) {
        const repository = `${repo.replace(/\/+$/, '')}/${d.name}`;
        // As Helm does: a version (not a range) is the tag itself, without listing the tags.
        let version = exact ?? (d.version !== undefined && parseSemver(d.version) !== undefined ? d.version : undefined);
        if (version === undefined) {
            let base;
            try {
                base = (0,oci_chart/* ociChartReference */.Ls)(repository, '0.0.0');
            }
            catch (e) {
                throw new DependencyError(e.message, 'fix the oci:// repository in Chart.yaml');
            }
            const tags = (await sources.ociTags(base)).map((t) => t.replace(/_/g, '+'));
            version = highestMatching(tags, constraint);
            if (version === undefined)
                throw new DependencyError(`no version of ${repository} is ${wanted}`, `available versions: ${(0,helm_repo/* listVersions */.yO)(tags.filter((t) => parseSemver(t) !== undefined))}`);
        }
        let ref;
        try {
            ref = (0,oci_chart/* ociChartReference */.Ls)(repository, version);
        }
        catch (e) {
            throw new DependencyError(e.message, 'fix the oci:// repository in Chart.yaml');
        }
        return { version, chart: await sources.ociChart(ref, version) };
    }
    if (/^https?:\/\//i.test(repo)) {
        const index = await sources.helmIndex(repo);
        const entries = index.get(d.name);
        if (entries === undefined)
            throw new DependencyError(`the Helm repository ${(0,http/* displayUrl */.Qy)(repo)} has no chart named "${d.name}"`, 'check the dependency name and repository in Chart.yaml');
        const version = highestMatching(entries.filter((e) => e.urls.length > 0).map((e) => e.version), constraint);
        if (version === undefined)
            throw new DependencyError(`no version of ${d.name} in the Helm repository ${(0,http/* displayUrl */.Qy)(repo)} is ${wanted}`, `available versions: ${(0,helm_repo/* listVersions */.yO)(entries.map((e) => e.version))}`);
        return { version, chart: await sources.helmChart((0,helm_repo/* locateInIndex */.ec)(index, repo, d.name, version)) };
    }
    throw new DependencyError(`repository "${repo}" is not one Helm fetches from`, 'use an https:// Helm repository, an oci:// registry, a file:// folder or @name of a repository added with helm repo add');
}
/**
 * The files to add to the packaged chart for the dependencies `charts/` does not hold: fetched
 * archives and, without a lock file, the lock Helm writes. Empty when charts/ holds them all.
 * Errors are DependencyErrors (or LadingErrors from the sources) naming the dependency.
 */
async function vendorDependencies(input) {
    const { chartDir, meta, show } = input;
    const written = await readDependencyRecords(chartDir, meta.apiVersion);
    const vendored = await vendoredCharts(input.files);
    if (written.every((d) => vendored.versionOf(d.name) !== undefined))
        return [];
    // As Helm does before anything else: `@name` and `alias:name` become the URL of the repository
    // added under that name, in the lock and its digest too.
    const declared = [];
    for (const d of written) {
        const named = /^(?:@|alias:)(.+)$/.exec(d.repository)?.[1];
        if (named === undefined) {
            declared.push(d);
            continue;
        }
        const url = await namedRepository(named);
        if (url === undefined) {
            throw new DependencyError(`chart ${meta.name}: dependency ${d.name}: no repository named "${named}" in Helm's repositories.yaml (helm repo add)`, `write the repository's URL in ${meta.apiVersion === 'v1' ? 'requirements.yaml' : 'Chart.yaml'} instead of "${d.repository}", or run "helm repo add ${named} <url>" on the runner before Lading`);
        }
        declared.push({ ...d, repository: url });
    }
    let lock;
    try {
        lock = await readChartLock(chartDir, meta.apiVersion);
    }
    catch (e) {
        throw new DependencyError(`${show(chartDir)}/${e.message}`, 'fix the lock file or delete it');
    }
    const depFile = meta.apiVersion === 'v1' ? 'requirements.yaml' : 'Chart.yaml';
    if (lock !== undefined && !lockInSync(lock, declared, meta.apiVersion, written)) {
        throw new DependencyError(`${show(external_node_path_default().join(chartDir, lock.file))} is out of sync with the dependencies in ${depFile} (helm dependency build refuses it too)`, `run "helm dependency update ${show(chartDir)}" and commit the new ${lock.file}, or delete it`);
    }
    const added = [];
    const locked = [];
    const done = new Map();
    for (const [i, d] of declared.entries()) {
        const have = vendored.versionOf(d.name);
        if (have !== undefined) {
            locked.push({ name: d.name, repository: d.repository, ...(d.repository === '' ? (d.version !== undefined ? { version: d.version } : {}) : have !== '' ? { version: have } : {}) });
            continue;
        }
        const shown = `dependency ${d.name}${d.repository !== '' ? ` (${d.repository.startsWith('file://') ? d.repository : (0,http/* displayUrl */.Qy)(d.repository)})` : ''}`;
        if (d.repository === '') {
            throw new DependencyError(`chart ${meta.name}: ${shown} has no repository and is not in its charts/ folder`, 'put the chart in charts/, or give its repository in Chart.yaml');
        }
        const fromLock = lock === undefined ? undefined : (lock.dependencies.length === declared.length ? lock.dependencies[i] : lock.dependencies.find((l) => l.name === d.name && l.repository === d.repository));
        const exact = fromLock?.version;
        const key = `${d.name}\n${d.repository}\n${exact ?? d.version ?? ''}`;
        let version = done.get(key);
        if (version === undefined) {
            let got;
            try {
                got = await fetchOne(input, d, exact);
            }
            catch (e) {
                // Every failure (ours, a source's LadingError, a registry's OciError) is told with the dependency it is about.
                const hint = e.hint;
                throw new DependencyError(`chart ${meta.name}: ${shown}: ${e instanceof Error ? e.message : String(e)}`, typeof hint === 'string' ? hint : undefined);
            }
            let inside;
            try {
                inside = await (0,chart_meta/* inspectChartArchive */.$P)(got.chart.file);
            }
            catch (e) {
                throw new DependencyError(`chart ${meta.name}: ${shown}: ${d.name} ${got.version} is not a Helm chart: ${e.message}`, 'the repository serves something else than a packaged chart');
            }
            if (inside.name !== d.name) {
                throw new DependencyError(`chart ${meta.name}: ${shown}: the chart fetched for ${d.name} ${got.version} is named ${inside.name}`, 'the repository lists the chart under another name than its Chart.yaml gives');
            }
            version = got.version;
            done.set(key, version);
            added.push({ rel: `charts/${d.name}-${version}.tgz`, real: got.chart.file, size: got.chart.size, dependency: { name: d.name, version, from: d.repository.startsWith('file://') ? d.repository : (0,http/* displayUrl */.Qy)(d.repository) } });
        }
        locked.push({ name: d.name, repository: d.repository, version });
    }
    if (lock === undefined) {
        const data = Buffer.from(renderChartLock(declared, locked), 'utf8');
        added.push({ rel: meta.apiVersion === 'v1' ? 'requirements.lock' : 'Chart.lock', data, size: data.length });
    }
    return added;
}

;// CONCATENATED MODULE: ./src/package/components/helmignore.ts
/**
 * `.helmignore` rules as Helm applies them when it packages a chart folder (helm.sh/helm
 * pkg/ignore): one pattern per line, `#` comments, blank lines skipped; Go `filepath.Match` globs
 * (`*`, `?`, `[...]`, `\` escapes; `**` is refused as Helm refuses it); a trailing `/` matches folders
 * only; a leading `/` anchors at the chart root; a pattern without `/` matches the base name, one
 * with `/` the whole relative path; `!` negates. Rules are tried in order and the first that decides
 * wins, with Helm's own reading of a negated rule: a path that does NOT match it is ignored. Helm
 * always adds `templates/.?*` (dotfiles in templates/).
 */
class HelmIgnoreError extends Error {
    line;
    constructor(message, line) {
        super(message);
        this.line = line;
        this.name = 'HelmIgnoreError';
    }
}
/** A Go filepath.Match pattern (separator `/`) as an anchored regular expression; throws when malformed. */
function globToRegExp(pattern) {
    let out = '^';
    let i = 0;
    const n = pattern.length;
    while (i < n) {
        const c = pattern[i];
        if (c === '*') {
            out += '[^/]*';
            i++;
        }
        else if (c === '?') {
            out += '[^/]';
            i++;
        }
        else if (c === '\\') {
            if (i + 1 >= n)
                throw new Error('the pattern ends with an escape');
            out += escapeRe(pattern[i + 1]);
            i += 2;
        }
        else if (c === '[') {
            i++;
            let cls = '[';
            if (pattern[i] === '^') {
                cls += '^';
                i++;
            }
            let count = 0;
            for (;;) {
                if (i >= n)
                    throw new Error('a character class is not closed');
                let ch = pattern[i];
                if (ch === ']' && count > 0) {
                    i++;
                    break;
                }
                if (ch === '-' || ch === ']')
                    throw new Error('a character class is malformed');
                if (ch === '\\') {
                    i++;
                    if (i >= n)
                        throw new Error('the pattern ends with an escape');
                    ch = pattern[i];
                }
                i++;
                let lo = ch;
                cls += escapeClass(lo);
                if (pattern[i] === '-') {
                    i++;
                    let hi = pattern[i];
                    if (hi === undefined || hi === ']')
                        throw new Error('a character range is malformed');
                    if (hi === '\\') {
                        i++;
                        hi = pattern[i];
                        if (hi === undefined)
                            throw new Error('the pattern ends with an escape');
                    }
                    i++;
                    if (hi < lo)
                        throw new Error('a character range is reversed');
                    cls += `-${escapeClass(hi)}`;
                    lo = hi;
                }
                count++;
            }
            out += `${cls}]`;
        }
        else {
            out += escapeRe(c);
            i++;
        }
    }
    return new RegExp(`${out}$`, 'u');
}
function escapeRe(c) {
    return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
function escapeClass(c) {
    return c.replace(/[\\\]^-]/g, '\\$&');
}
class HelmIgnore {
    rules = [];
    /** Parses the text of a .helmignore file (Helm's defaults are added after its rules). */
    static parse(text) {
        const r = new HelmIgnore();
        text.split(/\r?\n/).forEach((line, i) => r.add(line, i + 1));
        r.add('templates/.?*', 0);
        return r;
    }
    /** Only Helm's defaults (a chart without .helmignore). */
    static defaults() {
        return HelmIgnore.parse('');
    }
    add(line, lineNo) {
        let rule = line.trim();
        if (rule === '' || rule.startsWith('#'))
            return;
        if (rule.includes('**'))
            throw new HelmIgnoreError(`double-star (**) syntax is not supported: "${rule}"`, lineNo);
        const raw = rule;
        let negate = false;
        if (rule.startsWith('!')) {
            negate = true;
            rule = rule.slice(1);
        }
        let mustDir = false;
        if (rule.endsWith('/')) {
            mustDir = true;
            rule = rule.slice(0, -1);
        }
        let structural = rule.includes('/');
        if (rule.startsWith('/')) {
            rule = rule.slice(1);
            structural = true;
        }
        let re;
        try {
            re = globToRegExp(rule);
        }
        catch (e) {
            throw new HelmIgnoreError(`bad pattern "${raw}": ${e.message}`, lineNo);
        }
        this.rules.push({ raw, negate, mustDir, structural, re });
    }
    /** Whether `rel` (a `/`-separated path relative to the chart folder) is left out. */
    ignores(rel, isDir) {
        if (rel === '' || rel === '.' || rel === './')
            return false;
        for (const r of this.rules) {
            const subject = r.structural ? rel : rel.slice(rel.lastIndexOf('/') + 1);
            if (r.negate) {
                if (r.mustDir && !isDir)
                    return true;
                if (!r.re.test(subject))
                    return true;
                continue;
            }
            if (r.mustDir && !isDir)
                continue;
            if (r.re.test(subject))
                return true;
        }
        return false;
    }
}

// EXTERNAL MODULE: ./src/package/components/chart-error.ts
var chart_error = __webpack_require__(7770);
;// CONCATENATED MODULE: ./src/package/components/chart-package.ts
/**
 * Packages a local chart folder into a `.tgz` the way `helm package` lays it out, without helm:
 * every file not left out by `.helmignore` (and Helm's `templates/.?*` default) under `<name>/`
 * (the Chart.yaml name), regular files only, mode 0644, no folder entries. Unlike helm it is
 * reproducible: entries sorted bytewise by path, mtime 0, uid/gid 0, no user or group names, a
 * gzip header without time or OS (as Go writes it), so the same folder gives the same bytes.
 * Files are kept byte for byte (helm re-serializes Chart.yaml and unpacks vendored dependencies;
 * Helm reads both forms the same). Dependencies that `charts/` does not hold are fetched as
 * `helm dependency build` fetches them (chart-deps.ts) when the caller gives the sources, and added
 * to the .tgz as `charts/<name>-<version>.tgz` (with the lock file Helm would write); the chart
 * folder itself is never written to, unlike Helm, which writes them into the source.
 */















function bytewise(a, b) {
    return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
/**
 * Lists the chart's files: walks `chartDir` in order, follows symbolic links that stay inside
 * `roots` (the real folders content may come from: the workspace, skeleton content) and refuses those that lead out, skips what .helmignore
 * leaves out, refuses anything that is not a regular file.
 */
async function listChartFiles(chartDir, roots, ignore, show) {
    const out = [];
    const seen = new Set();
    let total = 0;
    const walk = async (realDir, rel) => {
        if (seen.has(realDir))
            throw new chart_error/* ChartPackageError */.$(`${show(external_node_path_default().join(chartDir, rel))} links back to a folder above it (a symbolic link loop)`, 'remove the link');
        seen.add(realDir);
        const names = (await (0,promises_.readdir)(realDir)).sort(bytewise);
        for (const name of names) {
            const childRel = rel === '' ? name : `${rel}/${name}`;
            const linkPath = external_node_path_default().join(realDir, name);
            let real;
            try {
                real = await (0,promises_.realpath)(linkPath);
            }
            catch {
                throw new chart_error/* ChartPackageError */.$(`${show(external_node_path_default().join(chartDir, childRel))} is a broken symbolic link`, 'remove it or add it to .helmignore');
            }
            if (!roots.some((root) => (0,paths/* isInside */.FK)(root, real) || real === root)) {
                throw new chart_error/* ChartPackageError */.$(`${show(external_node_path_default().join(chartDir, childRel))} leads outside the workspace through a symbolic link`, 'copy the file into the chart instead of linking to it, or add it to .helmignore');
            }
            const s = await (0,promises_.stat)(real);
            if (s.isDirectory()) {
                if (ignore.ignores(childRel, true))
                    continue;
                await walk(real, childRel);
                continue;
            }
            if (ignore.ignores(childRel, false))
                continue;
            if (!s.isFile()) {
                throw new chart_error/* ChartPackageError */.$(`${show(external_node_path_default().join(chartDir, childRel))} is not a regular file (Helm cannot load it)`, 'remove it or add it to .helmignore');
            }
            total += s.size;
            if (total > chart_meta/* MAX_CHART_BYTES */.it) {
                throw new chart_error/* ChartPackageError */.$(`the chart is over ${chart_meta/* MAX_CHART_BYTES */.it / 1024 / 1024} MiB, Helm's limit for a chart`, 'leave large files out with .helmignore');
            }
            out.push({ rel: childRel, real, size: s.size });
        }
        seen.delete(realDir);
    };
    await walk(await (0,promises_.realpath)(chartDir), '');
    return out.sort((a, b) => bytewise(a.rel, b.rel));
}
/** Reads Chart.yaml (and requirements.yaml for apiVersion v1) of a chart folder. */
async function readChartFolder(chartDir, show) {
    let text;
    try {
        text = await (0,promises_.readFile)(external_node_path_default().join(chartDir, 'Chart.yaml'), 'utf8');
    }
    catch {
        throw new chart_error/* ChartPackageError */.$(`${show(chartDir)} has no Chart.yaml: it is not a Helm chart folder`, 'point localPath at the folder that holds Chart.yaml');
    }
    let meta;
    try {
        meta = (0,chart_meta/* parseChartYaml */.zO)(text);
    }
    catch (e) {
        throw new chart_error/* ChartPackageError */.$(`${show(external_node_path_default().join(chartDir, 'Chart.yaml'))}: ${e.message.replace(/^Chart\.yaml /, '')}`, 'fix Chart.yaml: Helm needs apiVersion, name and version');
    }
    if (meta.apiVersion === 'v1') {
        try {
            const req = dist.parse(await (0,promises_.readFile)(external_node_path_default().join(chartDir, 'requirements.yaml'), 'utf8'), { schema: 'failsafe', uniqueKeys: false });
            meta = { ...meta, dependencies: (0,chart_meta/* dependenciesOf */.hk)(req) };
        }
        catch {
            // no requirements.yaml: no dependencies
        }
    }
    return meta;
}
/** The first dependency Chart.yaml declares that charts/ does not hold (by name), if any. */
function missingDependency(meta, files) {
    const present = new Set();
    for (const f of files) {
        const m = /^charts\/([^/]+)\/Chart\.yaml$/.exec(f.rel);
        if (m?.[1] !== undefined)
            present.add(m[1]);
        const t = /^charts\/([^/]+)\.(tgz|tar\.gz)$/.exec(f.rel);
        if (t?.[1] !== undefined)
            present.add(t[1]);
    }
    return meta.dependencies.find((d) => ![...present].some((p) => p === d.name || p.startsWith(`${d.name}-`)));
}
/** Packages `chartDir` into `dest` (a new file). `roots`: the real folders links may lead into. */
async function packageChartFolder(chartDir, roots, dest, show, options = {}) {
    const meta = await readChartFolder(chartDir, show);
    let ignore;
    try {
        const text = await (0,promises_.readFile)(external_node_path_default().join(chartDir, '.helmignore'), 'utf8').catch(() => '');
        ignore = HelmIgnore.parse(text);
    }
    catch (e) {
        const line = e instanceof HelmIgnoreError ? `:${e.line}` : '';
        throw new chart_error/* ChartPackageError */.$(`${show(external_node_path_default().join(chartDir, '.helmignore'))}${line}: ${e.message}`, 'fix the pattern: .helmignore takes Go glob patterns, one per line');
    }
    const realRoots = await Promise.all(roots.map((r) => (0,promises_.realpath)(r)));
    const files = await listChartFiles(chartDir, realRoots, ignore, show);
    if (!files.some((f) => f.rel === 'Chart.yaml')) {
        throw new chart_error/* ChartPackageError */.$(`${show(external_node_path_default().join(chartDir, '.helmignore'))} leaves out Chart.yaml`, 'remove the pattern that matches Chart.yaml');
    }
    const { dependencies: sources } = options;
    const fetched = [];
    if (sources === undefined) {
        const missing = missingDependency(meta, files);
        if (missing !== undefined) {
            throw new chart_error/* ChartPackageError */.$(`chart ${meta.name} depends on ${missing.name}${missing.repository !== undefined ? ` (${missing.repository})` : ''}, which is not in its charts/ folder`, `run "helm dependency build ${show(chartDir)}" and keep charts/ with the chart`);
        }
    }
    else if (meta.dependencies.length > 0) {
        const self = await (0,promises_.realpath)(chartDir);
        const parents = [...(options.parents ?? []), self];
        const packageFolder = async (dir, to) => {
            if (parents.includes(dir))
                throw new chart_error/* ChartPackageError */.$(`${show(dir)} depends on itself through file:// dependencies`, 'remove the file:// loop from the Chart.yaml files');
            return packageChartFolder(dir, roots, to, show, { dependencies: sources, parents });
        };
        let added;
        try {
            added = await vendorDependencies({ chartDir, meta, files, roots: realRoots, show, sources: { ...sources, packageFolder } });
        }
        catch (e) {
            if (e instanceof DependencyError || e instanceof chart_error/* ChartPackageError */.$)
                throw new chart_error/* ChartPackageError */.$(e.message, e.hint);
            throw e;
        }
        let total = files.reduce((n, f) => n + f.size, 0);
        for (const a of added) {
            // What .helmignore leaves out, helm package leaves out of what helm dependency build wrote too.
            if (ignore.ignores(a.rel, false))
                continue;
            if (files.some((f) => f.rel === a.rel))
                throw new chart_error/* ChartPackageError */.$(`${show(external_node_path_default().join(chartDir, a.rel))} is in the way of the dependency fetched for it`, 'remove it from the chart folder');
            total += a.size;
            if (total > chart_meta/* MAX_CHART_BYTES */.it)
                throw new chart_error/* ChartPackageError */.$(`the chart with its dependencies is over ${chart_meta/* MAX_CHART_BYTES */.it / 1024 / 1024} MiB, Helm's limit for a chart`, 'leave large files out with .helmignore');
            files.push({ rel: a.rel, real: a.real ?? '', ...(a.data !== undefined ? { data: a.data } : {}), size: a.size });
            if (a.dependency !== undefined)
                fetched.push(a.dependency);
        }
        files.sort((a, b) => bytewise(a.rel, b.rel));
    }
    const pack = tar_stream.pack();
    const producing = (async () => {
        for (const f of files) {
            const data = f.data ?? (await (0,promises_.readFile)(f.real));
            if (data.length !== f.size)
                throw new chart_error/* ChartPackageError */.$(`${show(external_node_path_default().join(chartDir, f.rel))} changed while the chart was being packaged`, 'run again once nothing writes to the chart folder');
            await new Promise((resolve, reject) => {
                pack.entry({ name: `${meta.name}/${f.rel}`, type: 'file', mode: 0o644, size: data.length, mtime: new Date(0), uid: 0, gid: 0, uname: '', gname: '' }, data, (err) => (err ? reject(err) : resolve()));
            });
        }
        pack.finalize();
    })().catch((e) => {
        pack.destroy(e instanceof Error ? e : new Error(String(e)));
        throw e;
    });
    const gzip = (0,external_node_zlib_.createGzip)({ level: external_node_zlib_.constants.Z_DEFAULT_COMPRESSION });
    const writing = (0,external_node_stream_promises_.pipeline)(external_node_stream_.Readable.from(pack), gzip, (0,external_node_fs_.createWriteStream)(dest, { flags: 'wx', mode: 0o644 }));
    const [p, w] = await Promise.allSettled([producing, writing]);
    if (p.status === 'rejected')
        throw p.reason;
    if (w.status === 'rejected')
        throw w.reason;
    // The gzip header's OS byte is the platform's (3 on Unix); write 255 ("unknown", as Go's gzip
    // writer does) so the bytes do not depend on the build machine's OS. No header CRC is written.
    const fh = await (0,promises_.open)(dest, 'r+');
    try {
        await fh.write(Buffer.from([0xff]), 0, 1, 9);
    }
    finally {
        await fh.close();
    }
    const bytes = await (0,promises_.readFile)(dest);
    return { meta, file: dest, size: bytes.length, sha256: (0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex'), files: files.length, dependencies: fetched };
}


/***/ }),

/***/ 8022:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EO: () => (/* binding */ runGit),
/* harmony export */   Ne: () => (/* binding */ gitCredentialEnv),
/* harmony export */   eR: () => (/* binding */ cloneRepository)
/* harmony export */ });
/* unused harmony exports ONLINE_REMOTE, GitCloneError */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
/* harmony import */ var _git_url_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4590);
/**
 * Clones a Git repository with the `git` program, as Zarf's clone leaves it (src/internal/git):
 * a full, non-bare clone whose remote is `online-upstream`, at the ref the URL names:
 * - no ref: every branch and tag, then Zarf's `git fetch --tags --update-head-ok online-upstream
 *   'refs/*:refs/*'`, so every remote branch is also a local one;
 * - `refs/heads/<b>`: that branch alone, no tags, checked out as itself;
 * - a tag (`refs/tags/<t>` or a plain string): that tag alone, checked out as branch `zarf-ref-<t>`;
 * - a commit (40 hex): a full clone, the commit checked out as branch `zarf-ref-<sha>`.
 * The `.git` folder holds what Zarf's own (go-git) clone writes and no more: no hooks, no
 * description, no info/exclude (an empty template), no reflogs, no FETCH_HEAD, no remote HEAD.
 *
 * Credentials come from the runner's git configuration (credential helpers, `url.insteadOf`,
 * `http.<url>.extraheader`), which git reads itself; the URL-scoped extra headers that
 * actions/checkout keeps in the workspace repository's own configuration are passed on through
 * GIT_CONFIG_* variables (never written into the clone). Git never prompts (GIT_TERMINAL_PROMPT=0):
 * a repository that needs credentials it does not have fails at once. Arguments go to `git` as an
 * array, never through a shell; `user:password@` is masked in every message.
 */





const ONLINE_REMOTE = 'online-upstream';
const MAX_STDERR = 64 * 1024;
/**
 * Runs `git args` in `cwd`; never throws for a non-zero exit (a LadingError when git is missing or
 * the run is cancelled). Git runs in its own process group, so that a cancellation stops the helpers
 * it starts too (`git-remote-https` holds the connection): SIGTERM to the group, SIGKILL 2 s later.
 */
async function runGit(args, cwd, opts = {}) {
    const env = { ...process.env, ...opts.env, GIT_TERMINAL_PROMPT: '0', GCM_INTERACTIVE: 'never', LC_ALL: 'C' };
    const signal = opts.signal;
    if (signal?.aborted === true)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3('cancelled before git ran');
    return new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)('git', [...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
        const out = [];
        let err = '';
        let killTimer;
        const group = (sig) => {
            try {
                if (child.pid !== undefined)
                    process.kill(-child.pid, sig);
            }
            catch {
                /* already gone */
            }
        };
        const onAbort = () => {
            group('SIGTERM');
            killTimer = setTimeout(() => group('SIGKILL'), 2000);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        child.stdout.on('data', (d) => out.push(d));
        child.stderr.on('data', (d) => {
            err += d.toString('utf8');
            if (err.length > MAX_STDERR)
                err = err.slice(-MAX_STDERR);
        });
        const done = () => {
            signal?.removeEventListener('abort', onAbort);
            if (killTimer !== undefined)
                clearTimeout(killTimer);
        };
        child.once('error', (e) => {
            done();
            if (e.code === 'ENOENT')
                reject(new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3('git is not on PATH', { hint: 'install git on the runner (hosted runners have it)' }));
            else
                reject(e);
        });
        child.once('close', (code) => {
            done();
            if (signal?.aborted === true)
                reject(new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3('cancelled while git was running'));
            else
                resolve({ code: code ?? 128, stdout: Buffer.concat(out).toString('utf8'), stderr: err });
        });
    });
}
/**
 * The URL-scoped `http.<url>.extraheader` entries of the repository `dir` lies in (its own
 * configuration and what it includes: where actions/checkout keeps its token), as GIT_CONFIG_*
 * variables for the clones. Global ones are left out (git reads those itself), as are headers
 * without a URL (they would go to every host a zarf.yaml names). Empty when `dir` is not in a
 * repository.
 */
async function gitCredentialEnv(dir) {
    let r;
    try {
        r = await runGit(['config', '--local', '--includes', '--null', '--get-regexp', '^http\\..+\\.extraheader$'], dir);
    }
    catch {
        return { env: {}, scopes: [] };
    }
    if (r.code !== 0)
        return { env: {}, scopes: [] };
    const env = {};
    const scopes = [];
    let n = 0;
    for (const rec of r.stdout.split('\0')) {
        const nl = rec.indexOf('\n');
        if (nl <= 0)
            continue;
        const key = rec.slice(0, nl);
        env[`GIT_CONFIG_KEY_${n}`] = key;
        env[`GIT_CONFIG_VALUE_${n}`] = rec.slice(nl + 1);
        scopes.push(key.slice('http.'.length, -'.extraheader'.length));
        n++;
    }
    if (n === 0)
        return { env: {}, scopes: [] };
    env['GIT_CONFIG_COUNT'] = String(n);
    return { env, scopes };
}
/** A clone that failed: one line about the repository, git's last words masked. */
class GitCloneError extends _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .LadingError */ .c3 {
}
function lastLines(stderr, n = 3) {
    const lines = (0,_git_url_js__WEBPACK_IMPORTED_MODULE_4__/* .maskUrls */ .BP)(stderr)
        // git breaks "unable to connect to host:\nhost[0: addr]: errno=..." over two lines.
        .replace(/:\n(?!(fatal|error|warning|hint|remote):)/g, ': ')
        .split('\n')
        .map((l) => l.replace(/^(fatal|error): /, '').trim())
        .filter((l) => l !== '' && !l.startsWith('hint:') && !l.startsWith('warning: redirecting'));
    return lines.slice(-n).join('; ');
}
function cloneFailure(url, ref, stderr) {
    const shown = (0,_git_url_js__WEBPACK_IMPORTED_MODULE_4__/* .maskUrls */ .BP)(url.cloneUrl);
    const why = lastLines(stderr);
    if (/Remote branch .* not found/.test(stderr)) {
        const hint = 'check the ref after @: a tag as v1.2.3 or refs/tags/v1.2.3, a branch as refs/heads/main, a commit as its 40-character sha';
        if (ref.kind === 'branch')
            return new GitCloneError(`${shown} has no branch "${ref.name}"`, { hint });
        if (ref.kind === 'tag')
            return new GitCloneError(`${shown} has no tag "${ref.name}"`, { hint });
        return new GitCloneError(`${shown} has no ref "${url.ref}"`, { hint });
    }
    if (/could not read (Username|Password)|terminal prompts disabled|Authentication failed|returned error: 40[13]|Permission denied \(publickey/i.test(stderr)) {
        return new GitCloneError(`cannot clone ${shown}: the repository needs credentials that git does not have (${why})`, {
            hint: "give git the credentials in the runner's git configuration: actions/checkout's token (persist-credentials), a credential helper, or http.<url>.extraheader; never in the URL"
        });
    }
    if (/repository .* not found|does not appear to be a git repository|returned error: 404|not found: did you run git update-server-info/i.test(stderr)) {
        return new GitCloneError(`cannot clone ${shown}: there is no repository at that URL (${why})`, { hint: 'check the URL' });
    }
    return new GitCloneError(`cannot clone ${shown}: ${why === '' ? 'git failed' : why}`, { hint: 'check the URL and that the runner can reach the host' });
}
/**
 * Clones `url` into `dest` (a folder that does not exist yet), as Zarf does, at the URL's ref;
 * `shallow` (charts from git) fetches the last commit only. A GitCloneError when it cannot.
 */
async function cloneRepository(url, dest, opts = {}) {
    const ref = (0,_git_url_js__WEBPACK_IMPORTED_MODULE_4__/* .gitRef */ .GY)(url.ref);
    const shown = (0,_git_url_js__WEBPACK_IMPORTED_MODULE_4__/* .maskUrls */ .BP)(url.cloneUrl);
    if (ref.kind === 'other') {
        throw new GitCloneError(`${(0,_git_url_js__WEBPACK_IMPORTED_MODULE_4__/* .maskUrls */ .BP)(url.written)}: the ref "${url.ref}" is neither a tag, a branch (refs/heads/…) nor a commit`, {
            hint: 'name a tag (v1.2.3 or refs/tags/v1.2.3), a branch (refs/heads/main) or a commit (its 40-character sha)'
        });
    }
    const cwd = node_path__WEBPACK_IMPORTED_MODULE_2___default().dirname(dest);
    // Command-line configuration only (not written into the clone): no reflogs, as go-git writes none.
    const base = ['-c', 'core.logAllRefUpdates=false', '-c', 'advice.detachedHead=false', '-c', 'protocol.file.allow=never'];
    const clone = [...base, 'clone', '--quiet', '--template=', '--origin', ONLINE_REMOTE];
    if (ref.kind === 'branch' || ref.kind === 'tag')
        clone.push('--no-tags', '--branch', ref.name, '--single-branch');
    if (opts.shallow === true)
        clone.push('--depth', '1');
    clone.push('--', url.cloneUrl, dest);
    const failed = async (e) => {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(dest, { recursive: true, force: true });
        throw e;
    };
    const c = await runGit(clone, cwd, opts);
    if (c.code !== 0)
        return failed(cloneFailure(url, ref, c.stderr));
    const git = (args) => runGit([...base, ...args], dest, opts);
    if (ref.kind === 'all') {
        const f = await git(['fetch', '--quiet', '--tags', '--update-head-ok', ONLINE_REMOTE, 'refs/*:refs/*']);
        if (f.code !== 0)
            return failed(new GitCloneError(`cannot fetch every ref of ${shown}: ${lastLines(f.stderr)}`, { hint: 'check that the runner can reach the host' }));
    }
    const branch = (0,_git_url_js__WEBPACK_IMPORTED_MODULE_4__/* .zarfRefBranch */ .vr)(ref);
    if (branch !== undefined) {
        const wanted = ref.kind === 'tag' ? `refs/tags/${ref.name}` : ref.kind === 'commit' ? ref.sha : '';
        const r = await git(['rev-parse', '--verify', '--quiet', `${wanted}^{commit}`]);
        if (r.code !== 0) {
            return failed(ref.kind === 'tag'
                ? new GitCloneError(`${shown} has no tag "${ref.name}"`, { hint: `a ref after @ without refs/ names a tag, as in zarf package create; write a branch as refs/heads/${ref.name}` })
                : new GitCloneError(`${shown} has no commit ${url.ref}`, { hint: 'check the sha: the commit must be on a branch or tag of the repository' }));
        }
        const co = await git(['checkout', '--quiet', '--force', '-B', branch, r.stdout.trim()]);
        if (co.code !== 0)
            return failed(new GitCloneError(`cannot check out ${url.ref} of ${shown}: ${lastLines(co.stderr)}`));
    }
    // go-git writes neither FETCH_HEAD nor the remote's HEAD (`online-upstream/HEAD`).
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dest, '.git', 'FETCH_HEAD'), { force: true });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dest, '.git', 'refs', 'remotes', ONLINE_REMOTE, 'HEAD'), { force: true });
    const head = await git(['rev-parse', 'HEAD']);
    const name = await git(['symbolic-ref', '--quiet', '--short', 'HEAD']);
    if (head.code !== 0)
        return failed(new GitCloneError(`${shown} has nothing to check out (${lastLines(head.stderr)})`, { hint: 'the repository is empty, or its default branch has no commit' }));
    return { dir: dest, ref, commit: head.stdout.trim(), branch: name.code === 0 ? name.stdout.trim() : '' };
}


/***/ })

};
