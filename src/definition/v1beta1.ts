/**
 * The v1alpha1 projection of a `zarf.dev/v1beta1` package: what `zarf package create` assembles from
 * a v1beta1 definition (Zarf converts v1beta1 -> its generic model -> v1alpha1; see
 * src/internal/api/{v1beta1,v1alpha1}/convert.go in zarf-dev/zarf, and ZARF-CREATE.md §1
 * "Conversion"). The rest of Lading's pipeline works on that projection.
 *
 * Plain data in, plain data out, keys in the order Zarf writes them. Every value of the result
 * remembers the v1beta1 value it came from (origin.ts `take`), so an error found later at
 * `components[0].charts[0].url` points at the line of `helmRepository.url` (or `oci.url`, ...).
 *
 * Like Zarf's Go structs, fields that are plain (non-pointer) booleans, numbers or strings there are
 * dropped when false, zero or empty; pointer fields (an action's silent, retries, dir, ...) are kept
 * as written.
 */
import type { PathSegment } from './positions.js';
import { copyTree, isContainer, sameOrigin, take } from './origin.js';
import type { V1Beta1Package } from './schema-v1beta1.js';
import { isObj, listAt, objAt, strAt, type Obj } from './data.js';


export const V1ALPHA1_API_VERSION = 'zarf.dev/v1alpha1';

/** `metadata.annotations` keys that stand for v1alpha1 metadata fields (ZARF-CREATE.md §1). */
export const METADATA_ANNOTATIONS = ['url', 'image', 'authors', 'documentation', 'source', 'vendor'] as const;





/** A new object standing where `source` was written (its own position, and its keys' by default). */
function newAt(source: object | undefined): Obj {
  const o: Obj = {};
  if (source !== undefined) sameOrigin(o, source);
  return o;
}

/** `target[key] = value`, remembered as written at `source[sourceKey]`. */
function put(target: Obj, key: string, value: unknown, source: object, sourceKey: PathSegment): void {
  target[key] = value;
  take(target, key, source, sourceKey);
}

/** Copies `source[sourceKey]` (a deep copy keeping its origins) when it is present. */
function keep(target: Obj, key: string, source: Obj | undefined, sourceKey = key): void {
  if (source === undefined || source[sourceKey] === undefined) return;
  put(target, key, copyTree(source[sourceKey]), source, sourceKey);
}

/** Copies a value Zarf's structs omit when empty: a non-empty string, `true`, a non-zero number, a non-empty list or mapping. */
function keepSet(target: Obj, key: string, source: Obj | undefined, sourceKey = key): void {
  const v = source?.[sourceKey];
  if (v === undefined || v === null || v === '' || v === false || v === 0) return;
  if (Array.isArray(v) && v.length === 0) return;
  if (isObj(v) && Object.keys(v).length === 0) return;
  keep(target, key, source, sourceKey);
}

// ---- Git references ------------------------------------------------------------------------------

// Zarf's git URL shape (transform.GitURLSplitRef): proto, host and path, repo, optional .git and @ref.
const GIT_URL = /^([a-z]+:\/\/)(.+?)\/([\w.-]+?)?(\.git)?\/?(?:@\+?([/+\w.-]+))?(?:\/(?:info\/.*|git-upload-pack|git-receive-pack))?$/;

/** The URL without an `@ref` suffix, and that ref ('' when none); a URL of another shape is kept whole. */
export function splitGitRef(url: string): { url: string; ref: string } {
  const m = GIT_URL.exec(url);
  if (m === null) return { url, ref: '' };
  return { url: `${m[1]}${m[2]}/${m[3] ?? ''}${m[4] ?? ''}`, ref: m[5] ?? '' };
}

