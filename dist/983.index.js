export const id = 983;
export const ids = [983,452];
export const modules = {

/***/ 1983:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  F9: () => (/* binding */ assemblePackage),
  qz: () => (/* binding */ formatBuildTimestamp)
});

// UNUSED EXPORTS: IMAGE_ARCHIVES_REQUIREMENT, KEPT_INDEX_REQUIREMENT, TEMPLATED_VALUES_REQUIREMENT, V1BETA1, VERSIONLESS_CHART_REQUIREMENT, buildData, packageFileName, renderZarfYaml, v1beta1BuildData, versionRequirements, writeReproducibleTar

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/package/checksums.ts
var package_checksums = __webpack_require__(1652);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./node_modules/tar-stream/index.js
var tar_stream = __webpack_require__(6118);
// EXTERNAL MODULE: ./src/oci/file-identity.ts
var file_identity = __webpack_require__(3942);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/package/tar-sink.ts
/**
 * Where the bytes of a tar go: a file, plain or zstd-compressed, optionally hashed on the way.
 *
 * Why not Node's streams: on the machines Lading runs on, touching fresh memory costs more than the
 * work itself (a page fault per 4 KiB; 2-3 ms per MiB measured on a 2-core VM), and Node's zstd stream
 * allocates a new output buffer for every chunk it produces, so writing a 1 GiB package cost about
 * 2.5 s of page faults before a byte was compressed. This sink compresses with the same libzstd of
 * node:zlib into two output buffers it reuses, and writes them with fs writes it awaits: no memory
 * per chunk, whatever the package's size.
 *
 * The reuse needs the zstd stream's handle (`_handle.writeSync` and `_writeState`, how node:zlib's
 * own synchronous API drives it), which Node does not document. When a Node without them runs the
 * action, the sink falls back to the zstd stream's public API, slower but the same bytes.
 */


/** Size of each reused output buffer of the zstd sink. */
const OUT_CHUNK = 1 << 20;
function openTarSink(fh, opts) {
    const out = new FileOut(fh, opts.hash ? (0,external_node_crypto_.createHash)('sha256') : undefined);
    if (opts.compression === 'none')
        return new PlainSink(out);
    const stream = (0,external_node_zlib_.createZstdCompress)({
        // 256 KiB pieces instead of Node's 16 KiB (only the fallback uses them).
        chunkSize: 256 * 1024,
        params: {
            [external_node_zlib_.constants.ZSTD_c_compressionLevel]: opts.zstdLevel,
            [external_node_zlib_.constants.ZSTD_c_checksumFlag]: 1
        }
    });
    const handle = opts.publicZstdOnly === true ? undefined : zstdHandle(stream);
    return handle !== undefined ? new ReusedZstdSink(stream, handle, out) : new StreamZstdSink(stream, out);
}
/** The file side: each write at the end of the previous one, hashed and counted in call order. */
class FileOut {
    fh;
    hash;
    size = 0;
    position = 0;
    constructor(fh, hash) {
        this.fh = fh;
        this.hash = hash;
    }
    async write(bytes, offset = 0, length = bytes.byteLength - offset) {
        if (length === 0)
            return;
        const view = bytes.subarray(offset, offset + length);
        this.hash?.update(view);
        // Writes may overlap (two buffers in flight): each takes its place in the file when it is called.
        const at = this.position;
        this.position += length;
        this.size += length;
        let done = 0;
        while (done < length) {
            const { bytesWritten } = await this.fh.write(view, done, length - done, at + done);
            done += bytesWritten;
        }
    }
    digest() {
        return this.hash?.digest('hex');
    }
}
class PlainSink {
    out;
    constructor(out) {
        this.out = out;
    }
    get size() {
        return this.out.size;
    }
    write(chunk) {
        return this.out.write(chunk);
    }
    async end() { }
    destroy() { }
    digest() {
        return this.out.digest();
    }
}
function zstdHandle(stream) {
    const internals = stream;
    const h = internals._handle;
    const state = internals._writeState;
    // Not `instanceof`: the array may come from another realm (a VM context, as under the tests).
    const isUint32Array = ArrayBuffer.isView(state) && Object.prototype.toString.call(state) === '[object Uint32Array]';
    if (h === undefined || h === null || typeof h.writeSync !== 'function' || !isUint32Array || state.length < 2)
        return undefined;
    const writeSync = h.writeSync;
    return { writeSync: (...args) => writeSync.apply(h, args), state: state };
}
const ZSTD_E_CONTINUE = external_node_zlib_.constants.ZSTD_e_continue;
const ZSTD_E_END = external_node_zlib_.constants.ZSTD_e_end;
/**
 * libzstd driven chunk by chunk on the calling thread, its output in two buffers used in turn: one
 * is compressed into while the other is being written to the file.
 */
class ReusedZstdSink {
    stream;
    handle;
    out;
    bufs = [Buffer.allocUnsafeSlow(OUT_CHUNK), Buffer.allocUnsafeSlow(OUT_CHUNK)];
    /** The file write of each buffer still in flight. */
    writing = [undefined, undefined];
    current = 0;
    error;
    constructor(stream, handle, out) {
        this.stream = stream;
        this.handle = handle;
        this.out = out;
        // libzstd's errors come as 'error' events of the stream, during writeSync.
        stream.on('error', (e) => {
            this.error ??= e;
        });
    }
    get size() {
        return this.out.size;
    }
    write(chunk) {
        return this.compress(chunk, ZSTD_E_CONTINUE);
    }
    async end() {
        await this.compress(new Uint8Array(0), ZSTD_E_END);
        await Promise.all(this.writing);
        this.stream.destroy();
    }
    destroy() {
        this.stream.destroy();
    }
    digest() {
        return this.out.digest();
    }
    async compress(input, flush) {
        let offset = 0;
        for (;;) {
            const buf = this.bufs[this.current];
            await this.writing[this.current];
            this.handle.writeSync(flush, input, offset, input.byteLength - offset, buf, 0, buf.length);
            if (this.error !== undefined)
                throw this.error;
            const [availOut = 0, availIn = 0] = this.handle.state;
            const produced = buf.length - availOut;
            if (produced > 0) {
                const w = this.out.write(buf, 0, produced);
                // Observed here and awaited before the buffer is used again (or at the end).
                w.catch(() => undefined);
                this.writing[this.current] = w;
                this.current ^= 1;
            }
            offset = input.byteLength - availIn;
            // Done when libzstd took all the input and had room left (nothing more to flush), as node:zlib's
            // own synchronous loop decides.
            if (availIn === 0 && availOut !== 0)
                break;
        }
        // The caller may reuse `input` now: libzstd copies what it keeps into its own window.
    }
}
/** Whether `piece` is, by itself, one whole zstd frame holding no bytes. */
function isEmptyZstdFrame(piece) {
    if (piece.length < 4 || piece.length > 32 || piece.readUInt32LE(0) !== 0xfd2fb528)
        return false;
    try {
        return (0,external_node_zlib_.zstdDecompressSync)(piece).length === 0;
    }
    catch {
        return false;
    }
}
/** The fallback: node:zlib's zstd stream (a new buffer for every piece of output). */
class StreamZstdSink {
    stream;
    out;
    pumping;
    error;
    constructor(stream, out) {
        this.stream = stream;
        this.out = out;
        stream.on('error', (e) => {
            this.error ??= e;
        });
        this.pumping = (async () => {
            // Node's stream ends a zstd stream twice: after the frame, a second, empty frame of its own.
            // Each piece is held back by one so that last one can be left out: the same bytes as the
            // handle's path (one frame), which any zstd reader reads the same either way.
            let held;
            for await (const piece of stream) {
                if (held !== undefined)
                    await out.write(held);
                held = piece;
            }
            if (held !== undefined && !(out.size > 0 && isEmptyZstdFrame(held)))
                await out.write(held);
        })();
        this.pumping.catch(() => undefined);
    }
    get size() {
        return this.out.size;
    }
    async write(chunk) {
        if (this.error !== undefined)
            throw this.error;
        // The stream keeps the chunk until it has compressed it: give it a copy the caller cannot reuse.
        const own = Buffer.from(chunk);
        if (!this.stream.write(own)) {
            await new Promise((resolve, reject) => {
                const onDrain = () => {
                    this.stream.off('error', onError);
                    resolve();
                };
                const onError = (e) => {
                    this.stream.off('drain', onDrain);
                    reject(e);
                };
                this.stream.once('drain', onDrain);
                this.stream.once('error', onError);
            });
        }
    }
    async end() {
        this.stream.end();
        await this.pumping;
    }
    destroy() {
        this.stream.destroy();
    }
    digest() {
        return this.out.digest();
    }
}

