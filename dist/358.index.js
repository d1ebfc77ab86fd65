export const id = 358;
export const ids = [358,652];
export const modules = {

/***/ 5842:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ee: () => (/* binding */ pushBlob),
/* harmony export */   ID: () => (/* binding */ pushScopes),
/* harmony export */   uK: () => (/* binding */ manifestExists),
/* harmony export */   y6: () => (/* binding */ pushManifest),
/* harmony export */   z_: () => (/* binding */ fetchBlobBytes)
/* harmony export */ });
/* unused harmony exports MiB, DEFAULT_CHUNK_THRESHOLD, DEFAULT_CHUNK_SIZE, DEFAULT_STALL_TIMEOUT_MS, DEFAULT_UPLOAD_RESTARTS, pushFailure, blobExists */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _transport_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2268);
/* harmony import */ var _auth_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6599);
/* harmony import */ var _digest_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8825);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8630);
/* harmony import */ var _mediatypes_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9572);
/**
 * Pushing to an OCI registry through the run's one RegistryClient (its auth, token cache per scope
 * set, retries with backoff and Retry-After, and error wording):
 *
 * - blobs: `HEAD` first and skip what exists; a cross-repository mount when the blob is known in
 *   another repository of the same registry (201 = done, 202 = go on with the upload it started,
 *   any failure = upload normally); one streaming `PUT` for ordinary blobs; `PATCH` chunks with
 *   `Content-Range` for large blobs (or whenever the registry sets `OCI-Chunk-Min-Length`), where a
 *   failed chunk is retried alone after asking the registry how far the upload got (`GET` on the
 *   upload URL); an upload the registry lost starts over;
 * - manifests by digest or tag, with the registry's digest checked against ours.
 *
 * Request bodies are streamed from disk (memory stays flat whatever the blob size) and are not
 * replayable, so auth is always settled by a bodiless request (`HEAD`, `POST`) first. Upload
 * locations are used exactly as the registry gives them (relative or absolute, any path).
 */







const MiB = 1024 * 1024;
/** Blobs larger than this go up in PATCH chunks (a failed chunk is retried alone). */
const DEFAULT_CHUNK_THRESHOLD = 64 * MiB;
/** PATCH chunk size (raised to the registry's OCI-Chunk-Min-Length when it asks for more). */
const DEFAULT_CHUNK_SIZE = 16 * MiB;
/** An upload request that sends nothing for this long is aborted and retried. */
const DEFAULT_STALL_TIMEOUT_MS = 120_000;
/** Times an upload the registry lost (or rejected at the end) starts over. */
const DEFAULT_UPLOAD_RESTARTS = 3;
/** The scopes a push to `repository` needs, push first (some registries read only the first). */
function pushScopes(repository) {
    return [(0,_auth_js__WEBPACK_IMPORTED_MODULE_6__/* .repositoryScope */ .F)(repository, ['push', 'pull'])];
}
function origin(client, host) {
    return `${client.scheme(host)}://${host}`;
}
/** Appends `digest=` to an upload URL without re-encoding what the registry put in its query. */
function withDigest(url, digest) {
    const hash = url.indexOf('#');
    const base = hash >= 0 ? url.slice(0, hash) : url;
    return `${base}${base.includes('?') ? '&' : '?'}digest=${encodeURIComponent(digest)}`;
}
function short(d) {
    return `${d.slice(0, d.indexOf(':') + 13)}…`;
}
/** `0-1023` (or `bytes=0-1023`) -> 1024, the next byte to send; `0-0` is read as nothing received. */
function nextOffset(range) {
    if (range === undefined)
        return undefined;
    const m = /^(?:bytes=)?(\d+)-(\d+)$/.exec(range.trim());
    if (m === null)
        return undefined;
    const end = Number(m[2]);
    return end === 0 ? 0 : end + 1;
}
const lost = (what, cause) => new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .OciError */ .Mf(`${what}: the registry lost the upload`, { code: 'UPLOAD_LOST', ...(cause !== undefined ? { cause } : {}) });
/**
 * One line for a failed push request. 401/403 name the repository and the scope refused; a 404
 * `NAME_UNKNOWN` (registries without push-to-create, such as ECR) says to create the repository.
 */
async function pushFailure(client, res, ref, what, scopes) {
    const host = ref.endpoint;
    const status = res.statusCode;
    const base = await client.responseError(res, host, what, ref);
    const code = /\(([A-Z][A-Z_]+)(?::[^)]*)?\)(?: \(gave up.*)?$/.exec(base.message)?.[1];
    if (status === 401 || status === 403) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .OciError */ .Mf(`${host} refused push access to ${ref.repository} (${what}; scope ${scopes.join(' ')})`, {
            status,
            code: 'DENIED',
            hint: `use credentials that may push to ${ref.repository} on ${host}: log in first (docker login / docker/login-action) or set the username and password inputs; on GHCR the job needs \`permissions: packages: write\``
        });
    }
    if (status === 404 && (code === 'NAME_UNKNOWN' || code === undefined)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .OciError */ .Mf(`repository ${ref.repository} does not exist on ${host}, and this registry does not create repositories on push`, {
            status,
            code: 'NAME_UNKNOWN',
            hint: `create the repository ${ref.repository} on ${host} first (for ECR: aws ecr create-repository --repository-name ${ref.repository}), then run again`
        });
    }
    return base;
}
/** One HEAD of a blob or manifest, no retry: true when present, false on 404. */
async function headOnce(client, ref, digest, scopes, kind = 'blobs') {
    // Without an Accept naming OCI types, some registries (distribution) answer 404 for an OCI manifest.
    const headers = kind === 'manifests' ? { accept: _mediatypes_js__WEBPACK_IMPORTED_MODULE_5__/* .MANIFEST_ACCEPT */ .dY.join(', ') } : undefined;
    const res = await client.send({ method: 'HEAD', host: ref.endpoint, path: `/v2/${ref.repository}/${kind}/${digest}`, scopes, ...(headers !== undefined ? { headers } : {}) });
    if (res.statusCode === 200 || res.statusCode === 404) {
        await res.body.dump();
        return res.statusCode === 200;
    }
    throw await pushFailure(client, res, ref, kind === 'blobs' ? `blob ${digest}` : `manifest ${ref.name}@${digest}`, scopes);
}
/**
 * Whether an upload can be skipped: the blob's HEAD (with retries when `retried`). A registry that keeps
 * answering it with a server error (e.g. distribution with a repository link file left damaged by a
 * crash answers 500 for that blob forever) is taken as "not there": the upload that follows writes
 * the blob and its link again, where failing would leave the push stuck. Auth and other errors throw.
 */