/** A structured git ref as the string Zarf's v1alpha1 fields hold: a tag or commit as is, a branch as refs/heads/<b>. */
function flattenGitRef(ref: Obj | undefined): { value: string; key: string } | undefined {
  if (ref === undefined) return undefined;
  if (strAt(ref, 'tag') !== '') return { value: strAt(ref, 'tag'), key: 'tag' };
  if (strAt(ref, 'commit') !== '') return { value: strAt(ref, 'commit'), key: 'commit' };
  if (strAt(ref, 'branch') !== '') return { value: `refs/heads/${strAt(ref, 'branch')}`, key: 'branch' };
  return undefined;
}

// ---- Package -------------------------------------------------------------------------------------

/**
 * The v1alpha1 package Zarf builds from the v1beta1 package `doc` (validated against
 * V1Beta1PackageSchema; composed first when it imports component configs). `doc` is not changed.
 */
export function toV1Alpha1(doc: V1Beta1Package | Obj): Obj {
  const src = doc as Obj;
  const out = newAt(src);
  put(out, 'apiVersion', V1ALPHA1_API_VERSION, src, 'apiVersion');
  const components = listAt(src, 'components').filter(isObj);
  const service = components.find((c) => strAt(c, 'service') !== '');
  // A component providing a Zarf service (registry, agent, ...) makes an init package.
  if (service !== undefined) put(out, 'kind', 'ZarfInitConfig', service, 'service');
  else put(out, 'kind', 'ZarfPackageConfig', src, 'kind');
  out['metadata'] = metadataOf(src);
  const build = buildOf(objAt(src, 'build'));
  if (build !== undefined) put(out, 'build', build, src, 'build');
  mapList(out, 'components', src, 'components', componentOf);
  const values = objAt(src, 'values');
  if (values !== undefined) {
    const v = newAt(values);
    keepSet(v, 'files', values);
    keepSet(v, 'schema', values);
    if (Object.keys(v).length > 0) put(out, 'values', v, src, 'values');
  }
  keepSet(out, 'documentation', src);
  return out;
}

function metadataOf(src: Obj): Obj {
  const m = objAt(src, 'metadata');
  const meta = newAt(m ?? src);
  keepSet(meta, 'name', m);
  keepSet(meta, 'description', m);
  keepSet(meta, 'version', m);
  // v1alpha1-only fields come back from their annotations; the other annotations stay.
  const annotations = objAt(m, 'annotations');
  const restored: Obj = {};
  const rest = newAt(annotations);
  for (const [k, v] of Object.entries(annotations ?? {})) {
    const field = METADATA_ANNOTATIONS.find((f) => `metadata.${f}` === k);
    if (field === undefined) put(rest, k, v, annotations as Obj, k);
    else if (restored[field] === undefined && v !== '') put(restored, field, v, annotations as Obj, k);
  }
  keep(meta, 'url', restored);
  keep(meta, 'image', restored);
  if (m?.['uncompressed'] === true) keep(meta, 'uncompressed', m);
  keepSet(meta, 'architecture', m);
  for (const f of ['authors', 'documentation', 'source', 'vendor']) keep(meta, f, restored);
  keepSet(meta, 'aggregateChecksum', objAt(src, 'build'));
  if (Object.keys(rest).length > 0) put(meta, 'annotations', rest, m as Obj, 'annotations');
  // v1beta1 prevents, v1alpha1 allows; Zarf always writes the v1alpha1 value.
  const prevent = m?.['preventNamespaceOverride'] === true;
  if (m !== undefined && m['preventNamespaceOverride'] !== undefined) put(meta, 'allowNamespaceOverride', !prevent, m, 'preventNamespaceOverride');
  else meta['allowNamespaceOverride'] = !prevent;
  return meta;
}

function buildOf(b: Obj | undefined): Obj | undefined {
  if (b === undefined) return undefined;
  const out = newAt(b);
  keepSet(out, 'terminal', b, 'hostname');
  for (const k of ['user', 'architecture', 'timestamp', 'version', 'migrations', 'registryOverrides', 'differential', 'differentialPackageVersion', 'flavor']) {
    keepSet(out, k, b);
  }
  keep(out, 'signed', b);
  for (const k of ['versionRequirements', 'provenanceFiles']) keepSet(out, k, b);
  return out;
}