;// CONCATENATED MODULE: ./src/package/go-tar-header.ts
/**
 * Tar headers byte for byte as Go's archive/tar Writer encodes them (Zarf writes its component tars
 * and documentation.tar with it: assemble.go createReproducibleTarballFromDir). USTAR when every field
 * fits (a long ASCII name split into prefix and name as Go splits it), else a PAX extended header
 * (`<dir>/PaxHeaders.0/<base>`, records sorted by key) before the main header. Octal fields are
 * zero-padded and NUL-terminated (`0000700\0`), the checksum is 6 digits, NUL, space.
 */
const BLOCK = 512;
const NAME_SIZE = 100;
const PREFIX_SIZE = 155;
const TYPEFLAG = { file: 0x30, directory: 0x35, symlink: 0x32 };
function isAscii(s) {
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80 || c === 0)
            return false;
    }
    return true;
}
/** Go's toASCII: drops every non-ASCII character (and NUL). */
function toAscii(s) {
    let out = '';
    for (const ch of s) {
        const c = ch.codePointAt(0);
        if (c < 0x80 && c !== 0)
            out += ch;
    }
    return out;
}
const byteLength = (s) => Buffer.byteLength(s, 'utf8');
/** Go's fitsInOctal for a field of `n` bytes. */
function fitsInOctal(n, x) {
    return x >= 0 && (n >= 22 || x < 2 ** ((n - 1) * 3));
}
/** Go's splitUSTARPath: the longest prefix that leaves a name of at most 100 bytes. */
function splitUstarPath(name) {
    let length = name.length;
    if (length <= NAME_SIZE || !isAscii(name))
        return undefined;
    if (length > PREFIX_SIZE + 1)
        length = PREFIX_SIZE + 1;
    else if (name[length - 1] === '/')
        length--;
    const i = name.slice(0, length).lastIndexOf('/');
    const nlen = name.length - i - 1;
    if (i <= 0 || nlen > NAME_SIZE || nlen === 0 || i > PREFIX_SIZE)
        return undefined;
    return { prefix: name.slice(0, i), suffix: name.slice(i + 1) };
}
/** Go's formatter.formatString: copied, NUL-terminated when shorter, truncated when longer. */
function putString(b, off, size, s) {
    const bytes = Buffer.from(s, 'utf8');
    bytes.copy(b, off, 0, Math.min(size, bytes.length));
    if (bytes.length < size)
        b[off + bytes.length] = 0;
    if (bytes.length > size && b[off + size - 1] === 0x2f) {
        // Go replaces a trailing slash of a truncated field with the NUL terminator.
        const n = bytes.subarray(0, size - 1).toString('latin1').replace(/\/+$/, '').length;
        b[off + n] = 0;
    }
}
/** Go's formatter.formatOctal: zero-padded, leaving room for a NUL; 0 when it does not fit. */
function putOctal(b, off, size, x) {
    const v = fitsInOctal(size, x) ? x : 0;
    let s = v.toString(8);
    const pad = size - s.length - 1;
    if (pad > 0)
        s = '0'.repeat(pad) + s;
    putString(b, off, size, s);
}
/** magic + version of USTAR/PAX, then the checksum field (6 octal digits, NUL, space). */
function finish(b) {
    b.write('ustar\0', 257, 'latin1');
    b.write('00', 263, 'latin1');
    b.fill(0x20, 148, 156);
    let sum = 0;
    for (let i = 0; i < BLOCK; i++)
        sum += b[i];
    putOctal(b, 148, 7, sum);
    b[155] = 0x20;
    return b;
}
/** Go's formatPAXRecord: `<len> <key>=<value>\n`, the length counting itself. */
function paxRecord(key, value) {
    const body = ` ${key}=${value}\n`;
    let size = byteLength(body);
    size += String(size).length;
    let record = `${size}${body}`;
    if (byteLength(record) !== size) {
        size = byteLength(record);
        record = `${size}${body}`;
    }
    return record;
}
const pad = (n) => Buffer.alloc((BLOCK - (n % BLOCK)) % BLOCK);
/**
 * The blocks Go's Writer.WriteHeader writes for `h`: one USTAR header, or a PAX header, its records
 * (padded to a block) and the main header.
 */
function encodeGoTarHeader(h) {
    const uid = h.uid ?? 0;
    const gid = h.gid ?? 0;
    const uname = h.uname ?? '';
    const gname = h.gname ?? '';
    const linkname = h.linkname ?? '';
    const mtime = h.mtime ?? 0;
    const size = h.type === 'file' ? h.size : 0;
    const pax = new Map();
    let ustar = true;
    const str = (s, fieldSize, key) => {
        if (isAscii(s) && byteLength(s) <= fieldSize)
            return;
        if (key !== 'path' || splitUstarPath(s) === undefined)
            ustar = false;
        pax.set(key, s);
    };
    const num = (n, fieldSize, key) => {
        if (fitsInOctal(fieldSize, n))
            return;
        ustar = false;
        if (key !== undefined)
            pax.set(key, String(n));
    };
    str(h.name, NAME_SIZE, 'path');
    str(linkname, NAME_SIZE, 'linkpath');
    str(uname, 32, 'uname');
    str(gname, 32, 'gname');
    num(h.mode, 8, undefined);
    num(uid, 8, 'uid');
    num(gid, 8, 'gid');
    num(size, 12, 'size');
    num(mtime, 12, 'mtime');
    const main = (name, prefix, ascii) => {
        const b = Buffer.alloc(BLOCK);
        b[156] = TYPEFLAG[h.type];
        putString(b, 0, NAME_SIZE, ascii(name));
        putString(b, 157, NAME_SIZE, ascii(linkname));
        putOctal(b, 100, 8, h.mode);
        putOctal(b, 108, 8, uid);
        putOctal(b, 116, 8, gid);
        putOctal(b, 124, 12, size);
        putOctal(b, 136, 12, mtime);
        putString(b, 265, 32, ascii(uname));
        putString(b, 297, 32, ascii(gname));
        putOctal(b, 329, 8, 0);
        putOctal(b, 337, 8, 0);
        if (prefix !== '')
            putString(b, 345, PREFIX_SIZE, prefix);
        return finish(b);
    };
    if (ustar) {
        const split = splitUstarPath(h.name);
        return [main(split?.suffix ?? h.name, split?.prefix ?? '', (s) => s)];
    }
    const data = Buffer.from([...pax.keys()]
        .sort()
        .map((k) => paxRecord(k, pax.get(k)))
        .join(''), 'utf8');
    // path.Split then path.Join(dir, "PaxHeaders.0", file); a name without "/" has no dir.
    const slash = h.name.lastIndexOf('/');
    const dir = h.name.slice(0, slash + 1).replace(/\/+$/, '');
    const base = h.name.slice(slash + 1);
    let paxName = [dir, 'PaxHeaders.0', base].filter((s) => s !== '').join('/');
    paxName = toAscii(paxName);
    if (paxName.length > NAME_SIZE)
        paxName = paxName.slice(0, NAME_SIZE);
    paxName = paxName.replace(/\/+$/, '');
    const x = Buffer.alloc(BLOCK);
    x[156] = 0x78; // 'x'
    putString(x, 0, NAME_SIZE, paxName);
    putOctal(x, 100, 8, 0);
    putOctal(x, 108, 8, 0);
    putOctal(x, 116, 8, 0);
    putOctal(x, 124, 12, data.length);
    putOctal(x, 136, 12, 0);
    return [finish(x), data, pad(data.length), main(h.name, '', toAscii)];
}