async function presentOrUpload(client, ref, digest, scopes, debug, retried) {
    try {
        return retried ? await blobExists(client, ref, digest, scopes) : await headOnce(client, ref, digest, scopes);
    }
    catch (e) {
        if (!(e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .OciError */ .Mf) || e.status === undefined || e.status < 500)
            throw e;
        debug(`${e.message}; uploading ${digest} (an upload writes it again)`);
        return false;
    }
}
/** HEAD with retries, under the push scopes (so one token serves the whole push). */
async function blobExists(client, ref, digest, scopes = pushScopes(ref.repository)) {
    return client.retry(`blob ${digest} in ${ref.name}`, () => headOnce(client, ref, digest, scopes));
}
/** POST to start an upload (optionally a mount); 201 means the mount is done. One attempt. */
async function startOnce(client, ref, scopes, query) {
    const host = ref.endpoint;
    const path = `/v2/${ref.repository}/blobs/uploads/${query}`;
    const res = await client.send({ method: 'POST', host, path, scopes, headers: { 'content-length': '0' } });
    if (res.statusCode === 201 && query !== '') {
        await res.body.dump();
        return 'mounted';
    }
    if (res.statusCode !== 202)
        throw await pushFailure(client, res, ref, `upload to ${ref.name}`, scopes);
    await res.body.dump();
    const location = (0,_transport_js__WEBPACK_IMPORTED_MODULE_2__/* .headerValue */ .Z)(res.headers, 'location');
    if (location === undefined || location === '')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .OciError */ .Mf(`${host} started an upload to ${ref.name} without a Location`, { code: 'BAD_UPLOAD', retriable: true });
    const min = Number((0,_transport_js__WEBPACK_IMPORTED_MODULE_2__/* .headerValue */ .Z)(res.headers, 'oci-chunk-min-length') ?? '');
    return {
        url: new URL(location, `${origin(client, host)}${path}`).toString(),
        scopes,
        ...(Number.isSafeInteger(min) && min > 0 ? { minChunk: min } : {})
    };
}
async function startUpload(client, ref, scopes) {
    return client.retry(`upload to ${ref.name}`, async () => (await startOnce(client, ref, scopes, '')));
}
/** Counts bytes once however often they are resent, and notices an upload that makes no progress. */
class Tracker {
    onProgress;
    high = 0;
    constructor(onProgress) {
        this.onProgress = onProgress;
    }
    reached(absolute) {
        if (absolute > this.high) {
            this.onProgress?.(absolute - this.high);
            this.high = absolute;
        }
    }
}
const READ_CHUNK = 512 * 1024;
const SMALL_READ = 64 * 1024;
/**
 * The read buffers of one blob's upload (its PUT, or all its PATCH chunks), used in turn. A fresh
 * buffer for every read of a large blob leaves tens of MiB of garbage waiting for a collection (peak
 * memory); these are reused instead. That is safe because the body stream holds at most one chunk
 * (highWaterMark 1) and the transport takes the next chunk only once the socket has taken the
 * previous one (`src/oci/transport.ts`): at most three buffers are in use at once (one waiting in
 * the stream, one being written, one being read), and there are six. A mistake here could not go
 * unnoticed: the registry checks the blob's digest.
 */
