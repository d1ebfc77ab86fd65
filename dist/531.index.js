export const id = 531;
export const ids = [531];
export const modules = {

/***/ 5531:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   kustomizationFileName: () => (/* binding */ kustomizationFileName),
/* harmony export */   kustomizationTask: () => (/* binding */ kustomizationTask),
/* harmony export */   kustomizedManifests: () => (/* binding */ kustomizedManifests)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _sources_kustomize_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(845);
/* harmony import */ var _zarf_modes_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8906);
/* harmony import */ var _content_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1040);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1737);
/**
 * A component's `manifests[].kustomizations`: each one (a local folder, or a remote URL passed to
 * kustomize as written) built with `kustomize build` or `kubectl kustomize` (src/sources/
 * kustomize.ts) and packaged as `manifests/kustomization-<name>-<k>.yaml`, Zarf's layout. The built
 * YAML stays in memory as the tar entry's content, so later steps can read it
 * (`kustomizedManifests`: what a scan for images looks at).
 */






/** Zarf's name for the built output of `kustomizations[k]` of manifest `name`. */
function kustomizationFileName(name, k) {
    return `manifests/kustomization-${name}-${k}.yaml`;
}
async function kustomizationTask(c, m, p, k, value) {
    const { def, where, local, display } = c;
    const kp = [...p, 'kustomizations', k];
    const name = kustomizationFileName(m.name, k);
    const tool = await (0,_sources_kustomize_js__WEBPACK_IMPORTED_MODULE_2__/* .findKustomizeTool */ .TA)();
    if (tool === undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .LadingError */ .c3(`${where(kp)}: neither kustomize nor kubectl is on PATH, so the kustomization cannot be built`, {
            hint: 'install kustomize or kubectl on the runner (GitHub-hosted runners have both), or build the kustomization in a step before this one and list its output under files',
            position: def.positionOf(kp)
        });
    }
    let target;
    let shown;
    if ((0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .isUrl */ .gU)(value)) {
        target = value;
        shown = value;
    }
    else {
        const r = await local(value, kp, 'the kustomization folder');
        if (!r.isDir) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .LadingError */ .c3(`${where(kp)} "${(0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .shorten */ .ml)(value)}" is a file, not a kustomization folder`, { hint: 'give the folder that holds kustomization.yaml', position: def.positionOf(kp) });
        }
        target = r.abs;
        shown = display(node_path__WEBPACK_IMPORTED_MODULE_0___default().resolve(def.dir, value));
    }
    c.opts.log(`building kustomization ${shown} with ${tool.name === 'kustomize' ? 'kustomize build' : 'kubectl kustomize'}`);
    let bytes;
    try {
        bytes = await (0,_sources_kustomize_js__WEBPACK_IMPORTED_MODULE_2__/* .runKustomize */ .J4)(tool, target, {
            allowAnyDirectory: m.kustomizeAllowAnyDirectory === true,
            enablePlugins: m.enableKustomizePlugins === true,
            cwd: def.dir,
            maxBytes: _content_js__WEBPACK_IMPORTED_MODULE_3__/* .MAX_YAML_BYTES */ .jl
        });
    }
    catch (e) {
        if (e instanceof _sources_kustomize_js__WEBPACK_IMPORTED_MODULE_2__/* .KustomizeError */ .Kv) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .LadingError */ .c3(`${where(kp)} "${(0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .shorten */ .ml)(value)}": ${e.message}`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), position: def.positionOf(kp), cause: e });
        }
        throw e;
    }
    return {
        entries: [{ path: name, type: 'file', content: bytes, mode: _zarf_modes_js__WEBPACK_IMPORTED_MODULE_5__/* .ZARF_KUSTOMIZATION_MODE */ .y8 }],
        items: [{ kind: 'kustomization', path: name, source: shown, size: bytes.length, verified: `built with ${tool.name === 'kustomize' ? 'kustomize' : 'kubectl kustomize'}` }]
    };
}
/**
 * The built kustomizations of collected content, by component, with their bytes: what a scan for
 * images (the YAML's `image:` fields) reads. Pure: it only looks at what collection kept.
 */
function kustomizedManifests(content) {
    const out = [];
    for (const [component, items] of Object.entries(content.items)) {
        for (const item of items) {
            if (item.kind !== 'kustomization')
                continue;
            const entry = (content.entries[component] ?? []).find((e) => e.path === item.path);
            if (entry !== undefined && entry.type === 'file' && 'content' in entry)
                out.push({ component, path: item.path, source: item.source, bytes: entry.content });
        }
    }
    return out;
}


/***/ }),

/***/ 845:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J4: () => (/* binding */ runKustomize),
/* harmony export */   Kv: () => (/* binding */ KustomizeError),
/* harmony export */   TA: () => (/* binding */ findKustomizeTool)
/* harmony export */ });
/* unused harmony exports kustomizeEnv, kustomizeArgs, kustomizeCommand */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
/**
 * Runs `kustomize build` (or `kubectl kustomize` when kustomize is not on PATH) on one
 * kustomization, with the options Zarf builds it with in-process (src/internal/packager/kustomize/
 * build.go): the RootOnly load restrictor unless `allowAnyDirectory` (`--load-restrictor
 * LoadRestrictionsNone`), plugins beyond the builtin ones only with `enablePlugins`
 * (`--enable-alpha-plugins`, Zarf's PluginRestrictionsNone), no Helm inflation, and, with kustomize,
 * `--reorder none` (Zarf keeps the kustomization's own order; `kubectl kustomize` has no such flag
 * and sorts resources in kustomize's legacy order). The tool is spawned with an argument list,
 * never through a shell; its output is kept in memory (a size limit stops a runaway build).
 */