;// CONCATENATED MODULE: ./src/package/tarball.ts








const FILE_MODE = 0o644;
const EXEC_MODE = 0o755;
const DIR_MODE = 0o755;
/** Zarf creates every folder of a component with os.MkdirAll(..., 0o700). */
const FOLDER_DIR_MODE = 0o700;
const LINK_MODE = 0o777;
const EPOCH = new Date(0);
const READ_CHUNK = 1 << 20;
/** Read buffers in turn: one being read into while others wait to be compressed and written. */
const READ_BUFFERS = 3;
function cleanPath(p) {
    const trimmed = p.replace(/\/+$/, '');
    if (trimmed === '' || trimmed.startsWith('/') || trimmed.includes('\\') || trimmed.includes('\0')) {
        throw new errors/* LadingError */.c3(`invalid path "${p}" for a tar entry`, { hint: 'tar entries are relative paths with "/" separators' });
    }
    const segments = trimmed.split('/');
    if (segments.some((s) => s === '' || s === '.' || s === '..')) {
        throw new errors/* LadingError */.c3(`invalid path "${p}" for a tar entry`, { hint: 'a tar entry path cannot contain empty, "." or ".." segments' });
    }
    return trimmed;
}
function byteCompare(a, b) {
    return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
/** Go's filepath.Walk order: path segments compared one by one, bytewise (`a`, `a/b`, `a-c`). */
function walkCompare(a, b) {
    const x = a.split('/');
    const y = b.split('/');
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = byteCompare(x[i], y[i]);
        if (c !== 0)
            return c;
    }
    return x.length - y.length;
}
/**
 * Validates, adds missing parent directories, rejects duplicates, sorts by name (bytewise, or in
 * filepath.Walk order for `walkOrder`).
 */
function normalizeTarEntries(entries, walkOrder = false) {
    const byName = new Map();
    const addDir = (name, mode) => {
        const existing = byName.get(name);
        if (existing === undefined)
            byName.set(name, { name, kind: 'dir', ...(mode !== undefined ? { mode } : {}) });
        else if (existing.kind !== 'dir')
            throw new errors/* LadingError */.c3(`tar entry "${name}" is both a file and a directory`);
        else if (mode !== undefined)
            existing.mode = mode;
    };
    for (const e of entries) {
        const name = cleanPath(e.path);
        const segments = name.split('/');
        for (let i = 1; i < segments.length; i++)
            addDir(segments.slice(0, i).join('/'));
        if (e.type === 'directory') {
            addDir(name, e.mode);
            continue;
        }
        if (byName.has(name))
            throw new errors/* LadingError */.c3(`tar entry "${name}" is listed twice`);
        if (e.type === 'symlink') {
            byName.set(name, { name, kind: 'symlink', target: e.target });
            continue;
        }
        const mode = e.mode ?? (e.executable === true ? EXEC_MODE : FILE_MODE);
        if ('content' in e) {
            byName.set(name, { name, kind: 'bytes', bytes: e.content, mode });
        }
        else {
            byName.set(name, {
                name,
                kind: 'file',
                source: e.source,
                mode,
                ...(e.verifyDigest !== undefined ? { verifyDigest: e.verifyDigest } : {}),
                ...(e.verifiedAs !== undefined ? { verifiedAs: e.verifiedAs } : {}),
                ...(e.whenReadable !== undefined ? { whenReadable: e.whenReadable } : {}),
                ...(e.follow !== undefined ? { follow: e.follow } : {}),
                ...(e.size !== undefined ? { size: e.size } : {})
            });
        }
    }
    return [...byName.values()].sort((a, b) => (walkOrder ? walkCompare(a.name, b.name) : byteCompare(a.name, b.name)));
}
function header(name, type, mode, size, linkname) {
    return { name, type, mode, size, mtime: EPOCH, uid: 0, gid: 0, uname: '', gname: '', ...(linkname !== undefined ? { linkname } : {}) };
}
/**
 * Makes `pack` encode its headers as Go's archive/tar does (tar-stream 3 encodes each header in its
 * `_encode` method; the bodies, their padding and the end of the archive are the same in both).
 */
function useGoHeaders(pack) {
    const p = pack;
    if (typeof p._encode !== 'function')
        throw new Error('tar-stream no longer encodes headers in Pack._encode');
    p._encode = (h) => {
        const type = h.type === 'directory' || h.type === 'symlink' ? h.type : 'file';
        for (const block of encodeGoTarHeader({
            name: h.name,
            type,
            mode: h.mode ?? 0,
            size: h.size ?? 0,
            ...(h.linkname != null ? { linkname: h.linkname } : {}),
            uid: h.uid ?? 0,
            gid: h.gid ?? 0,
            uname: h.uname ?? '',
            gname: h.gname ?? '',
            mtime: Math.floor((h.mtime?.getTime() ?? 0) / 1000)
        })) {
            p.push(block);
        }
    };
}
/** Resolves when the pack calls the entry's callback (the entry is fully written). */
function addEntry(pack, h, body) {
    if (pack.destroying || pack.destroyed)
        throw new Error('the tar stream was closed');
    let sink;
    const done = new Promise((resolve, reject) => {
        const cb = (err) => (err ? reject(err) : resolve());
        sink = (body === undefined ? pack.entry(h, cb) : pack.entry(h, body, cb));
    });
    // Failures reach us through the entry callback; an unlistened 'error' event would be thrown.
    sink.on('error', () => undefined);
    return { sink, done };
}
function waitDrain(s) {
    return new Promise((resolve, reject) => {
        if (s.destroyed || s.destroying) {
            reject(new Error('the tar stream closed while an entry was being written'));
            return;
        }
        const cleanup = () => {
            s.off('drain', onDrain);
            s.off('close', onClose);
            s.off('error', onError);
        };
        const onDrain = () => {
            cleanup();
            resolve();
        };
        const onClose = () => {
            cleanup();
            reject(new Error('the tar stream closed while an entry was being written'));
        };
        const onError = (e) => {
            cleanup();
            reject(e);
        };
        s.on('drain', onDrain);
        s.on('close', onClose);
        s.on('error', onError);
    });
}
/**
 * Reused read buffers for file bodies: a buffer is read into again only once the sink has taken the
 * bytes it held (the tar stream passes the very buffer on, without a copy). Fresh memory per chunk is
 * what made writing a package slow (see tar-sink.ts).
 */