class ReadBuffers {
    size;
    count;
    list = [];
    i = 0;
    constructor(size = READ_CHUNK, count = 6) {
        this.size = size;
        this.count = count;
    }
    next() {
        const k = this.i++ % this.count;
        let b = this.list[k];
        if (b === undefined) {
            b = Buffer.allocUnsafeSlow(this.size);
            this.list[k] = b;
        }
        return b;
    }
}
/** Bytes `start..end` (inclusive) of the content as a request body, aborted when it stops moving. */
function streamBody(content, start, end, tracker, stallMs, buffers) {
    const controller = new AbortController();
    let last = Date.now();
    let stalled = false;
    let finished = false;
    const timer = setInterval(() => {
        if (!finished && Date.now() - last > stallMs) {
            stalled = true;
            controller.abort(new Error(`no progress for ${Math.round(stallMs / 1000)} s`));
        }
    }, Math.max(50, Math.min(5000, Math.floor(stallMs / 4))));
    timer.unref();
    const close = () => {
        finished = true;
        clearInterval(timer);
    };
    async function* generate() {
        let pos = start;
        if (end < start) {
            close();
            return;
        }
        if ('bytes' in content) {
            const slice = content.bytes.subarray(start, end + 1);
            last = Date.now();
            yield slice;
            tracker.reached(end + 1);
            close();
            return;
        }
        const fh = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.open)(content.file, 'r');
        try {
            while (pos <= end) {
                const left = end + 1 - pos;
                const buf = end + 1 - start <= SMALL_READ ? Buffer.allocUnsafe(left) : buffers.next();
                const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, left), pos);
                if (bytesRead === 0)
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .OciError */ .Mf(`${content.file} is shorter than expected (ends at byte ${pos}, not ${end + 1})`, { code: 'SIZE_MISMATCH' });
                last = Date.now();
                yield buf.subarray(0, bytesRead);
                pos += bytesRead;
                last = Date.now();
                tracker.reached(pos);
            }
        }
        finally {
            close();
            await fh.close();
        }
    }
    // At most one chunk waits in the stream (highWaterMark 1): see ReadBuffers.
    return { body: node_stream__WEBPACK_IMPORTED_MODULE_1__.Readable.from(generate(), { objectMode: false, highWaterMark: 1 }), signal: controller.signal, stalled: () => stalled, close };
}
/** Sends a streamed body; a stalled or broken transfer becomes a retriable OciError. */
async function sendStreamed(client, opts, streamed, what) {
    try {
        return await client.send({ method: opts.method, host: opts.host, path: opts.url, scopes: opts.scopes, headers: opts.headers, body: streamed.body, replayable: false, signal: streamed.signal });
    }
    catch (e) {
        if (streamed.stalled())
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .OciError */ .Mf(`${what}: the upload made no progress and was aborted`, { code: 'STALLED', retriable: true, cause: e });
        if (e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .OciError */ .Mf)
            throw e;
        throw client.networkError(e, opts.host);
    }
    finally {
        streamed.close();
    }
}
function checkCreated(res, digest, host) {
    const sent = (0,_transport_js__WEBPACK_IMPORTED_MODULE_2__/* .headerValue */ .Z)(res.headers, 'docker-content-digest');
    if (sent !== undefined && sent !== '' && (0,_digest_js__WEBPACK_IMPORTED_MODULE_3__/* .digestAlgorithm */ .g4)(digest) === sent.split(':')[0] && sent !== digest) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .OciError */ .Mf(`${host} stored blob ${digest} under the digest ${sent}`, { code: 'DIGEST_MISMATCH', hint: 'the registry or a proxy altered the upload' });
    }
}
/** Is this failure of the final PUT a sign that the uploaded bytes are not what they should be? */
function rejectedContent(e) {
    return e.status === 400 && /DIGEST_INVALID|BLOB_UPLOAD_INVALID|SIZE_INVALID/.test(e.message);
}
/** One streaming PUT of the whole blob. */
async function putWhole(client, ref, digest, size, content, session, tracker, stallMs, buffers) {
    const host = ref.endpoint;
    const what = `upload of blob ${digest} to ${ref.name}`;
    const streamed = streamBody(content, 0, size - 1, tracker, stallMs, buffers);
    const res = await sendStreamed(client, { method: 'PUT', host, url: withDigest(session.url, digest), scopes: session.scopes, headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) } }, streamed, what);
    if (res.statusCode !== 201 && res.statusCode !== 204 && res.statusCode !== 200)
        throw await pushFailure(client, res, ref, what, session.scopes);
    await res.body.dump();
    checkCreated(res, digest, host);
}
/** GET on the upload URL: how many bytes the registry holds, and where to send the next ones. */
async function uploadStatus(client, ref, session, what) {
    const host = ref.endpoint;
    const res = await client.send({ method: 'GET', host, path: session.url, scopes: session.scopes });
    if (res.statusCode === 404 || res.statusCode === 400 || res.statusCode === 416) {
        const e = await client.responseError(res, host, what, ref);
        throw lost(what, e);
    }
    if (res.statusCode !== 204 && res.statusCode !== 200)
        throw await pushFailure(client, res, ref, what, session.scopes);
    await res.body.dump();
    const location = (0,_transport_js__WEBPACK_IMPORTED_MODULE_2__/* .headerValue */ .Z)(res.headers, 'location');
    const next = nextOffset((0,_transport_js__WEBPACK_IMPORTED_MODULE_2__/* .headerValue */ .Z)(res.headers, 'range'));
    if (next === undefined)
        throw lost(`${what} (no Range in the upload status)`);
    return { url: location !== undefined && location !== '' ? new URL(location, session.url).toString() : session.url, next };
}
/** PATCH chunks, each retried alone; then the closing PUT. Throws UPLOAD_LOST when it must start over. */
async function putChunked(client, ref, digest, size, content, session, tracker, opts) {
    const host = ref.endpoint;
    const chunk = Math.max(opts.chunkSize, session.minChunk ?? 0);
    let url = session.url;
    let offset = 0;
    let chunks = 0;
    while (offset < size) {
        const end = Math.min(offset + chunk, size) - 1;
        const what = `blob ${short(digest)} bytes ${offset}-${end}`;
        let resync = false;
        await client.retry(what, async () => {
            if (resync) {
                const st = await uploadStatus(client, ref, { ...session, url }, what);
                url = st.url;
                if (st.next > size)
                    throw lost(`${what}: the registry reports ${st.next} bytes of a ${size}-byte blob`);
                offset = st.next;
                if (offset > end)
                    return;
            }
            resync = true;
            const streamed = streamBody(content, offset, end, tracker, opts.stallMs, opts.buffers);
            const res = await sendStreamed(client, {
                method: 'PATCH',
                host,
                url,
                scopes: session.scopes,
                headers: { 'content-type': 'application/octet-stream', 'content-length': String(end - offset + 1), 'content-range': `${offset}-${end}` }
            }, streamed, what);
            chunks++;
            if (res.statusCode === 416) {
                await res.body.dump();
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .OciError */ .Mf(`${what}: the registry did not accept the range`, { code: 'RANGE', retriable: true });
            }
            if (res.statusCode === 404 || res.statusCode === 400)
                throw lost(what, await client.responseError(res, host, what, ref));
            if (res.statusCode !== 202 && res.statusCode !== 201 && res.statusCode !== 204)
                throw await pushFailure(client, res, ref, `upload of blob ${digest} to ${ref.name}`, session.scopes);
            await res.body.dump();
            const location = (0,_transport_js__WEBPACK_IMPORTED_MODULE_2__/* .headerValue */ .Z)(res.headers, 'location');
            if (location !== undefined && location !== '')
                url = new URL(location, url).toString();
            const next = nextOffset((0,_transport_js__WEBPACK_IMPORTED_MODULE_2__/* .headerValue */ .Z)(res.headers, 'range'));
            offset = next !== undefined && next > 0 ? next : end + 1;
            if (offset > size)
                throw lost(`${what}: the registry reports ${offset} bytes of a ${size}-byte blob`);
            resync = false;
        });
    }
    const what = `completing the upload of blob ${digest} to ${ref.name}`;
    let again = false;
    await client.retry(what, async () => {
        if (again) {
            if (await headOnce(client, ref, digest, session.scopes))
                return;
            const st = await uploadStatus(client, ref, { ...session, url }, what);
            url = st.url;
            if (st.next !== size)
                throw lost(`${what}: the registry holds ${st.next} of ${size} bytes`);
        }
        again = true;
        const res = await client.send({ method: 'PUT', host, path: withDigest(url, digest), scopes: session.scopes, headers: { 'content-type': 'application/octet-stream', 'content-length': '0' }, body: '' });
        if (res.statusCode === 404)
            throw lost(what, await client.responseError(res, host, what, ref));
        if (res.statusCode !== 201 && res.statusCode !== 204 && res.statusCode !== 200) {
            const e = await pushFailure(client, res, ref, what, session.scopes);
            throw rejectedContent(e) ? lost(what, e) : e;
        }
        await res.body.dump();
        checkCreated(res, digest, host);
    });
    return chunks;
}
/**
 * Pushes one blob into `ref`'s repository: skipped when present, mounted when another repository of
 * the registry has it, else uploaded (one PUT, or PATCH chunks above the threshold).
 */
