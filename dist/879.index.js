export const id = 879;
export const ids = [879];
export const modules = {

/***/ 4879:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   API_VERSION: () => (/* binding */ API_VERSION),
/* harmony export */   NO_VERSION: () => (/* binding */ NO_VERSION),
/* harmony export */   SAME_VERSION: () => (/* binding */ SAME_VERSION),
/* harmony export */   applyDifferential: () => (/* binding */ applyDifferential),
/* harmony export */   checkDifferential: () => (/* binding */ checkDifferential),
/* harmony export */   differentialVersionPart: () => (/* binding */ differentialVersionPart),
/* harmony export */   includeImage: () => (/* binding */ includeImage),
/* harmony export */   includeRepository: () => (/* binding */ includeRepository),
/* harmony export */   includeV1beta1Repository: () => (/* binding */ includeV1beta1Repository),
/* harmony export */   originalApiVersion: () => (/* binding */ originalApiVersion)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _oci_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8630);
/* harmony import */ var _oci_reference_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2148);
/* harmony import */ var _definition_origin_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9815);
/**
 * Differential packages (Zarf's `--differential <package>`, src/pkg/packager/assemble/differential.go):
 * the images and git repositories that a reference package (an earlier version of the same package)
 * already holds are left out of the new one, so only what changed travels. Pure data in, data out:
 *
 * - the versions of both packages must be set and differ, and both must have been written in the
 *   same apiVersion (ZARF-CREATE.md §8);
 * - an image whose exact text is listed in the reference is dropped, unless its tag is `latest`,
 *   `stable` or `nightly` (no tag counts as `latest`; a digest is never mutable);
 * - a repository whose exact text is in the reference is dropped when it is pinned to a tag or a
 *   commit; one without a ref, or on a branch (`refs/heads/…`, any other `refs/…`), is kept;
 * - what is dropped vanishes from the built zarf.yaml (an emptied list disappears), and `build` gets
 *   `differential: true` and `differentialPackageVersion`.
 */




/** Zarf's messages (src/config/lang/english.go), each ending in what is wrong in this build. */
const CANNOT = 'unable to create differential package';
const SAME_VERSION = `${CANNOT}. Please ensure the differential package version and reference package version are not the same. The package version must be incremented`;
const NO_VERSION = `${CANNOT}. Please ensure both package versions are set`;
const API_VERSION = `${CANNOT}. Please ensure the differential package API version and reference package API version are the same`;
/** Tags Zarf treats as mutable: an image with one is always carried again. */
const MUTABLE_TAGS = new Set(['latest', 'stable', 'nightly']);
/** Zarf's git URL pattern (transform.gitURLRegex): `<proto>://<host path>/<repo>[.git][@<ref>]`. */
const GIT_URL = /^(?<proto>[a-z]+:\/\/)(?<hostPath>.+?)\/(?<repo>[\w\-.]+?)?(?<git>\.git)?(\/)?(?<atRef>@(?<force>\+)?(?<ref>[/+\w\-.]+))?(?<gitPath>\/(?<gitPathId>info\/.*|git-upload-pack|git-receive-pack))?$/;
const asDoc = (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined);
const list = (v) => (Array.isArray(v) ? v : []);
/**
 * Whether an image of the new package is carried: always for a mutable tag, otherwise only when the
 * reference does not list the very same text. Throws for a reference Zarf cannot parse.
 */
function includeImage(image, previous, position) {
    let ref;
    try {
        ref = _oci_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .Reference */ .Or.parse(image);
    }
    catch (e) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .LadingError */ .c3(`unable to parse image ref ${image}: ${e instanceof _oci_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OciError */ .Mf ? e.message : String(e)}`, { ...(position !== undefined ? { position } : {}) });
    }
    // A digest wins over a tag written beside it (`name:v1@sha256:…` is pinned).
    const mutable = ref.digest === undefined && MUTABLE_TAGS.has(ref.tag ?? 'latest');
    return mutable || !previous.has(image);
}
/** A 40-hex (SHA-1) or 64-hex (SHA-256) object name, as go-git's plumbing.IsHash sees one. */
const isHash = (s) => /^([0-9a-fA-F]{40}|[0-9a-fA-F]{64})$/.test(s);
/**
 * Whether a repository (`url[@ref]`) of the new package is carried: always without a ref or on a
 * branch; when pinned to a tag or a commit, only when the reference does not list the same text.
 */
