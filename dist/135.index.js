export const id = 135;
export const ids = [135];
export const modules = {

/***/ 9135:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  restoreEntryStreaming: () => (/* binding */ restoreEntryStreaming)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./src/cache/restore/entry-version.ts
/**
 * The `version` an Actions cache entry is saved under, computed as @actions/cache 6 computes it
 * (its cacheUtils.getCacheVersion): sha256 of the paths, the compression method, `windows-only` on
 * Windows, and the salt `1.0`, joined by `|`. The compression method is what the saving library
 * chose: `zstd-without-long` when there is a `zstd` program, else `gzip`. A lookup
 * with any other version finds nothing, so the restore asks exactly what the save used.
 */




const VERSION_SALT = '1.0';
function entryVersion(paths, method, platform = process.platform) {
    const parts = [...paths, method];
    if (platform === 'win32')
        parts.push('windows-only');
    parts.push(VERSION_SALT);
    return (0,external_node_crypto_.createHash)('sha256').update(parts.join('|')).digest('hex');
}
/**
 * @actions/cache's test: `zstd` when it finds a `zstd` program on the PATH (it then asks it for its
 * version; any answer means zstd), else `gzip`. Looked up here without running it (a spawn costs
 * ~20 ms of the step's own CPU before the lookup can start).
 */
async function compressionMethod(env = process.env, platform = process.platform) {
    const dirs = (env.PATH ?? env.Path ?? '').split((external_node_path_default()).delimiter).filter((d) => d !== '');
    const names = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';').filter((e) => e !== '').map((e) => `zstd${e.toLowerCase()}`) : ['zstd'];
    for (const dir of dirs) {
        for (const name of names) {
            try {
                const p = external_node_path_default().join(dir, name);
                if (!(await (0,promises_.stat)(p)).isFile())
                    continue;
                if (platform !== 'win32')
                    await (0,promises_.access)(p, external_node_fs_.constants.X_OK);
                return 'zstd-without-long';
            }
            catch {
                // not here
            }
        }
    }
    return 'gzip';
}

// EXTERNAL MODULE: ./src/oci/transport.ts
var transport = __webpack_require__(2268);
// EXTERNAL MODULE: ./src/oci/errors.ts
var errors = __webpack_require__(8630);
;// CONCATENATED MODULE: ./src/cache/restore/http.ts
/**
 * The HTTP client of a cache restore: the same transport as the registry client's
 * (src/oci/transport.ts), through HTTP_PROXY / HTTPS_PROXY unless NO_PROXY lists the host, so the
 * cache service and the storage it hands out are reached as @actions/cache reaches them
 * (self-hosted runners behind a proxy).
 */



function restorePool() {
    // Bodies are read as they come; a storage read where nothing moves this long is a failure to retry.
    return new transport/* HttpPool */.dj({ connections: 16, idleTimeout: 60_000, proxy: true });
}

// EXTERNAL MODULE: ./node_modules/p-retry/index.js + 1 modules
var p_retry = __webpack_require__(4995);
// EXTERNAL MODULE: ./src/oci/body-chunks.ts
var body_chunks = __webpack_require__(5728);
;// CONCATENATED MODULE: ./src/cache/restore/ranged-download.ts
/**
 * Reads one large object over HTTP as parallel byte ranges, handed on in order as they arrive:
 * `chunkBytes` a request, `concurrency` requests at a time. The range being handed on streams straight
 * through; the ones after it are held until their turn, so memory stays within concurrency x
 * chunkBytes whatever the size. The first request's answer tells the size, and the others start then
 * (while its body still flows). A range that fails is asked again from where it stopped (connection
 * errors, 408, 429, 5xx); a server that ignores ranges (200 to the first request) is read as one
 * stream, not retried once bytes were handed on. The bytes are handed on as the HTTP client received
 * them (no copy into larger buffers: fresh memory costs more than the copy).
 */