async function pushBlob(client, ref, blob, content, opts = {}) {
    const scopes = pushScopes(ref.repository);
    const debug = opts.debug ?? (() => undefined);
    const { digest, size } = blob;
    if (opts.knownMissing !== true && (await presentOrUpload(client, ref, digest, scopes, debug, true)))
        return { outcome: 'exists', chunks: 0 };
    let session;
    for (const from of opts.mountFrom ?? []) {
        if (from === ref.repository)
            continue;
        const mountScopes = [...scopes, (0,_auth_js__WEBPACK_IMPORTED_MODULE_6__/* .repositoryScope */ .F)(from, ['pull'])];
        try {
            const r = await startOnce(client, ref, mountScopes, `?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}`);
            if (r === 'mounted')
                return { outcome: 'mounted', from, chunks: 0 };
            session = r; // 202: the registry started an ordinary upload instead
            break;
        }
        catch (e) {
            if (e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .OciError */ .Mf && e.code === 'CANCELLED')
                throw e;
            debug(`mount of ${digest} from ${from} did not work (${e instanceof Error ? e.message : String(e)}); uploading it`);
        }
    }
    const tracker = new Tracker(opts.onProgress);
    const buffers = new ReadBuffers();
    const stallMs = opts.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
    const chunkThreshold = opts.chunkThreshold ?? DEFAULT_CHUNK_THRESHOLD;
    const restarts = opts.restarts ?? DEFAULT_UPLOAD_RESTARTS;
    session ??= await startUpload(client, ref, scopes);
    if (size > chunkThreshold || session.minChunk !== undefined) {
        let chunks = 0;
        for (let restart = 0;; restart++) {
            try {
                chunks += await putChunked(client, ref, digest, size, content, session, tracker, { chunkSize: opts.chunkSize ?? DEFAULT_CHUNK_SIZE, stallMs, buffers });
                return { outcome: 'uploaded', chunks };
            }
            catch (e) {
                if (!(e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .OciError */ .Mf) || e.code !== 'UPLOAD_LOST' || restart >= restarts) {
                    if (e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .OciError */ .Mf && e.code === 'UPLOAD_LOST') {
                        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .OciError */ .Mf(`upload of blob ${digest} to ${ref.name} failed: the registry lost it ${restart + 1} times`, { code: 'UPLOAD_LOST', retriable: false, cause: e, hint: 'the registry keeps dropping this upload; try again later' });
                    }
                    throw e;
                }
                debug(`${e.message}; starting the upload of ${digest} over`);
                if (await presentOrUpload(client, ref, digest, scopes, debug, true))
                    return { outcome: 'uploaded', chunks };
                session = await startUpload(client, ref, session.scopes);
            }
        }
    }
    let attempt = 0;
    let current = session;
    const sessionScopes = session.scopes;
    await client.retry(`upload of blob ${digest} to ${ref.name}`, async () => {
        if (attempt++ > 0 && (await presentOrUpload(client, ref, digest, sessionScopes, debug, false)))
            return;
        const s = current ?? (await startOnce(client, ref, sessionScopes, ''));
        current = undefined; // a failed PUT leaves the session unusable: the next attempt starts a new one
        await putWhole(client, ref, digest, size, content, s, tracker, stallMs, buffers);
    });
    return { outcome: 'uploaded', chunks: 0 };
}
/** HEAD a manifest by digest (push scopes): true when the repository has it. */
async function manifestExists(client, ref, digest, scopes = pushScopes(ref.repository)) {
    return client.retry(`manifest ${ref.name}@${digest}`, () => headOnce(client, ref, digest, scopes, 'manifests'));
}
/**
 * PUTs a manifest (or index) under `selector` (a digest or a tag). The digest of the bytes is
 * returned; the registry's Docker-Content-Digest must agree.
 */