function includeRepository(repo, previous, position) {
    const m = GIT_URL.exec(repo);
    if (m === null) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .LadingError */ .c3(`unable to get extract the source url and ref from the url ${repo}`, {
            hint: 'write the repository as https://host/path/repo.git, with @<tag>, @<commit> or @refs/heads/<branch> after it when pinned',
            ...(position !== undefined ? { position } : {})
        });
    }
    const plain = m.groups?.['ref'] ?? '';
    // go-git ParseRef: a bare name that is not a hash is taken for a tag.
    const name = plain === '' ? '' : isHash(plain) || plain.startsWith('refs/') ? plain : `refs/tags/${plain}`;
    const pinned = name !== '' && (name.startsWith('refs/tags/') || isHash(plain));
    return !pinned || !previous.has(repo);
}
/** v1beta1 (includeDifferentialV1beta1Repository): kept without a ref or on a branch, else unless the same {url, ref} is in the reference. */
function includeV1beta1Repository(repo, previous) {
    const ref = asDoc(repo['ref']);
    const empty = (v) => v === undefined || v === null || v === '';
    if (ref === undefined || (empty(ref.tag) && empty(ref.branch) && empty(ref.commit)) || !empty(ref.branch))
        return true;
    const same = (a, b) => a === undefined || b === undefined ? a === b : (a.tag ?? '') === (b.tag ?? '') && (a.branch ?? '') === (b.branch ?? '') && (a.commit ?? '') === (b.commit ?? '');
    return !previous.some((p) => p['url'] === repo['url'] && same(ref, asDoc(p['ref'])));
}
/** The apiVersion a built package was written from: v1beta1 when it carries a v1beta1 document (Zarf picks the highest). */
function originalApiVersion(docs) {
    return docs.some((d) => d['apiVersion'] === 'zarf.dev/v1beta1') ? 'zarf.dev/v1beta1' : 'zarf.dev/v1alpha1';
}
/** The reference's v1alpha1 document: the one without another apiVersion, else the first. */
function alphaDoc(docs) {
    return docs.find((d) => d['apiVersion'] === undefined || d['apiVersion'] === null || d['apiVersion'] === 'zarf.dev/v1alpha1') ?? docs[0] ?? {};
}
/** Zarf's checks before anything is left out; throws the first that fails, at metadata.version. */
function checkDifferential(target, reference) {
    const version = target.config.metadata.version ?? '';
    const previous = asDoc(alphaDoc(reference.docs)['metadata'])?.['version'];
    const prev = typeof previous === 'string' || typeof previous === 'number' ? String(previous) : '';
    const position = target.positionOf(['metadata', 'version']);
    if (prev === version) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .LadingError */ .c3(SAME_VERSION, {
            hint: `the package and the reference ${reference.what} both have version "${version}": raise metadata.version`,
            position
        });
    }
    if (prev === '' || version === '') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .LadingError */ .c3(NO_VERSION, {
            hint: prev === '' ? `the reference ${reference.what} has no metadata.version` : 'add metadata.version to zarf.yaml',
            position
        });
    }
    const theirs = originalApiVersion(reference.docs);
    if (theirs !== target.apiVersion) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .LadingError */ .c3(`${API_VERSION}: package apiVersion ${target.apiVersion}, differential package apiVersion ${theirs}`, {
            hint: `build the reference ${reference.what} from a definition in ${target.apiVersion}, or write this one in ${theirs}`,
            position
        });
    }
    return prev;
}
/** A copy of `arr` holding only the items at `keep`, each keeping the position it was written at. */
function filteredList(arr, keep) {
    const out = [];
    (0,_definition_origin_js__WEBPACK_IMPORTED_MODULE_3__/* .sameOrigin */ .Nm)(out, arr);
    arr.forEach((item, i) => {
        if (!keep(item, i))
            return;
        (0,_definition_origin_js__WEBPACK_IMPORTED_MODULE_3__/* .take */ .s)(out, out.length, arr, i);
        out.push(item);
    });
    return out;
}
/** Replaces `doc[key]` by `kept`, or removes the key when nothing is left (Zarf's omitempty). */
function replaceList(doc, key, kept) {
    if (kept.length > 0)
        doc[key] = kept;
    else
        delete doc[key];
}
/**
 * Checks the versions, then leaves out (in place, in `target.config` and its v1beta1 document) what
 * the reference already holds. Returns the reference's version and what was left out, with the line
 * of each item in zarf.yaml.
 */