/** A failure to read the object: the caller adds what was being read (never the URL: it is signed). */
class RangedDownloadError extends Error {
    constructor(message, opts) {
        super(message, opts);
        this.name = 'RangedDownloadError';
    }
}
/** One range: its bytes as they arrive, resumed from where it stopped when an attempt fails. */
class RangeTask {
    start;
    end;
    pieces = [];
    received = 0;
    done = false;
    error;
    wake;
    constructor(start, 
    /** Inclusive; undefined until the size is known (the first range of a server that ignores ranges). */
    end) {
        this.start = start;
        this.end = end;
    }
    push(piece) {
        this.pieces.push(piece);
        this.received += piece.length;
        this.notify();
    }
    finish(error) {
        this.done = true;
        this.error = error;
        this.notify();
    }
    notify() {
        const w = this.wake;
        this.wake = undefined;
        w?.();
    }
    /** The bytes in order, as they arrive. */
    async *drain() {
        for (;;) {
            const p = this.pieces.shift();
            if (p !== undefined) {
                yield p;
                continue;
            }
            if (this.done) {
                if (this.error !== undefined)
                    throw this.error;
                return;
            }
            await new Promise((resolve) => (this.wake = resolve));
        }
    }
}
/** The object's bytes, in order. */
async function* rangedDownload(url, o) {
    const chunk = o.chunkBytes ?? 4 << 20;
    const concurrency = Math.max(1, o.concurrency ?? 4);
    let total;
    let sized = () => undefined;
    const sizeKnown = new Promise((resolve) => (sized = resolve));
    /** Runs a range's attempts; `first` learns the size from its answer. Never rejects (the task holds the error). */
    const run = async (task, first) => {
        let whole = false;
        try {
            await (0,p_retry/* default */.Ay)(async () => {
                if (whole && task.received > 0)
                    throw new p_retry/* AbortError */.lc(new RangedDownloadError('storage ignores byte ranges, and the read broke off'));
                const from = task.start + task.received;
                const res = await (0,transport/* request */.Em)(o.pool, url, {
                    method: 'GET',
                    headers: { range: `bytes=${from}-${task.end ?? ''}`, 'user-agent': o.userAgent },
                    ...(o.signal !== undefined ? { signal: o.signal } : {})
                });
                let want;
                if (res.statusCode === 200 && first && task.received === 0) {
                    whole = true;
                    const len = Number(res.headers['content-length']);
                    total = Number.isFinite(len) ? len : undefined;
                    task.end = total !== undefined ? total - 1 : undefined;
                    want = total;
                }
                else if (res.statusCode === 206) {
                    const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(res.headers['content-range'] ?? ''));
                    if (m === null || Number(m[1]) !== from || (task.end !== undefined && Number(m[2]) > task.end)) {
                        await res.body.dump().catch(() => undefined);
                        throw new p_retry/* AbortError */.lc(new RangedDownloadError(`storage answered a read of bytes ${from}-${task.end ?? ''} with the range ${String(res.headers['content-range'] ?? '(none)')}`));
                    }
                    if (first && total === undefined)
                        total = Number(m[3]);
                    want = Number(m[2]) - from + 1;
                }
                else {
                    await res.body.dump().catch(() => undefined);
                    const e = new RangedDownloadError(`storage answered ${res.statusCode} to a read of bytes ${from}-${task.end ?? ''}`);
                    if ((0,errors/* isTransientStatus */.Dm)(res.statusCode))
                        throw e;
                    throw new p_retry/* AbortError */.lc(e);
                }
                if (first)
                    sized();
                let got = 0;
                // Chunk by chunk as the HTTP client made them (a `for await` joins what is buffered into a
                // fresh buffer); eachChunk counts each one for the young-generation collections.
                await (0,body_chunks/* eachChunk */.H)(res.body, (p) => {
                    got += p.length;
                    task.push(p);
                    return undefined;
                });
                if (want !== undefined && got !== want)
                    throw new RangedDownloadError(`storage sent ${got} of the ${want} bytes of a read`);
            }, { retries: o.retries ?? 3, minTimeout: o.retryDelayMs ?? 500, factor: 2, ...(o.signal !== undefined ? { signal: o.signal } : {}) });
            task.finish();
        }
        catch (e) {
            task.finish(e);
        }
        finally {
            if (first)
                sized();
        }
    };
    let received = 0;
    const handOn = async function* (task) {
        for await (const p of task.drain()) {
            received += p.length;
            o.onProgress?.(received, total);
            yield p;
        }
    };
    const head = new RangeTask(0, chunk - 1);
    void run(head, true);
    await sizeKnown;
    const tasks = [];
    if (total !== undefined && head.end !== undefined && head.end + 1 < total) {
        for (let s = chunk; s < total; s += chunk)
            tasks.push(new RangeTask(s, Math.min(s + chunk, total) - 1));
    }
    // The head counts against the window while it is handed on.
    let next = 0;
    const fill = (ahead) => {
        while (ahead < concurrency && next < tasks.length) {
            void run(tasks[next++], false);
            ahead++;
        }
    };
    fill(1);
    yield* handOn(head);
    for (let i = 0; i < tasks.length; i++) {
        // Started so far: tasks[0..next); one more may start for each range handed on.
        fill(next - i);
        yield* handOn(tasks[i]);
    }
}

;// CONCATENATED MODULE: ./src/cache/restore/service-v2.ts
/**
 * The lookup of the Actions cache service (v2: twirp JSON at ACTIONS_RESULTS_URL, the service
 * GitHub.com runners use), as @actions/cache 6 sends it: `GetCacheEntryDownloadURL` with the key, the
 * restore keys and the entry's version, the runtime token as a bearer token. It answers with the
 * matched key and a signed URL of the entry's archive. GHES runs the older service (v1), which
 * @actions/cache keeps handling (src/cache/actions.ts).
 */


const CACHE_SERVICE = 'github.actions.results.api.v1.CacheService';
/** Thrown for a refusal of the service, with its status (the caller reports one line). */
class CacheServiceError extends Error {
    status;
    constructor(message, status) {
        super(message);
        this.status = status;
        this.name = 'CacheServiceError';
    }
}
/**
 * Looks the keys up; undefined when no entry matches. Transient failures are retried (5 attempts in
 * all, as @actions/cache); 429 is not retried.
 */