async function pushManifest(client, ref, selector, bytes, mediaType, scopes = pushScopes(ref.repository)) {
    const host = ref.endpoint;
    const h = new _digest_js__WEBPACK_IMPORTED_MODULE_3__/* .Digester */ .Y8('sha256');
    h.update(bytes);
    const digest = h.digest();
    const what = `manifest ${ref.name}${selector.includes(':') ? '@' : ':'}${selector}`;
    await client.retry(what, async () => {
        const res = await client.send({ method: 'PUT', host, path: `/v2/${ref.repository}/manifests/${selector}`, scopes, headers: { 'content-type': mediaType }, body: Buffer.from(bytes) });
        if (res.statusCode !== 201 && res.statusCode !== 200 && res.statusCode !== 204) {
            const e = await pushFailure(client, res, ref, `push of ${what}`, scopes);
            if (e.status === 400)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .OciError */ .Mf(`${host} rejected ${what}: ${e.message}`, { status: 400, code: 'MANIFEST_INVALID', hint: 'the registry may not accept this manifest (size limits or media types); see its message' });
            throw e;
        }
        await res.body.dump();
        const sent = (0,_transport_js__WEBPACK_IMPORTED_MODULE_2__/* .headerValue */ .Z)(res.headers, 'docker-content-digest');
        if (sent !== undefined && sent !== '' && sent.startsWith('sha256:') && sent !== digest) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .OciError */ .Mf(`${host} stored ${what} under the digest ${sent}, not ${digest}`, { code: 'DIGEST_MISMATCH', hint: 'the registry rewrote the manifest' });
        }
    });
    return digest;
}
/** Reads a small blob into memory (at most `maxBytes`), verified against its digest. */
async function fetchBlobBytes(client, ref, blob, maxBytes = 16 * MiB, scopes = [(0,_auth_js__WEBPACK_IMPORTED_MODULE_6__/* .repositoryScope */ .F)(ref.repository, ['pull'])]) {
    const host = ref.endpoint;
    const what = `blob ${blob.digest} of ${ref.name}`;
    if (blob.size !== undefined && blob.size > maxBytes)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .OciError */ .Mf(`${what} is ${blob.size} bytes, more than the ${maxBytes} expected`, { code: 'TOO_LARGE' });
    return client.retry(what, async () => {
        const res = await client.send({ method: 'GET', host, path: `/v2/${ref.repository}/blobs/${blob.digest}`, scopes });
        if (res.statusCode !== 200)
            throw await client.responseError(res, host, what, ref);
        const chunks = [];
        let n = 0;
        try {
            for await (const c of res.body) {
                n += c.length;
                if (n > maxBytes) {
                    res.body.destroy();
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .OciError */ .Mf(`${what} is more than the ${maxBytes} bytes expected`, { code: 'TOO_LARGE' });
                }
                chunks.push(c);
            }
        }
        catch (e) {
            if (e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .OciError */ .Mf)
                throw e;
            throw client.networkError(e, host);
        }
        const bytes = Buffer.concat(chunks);
        const h = new _digest_js__WEBPACK_IMPORTED_MODULE_3__/* .Digester */ .Y8((0,_digest_js__WEBPACK_IMPORTED_MODULE_3__/* .digestAlgorithm */ .g4)(blob.digest));
        h.update(bytes);
        if (h.digest() !== blob.digest || (blob.size !== undefined && bytes.length !== blob.size)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .OciError */ .Mf(`${what} does not match its digest`, { code: 'DIGEST_MISMATCH', hint: 'the registry or a proxy altered the content' });
        }
        return bytes;
    });
}


/***/ }),

/***/ 5584:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ builtDefinition),
/* harmony export */   x: () => (/* binding */ recordedAggregateChecksum)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/**
 * Reading back the zarf.yaml of a built package. It may hold several YAML documents (a v1beta1
 * source's package carries its v1beta1 document after the v1alpha1 one, separated by `---`); what
 * Lading reads (the OCI config, the aggregate checksum, the components, the build time) comes from
 * the v1alpha1 document, the first one without another apiVersion.
 */


/** The v1alpha1 document of a built zarf.yaml (the first non-empty document when none is v1alpha1). */
function builtDefinition(zarfYaml) {
    let docs;
    try {
        docs = yaml__WEBPACK_IMPORTED_MODULE_0__.parseAllDocuments(zarfYaml, { prettyErrors: false });
    }
    catch (e) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .LadingError */ .c3(`the package's zarf.yaml cannot be read back: ${e.message}`);
    }
    const list = Array.isArray(docs) ? docs : [];
    const values = [];
    for (const doc of list) {
        const err = doc.errors[0];
        if (err !== undefined)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .LadingError */ .c3(`the package's zarf.yaml cannot be read back: ${err.message.split('\n')[0] ?? ''}`);
        const v = doc.toJS({ maxAliasCount: -1 });
        if (v === null || v === undefined)
            continue;
        if (typeof v !== 'object' || Array.isArray(v))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .LadingError */ .c3("the package's zarf.yaml is not a mapping");
        values.push(v);
    }
    const alpha = values.find((d) => d.apiVersion === undefined || d.apiVersion === null || d.apiVersion === 'zarf.dev/v1alpha1');
    const chosen = alpha ?? values[0];
    if (chosen === undefined)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .LadingError */ .c3("the package's zarf.yaml is empty");
    return chosen;
}
/**
 * The aggregate checksum a built zarf.yaml records: metadata.aggregateChecksum of its v1alpha1
 * document, or build.aggregateChecksum (where v1beta1 keeps it).
 */
function recordedAggregateChecksum(zarfYaml) {
    const def = builtDefinition(zarfYaml);
    const v = def.metadata?.aggregateChecksum ?? def.build?.aggregateChecksum;
    return typeof v === 'string' ? v : undefined;
}


/***/ }),

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


/***/ }),

/***/ 348:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Pl: () => (/* binding */ goJson),
/* harmony export */   _0: () => (/* binding */ ANNOTATION_REF_NAME),
/* harmony export */   ef: () => (/* binding */ ANNOTATION_BASE_NAME),
/* harmony export */   jy: () => (/* binding */ IMAGES_DIR),
/* harmony export */   pV: () => (/* binding */ stageImages)
/* harmony export */ });
/* unused harmony exports OCI_LAYOUT_BYTES, indexEntries, renderIndexJson, collectBlobs */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _oci_digest_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8825);
/* harmony import */ var _oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9572);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3916);
/* harmony import */ var _checksums_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1652);






const IMAGES_DIR = 'images';
const ANNOTATION_REF_NAME = 'org.opencontainers.image.ref.name';
const ANNOTATION_BASE_NAME = 'org.opencontainers.image.base.name';
/** `oci-layout` exactly as oras-go writes it (json.Marshal, no trailing newline). */
const OCI_LAYOUT_BYTES = Buffer.from('{"imageLayoutVersion":"1.0.0"}');
/**
 * JSON as Go's encoding/json writes it: compact, and `<`, `>`, `&`, U+2028, U+2029 escaped.
 * Zarf writes images/index.json with json.Marshal, so this keeps the bytes identical for equal content.
 */