class ReadBuffers {
    bufs;
    free;
    next = 0;
    waiting = new Map();
    failed;
    constructor(count, size) {
        this.bufs = Array.from({ length: count }, () => Buffer.allocUnsafeSlow(size));
        this.free = this.bufs.map(() => Promise.resolve());
    }
    /** The next buffer, once the sink is done with what it last held. */
    async take() {
        const i = this.next;
        this.next = (i + 1) % this.bufs.length;
        await this.free[i];
        if (this.failed !== undefined)
            throw this.failed;
        const lend = (view) => {
            const p = new Promise((resolve, reject) => this.waiting.set(view, { resolve, reject }));
            p.catch(() => undefined);
            this.free[i] = p;
        };
        return { buf: this.bufs[i], lend };
    }
    /** The sink took `chunk` (a no-op for chunks that are not lent buffers: headers, padding). */
    returned(chunk) {
        const w = this.waiting.get(chunk);
        if (w === undefined)
            return;
        this.waiting.delete(chunk);
        w.resolve();
    }
    /** The write failed: nothing will be returned any more. */
    fail(e) {
        this.failed ??= e;
        for (const w of this.waiting.values())
            w.reject(e);
        this.waiting.clear();
    }
}
/**
 * Streams a blob into the tar while its ingest still writes it: the bytes that reached the temp file,
 * then more as they come, up to its size; the entry is kept only if the ingest ends verified. False
 * when the temp file is gone already (the ingest just ended: the blob is read whole instead).
 */
async function streamGrowing(pack, e, g, buffers) {
    let fh;
    try {
        fh = await (0,promises_.open)(g.path, 'r');
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return false;
        throw err;
    }
    try {
        if (e.size !== undefined && e.size !== g.size)
            throw new errors/* LadingError */.c3(`${e.name} is being pulled as ${g.size} bytes, but ${e.size} were expected`);
        const { sink, done } = addEntry(pack, header(e.name, 'file', e.mode, g.size));
        done.catch(() => undefined);
        const fail = (err) => {
            sink.destroy(err);
            throw err;
        };
        let written = 0;
        while (written < g.size) {
            if (g.flushed <= written) {
                if (g.error !== undefined)
                    fail(g.error);
                if (g.over)
                    fail(new errors/* LadingError */.c3(`blob ${e.verifyDigest ?? e.name} ended at ${written} of its ${g.size} bytes`));
                await g.next();
                continue;
            }
            const { buf, lend } = await buffers.take();
            const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, g.flushed - written), written);
            if (bytesRead === 0)
                fail(new errors/* LadingError */.c3(`blob ${e.verifyDigest ?? e.name} was shorter on disk than written`));
            written += bytesRead;
            const view = buf.subarray(0, bytesRead);
            lend(view);
            if (!sink.write(view))
                await waitDrain(sink);
        }
        // Kept only once the ingest has checked the size and digest of everything it wrote.
        while (!g.over)
            await g.next();
        if (g.error !== undefined)
            fail(g.error);
        sink.end();
        await done;
        return true;
    }
    finally {
        await fh.close();
    }
}
async function streamFile(pack, e, buffers) {
    const growing = e.verifyDigest !== undefined ? e.follow?.() : undefined;
    if (growing !== undefined && (await streamGrowing(pack, e, growing, buffers)))
        return;
    const verifiedAs = e.whenReadable !== undefined ? await e.whenReadable() : e.verifiedAs;
    const fh = await (0,promises_.open)(e.source, 'r');
    try {
        const opened = (0,file_identity/* identityOf */.cu)(await fh.stat({ bigint: true }));
        const actual = Number(opened.size);
        if (e.size !== undefined && actual !== e.size) {
            throw new errors/* LadingError */.c3(`${e.name} is ${actual} bytes on disk, but ${e.size} were expected`, {
                hint: 'the blob cache holds a damaged copy; clear the cache and run again'
            });
        }
        const { sink, done } = addEntry(pack, header(e.name, 'file', e.mode, actual));
        // Keep the pack's rejection observed even if we fail first; it is awaited below.
        done.catch(() => undefined);
        // Hashed once already, and the very same file since: its bytes are the checked ones.
        const unchanged = e.verifyDigest !== undefined && verifiedAs !== undefined && (0,file_identity/* sameIdentity */.BU)(opened, verifiedAs);
        const alg = e.verifyDigest?.slice(0, e.verifyDigest.indexOf(':'));
        const hash = alg !== undefined && !unchanged ? (0,external_node_crypto_.createHash)(alg) : undefined;
        let written = 0;
        for (;;) {
            const { buf, lend } = await buffers.take();
            const { bytesRead } = await fh.read(buf, 0, buf.length, written);
            if (bytesRead === 0)
                break;
            written += bytesRead;
            if (written > actual)
                break;
            const view = buf.subarray(0, bytesRead);
            hash?.update(view);
            lend(view);
            if (!sink.write(view))
                await waitDrain(sink);
        }
        if (written !== actual) {
            sink.destroy(new Error('size changed'));
            throw new errors/* LadingError */.c3(`${e.source} changed size while it was being written into the package`);
        }
        if (unchanged && !(0,file_identity/* sameIdentity */.BU)((0,file_identity/* identityOf */.cu)(await fh.stat({ bigint: true })), opened)) {
            sink.destroy(new Error('changed while read'));
            throw new errors/* LadingError */.c3(`blob ${e.verifyDigest ?? e.name} changed on disk while it was being written into the package; the package was not written`, {
                hint: 'something else writes to the blob cache; run again'
            });
        }
        if (hash !== undefined && e.verifyDigest !== undefined) {
            const got = `${alg}:${hash.digest('hex')}`;
            if (got !== e.verifyDigest) {
                sink.destroy(new Error('digest mismatch'));
                throw new errors/* LadingError */.c3(`blob ${e.verifyDigest} does not match its digest (its bytes hash to ${got}); the package was not written`, {
                    hint: 'the blob cache holds a damaged copy of this blob; clear the cache and run again'
                });
            }
        }
        sink.end();
        await done;
    }
    finally {
        await fh.close();
    }
}
async function feed(pack, entries, rootDirectory, folder, buffers) {
    if (rootDirectory) {
        const { sink, done } = addEntry(pack, header(folder ? '.' : './', 'directory', folder ? FOLDER_DIR_MODE : DIR_MODE, 0));
        sink.end();
        await done;
    }
    for (const e of entries) {
        if (e.kind === 'dir') {
            const { sink, done } = addEntry(pack, header(folder ? e.name : `${e.name}/`, 'directory', e.mode ?? (folder ? FOLDER_DIR_MODE : DIR_MODE), 0));
            sink.end();
            await done;
        }
        else if (e.kind === 'symlink') {
            const { sink, done } = addEntry(pack, header(e.name, 'symlink', LINK_MODE, 0, e.target));
            sink.end();
            await done;
        }
        else if (e.kind === 'bytes') {
            await addEntry(pack, header(e.name, 'file', e.mode, e.bytes.byteLength), e.bytes).done;
        }
        else {
            await streamFile(pack, e, buffers);
        }
    }
    pack.finalize();
}
async function writeReproducibleTar(entries, dest, opts = {}) {
    const folder = opts.folder === true;
    const normalized = normalizeTarEntries(entries, folder);
    opts.signal?.throwIfAborted();
    const tmp = external_node_path_default().join(external_node_path_default().dirname(dest), `.${external_node_path_default().basename(dest)}.partial-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`);
    const fh = await (0,promises_.open)(tmp, 'wx', 0o644);
    const out = openTarSink(fh, {
        compression: opts.compression ?? 'none',
        zstdLevel: opts.zstdLevel ?? 3,
        hash: opts.hashOutput !== false,
        ...(opts.publicZstdOnly === true ? { publicZstdOnly: true } : {})
    });
    const buffers = new ReadBuffers(READ_BUFFERS, READ_CHUNK);
    const pack = tar_stream.pack();
    if (folder)
        useGoHeaders(pack);
    // Errors surface through the iterator below; keep the emitter from throwing them.
    pack.on('error', () => undefined);
    const onAbort = () => {
        const reason = opts.signal?.reason;
        pack.destroy(reason instanceof Error ? reason : new Error('the write was cancelled'));
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    try {
        // The tar's bytes, in order, into the sink; each lent read buffer goes back once the sink took it.
        const consuming = (async () => {
            for await (const chunk of pack) {
                await out.write(chunk);
                buffers.returned(chunk);
            }
            await out.end();
        })();
        const fail = (e) => {
            const err = e instanceof Error ? e : new Error(String(e));
            buffers.fail(err);
            pack.destroy(err);
            throw e;
        };
        // A failing write side (disk full) must unblock a producer waiting for a buffer or for 'drain'.
        const writing = consuming.catch(fail);
        const producing = feed(pack, normalized, opts.rootDirectory === true, folder, buffers).catch(fail);
        const [p, w] = await Promise.allSettled([producing, writing]);
        opts.signal?.throwIfAborted();
        // A LadingError from the producer says what went wrong (a damaged blob) and the write side's
        // error is its echo; otherwise the write side's error is the cause.
        if (p.status === 'rejected' && p.reason instanceof errors/* LadingError */.c3)
            throw p.reason;
        if (w.status === 'rejected')
            throw w.reason;
        if (p.status === 'rejected')
            throw p.reason;
        await fh.close();
        await (0,promises_.rename)(tmp, dest);
    }
    catch (e) {
        pack.destroy();
        out.destroy();
        await fh.close().catch(() => undefined);
        await (0,promises_.rm)(tmp, { force: true });
        throw e;
    }
    finally {
        opts.signal?.removeEventListener('abort', onAbort);
    }
    const sha256 = out.digest();
    return sha256 === undefined ? { size: out.size } : { size: out.size, sha256 };
}

// EXTERNAL MODULE: ./src/package/zarf-modes.ts
var zarf_modes = __webpack_require__(8906);
;// CONCATENATED MODULE: ./src/package/documentation.ts
/**
 * `documentation.tar`, the package's documentation files (zarf.yaml's `documentation` map) as
 * `zarf package create` packs them (assemble.go createDocumentationTar, layout
 * GetDocumentationFileNames): a `.` directory entry (0700) first, then each file (0600) under its
 * basename, or `<key>-<basename>` when two entries share a basename, in Go's tar headers as Zarf
 * writes them (tarball.ts `folder`). Paths are absolute, already resolved by the definition pipeline.
 */





const DOCUMENTATION_TAR = 'documentation.tar';
/**
 * The name each entry gets inside documentation.tar, by key: the file's basename, or
 * `<key>-<basename>` when another entry has the same basename. Two entries ending up with one name
 * (a `<key>-<basename>` that is also another file's basename) is an error: one would be lost.
 */
function documentationFileNames(entries) {
    const counts = new Map();
    for (const e of entries)
        counts.set(external_node_path_default().basename(e.file), (counts.get(external_node_path_default().basename(e.file)) ?? 0) + 1);
    const names = new Map();
    const byName = new Map();
    for (const e of entries) {
        if (names.has(e.key))
            throw new errors/* LadingError */.c3(`documentation key "${e.key}" is listed twice`);
        const base = external_node_path_default().basename(e.file);
        const name = counts.get(base) === 1 ? base : `${e.key}-${base}`;
        if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\\')) {
            throw new errors/* LadingError */.c3(`documentation "${e.key}" would be stored as "${name}", which is not a file name`, { hint: 'documentation keys and file names cannot contain path separators' });
        }
        const other = byName.get(name);
        if (other !== undefined) {
            throw new errors/* LadingError */.c3(`documentation "${e.key}" and "${other}" would both be stored as ${name} in ${DOCUMENTATION_TAR}`, {
                hint: 'rename one of the files or keys: files with the same name are stored as <key>-<file name>'
            });
        }
        byName.set(name, e.key);
        names.set(e.key, name);
    }
    return names;
}
/** Writes documentation.tar for `entries` to `dest`; each file must be a regular file. */
async function writeDocumentationTar(entries, dest, signal) {
    const names = documentationFileNames(entries);
    for (const e of entries) {
        let isFile = false;
        try {
            isFile = (await (0,promises_.stat)(e.file)).isFile();
        }
        catch (err) {
            const msg = err.code === 'ENOENT' ? 'it does not exist' : err.message;
            throw new errors/* LadingError */.c3(`cannot read documentation "${e.key}" (${e.file}): ${msg}`, { hint: 'check the path under documentation' });
        }
        if (!isFile)
            throw new errors/* LadingError */.c3(`documentation "${e.key}" (${e.file}) is not a file`, { hint: 'each documentation entry names one file' });
    }
    return writeReproducibleTar(
    // Zarf chmods each copy to 0600 and tars its temporary folder (0700) as a folder, root "." first.
    entries.map((e) => ({ path: names.get(e.key), type: 'file', source: e.file, mode: zarf_modes/* ZARF_FILE_MODE */.re })), dest, { rootDirectory: true, folder: true, ...(signal !== undefined ? { signal } : {}) });
}