function applyDifferential(target, reference) {
    const previousVersion = checkDifferential(target, reference);
    const prevAlpha = alphaDoc(reference.docs);
    const prevComponents = list(prevAlpha['components']).map(asDoc).filter((c) => c !== undefined);
    const prevImages = new Set(prevComponents.flatMap((c) => list(c['images']).filter((i) => typeof i === 'string')));
    const prevRepos = new Set(prevComponents.flatMap((c) => list(c['repos']).filter((r) => typeof r === 'string')));
    const images = [];
    const repos = [];
    const beta = target.apiVersion === 'zarf.dev/v1beta1' ? target.v1beta1 : undefined;
    if (beta !== undefined) {
        // v1beta1: the rules run on the v1beta1 documents (images by name, repositories by {url, ref});
        // the v1alpha1 projection loses the same items, component by component, in the same order.
        const prevBeta = reference.docs.find((d) => d['apiVersion'] === 'zarf.dev/v1beta1') ?? {};
        const prevBetaComponents = list(prevBeta['components']).map(asDoc).filter((c) => c !== undefined);
        const prevBetaImages = new Set(prevBetaComponents.flatMap((c) => list(c['images']).map((i) => asDoc(i)?.['name']).filter((n) => typeof n === 'string')));
        const prevBetaRepos = prevBetaComponents.flatMap((c) => list(c['repositories']).map(asDoc).filter((r) => r !== undefined));
        const betaComponents = list(beta['components']).map(asDoc);
        target.config.components.forEach((component, ci) => {
            const bc = betaComponents.find((c) => c?.['name'] === component.name);
            if (bc === undefined)
                return;
            const imageKeep = list(bc['images']).map((img) => {
                const name = asDoc(img)?.['name'];
                return typeof name !== 'string' || includeImage(name, prevBetaImages);
            });
            const repoKeep = list(bc['repositories']).map((r) => {
                const d = asDoc(r);
                return d === undefined || includeV1beta1Repository(d, prevBetaRepos);
            });
            replaceList(bc, 'images', filteredList(list(bc['images']), (_, i) => imageKeep[i] !== false));
            replaceList(bc, 'repositories', filteredList(list(bc['repositories']), (_, i) => repoKeep[i] !== false));
            dropFromAlpha(target, component, ci, 'images', imageKeep, images);
            dropFromAlpha(target, component, ci, 'repos', repoKeep, repos);
        });
        return { previousVersion, images, repos };
    }
    target.config.components.forEach((component, ci) => {
        const imageKeep = list(component['images']).map((img, j) => typeof img !== 'string' || includeImage(img, prevImages, target.positionOf(['components', ci, 'images', j])));
        const repoKeep = list(component['repos']).map((r, j) => typeof r !== 'string' || includeRepository(r, prevRepos, target.positionOf(['components', ci, 'repos', j])));
        dropFromAlpha(target, component, ci, 'images', imageKeep, images);
        dropFromAlpha(target, component, ci, 'repos', repoKeep, repos);
    });
    return { previousVersion, images, repos };
}
/** Removes the items of `component[key]` whose `keep` is false, recording each (with its line) in `into`. */
function dropFromAlpha(target, component, ci, key, keep, into) {
    const items = list(component[key]);
    if (items.length === 0 || keep.every((k) => k))
        return;
    items.forEach((item, j) => {
        if (keep[j] === false)
            into.push({ component: component.name, written: String(item), position: target.positionOf(['components', ci, key, j]) });
    });
    replaceList(component, key, filteredList(items, (_, j) => keep[j] !== false));
}
/**
 * `zarf-package-<name>-<arch>-<previous>-differential-<version>` (Zarf's PackageLayout.FileName for a
 * differential build), before the flavor and the extension.
 */
function differentialVersionPart(previousVersion, version) {
    return `${previousVersion}-differential-${version}`;
}


/***/ })

};