function goJson(value) {
    return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
function sortedRecord(rec) {
    const out = {};
    for (const k of Object.keys(rec).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))))
        out[k] = rec[k];
    return out;
}
/** Platform in the field order of ocispec.Platform. */
function goPlatform(p) {
    const out = { architecture: p.architecture, os: p.os };
    if (p['os.version'] !== undefined && p['os.version'] !== '')
        out['os.version'] = p['os.version'];
    if (p['os.features'] !== undefined && p['os.features'].length > 0)
        out['os.features'] = p['os.features'];
    if (p.variant !== undefined && p.variant !== '')
        out.variant = p.variant;
    return out;
}
/** Descriptor in the field order of ocispec.Descriptor (mediaType, digest, size, urls, annotations, platform, artifactType). */
function goDescriptor(d) {
    const out = { mediaType: d.mediaType, digest: d.digest, size: d.size };
    if (d.urls !== undefined && d.urls.length > 0)
        out.urls = d.urls;
    if (d.annotations !== undefined && Object.keys(d.annotations).length > 0)
        out.annotations = sortedRecord(d.annotations);
    if (d.platform !== undefined)
        out.platform = goPlatform(d.platform);
    if (d.artifactType !== undefined && d.artifactType !== '')
        out.artifactType = d.artifactType;
    return out;
}
/**
 * The entries of images/index.json: one per image reference (`reference.toString()`), the root
 * descriptor with `org.opencontainers.image.ref.name` and `org.opencontainers.image.base.name` set to
 * that reference (other annotations of the descriptor kept, as oras-go's Tag does), sorted by digest
 * (Zarf's utils.SortImagesIndex), then by name so equal digests have a stable order.
 */
function indexEntries(images) {
    const byRef = new Map();
    for (const img of images) {
        const ref = img.reference.toString();
        const seen = byRef.get(ref);
        if (seen === undefined) {
            byRef.set(ref, img);
        }
        else if (seen.descriptor.digest !== img.descriptor.digest) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .LadingError */ .c3(`${ref} resolved to two different manifests (${seen.descriptor.digest} and ${img.descriptor.digest})`, {
                hint: 'the tag moved while the package was being built; run again'
            });
        }
    }
    const entries = [];
    for (const [ref, img] of byRef) {
        const d = img.descriptor;
        entries.push({
            ...d,
            annotations: { ...(d.annotations ?? {}), [ANNOTATION_BASE_NAME]: ref, [ANNOTATION_REF_NAME]: ref }
        });
    }
    const key = (d) => d.annotations?.[ANNOTATION_REF_NAME] ?? '';
    entries.sort((a, b) => (a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : Buffer.compare(Buffer.from(key(a)), Buffer.from(key(b)))));
    return entries;
}
/** images/index.json bytes, as oras-go + Zarf write them. */
function renderIndexJson(images) {
    const index = {
        schemaVersion: 2,
        mediaType: _oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_3__/* .MediaType */ .zu.OciIndex,
        manifests: indexEntries(images).map(goDescriptor)
    };
    return Buffer.from(goJson(index));
}
/** Every blob the images need, once, root included. */
function collectBlobs(images) {
    const blobs = new Map();
    for (const image of images) {
        for (const d of [image.descriptor, ...image.blobs]) {
            const seen = blobs.get(d.digest);
            if (seen === undefined)
                blobs.set(d.digest, { descriptor: d, image });
            else if (seen.descriptor.size !== d.size) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .LadingError */ .c3(`blob ${d.digest} is declared with two sizes (${seen.descriptor.size} and ${d.size})`, {
                    hint: `check the manifests of ${seen.image.reference.toString()} and ${image.reference.toString()}`
                });
            }
        }
    }
    return blobs;
}
async function mapLimit(items, limit, fn) {
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const item = items[next++];
            await fn(item);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
/**
 * Writes the package's images/ OCI layout under `packageRoot` (oci-layout and index.json) and lists
 * every blob of every image as a file of the package read from `store` itself (not copied). Fails with
 * a LadingError naming the blob when one is missing from the store or has the wrong size; a blob still
 * arriving (`arrivals`) is checked when it has arrived, by whoever waits for it (`blobArrived`).
 * Writes nothing when there are no images.
 */
async function stageImages(images, store, packageRoot, onProgress, arrivals) {
    if (images.length === 0)
        return [];
    const blobs = collectBlobs(images);
    const problems = [];
    await mapLimit([...blobs.values()], 16, async ({ descriptor, image }) => {
        if (arrivals?.pending(descriptor.digest) === true)
            return;
        const problem = await missingProblem(store, descriptor, image);
        if (problem !== undefined)
            problems.push(problem);
    });
    if (problems.length > 0) {
        problems.sort();
        const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .LadingError */ .c3(`${problems[0]}${more}`, {
            hint: NOT_PULLED_HINT,
            details: problems.map((p) => `- ${p}`).join('\n')
        });
    }
    const root = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(packageRoot, IMAGES_DIR);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(root, { recursive: true });
    onProgress?.(`staging ${blobs.size} blobs of ${images.length} image${images.length === 1 ? '' : 's'}`);
    const files = [];
    for (const { descriptor, image } of blobs.values()) {
        const alg = (0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_2__/* .digestAlgorithm */ .g4)(descriptor.digest);
        const hex = (0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_2__/* .digestHex */ .sU)(descriptor.digest);
        files.push({
            path: `${IMAGES_DIR}/blobs/${alg}/${hex}`,
            abs: store.path(descriptor.digest),
            size: descriptor.size,
            ...(alg === 'sha256' ? { sha256: hex } : {}),
            digest: descriptor.digest,
            ...(arrivals !== undefined ? { arrived: () => arrivedIn(store, descriptor, image, arrivals) } : {})
        });
    }
    const index = renderIndexJson(images);
    const indexPath = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(root, 'index.json');
    const layoutPath = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(root, 'oci-layout');
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(layoutPath, OCI_LAYOUT_BYTES, { mode: 0o644 });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(indexPath, index, { mode: 0o644 });
    files.push({ path: `${IMAGES_DIR}/oci-layout`, abs: layoutPath, size: OCI_LAYOUT_BYTES.length, sha256: (0,_checksums_js__WEBPACK_IMPORTED_MODULE_5__/* .sha256Hex */ .fg)(OCI_LAYOUT_BYTES) }, { path: `${IMAGES_DIR}/index.json`, abs: indexPath, size: index.length, sha256: (0,_checksums_js__WEBPACK_IMPORTED_MODULE_5__/* .sha256Hex */ .fg)(index) });
    return files;
}
const NOT_PULLED_HINT = 'the images were not fully pulled into the blob cache; run again to fetch them';
/** Why `descriptor` of `image` cannot be read from `store`, if it cannot. */
async function missingProblem(store, descriptor, image) {
    if (await store.has(descriptor.digest, descriptor.size))
        return undefined;
    return (await store.has(descriptor.digest))
        ? `blob ${descriptor.digest} of ${image.reference.toString()} in the blob cache is not ${descriptor.size} bytes`
        : `blob ${descriptor.digest} of ${image.reference.toString()} is missing from the blob cache`;
}
/** Resolves once the blob has arrived in `store` (verified) and is there with its size. */
async function arrivedIn(store, descriptor, image, arrivals) {
    await arrivals.whenArrived(descriptor.digest);
    const problem = await missingProblem(store, descriptor, image);
    if (problem !== undefined)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .LadingError */ .c3(problem, { hint: NOT_PULLED_HINT });
}


/***/ }),