// EXTERNAL MODULE: ./src/package/layout.ts
var layout = __webpack_require__(348);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
;// CONCATENATED MODULE: ./src/package/split.ts
/**
 * Multi-part packages (input `max-package-size`, Zarf's `--max-package-size`): a package file larger
 * than N MB (N x 1,000,000 bytes) becomes `<file>.part001`, `<file>.part002`, ... of N MB each (the
 * last one shorter) and `<file>.part000`, the JSON `{"Sha256Sum":"<sha256 of the whole>","Bytes":
 * <size>,"Count":<data parts>}`, as Zarf's split.SplitFile writes them (layout/package.go Archive).
 * `zarf package deploy <file>.part000` joins them back (split.ReassembleFile: the parts sorted by
 * name, Count checked). Streamed: memory stays flat whatever the package size.
 */







/** Zarf's megabyte: `--max-package-size 100` means parts of 100,000,000 bytes. */
const MEGABYTE = 1000 * 1000;
/** Part numbers are `%03d`: part000 is the metadata, so at most 999 parts of data. */
const MAX_PARTS = 999;
/** The name of part `i` of `file` (Zarf's `%s.part%03d`). */
function partName(file, i) {
    return `${file}.part${String(i).padStart(3, '0')}`;
}
/** Go's json.Marshal of the metadata: compact, fields in struct order. */
function renderSplitMetadata(m) {
    return JSON.stringify({ Sha256Sum: m.Sha256Sum, Bytes: m.Bytes, Count: m.Count });
}
/** Whether a package of `size` bytes is split under a limit of `maxMB` (0: never). */
function needsSplit(size, maxMB) {
    return maxMB > 0 && size > maxMB * MEGABYTE;
}
/**
 * Refuses a split into more than 999 data parts. Zarf checks `size / chunk > 999` (integer
 * division), which still lets through 1,000 parts when the last one is short; its `.part1000` would
 * then sort between `.part100` and `.part101` when deploy joins the parts, so Lading refuses that
 * case too.
 */