// ---- Components ----------------------------------------------------------------------------------

function componentOf(c: Obj): Obj {
  const out = newAt(c);
  keep(out, 'name', c);
  keepSet(out, 'description', c);
  // v1beta1 components are required unless optional; v1alpha1 ones are optional unless required.
  if (c['optional'] !== true) {
    if (c['optional'] === undefined) out['required'] = true;
    else put(out, 'required', true, c, 'optional');
  }
  const only = onlyOf(c);
  if (only !== undefined) out['only'] = only;
  const imp = importOf(objAt(c, 'import'));
  if (imp !== undefined) put(out, 'import', imp, c, 'import');
  mapList(out, 'manifests', c, 'manifests', manifestOf);
  mapList(out, 'charts', c, 'charts', chartOf);
  mapList(out, 'files', c, 'files', fileOf);
  const images = listAt(c, 'images').filter(isObj);
  if (images.length > 0) {
    const names = newList(c, 'images');
    images.forEach((img, i) => {
      names.push(img['name']);
      take(names, i, img, 'name');
    });
    put(out, 'images', names, c, 'images');
  }
  mapList(out, 'imageArchives', c, 'imageArchives', (a) => {
    const o = newAt(a);
    keep(o, 'path', a);
    keep(o, 'images', a);
    return o;
  });
  const repos = listAt(c, 'repositories').filter(isObj);
  if (repos.length > 0) {
    const urls = newList(c, 'repositories');
    repos.forEach((r, i) => {
      urls.push(repositoryUrl(r));
      take(urls, i, r, 'url');
    });
    put(out, 'repos', urls, c, 'repositories');
  }
  const actions = actionsOf(objAt(c, 'actions'));
  if (actions !== undefined) put(out, 'actions', actions, c, 'actions');
  keepSet(out, 'stateAccess', c);
  return out;
}

/** A new array standing where `source[key]` was written. */
function newList(source: Obj, key: string): unknown[] {
  const arr: unknown[] = [];
  const origin = source[key];
  if (isContainer(origin)) sameOrigin(arr, origin);
  return arr;
}

/** `out[key]` = each object of `source[sourceKey]` mapped by `f`, each remembered where its source item was. */
function mapList(out: Obj, key: string, source: Obj, sourceKey: string, f: (item: Obj) => Obj): void {
  const items = listAt(source, sourceKey);
  if (items.length === 0) return;
  const arr = newList(source, sourceKey);
  const srcList = source[sourceKey] as unknown[];
  items.forEach((item, i) => {
    arr.push(isObj(item) ? f(item) : copyTree(item));
    take(arr, i, srcList, i);
  });
  put(out, key, arr, source, sourceKey);
}

function onlyOf(c: Obj): Obj | undefined {
  const target = objAt(c, 'target');
  const selector = objAt(c, 'selector');
  const only = newAt(selector ?? target);
  keepSet(only, 'localOS', target, 'os');
  if (selector !== undefined && strAt(selector, 'architecture') !== '') {
    const cluster = newAt(selector);
    keep(cluster, 'architecture', selector);
    only['cluster'] = cluster;
  }
  keepSet(only, 'flavor', selector);
  return Object.keys(only).length > 0 ? only : undefined;
}