/***/ 2226:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Qh: () => (/* binding */ buildPublishLayout),
/* harmony export */   TX: () => (/* binding */ MULTI_OS),
/* harmony export */   cy: () => (/* binding */ entryFor),
/* harmony export */   hg: () => (/* binding */ ANNOTATION_TITLE),
/* harmony export */   mx: () => (/* binding */ ZARF_LAYER_MEDIA_TYPE),
/* harmony export */   pq: () => (/* binding */ ZARF_CONFIG_MEDIA_TYPE),
/* harmony export */   vB: () => (/* binding */ indexWithEntry)
/* harmony export */ });
/* unused harmony exports ANNOTATION_DESCRIPTION, ANNOTATION_CREATED, rfc3339, createdAnnotation, manifestAnnotations, goDescriptor, configBytes, indexEntry */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _oci_digest_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8825);
/* harmony import */ var _oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9572);
/* harmony import */ var _built_definition_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5584);
/* harmony import */ var _layout_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(348);
/**
 * The published layout of a Zarf package (what `zarf package publish` pushes), as plain data:
 *
 * - an OCI image manifest (`schemaVersion: 2`, `mediaType`, no `artifactType`) whose config is the
 *   package definition as built (zarf.yaml with its build section) as JSON, media type
 *   `application/vnd.zarf.config.v1+json`;
 * - one layer per file of the package, media type `application/vnd.zarf.layer.v1.blob`, titled with
 *   the file's relative path; image blobs are layers of their own so registries deduplicate them;
 *   layers sorted by digest;
 * - manifest annotations from the metadata (title, description, url, authors, documentation, source,
 *   vendor), `org.opencontainers.image.created` from build.timestamp, then metadata.annotations;
 * - the tag is an OCI image index with one entry per architecture, `platform: {os: multi,
 *   architecture}`; publishing an architecture replaces its entry or appends one.
 *
 * JSON is written as Go's encoding/json writes it (Zarf's bytes for equal content): compact, struct
 * field order, map keys sorted.
 */