function checkPartCount(size, partSize, maxMB) {
    const count = Math.ceil(size / partSize);
    if (count > MAX_PARTS) {
        throw new errors/* LadingError */.c3(`unable to split the package archive into multiple files: must be less than 1,000 files (${size} bytes in parts of ${maxMB} MB would be ${count} parts)`, { hint: `raise max-package-size to at least ${Math.ceil(size / MAX_PARTS / MEGABYTE)} (MB), or set it to 0 to write one file` });
    }
    return count;
}
/**
 * Splits `src` into parts written next to it (`<src>.part001`..., `<src>.part000`), then moves them
 * to `dest` (`<dest>.part000`...), replacing the unsplit `dest` and the parts of an earlier split of
 * the same name; `src` is removed. On failure every part written is removed and `dest`'s folder is
 * left as it was.
 */
async function splitPackage(src, dest, maxMB, signal) {
    if (!Number.isInteger(maxMB) || maxMB <= 0)
        throw new errors/* LadingError */.c3(`max-package-size must be a whole number of MB above 0 to split, got ${maxMB}`);
    const partSize = maxMB * MEGABYTE;
    const { size } = await (0,promises_.stat)(src);
    const count = checkPartCount(size, partSize, maxMB);
    const staged = [];
    const moved = [];
    try {
        const hash = (0,external_node_crypto_.createHash)('sha256');
        for (let i = 1; i <= count; i++) {
            const start = (i - 1) * partSize;
            const end = Math.min(size, start + partSize) - 1;
            const part = partName(src, i);
            staged.push(part);
            await (0,external_node_stream_promises_.pipeline)((0,external_node_fs_.createReadStream)(src, { start, end, highWaterMark: 1 << 20 }), new external_node_stream_.Transform({
                transform(chunk, _enc, cb) {
                    hash.update(chunk);
                    cb(null, chunk);
                }
            }), (0,external_node_fs_.createWriteStream)(part, { flags: 'wx', mode: 0o644 }), signal !== undefined ? { signal } : {});
            const written = (await (0,promises_.stat)(part)).size;
            if (written !== end - start + 1)
                throw new errors/* LadingError */.c3(`${external_node_path_default().basename(part)} holds ${written} bytes, ${end - start + 1} were expected`);
        }
        const sha256 = hash.digest('hex');
        const meta = partName(src, 0);
        staged.unshift(meta);
        await (0,promises_.writeFile)(meta, renderSplitMetadata({ Sha256Sum: sha256, Bytes: size, Count: count }), { flag: 'wx', mode: 0o644 });
        signal?.throwIfAborted();
        // Commit: what an earlier run left under this name goes, then the parts move in.
        await removeStale(dest);
        for (let i = 0; i < staged.length; i++) {
            const to = partName(dest, i);
            await (0,promises_.rename)(staged[i], to);
            moved.push(to);
        }
        await (0,promises_.rm)(src, { force: true });
        return { files: moved, count, size, sha256, partSize };
    }
    catch (e) {
        await Promise.all([...staged, ...moved].map((f) => (0,promises_.rm)(f, { force: true }).catch(() => undefined)));
        throw e;
    }
}
/** Removes `dest` and `<dest>.partNNN` files (Zarf removes both before it writes the package). */
async function removeStale(dest) {
    const dir = external_node_path_default().dirname(dest);
    const base = external_node_path_default().basename(dest);
    const stale = (await (0,promises_.readdir)(dir)).filter((n) => n === base || (n.startsWith(`${base}.part`) && /^\d{3,}$/.test(n.slice(base.length + 5))));
    for (const n of stale)
        await (0,promises_.rm)(external_node_path_default().join(dir, n), { force: true });
}

// EXTERNAL MODULE: ./src/package/values.ts
var values = __webpack_require__(9452);
;// CONCATENATED MODULE: ./src/package/assemble.ts











/** build.versionRequirements entries, Zarf's exact texts (assemble.go collectVersionRequirements). */
const VERSIONLESS_CHART_REQUIREMENT = {
    version: 'v0.65.0',
    reason: 'This package contains a chart without a version, which is only supported on v0.65.0+'
};
const IMAGE_ARCHIVES_REQUIREMENT = {
    version: 'v0.68.0',
    reason: 'This package contains image archives which will only be recognized on v0.68.0+'
};
const TEMPLATED_VALUES_REQUIREMENT = {
    version: 'v0.78.0',
    reason: 'This package uses templatedValuesFiles which require v0.78.0+'
};
const KEPT_INDEX_REQUIREMENT = {
    version: 'v0.77.0',
    reason: 'This package contains multi-platform images preserved by index digest, which require v0.77.0+'
};
const nonEmptyList = (v) => Array.isArray(v) && v.length > 0;
/**
 * build.versionRequirements as Zarf collects them, in its order (not sorted by version): a chart
 * without a version, image archives, templatedValuesFiles, all read from the built components; an
 * image kept as a whole index. Undefined when there are none (Zarf's omitempty).
 */
function versionRequirements(config, keptIndex) {
    const charts = config.components.flatMap((c) => (Array.isArray(c['charts']) ? c['charts'] : []));
    const chartField = (ch, key) => (ch !== null && typeof ch === 'object' ? ch[key] : undefined);
    const versionless = charts.some((ch) => {
        const v = chartField(ch, 'version');
        return v === undefined || v === null || v === '';
    });
    const archives = config.components.some((c) => nonEmptyList(c['imageArchives']));
    const templated = charts.some((ch) => nonEmptyList(chartField(ch, 'templatedValuesFiles')));
    const out = [
        ...(versionless ? [VERSIONLESS_CHART_REQUIREMENT] : []),
        ...(archives ? [IMAGE_ARCHIVES_REQUIREMENT] : []),
        ...(templated ? [TEMPLATED_VALUES_REQUIREMENT] : []),
        ...(keptIndex ? [KEPT_INDEX_REQUIREMENT] : [])
    ].map((r) => ({ ...r }));
    return out.length > 0 ? out : undefined;
}
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n) => String(n).padStart(2, '0');
/** Go's time.RFC1123Z (Zarf's v1alpha1.BuildTimestampFormat), in UTC: `Mon, 23 Nov 2026 11:00:00 +0000`. */
function formatBuildTimestamp(d) {
    if (Number.isNaN(d.getTime()))
        throw new errors/* LadingError */.c3('the build time is not a valid date');
    return `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`;
}
/**
 * `zarf-package-<name>-<arch>[-<version>][-<flavor>].tar.zst`, `.tar` when uncompressed (Zarf's
 * PackageLayout.FileName).
 */