async function lookupEntry(env, req, o) {
    const url = new URL(`/twirp/${CACHE_SERVICE}/GetCacheEntryDownloadURL`, env.ACTIONS_RESULTS_URL);
    const body = JSON.stringify({ key: req.key, restore_keys: req.restoreKeys, version: req.version });
    const answer = await (0,p_retry/* default */.Ay)(async () => {
        const res = await (0,transport/* request */.Em)(o.pool, url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${env.ACTIONS_RUNTIME_TOKEN ?? ''}`, 'user-agent': o.userAgent, accept: 'application/json' },
            body,
            ...(o.signal !== undefined ? { signal: o.signal } : {})
        });
        const text = await res.body.text();
        if (res.statusCode >= 200 && res.statusCode < 300) {
            try {
                return JSON.parse(text);
            }
            catch {
                throw new CacheServiceError(`the cache service answered ${res.statusCode} with a body that is not JSON`, res.statusCode);
            }
        }
        let msg = '';
        try {
            msg = String(JSON.parse(text).msg ?? '');
        }
        catch {
            // not a twirp error body
        }
        const e = new CacheServiceError(`the cache service refused the lookup (${res.statusCode}${msg !== '' ? `: ${msg}` : ''})`, res.statusCode);
        if ((0,errors/* isTransientStatus */.Dm)(res.statusCode) && res.statusCode !== 429)
            throw e;
        throw new p_retry/* AbortError */.lc(e);
    }, { retries: 4, minTimeout: o.retryDelayMs ?? 1000, factor: 1.5, ...(o.signal !== undefined ? { signal: o.signal } : {}) });
    if (answer.ok !== true)
        return undefined;
    const matchedKey = typeof answer.matched_key === 'string' ? answer.matched_key : '';
    const signed = typeof answer.signed_download_url === 'string' ? answer.signed_download_url : '';
    if (matchedKey === '' || signed === '')
        throw new CacheServiceError('the cache service found an entry but gave no key or no download URL');
    return { matchedKey, url: signed };
}

;// CONCATENATED MODULE: ./src/cache/restore/restore-entry.ts




const PROGRESS_EVERY_MS = 5000;
async function restoreEntryStreaming(i) {
    const pool = restorePool();
    const common = { pool, userAgent: i.userAgent, ...(i.signal !== undefined ? { signal: i.signal } : {}) };
    // The unpacking code (tar-stream) is compiled while the lookup is on its way.
    const unpacker = Promise.all(/* import() */[__webpack_require__.e(118), __webpack_require__.e(403)]).then(__webpack_require__.bind(__webpack_require__, 3403));
    unpacker.catch(() => undefined);
    try {
        const method = await compressionMethod(i.env);
        const version = entryVersion(i.paths, method);
        let found;
        try {
            found = await lookupEntry(i.env, { key: i.primaryKey, restoreKeys: i.restoreKeys, version }, common);
        }
        catch (e) {
            return { problem: oneLine(e) };
        }
        if (found === undefined) {
            i.debug?.(`cache: no entry for version ${version} of ${[i.primaryKey, ...i.restoreKeys].join(', ')}`);
            return {};
        }
        i.onFound?.(found.matchedKey);
        const started = Date.now();
        let shown = started;
        const onProgress = (received, total) => {
            const now = Date.now();
            if (now - shown < PROGRESS_EVERY_MS || i.progress === undefined)
                return;
            shown = now;
            const mib = (n) => (n / 1048576).toFixed(1);
            i.progress(`restoring ${found.matchedKey}: ${mib(received)} MiB${total !== undefined ? ` of ${mib(total)} MiB (${Math.floor((100 * received) / total)}%)` : ''}, ${mib(received / ((now - started) / 1000))} MiB/s`);
        };
        try {
            const { extractBlobs } = await unpacker;
            const r = await extractBlobs(rangedDownload(found.url, { ...common, onProgress }), { method, workspace: i.workspace, store: i.store, ...(i.onBlob !== undefined ? { onBlob: i.onBlob } : {}), ...(i.signal !== undefined ? { signal: i.signal } : {}) });
            i.debug?.(`cache: ${found.matchedKey}: ${r.blobs} blobs (${r.bytes} bytes) restored, ${r.corrupt.length} corrupt, ${r.ignored} other entries passed over`);
            return { matchedKey: found.matchedKey, ...(r.corrupt.length > 0 ? { corrupt: r.corrupt } : {}) };
        }
        catch (e) {
            return { problem: oneLine(e), brokenKey: found.matchedKey };
        }
    }
    finally {
        await pool.close();
    }
}
function oneLine(e) {
    const msg = e instanceof Error ? e.message : String(e);
    return msg.split('\n')[0]?.trim() || 'unknown error';
}


/***/ })

};