function importOf(imp: Obj | undefined): Obj | undefined {
  if (imp === undefined) return undefined;
  const out = newAt(imp);
  const local = listAt(imp, 'local').find(isObj);
  const remote = listAt(imp, 'remote').find(isObj);
  keepSet(out, 'path', local);
  keepSet(out, 'url', remote);
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A repository as v1alpha1 writes it: the URL, with its ref (if any) as `@ref` in place of any it had. */
function repositoryUrl(r: Obj): string {
  const url = strAt(r, 'url');
  const flat = flattenGitRef(objAt(r, 'ref'));
  return flat === undefined ? url : `${splitGitRef(url).url}@${flat.value}`;
}

function manifestOf(m: Obj): Obj {
  const out = newAt(m);
  keep(out, 'name', m);
  keepSet(out, 'namespace', m);
  keepSet(out, 'files', m);
  const k = objAt(m, 'kustomize');
  if (k !== undefined) {
    if (k['allowAnyDirectory'] === true) keep(out, 'kustomizeAllowAnyDirectory', k, 'allowAnyDirectory');
    keepSet(out, 'kustomizations', k, 'files');
    if (k['enablePlugins'] === true) keep(out, 'enableKustomizePlugins', k, 'enablePlugins');
  }
  if (m['skipWait'] === true) keep(out, 'noWait', m, 'skipWait');
  keepSet(out, 'serverSideApply', m);
  if (m['enableTemplating'] === true) put(out, 'template', true, m, 'enableTemplating');
  return out;
}

function chartOf(ch: Obj): Obj {
  const out = newAt(ch);
  keep(out, 'name', ch);
  const hr = objAt(ch, 'helmRepository');
  const oci = objAt(ch, 'oci');
  const git = objAt(ch, 'git');
  const local = objAt(ch, 'local');
  // Keys are set in v1alpha1 order below; the source decides which ones.
  const src: Obj = {};
  if (hr !== undefined && strAt(hr, 'url') !== '') {
    keepSet(src, 'version', hr);
    keep(src, 'url', hr);
    keepSet(src, 'repoName', hr, 'name');
  } else if (oci !== undefined && strAt(oci, 'url') !== '') {
    const ref = objAt(oci, 'ref');
    if (ref !== undefined && strAt(ref, 'tag') !== '') {
      keep(src, 'url', oci);
      keep(src, 'version', ref, 'tag');
    } else if (ref !== undefined && strAt(ref, 'digest') !== '') {
      put(src, 'url', `${strAt(oci, 'url').replace(/\/$/, '')}@${strAt(ref, 'digest')}`, oci, 'url');
    } else {
      keep(src, 'url', oci);
    }
  } else if (git !== undefined && strAt(git, 'url') !== '') {
    const url = splitGitRef(strAt(git, 'url')).url;
    const ref = objAt(git, 'ref');
    const flat = flattenGitRef(ref);
    // A refs/... ref stays in the URL: as a version it would become a file path.
    if (flat !== undefined && ref !== undefined && flat.value.startsWith('refs/')) {
      put(src, 'url', `${url}@${flat.value}`, git, 'url');
    } else {
      put(src, 'url', url, git, 'url');
      if (flat !== undefined && ref !== undefined) put(src, 'version', flat.value, ref, flat.key);
    }
    keepSet(src, 'gitPath', git, 'path');
  } else if (local !== undefined && strAt(local, 'path') !== '') {
    keep(src, 'localPath', local, 'path');
  }
  for (const k of ['version', 'url', 'repoName', 'gitPath', 'localPath']) keep(out, k, src);
  keepSet(out, 'namespace', ch);
  keepSet(out, 'releaseName', ch);
  if (ch['skipWait'] === true) keep(out, 'noWait', ch, 'skipWait');
  // Plain values files first, then the templated ones (Zarf splits one list into two).
  const files = listAt(ch, 'valuesFiles');
  const plain = newList(ch, 'valuesFiles');
  const templated = newList(ch, 'valuesFiles');
  files.forEach((f) => {
    if (!isObj(f)) return;
    const to = f['enableTemplating'] === true ? templated : plain;
    to.push(f['path']);
    take(to, to.length - 1, f, 'path');
  });
  if (plain.length > 0) put(out, 'valuesFiles', plain, ch, 'valuesFiles');
  if (templated.length > 0) put(out, 'templatedValuesFiles', templated, ch, 'valuesFiles');
  mapList(out, 'values', ch, 'values', (v) => {
    const o = newAt(v);
    keep(o, 'sourcePath', v);
    keep(o, 'targetPath', v);
    keepSet(o, 'excludePaths', v);
    return o;
  });
  if (ch['skipSchemaValidation'] === true) put(out, 'schemaValidation', false, ch, 'skipSchemaValidation');
  keepSet(out, 'serverSideApply', ch);
  return out;
}

function fileOf(f: Obj): Obj {
  const out = newAt(f);
  keep(out, 'source', f);
  keepSet(out, 'shasum', f, 'checksum');
  keep(out, 'target', f, 'destination');
  if (f['executable'] === true) keep(out, 'executable', f);
  keepSet(out, 'symlinks', f);
  keepSet(out, 'extractPath', f);
  if (f['enableTemplating'] === true) put(out, 'template', true, f, 'enableTemplating');
  return out;
}

// ---- Actions -------------------------------------------------------------------------------------

function actionsOf(a: Obj | undefined): Obj | undefined {
  if (a === undefined) return undefined;
  const out = newAt(a);
  for (const set of ['onCreate', 'onDeploy', 'onRemove']) {
    const s = objAt(a, set);
    if (s === undefined) continue;
    const converted = actionSetOf(s);
    if (Object.keys(converted).length > 0) put(out, set, converted, a, set);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function actionSetOf(s: Obj): Obj {
  const out = newAt(s);
  const d = objAt(s, 'defaults');
  if (d !== undefined) {
    const defaults = newAt(d);
    keepSet(defaults, 'mute', d, 'silent');
    keepSet(defaults, 'maxTotalSeconds', d);
    keepSet(defaults, 'maxRetries', d, 'retries');
    keepSet(defaults, 'dir', d);
    keepSet(defaults, 'env', d);
    const shell = shellOf(objAt(d, 'shell'));
    if (shell !== undefined) put(defaults, 'shell', shell, d, 'shell');
    if (Object.keys(defaults).length > 0) put(out, 'defaults', defaults, s, 'defaults');
  }
  for (const list of ['before', 'onSuccess', 'onFailure']) mapList(out, list, s, list, actionOf);
  return out;
}

function shellOf(sh: Obj | undefined): Obj | undefined {
  if (sh === undefined) return undefined;
  const out = newAt(sh);
  for (const os of ['windows', 'linux', 'darwin']) keepSet(out, os, sh);
  return Object.keys(out).length > 0 ? out : undefined;
}

function actionOf(a: Obj): Obj {
  const out = newAt(a);
  keep(out, 'mute', a, 'silent');
  keep(out, 'maxTotalSeconds', a);
  keep(out, 'maxRetries', a, 'retries');
  keep(out, 'dir', a);
  keepSet(out, 'env', a);
  keepSet(out, 'cmd', a);
  const sh = objAt(a, 'shell');
  if (sh !== undefined) put(out, 'shell', shellOf(sh) ?? newAt(sh), a, 'shell');
  mapList(out, 'setValues', a, 'setValues', (v) => {
    const o = newAt(v);
    keepSet(o, 'key', v);
    keepSet(o, 'type', v);
    return o;
  });
  keepSet(out, 'description', a);
  const wait = objAt(a, 'wait');
  if (wait !== undefined) put(out, 'wait', waitOf(wait), a, 'wait');
  if (a['enableTemplating'] === true) put(out, 'template', true, a, 'enableTemplating');
  return out;
}

function waitOf(w: Obj): Obj {
  const out = newAt(w);
  const cluster = objAt(w, 'cluster');
  if (cluster !== undefined) {
    const c = newAt(cluster);
    keep(c, 'kind', cluster);
    keep(c, 'name', cluster);
    keepSet(c, 'namespace', cluster);
    keepSet(c, 'condition', cluster);
    put(out, 'cluster', c, w, 'cluster');
  }
  const network = objAt(w, 'network');
  if (network !== undefined) {
    const n = newAt(network);
    keep(n, 'protocol', network);
    keep(n, 'address', network);
    keepSet(n, 'code', network);
    put(out, 'network', n, w, 'network');
  }
  return out;
}