function packageFileName(config, architecture, flavor, differentialFrom) {
    const meta = config.metadata;
    const base = config.kind === 'ZarfInitConfig' ? `zarf-init-${architecture}` : `zarf-package-${meta.name}-${architecture}`;
    const version = meta.version === undefined || meta.version === null ? '' : String(meta.version);
    const versioned = differentialFrom !== undefined ? `${base}-${differentialFrom}-differential-${version}` : version !== '' ? `${base}-${version}` : base;
    if (flavor !== undefined && (flavor.includes('/') || flavor.includes('\\') || flavor === '..')) {
        throw new errors/* LadingError */.c3(`flavor "${flavor}" cannot be part of a file name`, { hint: 'a flavor cannot contain "/" or "\\" or be ".."' });
    }
    const name = flavor !== undefined && flavor !== '' ? `${versioned}-${flavor}` : versioned;
    const fileName = `${name}${meta.uncompressed === true ? '.tar' : '.tar.zst'}`;
    if (fileName.includes('/') || fileName.includes('\\') || fileName.startsWith('.')) {
        throw new errors/* LadingError */.c3(`the package file name "${fileName}" is not a plain file name`, {
            hint: 'metadata.name and metadata.version must not contain path separators'
        });
    }
    return fileName;
}
/** `build` in the field order of Zarf's v1alpha1 ZarfBuildData, empty optional fields left out. */
function buildData(input) {
    const overrides = input.registryOverrides ?? {};
    return {
        // Like current Zarf without --with-build-machine-info: no host or user names unless asked for,
        // so packages are reproducible across runners and leak nothing about the build machine.
        ...(input.terminal !== undefined ? { terminal: input.terminal } : {}),
        ...(input.user !== undefined ? { user: input.user } : {}),
        architecture: input.architecture,
        timestamp: formatBuildTimestamp(input.now),
        version: input.builderVersion,
        ...(input.migrations !== undefined && input.migrations.length > 0 ? { migrations: [...input.migrations] } : {}),
        ...(Object.keys(overrides).length > 0 ? { registryOverrides: sortedCopy(overrides) } : {}),
        ...(input.differential !== undefined ? { differential: true, differentialPackageVersion: input.differential.previousVersion } : {}),
        ...(input.flavor !== undefined && input.flavor !== '' ? { flavor: input.flavor } : {}),
        signed: false,
        ...withRequirements(versionRequirements(input.definition.config, input.images.some((i) => i.keptIndex))),
        provenanceFiles: [package_checksums/* CHECKSUMS_TXT */.aA]
    };
}
function withRequirements(reqs) {
    return reqs !== undefined ? { versionRequirements: reqs } : {};
}
function sortedCopy(rec) {
    const out = {};
    for (const k of Object.keys(rec).sort())
        out[k] = rec[k];
    return out;
}
const V1BETA1 = 'zarf.dev/v1beta1';
/**
 * `build` of a v1beta1 document, in the field order of Zarf's v1beta1 BuildData: `terminal` is
 * `hostname` there, and the aggregate checksum lives here rather than in metadata.
 */
function v1beta1BuildData(build, aggregateChecksum) {
    return {
        ...(build.terminal !== undefined ? { hostname: build.terminal } : {}),
        ...(build.user !== undefined ? { user: build.user } : {}),
        timestamp: build.timestamp,
        architecture: build.architecture,
        version: build.version,
        ...(build.migrations !== undefined ? { migrations: build.migrations } : {}),
        ...(build.registryOverrides !== undefined ? { registryOverrides: build.registryOverrides } : {}),
        ...(build.differential === true ? { differential: true, differentialPackageVersion: build.differentialPackageVersion } : {}),
        ...(build.flavor !== undefined ? { flavor: build.flavor } : {}),
        signed: build.signed,
        ...(build.versionRequirements !== undefined ? { versionRequirements: build.versionRequirements } : {}),
        provenanceFiles: build.provenanceFiles,
        aggregateChecksum
    };
}
/**
 * `doc` with `metadata.architecture` set (in place when written, else after the other metadata
 * fields), `metadata.aggregateChecksum` last in metadata when given (else removed), and `build`
 * right after `metadata` (Zarf's struct order), replacing any `build` the input carried.
 */
function withBuild(doc, architecture, build, aggregateChecksum) {
    const meta = doc.metadata !== null && typeof doc.metadata === 'object' ? doc.metadata : {};
    const metadata = {};
    let archSet = false;
    for (const [k, v] of Object.entries(meta)) {
        if (k === 'aggregateChecksum')
            continue;
        if (k === 'architecture') {
            metadata.architecture = architecture;
            archSet = true;
            continue;
        }
        metadata[k] = v;
    }
    if (!archSet)
        metadata.architecture = architecture;
    if (aggregateChecksum !== undefined)
        metadata.aggregateChecksum = aggregateChecksum;
    const out = {};
    for (const [k, v] of Object.entries(doc)) {
        if (k === 'build')
            continue;
        if (k === 'metadata') {
            out.metadata = metadata;
            out.build = build;
            continue;
        }
        out[k] = v;
    }
    if (!('metadata' in out))
        out.metadata = metadata;
    if (!('build' in out))
        out.build = build;
    return out;
}
const YAML_OPTIONS = { lineWidth: 0, aliasDuplicateObjects: false };
/**
 * The zarf.yaml as built: the user's config in the user's key order, with `metadata.architecture`
 * set, `metadata.aggregateChecksum` last in metadata, and `build` right after `metadata` (where Zarf's
 * struct order puts it). Any `build` the input carried is replaced. Each of `extraDocuments` follows
 * after a `---` line (Zarf's MarshalPackageDefinition); a zarf.dev/v1beta1 one gets the same
 * architecture and build, in v1beta1's shape.
 */
function renderZarfYaml(config, architecture, build, aggregateChecksum, extraDocuments = []) {
    let text = dist.stringify(withBuild(config, architecture, { ...build }, aggregateChecksum), YAML_OPTIONS);
    for (const doc of extraDocuments) {
        const filled = doc.apiVersion === V1BETA1 ? withBuild(doc, architecture, v1beta1BuildData(build, aggregateChecksum), undefined) : doc;
        text = `${text.replace(/\n+$/, '')}\n---\n${dist.stringify(filled, YAML_OPTIONS)}`;
    }
    return text;
}
/**
 * Builds the package file in `outputDir`. Works in a hidden staging folder inside `outputDir` (so
 * blobs are hard links from the store and the final rename is atomic); on any failure the staging
 * folder is removed and nothing is left in `outputDir`.
 */