const ZARF_CONFIG_MEDIA_TYPE = 'application/vnd.zarf.config.v1+json';
const ZARF_LAYER_MEDIA_TYPE = 'application/vnd.zarf.layer.v1.blob';
/** The `os` of every entry of a published package's index (Zarf's oci.MultiOS). */
const MULTI_OS = 'multi';
const ANNOTATION_TITLE = 'org.opencontainers.image.title';
const ANNOTATION_DESCRIPTION = 'org.opencontainers.image.description';
const ANNOTATION_CREATED = 'org.opencontainers.image.created';
/** Metadata field -> the OCI annotation Zarf sets from it (title and description are always set). */
const METADATA_ANNOTATIONS = [
    ['url', 'org.opencontainers.image.url'],
    ['authors', 'org.opencontainers.image.authors'],
    ['documentation', 'org.opencontainers.image.documentation'],
    ['source', 'org.opencontainers.image.source'],
    ['vendor', 'org.opencontainers.image.vendor']
];
function byteOrder(a, b) {
    return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
function sortedRecord(rec) {
    const out = {};
    for (const k of Object.keys(rec).sort(byteOrder))
        out[k] = rec[k];
    return out;
}
/** RFC 3339 in UTC, seconds precision (Go's time.RFC3339 of a UTC time). */
function rfc3339(d) {
    return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
/**
 * `org.opencontainers.image.created` from build.timestamp (RFC 1123 with a numeric zone); like Zarf,
 * the zero time when it is missing or unreadable. Stable for a given package, so re-publishing an
 * unchanged package gives the same manifest.
 */
function createdAnnotation(buildTimestamp) {
    const t = typeof buildTimestamp === 'string' ? Date.parse(buildTimestamp) : Number.NaN;
    return Number.isNaN(t) ? '0001-01-01T00:00:00Z' : rfc3339(new Date(t));
}
/** The manifest annotations Zarf derives from a package definition. */
function manifestAnnotations(def) {
    const meta = def.metadata ?? {};
    const str = (v) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
    const out = {
        [ANNOTATION_TITLE]: str(meta.name),
        [ANNOTATION_DESCRIPTION]: str(meta.description)
    };
    for (const [field, key] of METADATA_ANNOTATIONS) {
        const v = str(meta[field]);
        if (v !== '')
            out[key] = v;
    }
    out[ANNOTATION_CREATED] = createdAnnotation(def.build?.timestamp);
    const extra = meta.annotations;
    if (extra !== null && typeof extra === 'object')
        for (const [k, v] of Object.entries(extra))
            out[k] = str(v);
    return out;
}
/** A descriptor in the field order of ocispec.Descriptor, annotations sorted; unknown fields kept, last. */
function goDescriptor(d) {
    const src = d;
    const out = { mediaType: src.mediaType, digest: src.digest, size: src.size };
    if (Array.isArray(src.urls) && src.urls.length > 0)
        out.urls = src.urls;
    if (src.annotations !== null && typeof src.annotations === 'object' && Object.keys(src.annotations).length > 0)
        out.annotations = sortedRecord(src.annotations);
    if (src.data !== undefined)
        out.data = src.data;
    if (src.platform !== null && typeof src.platform === 'object') {
        const p = src.platform;
        const plat = { architecture: p.architecture, os: p.os };
        if (p['os.version'] !== undefined && p['os.version'] !== '')
            plat['os.version'] = p['os.version'];
        if (Array.isArray(p['os.features']) && p['os.features'].length > 0)
            plat['os.features'] = p['os.features'];
        if (p.variant !== undefined && p.variant !== '')
            plat.variant = p.variant;
        for (const [k, v] of Object.entries(p))
            if (!(k in plat) && k !== 'variant' && k !== 'os.version' && k !== 'os.features')
                plat[k] = v;
        out.platform = plat;
    }
    if (typeof src.artifactType === 'string' && src.artifactType !== '')
        out.artifactType = src.artifactType;
    for (const [k, v] of Object.entries(src))
        if (!(k in out) && !['urls', 'annotations', 'data', 'platform', 'artifactType'].includes(k))
            out[k] = v;
    return out;
}
/** The config blob: the definition as built, as JSON, in zarf.yaml's key order. */
function configBytes(zarfYaml) {
    return Buffer.from((0,_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .goJson */ .Pl)((0,_built_definition_js__WEBPACK_IMPORTED_MODULE_3__/* .builtDefinition */ .E)(zarfYaml)));
}
/** Manifest, config and layers of a built package, ready to push. */
function buildPublishLayout(files, zarfYaml) {
    const def = (0,_built_definition_js__WEBPACK_IMPORTED_MODULE_3__/* .builtDefinition */ .E)(zarfYaml);
    const config = configBytes(zarfYaml);
    const configDescriptor = { mediaType: ZARF_CONFIG_MEDIA_TYPE, digest: (0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_1__/* .sha256 */ .sc)(config), size: config.length };
    const layers = files.map((f) => {
        const digest = `sha256:${f.sha256}`;
        if (!(0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_1__/* .isDigest */ .Bc)(digest))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .LadingError */ .c3(`the package file ${f.path} has an invalid sha256 "${f.sha256}"`);
        return { mediaType: ZARF_LAYER_MEDIA_TYPE, digest, size: f.size, annotations: { [ANNOTATION_TITLE]: f.path } };
    });
    layers.sort((a, b) => byteOrder(a.digest, b.digest) || byteOrder(a.annotations?.[ANNOTATION_TITLE] ?? '', b.annotations?.[ANNOTATION_TITLE] ?? ''));
    const manifest = {
        schemaVersion: 2,
        mediaType: _oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_2__/* .MediaType */ .zu.OciManifest,
        config: goDescriptor(configDescriptor),
        layers: layers.map(goDescriptor),
        annotations: sortedRecord(manifestAnnotations(def))
    };
    const bytes = Buffer.from((0,_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .goJson */ .Pl)(manifest));
    return {
        config: { descriptor: configDescriptor, bytes: config },
        layers,
        manifest: { descriptor: { mediaType: _oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_2__/* .MediaType */ .zu.OciManifest, digest: (0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_1__/* .sha256 */ .sc)(bytes), size: bytes.length }, bytes }
    };
}
/** The index entry of one architecture's package manifest. */
function indexEntry(manifest, architecture) {
    return { mediaType: _oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_2__/* .MediaType */ .zu.OciManifest, digest: manifest.digest, size: manifest.size, platform: { architecture, os: MULTI_OS } };
}
/** The entry of `architecture` in a published package's index (Zarf matches on the architecture). */
function entryFor(index, architecture) {
    const list = Array.isArray(index.manifests) ? index.manifests : [];
    return list.find((m) => m !== null && typeof m === 'object' && m.platform?.architecture === architecture);
}
/**
 * The tag's index with this architecture's entry replaced (or appended); `mediaType` always written.
 * `changed` is false when the index already holds exactly this entry.
 */
function indexWithEntry(existing, manifest, architecture) {
    const entry = indexEntry(manifest, architecture);
    const prior = existing !== undefined ? entryFor(existing, architecture) : undefined;
    const priorPlatform = prior?.platform;
    const unchanged = existing !== undefined &&
        existing.mediaType === _oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_2__/* .MediaType */ .zu.OciIndex &&
        prior !== undefined &&
        prior.digest === entry.digest &&
        prior.size === entry.size &&
        prior.mediaType === _oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_2__/* .MediaType */ .zu.OciManifest &&
        priorPlatform?.os === MULTI_OS;
    const list = existing !== undefined && Array.isArray(existing.manifests) ? [...existing.manifests] : [];
    const at = prior !== undefined ? list.indexOf(prior) : -1;
    if (at >= 0)
        list[at] = { ...prior, ...entry };
    else
        list.push({ ...entry });
    const out = { schemaVersion: 2, mediaType: _oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_2__/* .MediaType */ .zu.OciIndex };
    if (typeof existing?.artifactType === 'string')
        out.artifactType = existing.artifactType;
    out.manifests = list.map((d) => goDescriptor(d));
    if (existing?.subject !== undefined)
        out.subject = existing.subject;
    if (existing?.annotations !== undefined && existing.annotations !== null && typeof existing.annotations === 'object')
        out.annotations = sortedRecord(existing.annotations);
    for (const [k, v] of Object.entries(existing ?? {}))
        if (!(k in out))
            out[k] = v;
    return { bytes: Buffer.from((0,_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .goJson */ .Pl)(out)), changed: !unchanged };
}


/***/ })

};