/** A build that failed: `output` holds the tool's first lines of stderr. */
class KustomizeError extends _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .HintedError */ .J_ {
    name = 'KustomizeError';
}
async function onPath(name, env) {
    const dirs = (env['PATH'] ?? '').split((node_path__WEBPACK_IMPORTED_MODULE_2___default().delimiter)).filter((d) => d !== '');
    for (const d of dirs) {
        const file = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(d, name);
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.access)(file, node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.constants.X_OK);
            return file;
        }
        catch {
            // not here
        }
    }
    return undefined;
}
/**
 * The environment the tool runs with: the runner's, without the action's inputs (`INPUT_*`, which
 * may hold registry passwords) and the runner's own tokens, which a kustomize plugin has no use for.
 */
function kustomizeEnv(env) {
    const out = {};
    for (const [k, v] of Object.entries(env)) {
        if (/^INPUT_/i.test(k) || /^ACTIONS_(RUNTIME_TOKEN|ID_TOKEN_REQUEST_TOKEN|CACHE_URL|RESULTS_URL|RUNTIME_URL)$/.test(k))
            continue;
        out[k] = v;
    }
    return out;
}
/** kustomize when it is on PATH, else kubectl (whose `kustomize` subcommand builds the same); else undefined. */
async function findKustomizeTool(env = process.env) {
    const k = await onPath('kustomize', env);
    if (k !== undefined)
        return { name: 'kustomize', file: k };
    const kubectl = await onPath('kubectl', env);
    if (kubectl !== undefined)
        return { name: 'kubectl', file: kubectl };
    return undefined;
}
/** The argument list that builds `target` (an absolute folder or a remote URL) with `tool`. */
function kustomizeArgs(tool, target, opts) {
    const args = tool.name === 'kustomize' ? ['build', target, '--reorder', 'none'] : ['kustomize', target];
    args.push('--load-restrictor', opts.allowAnyDirectory ? 'LoadRestrictionsNone' : 'LoadRestrictionsRootOnly');
    if (opts.enablePlugins)
        args.push('--enable-alpha-plugins');
    return args;
}
/** How the build is shown in messages (`kustomize build <target>`, `kubectl kustomize <target>`). */
function kustomizeCommand(tool, target, opts) {
    return [tool.name, ...kustomizeArgs(tool, target, opts)].join(' ');
}
/** The first few meaningful lines of the tool's error output, as one line. */
function firstLines(stderr, n = 3) {
    const lines = stderr
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '' && !/^Usage:|^Examples?:|^\s*kubectl kustomize|^Flags:/.test(l))
        .map((l) => {
        // kubectl logs through klog: `E1205 07:42:57.941664 20327 run.go:72] "command failed" err="..."`.
        const klog = /^[EWIF]\d{4} [\d:.]+\s+\d+ \S+\] (.*)$/.exec(l);
        const body = klog?.[1] ?? l;
        const quoted = /^"command failed" err=(".*")$/.exec(body);
        if (quoted?.[1] !== undefined) {
            try {
                return String(JSON.parse(quoted[1]));
            }
            catch {
                return quoted[1];
            }
        }
        return body.replace(/^Error:\s*/, '');
    });
    const text = lines.slice(0, n).join('; ');
    return text.length > 600 ? `${text.slice(0, 600)}...` : text === '' ? 'no error message' : text;
}
/**
 * Builds `target` with `tool`, in `cwd`, and returns the YAML it printed. Throws a KustomizeError
 * with the tool's own message when the build fails or prints more than `maxBytes`.
 */
function runKustomize(tool, target, opts) {
    const args = kustomizeArgs(tool, target, opts);
    const shown = kustomizeCommand(tool, target, opts);
    return new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(tool.file, args, { cwd: opts.cwd, env: kustomizeEnv(opts.env ?? process.env), stdio: ['ignore', 'pipe', 'pipe'] });
        const out = [];
        let size = 0;
        let err = '';
        let tooBig = false;
        child.stdout.on('data', (d) => {
            size += d.length;
            if (size > opts.maxBytes) {
                if (!tooBig)
                    child.kill('SIGKILL');
                tooBig = true;
                return;
            }
            out.push(d);
        });
        child.stderr.on('data', (d) => {
            if (err.length < 64 * 1024)
                err += d.toString('utf8');
        });
        child.on('error', (e) => reject(new KustomizeError(`${tool.name} could not be run: ${e.code ?? e.message}`, `check that ${tool.file} runs`)));
        child.on('close', (code, signal) => {
            if (tooBig) {
                reject(new KustomizeError(`${shown} printed more than ${opts.maxBytes / 1024 / 1024} MiB`, 'check the kustomization: its output is read whole'));
            }
            else if (code !== 0) {
                reject(new KustomizeError(`${tool.name === 'kustomize' ? 'kustomize build' : 'kubectl kustomize'} failed${code !== null ? ` (exit ${code})` : ` (${signal ?? 'killed'})`}: ${firstLines(err)}`, `run "${shown}" to see the whole message`));
            }
            else {
                resolve(Buffer.concat(out));
            }
        });
    });
}


/***/ })

};