async function assemblePackage(input) {
    const { definition, architecture, outputDir } = input;
    const config = definition.config;
    if (typeof architecture !== 'string' || !/^[a-z0-9_-]+$/.test(architecture)) {
        throw new errors/* LadingError */.c3(`invalid architecture "${String(architecture)}"`, { hint: 'use an architecture such as amd64 or arm64' });
    }
    if (typeof config.metadata?.name !== 'string' || config.metadata.name === '') {
        throw new errors/* LadingError */.c3('metadata.name is missing from the package definition');
    }
    const progress = input.onProgress ?? (() => undefined);
    const fileName = packageFileName(config, architecture, input.flavor, input.differential?.previousVersion);
    const finalPath = external_node_path_default().resolve(outputDir, fileName);
    await (0,promises_.mkdir)(outputDir, { recursive: true });
    const staging = await (0,promises_.mkdtemp)(external_node_path_default().join(external_node_path_default().resolve(outputDir), '.lading-assemble-'));
    const root = external_node_path_default().join(staging, 'package');
    try {
        await (0,promises_.mkdir)(root);
        const staged = await (0,layout/* stageImages */.pV)(input.images, input.store, root, progress, input.arrivals);
        input.signal?.throwIfAborted();
        // Component tars (only for components with content besides images).
        const content = input.componentContent ?? {};
        const componentNames = new Set(config.components.map((c) => c.name));
        for (const name of Object.keys(content)) {
            if (!componentNames.has(name))
                throw new errors/* LadingError */.c3(`content was given for component "${name}", which the package does not have`);
        }
        for (const component of config.components) {
            const entries = content[component.name] ?? [];
            if (entries.length === 0)
                continue;
            if (!/^[a-z0-9][a-z0-9-]*$/.test(component.name))
                throw new errors/* LadingError */.c3(`invalid component name "${component.name}"`);
            const rel = `components/${component.name}.tar`;
            const abs = external_node_path_default().join(root, 'components', `${component.name}.tar`);
            await (0,promises_.mkdir)(external_node_path_default().dirname(abs), { recursive: true });
            progress(`writing ${rel}`);
            const prefixed = [{ path: component.name, type: 'directory' }, ...entries.map((e) => ({ ...e, path: `${component.name}/${e.path}` }))];
            // As Zarf writes it (folder: Go's tar headers, 0700 folders, walk order): same content, same bytes.
            const written = await writeReproducibleTar(prefixed, abs, { folder: true, ...(input.signal !== undefined ? { signal: input.signal } : {}) });
            staged.push({ path: rel, abs, size: written.size, sha256: written.sha256 });
        }
        // Package-level deploy-time files: values.yaml, values.schema.json, documentation.tar.
        if (input.values !== undefined) {
            for (const rel of await (0,values/* writePackageValues */.wm)(input.values, root)) {
                progress(`wrote ${rel}`);
                const abs = external_node_path_default().join(root, rel);
                staged.push({ path: rel, abs, size: (await (0,promises_.stat)(abs)).size });
            }
        }
        if (input.documentation !== undefined && input.documentation.length > 0) {
            progress(`writing ${DOCUMENTATION_TAR}`);
            const abs = external_node_path_default().join(root, DOCUMENTATION_TAR);
            const written = await writeDocumentationTar(input.documentation, abs, input.signal);
            staged.push({ path: DOCUMENTATION_TAR, abs, size: written.size, sha256: written.sha256 });
        }
        input.signal?.throwIfAborted();
        // Hashes not known yet (non-sha256 blobs).
        const files = [];
        for (const f of staged) {
            if (f.sha256 !== undefined)
                files.push({ ...f, sha256: f.sha256 });
            else {
                // checksums.txt comes first in the package: a blob named by another algorithm is waited for here.
                await f.arrived?.();
                files.push({ ...f, ...(await (0,package_checksums/* sha256File */.Q3)(f.abs)) });
            }
        }
        const { text: checksums, aggregateChecksum } = (0,package_checksums/* renderChecksums */.pd)(files);
        const extra = input.extraDocuments ?? [];
        const now = input.buildTime !== undefined ? await input.buildTime((time) => renderZarfYaml(config, architecture, buildData({ ...input, now: time }), aggregateChecksum, extra)) : input.now;
        const build = buildData({ ...input, now });
        const zarfYaml = renderZarfYaml(config, architecture, build, aggregateChecksum, extra);
        const checksumsBytes = Buffer.from(checksums);
        const zarfYamlBytes = Buffer.from(zarfYaml);
        await (0,promises_.writeFile)(external_node_path_default().join(root, package_checksums/* CHECKSUMS_TXT */.aA), checksumsBytes, { mode: 0o644 });
        await (0,promises_.writeFile)(external_node_path_default().join(root, package_checksums/* ZARF_YAML */.ed), zarfYamlBytes, { mode: 0o644 });
        if (input.keepFiles !== undefined)
            await keepNonBlobFiles(root, input.keepFiles, [...files, { path: package_checksums/* CHECKSUMS_TXT */.aA }, { path: package_checksums/* ZARF_YAML */.ed }]);
        const entries = [
            { path: package_checksums/* CHECKSUMS_TXT */.aA, type: 'file', content: checksumsBytes },
            { path: package_checksums/* ZARF_YAML */.ed, type: 'file', content: zarfYamlBytes },
            ...files.map((f) => {
                // A blob this run hashed and that is still the same file is not hashed again (file-identity.ts).
                const digest = f.digest;
                if (digest === undefined)
                    return { path: f.path, type: 'file', source: f.abs, size: f.size };
                const arrived = f.arrived;
                // A blob still being pulled when its turn comes is streamed in as it arrives (kept only if it
                // arrives verified); one not started yet is read once it arrived (its identity known then).
                if (arrived !== undefined)
                    return {
                        path: f.path,
                        type: 'file',
                        source: f.abs,
                        size: f.size,
                        verifyDigest: digest,
                        follow: () => input.store.growing(digest),
                        whenReadable: async () => (await arrived(), input.store.verifiedIdentity(digest))
                    };
                const verifiedAs = input.store.verifiedIdentity(digest);
                return { path: f.path, type: 'file', source: f.abs, size: f.size, verifyDigest: digest, ...(verifiedAs !== undefined ? { verifiedAs } : {}) };
            })
        ];
        progress(`writing ${fileName}`);
        const tmpPackage = external_node_path_default().join(staging, fileName);
        const written = await writeReproducibleTar(entries, tmpPackage, {
            compression: config.metadata.uncompressed === true ? 'none' : 'zstd',
            // Only the package's size is reported; its sha256 would be one more pass over every byte.
            hashOutput: false,
            ...(input.signal !== undefined ? { signal: input.signal } : {})
        });
        input.signal?.throwIfAborted();
        let outputs = [finalPath];
        let split;
        if (input.maxPackageSize !== undefined && needsSplit(written.size, input.maxPackageSize)) {
            progress(`splitting ${fileName} (${written.size} bytes) into parts of ${input.maxPackageSize} MB`);
            const parts = await splitPackage(tmpPackage, finalPath, input.maxPackageSize, input.signal);
            outputs = parts.files;
            split = { count: parts.count, partSize: parts.partSize, sha256: parts.sha256 };
            progress(`wrote ${parts.count} parts and ${external_node_path_default().basename(outputs[0])}`);
        }
        else {
            await (0,promises_.rename)(tmpPackage, finalPath);
        }
        const allFiles = [
            ...files.map((f) => ({ path: f.path, sha256: f.sha256, size: f.size })),
            { path: package_checksums/* CHECKSUMS_TXT */.aA, sha256: (0,package_checksums/* sha256Hex */.fg)(checksumsBytes), size: checksumsBytes.length },
            { path: package_checksums/* ZARF_YAML */.ed, sha256: (0,package_checksums/* sha256Hex */.fg)(zarfYamlBytes), size: zarfYamlBytes.length }
        ].sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
        progress(`wrote ${fileName} (${written.size} bytes)`);
        return { path: outputs[0], outputs, ...(split !== undefined ? { split } : {}), fileName, aggregateChecksum, size: written.size, zarfYaml, files: allFiles };
    }
    catch (e) {
        if (e instanceof errors/* LadingError */.c3)
            throw e;
        const msg = e instanceof Error ? e.message : String(e);
        throw new errors/* LadingError */.c3(`could not write the package ${fileName}: ${msg}`, { cause: e });
    }
    finally {
        await (0,promises_.rm)(staging, { recursive: true, force: true }).catch(() => undefined);
    }
}
/** Copies (hard-links when possible) the package files other than image blobs into `dest`. */
async function keepNonBlobFiles(root, dest, files) {
    for (const f of files) {
        if (f.path.startsWith(`${layout/* IMAGES_DIR */.jy}/blobs/`))
            continue;
        const from = external_node_path_default().join(root, ...f.path.split('/'));
        const to = external_node_path_default().join(dest, ...f.path.split('/'));
        await (0,promises_.mkdir)(external_node_path_default().dirname(to), { recursive: true });
        await (0,promises_.rm)(to, { force: true });
        try {
            await (0,promises_.link)(from, to);
        }
        catch {
            await (0,promises_.copyFile)(from, to);
        }
    }
}


/***/ }),

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
