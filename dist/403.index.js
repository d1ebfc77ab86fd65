export const id = 403;
export const ids = [403];
export const modules = {

/***/ 3403:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   extractBlobs: () => (/* binding */ extractBlobs)
/* harmony export */ });
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var tar_stream__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6118);
/* harmony import */ var _oci_fresh_memory_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5323);
/* harmony import */ var _oci_errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8630);
/* harmony import */ var _zstd_decompress_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(9538);
/**
 * Unpacks an Actions cache entry (the tar that @actions/cache made of the cache folder, zstd or gzip
 * compressed) straight into the cache folder's blob store, as its bytes arrive: no archive file, no
 * `tar` program. Only regular files named like blobs (`blobs/<alg>/<hex>` below the cache folder) are
 * taken, each through the store's ingest: hashed as it is written to a temp file, given its name only
 * when the bytes match it. Anything else the archive holds (folders, temp files, names outside the
 * cache folder) is passed over, so no entry can write anywhere else. A blob whose bytes do not match
 * its name is left out and reported; the rest of the entry still restores.
 */








const BLOB_NAME = /^blobs\/(?:(sha256)\/([0-9a-f]{64})|(sha512)\/([0-9a-f]{128}))$/;
/** The digest an archive member names, when it is a blob of the cache folder. */
function blobOfMember(name, workspace, root) {
    const rel = node_path__WEBPACK_IMPORTED_MODULE_2___default().relative(root, node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(workspace, name)).split((node_path__WEBPACK_IMPORTED_MODULE_2___default().sep)).join('/');
    const m = BLOB_NAME.exec(rel);
    if (m === null)
        return undefined;
    return (m[1] !== undefined ? `sha256:${m[2]}` : `sha512:${m[4]}`);
}
async function extractBlobs(source, o) {
    const result = { blobs: 0, bytes: 0, corrupt: [], ignored: 0 };
    const extract = tar_stream__WEBPACK_IMPORTED_MODULE_4__.extract();
    // The member being taken: on a failure, its ingest is ended (and its temp file removed) before
    // extractBlobs rejects, so a caller never finds a partial file in the folder afterwards.
    let current;
    extract.on('entry', (header, stream, next) => {
        const take = async () => {
            const type = header.type ?? 'file';
            const digest = type === 'file' || type === 'contiguous-file' ? blobOfMember(header.name, o.workspace, o.store.root) : undefined;
            if (digest === undefined) {
                if (type !== 'directory')
                    result.ignored++;
                stream.resume();
                await endOf(stream);
                return;
            }
            const size = header.size ?? 0;
            if (await o.store.has(digest, size)) {
                stream.resume();
                await endOf(stream);
            }
            else {
                try {
                    let read = false;
                    await o.store.ingest({ digest, size }, async (w) => {
                        read = true;
                        for await (const chunk of stream) {
                            // Slices of the decompressor's output: fresh memory, paced by young-generation collections.
                            (0,_oci_fresh_memory_js__WEBPACK_IMPORTED_MODULE_5__/* .freshMemory */ .C)(chunk.length);
                            await w.write(chunk);
                        }
                    });
                    // Written meanwhile by another ingest (of this process, or another's that won the race):
                    // the store never ran ours, and the archive moves on only once the member is read.
                    if (!read) {
                        stream.resume();
                        await endOf(stream);
                    }
                }
                catch (e) {
                    if (!(e instanceof _oci_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .OciError */ .Mf) || (e.code !== 'DIGEST_MISMATCH' && e.code !== 'SIZE_MISMATCH'))
                        throw e;
                    result.corrupt.push(digest);
                    return;
                }
            }
            result.blobs++;
            result.bytes += size;
            o.onBlob?.(digest, size);
        };
        const done = take().then(() => next(), (e) => {
            stream.resume();
            next(e);
        });
        current = { stream, done };
    });
    const decompress = o.method === 'gzip' ? node_zlib__WEBPACK_IMPORTED_MODULE_3___default().createGunzip({ chunkSize: 1 << 18 }) : (0,_zstd_decompress_js__WEBPACK_IMPORTED_MODULE_7__/* .zstdDecompressFrames */ .z)({ chunkSize: 1 << 20 });
    const sink = extract;
    const input = node_stream__WEBPACK_IMPORTED_MODULE_0__.Readable.from(inPiecesOf(source, DECOMPRESS_INPUT), { objectMode: false });
    try {
        if (o.signal !== undefined)
            await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_1__.pipeline)(input, decompress, sink, { signal: o.signal });
        else
            await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_1__.pipeline)(input, decompress, sink);
    }
    catch (e) {
        if (current !== undefined) {
            current.stream.destroy(e);
            await current.done;
        }
        throw e;
    }
    return result;
}
/**
 * Input handed to the decompressor at a time. node's zlib streams take one written chunk per trip to
 * the thread pool, and the HTTP client's chunks are 16-64 KiB: joined into pieces of 1 MiB, a 58 MiB
 * entry takes 58 trips instead of about 1,000 (one copy of the bytes, in memory paced like the rest).
 */
const DECOMPRESS_INPUT = 1 << 20;
/** `source`'s bytes in pieces of at least `min` bytes (the last one may be shorter). */
async function* inPiecesOf(source, min) {
    let parts = [];
    let size = 0;
    const joined = () => {
        if (parts.length === 1)
            return parts[0];
        (0,_oci_fresh_memory_js__WEBPACK_IMPORTED_MODULE_5__/* .freshMemory */ .C)(size);
        return Buffer.concat(parts, size);
    };
    for await (const p of source) {
        parts.push(p);
        size += p.length;
        if (size < min)
            continue;
        const piece = joined();
        parts = [];
        size = 0;
        yield piece;
    }
    if (size > 0)
        yield joined();
}
/** Waits until an entry's stream has ended (tar-stream moves on only after it). */
function endOf(entry) {
    const stream = entry;
    return new Promise((resolve, reject) => {
        if (stream.readableEnded === true)
            return resolve();
        stream.once('end', () => resolve());
        stream.once('error', (e) => reject(e));
    });
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
