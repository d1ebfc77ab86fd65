/**
 * Compose: resolves `import` (zarf.dev/v1alpha1), as `zarf package create` does
 * (src/pkg/packager/load/import.go; ZARF-CREATE.md §2):
 * - components for another architecture or flavor are dropped first, at every level (§3);
 * - `import.path` reads the other package's v1alpha1 document, keeps the components of the imported
 *   name and resolves their imports recursively; a package already on the chain is a cycle;
 *   `import.url` (oci://) reads a published skeleton, without recursion;
 * - exactly one compatible component of that name must remain;
 * - its relative paths are rebased onto the importing folder, then the importing component's fields
 *   are merged in (metadata, deprecated fields, actions, resources: Zarf's rules, field by field);
 * - the imported packages' variables, constants and values files join the package.
 * Every value keeps its origin, so an error in an imported file is reported at that file's line.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { LadingError, type SourcePosition } from '../errors.js';
import { isObj, type Obj } from './data.js';
import { copyTree, positionIn, take } from './origin.js';
import { shorten } from './parse.js';
import { isUrl, rebasePath } from './paths.js';


export const TEMPLATE_PREFIX = '###ZARF_PKG_TMPL_';

/** A package read for an import: its v1alpha1 document, decoded and migrated, and where it lives. */
export interface ImportedPackage {
  data: Obj;
  /** Absolute folder of its zarf.yaml (its relative paths resolve from here). */
  baseDir: string;
  /** Its file as shown in messages. */
  displayPath: string;
}

/** A published skeleton package (import.url). */
export interface ImportedSkeleton {
  data: Obj;
  /** The folder holding the component's packaged content (may be empty), absolute. */
  componentDir(name: string): Promise<string>;
}

export interface ComposeOptions {
  architecture: string;
  flavor: string;
  /** Reads the package at an import path (a folder holding zarf.yaml, or the file). */
  readPackage(absPath: string, position: SourcePosition): Promise<ImportedPackage>;
  /** Opens a skeleton for `import.url`; without it, such an import is an error. */
  openSkeleton?(url: string, position: SourcePosition): Promise<ImportedSkeleton>;
}

export interface Composed {
  /** The package with every import resolved (the root's own object, changed in place). */
  pkg: Obj;
  /** values.schema files of the imported packages, relative to the root folder, in merge order. */
  importedSchemas: string[];
}

const obj = (v: unknown): Obj | undefined => (isObj(v) ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Zarf's compatibleComponent: only.cluster.architecture and only.flavor empty or equal. */
export function isCompatible(component: unknown, architecture: string, flavor: string): boolean {
  const only = obj(obj(component)?.['only']);
  const arch = str(obj(only?.['cluster'])?.['architecture']);
  const fl = str(only?.['flavor']);
  return (arch === '' || arch === architecture) && (fl === '' || fl === flavor);
}

function importName(component: Obj): string {
  return str(obj(component['import'])?.['name']) || str(component['name']);
}

/** Resolves every import of `pkg` (folder `baseDir`), recursively. */
export async function compose(pkg: Obj, baseDir: string, opts: ComposeOptions): Promise<Composed> {
  return resolveImports(pkg, path.resolve(baseDir), [], opts);
}

async function resolveImports(pkg: Obj, baseDir: string, stack: string[], opts: ComposeOptions): Promise<Composed> {
  const chain = [...stack, baseDir];
  const valuesFiles: Array<[string, object, number]> = [];
  const importedSchemas: string[] = [];
  const variables: Array<[Obj, object, number]> = [];
  const constants: Array<[Obj, object, number]> = [];
  const own = (key: string): void => {
    const l = pkg[key];
    if (Array.isArray(l)) l.forEach((v, i) => (key === 'variables' ? variables : constants).push([v as Obj, l, i]));
  };
  own('variables');
  own('constants');
  const components: unknown[] = [];
  const origins: Array<[object, number]> = [];
  const all = list(pkg['components']);
  for (let ci = 0; ci < all.length; ci++) {
    const component = all[ci];
    if (!isCompatible(component, opts.architecture, opts.flavor)) continue;
    const c = obj(component);
    const imp = obj(c?.['import']);
    const ipath = str(imp?.['path']);
    const iurl = str(imp?.['url']);
    if (c === undefined || imp === undefined || (ipath === '' && iurl === '')) {
      components.push(component);
      origins.push([all, ci]);
      continue;
    }
    const name = str(c['name']);
    checkImport(c, imp, name);
    const at = (key: string): SourcePosition => positionIn(imp, key) ?? positionIn(c) ?? { file: '', line: 1, col: 1 };
    let imported: Obj;
    let rel: string;
    let innerSchemas: string[] = [];
    const target = importName(c);
    if (ipath !== '') {
      const importPath = path.resolve(baseDir, ipath);
      if (chain.includes(importPath)) {
        throw new LadingError(`package ${shown(importPath, chain[0] as string)} is imported in a cycle by component "${name}" (${[...chain.map((d) => shown(d, chain[0] as string)), shown(importPath, chain[0] as string)].join(' -> ')})`, {
          hint: 'an import chain must not come back to a package already on it: import the component from where it is written instead',
          position: at('path')
        });
      }
      const read = await opts.readPackage(importPath, at('path'));
      if (chain.includes(read.baseDir) && read.baseDir !== importPath) {
        throw new LadingError(`package ${shown(read.baseDir, chain[0] as string)} is imported in a cycle by component "${name}" (${[...chain.map((d) => shown(d, chain[0] as string)), shown(read.baseDir, chain[0] as string)].join(' -> ')})`, {
          hint: 'an import chain must not come back to a package already on it: import the component from where it is written instead',
          position: at('path')
        });
      }
      const child = read.data;
      child['components'] = list(child['components']).filter((x) => str(obj(x)?.['name']) === target);
      const resolved = await resolveImports(child, read.baseDir, chain, opts);
      imported = resolved.pkg;
      innerSchemas = resolved.importedSchemas;
      rel = ipath;
      try {
        if (!(await stat(importPath)).isDirectory()) rel = path.posix.dirname(ipath.split(path.sep).join('/'));
      } catch {
        // readPackage reported a missing path already
      }
    } else {
      if (opts.openSkeleton === undefined) {
        throw new LadingError(`components[${ci}].import.url "${shorten(iurl)}": skeleton imports need a registry client`, { hint: 'import the component by path', position: at('url') });
      }
      const skeleton = await opts.openSkeleton(iurl, at('url'));
      imported = skeleton.data;
      const values = obj(imported['values']);
      if (list(values?.['files']).length > 0 || str(values?.['schema']) !== '') {
        throw new LadingError(`the skeleton ${shorten(iurl)} declares values, which Zarf does not import from skeletons yet`, {
          hint: 'import a skeleton without values, or import the package by path',
          position: at('url')
        });
      }
      const dir = await skeleton.componentDir(target);
      rel = path.relative(baseDir, dir).split(path.sep).join('/');
    }
    const found = list(imported['components']).filter((x) => str(obj(x)?.['name']) === target && isCompatible(x, opts.architecture, opts.flavor));
    if (found.length !== 1) {
      const from = ipath !== '' ? ipath : iurl;
      throw new LadingError(
        found.length === 0
          ? `no compatible component named "${target}" found in ${shorten(from)} (${opts.flavor !== '' ? `flavor "${opts.flavor}", ` : 'no flavor, '}architecture ${opts.architecture})`
          : `multiple components named "${target}" found in ${shorten(from)} for this flavor and architecture`,
        {
          hint:
            found.length === 0
              ? `check the component's name (import.name, else this component's name) and its only.flavor / only.cluster.architecture in ${shorten(from)}`
              : 'give each variant a different only.flavor or only.cluster.architecture, or import it by another name',
          position: imp['name'] !== undefined ? at('name') : at(ipath !== '' ? 'path' : 'url')
        }
      );
    }
    const child = copyTree(found[0] as Obj);
    fixPaths(child, rel, baseDir);
    await kustomizationPaths(child, rel, baseDir);
    const composed = mergeComponent(child, c);
    components.push(composed);
    origins.push([all, ci]);
    for (const key of ['variables', 'constants'] as const) {
      const l = imported[key];
      if (Array.isArray(l)) l.forEach((v, i) => (key === 'variables' ? variables : constants).push([v as Obj, l, i]));
    }
    const ivalues = obj(imported['values']);
    list(ivalues?.['files']).forEach((v, i) => {
      if (typeof v === 'string') valuesFiles.push([rebasePath(v, rel), ivalues?.['files'] as object, i]);
    });
    const ischema = str(ivalues?.['schema']);
    if (ischema !== '') importedSchemas.push(rebasePath(ischema, rel));
    for (const s of innerSchemas) importedSchemas.push(rebasePath(s, rel));
  }

  // The package's own values files come after the imported ones; normalised, the first of each kept.
  const values = obj(pkg['values']);
  const ownFiles = values?.['files'];
  list(ownFiles).forEach((v, i) => {
    if (typeof v === 'string') valuesFiles.push([v, ownFiles as object, i]);
  });
  if (values !== undefined || valuesFiles.length > 0) {
    const files: string[] = [];
    const seen = new Set<string>();
    for (const [v, from, i] of valuesFiles) {
      const norm = isUrl(v) || path.isAbsolute(v) ? v : rebasePath(v, '.');
      if (seen.has(norm)) continue;
      seen.add(norm);
      take(files, files.length, from, i);
      files.push(norm);
    }
    const target: Obj = values ?? {};
    if (files.length > 0) target['files'] = files;
    else delete target['files'];
    if (values === undefined) pkg['values'] = target;
  }

  const newComponents: unknown[] = [];
  components.forEach((c, i) => {
    const [from, fi] = origins[i] as [object, number];
    take(newComponents, i, from, fi);
    newComponents.push(c);
  });
  pkg['components'] = newComponents;
  joinByName(pkg, 'variables', variables);
  joinByName(pkg, 'constants', constants);

  const schemas: string[] = [];
  for (const s of importedSchemas) {
    const norm = rebasePath(s, '.');
    if (!schemas.includes(norm)) schemas.push(norm);
  }
  return { pkg, importedSchemas: schemas };
}

/** A package on an import chain as its file, relative to the root package's folder (`zarf.yaml`, `common/zarf.yaml`). */
function shown(abs: string, root: string): string {
  const rel = path.relative(root, abs).split(path.sep).join('/');
  if (/\.ya?ml$/.test(rel)) return rel;
  return rel === '' ? 'zarf.yaml' : `${rel}/zarf.yaml`;
}

/** Zarf's validateComponentCompose, as one error at the import block. */
function checkImport(c: Obj, imp: Obj, name: string): void {
  const ipath = str(imp['path']);
  const iurl = str(imp['url']);
  const problems: string[] = [];
  let hint = 'give import either a path (a folder or zarf.yaml relative to this file) or a url (oci://...)';
  if (ipath.includes(TEMPLATE_PREFIX) || iurl.includes(TEMPLATE_PREFIX)) {
    problems.push('package templates are not supported for import path or url');
    hint = 'write the import path or url without ###ZARF_PKG_TMPL_...###: it is resolved before templates are filled';
  }
  if (ipath !== '' && iurl !== '') problems.push('both a path and a url were given');
  if (iurl === '' && ipath !== '' && path.isAbsolute(ipath)) {
    problems.push('the path is absolute');
    hint = 'give the import path relative to the folder of this zarf.yaml';
  }
  if (iurl !== '' && ipath === '' && !/^oci:\/\/[^/\s]/.test(iurl)) {
    problems.push('the url is not an oci:// URL');
    hint = 'import a published skeleton package as url: oci://<registry>/<repository>:<tag>';
  }
  if (problems.length > 0) {
    throw new LadingError(`component "${name}": invalid import: ${problems.join('; ')}`, { hint, position: positionIn(c, 'import', true) ?? positionIn(imp) ?? { file: '', line: 1, col: 1 } });
  }
}

/** Appends the entries of each list, their origins kept; the first of each name wins. */
function joinByName(pkg: Obj, key: string, entries: Array<[Obj, object, number]>): void {
  const out: unknown[] = [];
  const seen = new Set<string>();
  for (const [v, from, i] of entries) {
    const name = str(obj(v)?.['name']);
    if (seen.has(name)) continue;
    seen.add(name);
    take(out, out.length, from, i);
    out.push(v);
  }
  if (out.length > 0) pkg[key] = out;
  else delete pkg[key];
}

// ---- Rebasing the child's paths onto the importing folder --------------------------------------

function rebaseField(o: unknown, key: string, rel: string): void {
  const x = obj(o);
  if (x !== undefined && typeof x[key] === 'string' && x[key] !== '') x[key] = rebasePath(x[key], rel);
}

function rebaseList(o: unknown, key: string, rel: string): void {
  const l = obj(o)?.[key];
  if (Array.isArray(l)) l.forEach((v, i) => typeof v === 'string' && (l[i] = rebasePath(v, rel)));
}

/** Zarf's fixPaths (without kustomizations: kustomizationPaths). */
function fixPaths(child: Obj, rel: string, _baseDir: string): void {
  for (const f of list(child['files'])) rebaseField(f, 'source', rel);
  for (const a of list(child['imageArchives'])) rebaseField(a, 'path', rel);
  for (const ch of list(child['charts'])) {
    rebaseList(ch, 'valuesFiles', rel);
    rebaseList(ch, 'templatedValuesFiles', rel);
    rebaseField(ch, 'localPath', rel);
  }
  for (const m of list(child['manifests'])) rebaseList(m, 'files', rel);
  for (const d of list(child['dataInjections'])) rebaseField(d, 'source', rel);
  const onCreate = obj(obj(child['actions'])?.['onCreate']);
  if (onCreate !== undefined) {
    const defaultDir = str(obj(onCreate['defaults'])?.['dir']);
    for (const key of ['before', 'after', 'onFailure', 'onSuccess']) {
      for (const a of list(onCreate[key])) {
        const action = obj(a);
        if (action === undefined) continue;
        const had = typeof action['dir'] === 'string';
        action['dir'] = rebasePath(had ? (action['dir'] as string) : defaultDir, rel);
        if (!had) {
          // Written by the import: its position is the import's (or the defaults' dir).
          const defaults = obj(onCreate['defaults']);
          if (defaults !== undefined && 'dir' in defaults) take(action, 'dir', defaults, 'dir');
        }
      }
    }
  }
}

/** Kustomizations are rebased only when the rebased path exists (remote ones stay as written). */
async function kustomizationPaths(child: Obj, rel: string, baseDir: string): Promise<void> {
  for (const m of list(child['manifests'])) {
    const l = obj(m)?.['kustomizations'];
    if (!Array.isArray(l)) continue;
    for (let i = 0; i < l.length; i++) {
      const v = l[i];
      if (typeof v !== 'string') continue;
      const composed = rebasePath(v, rel);
      try {
        await stat(path.join(baseDir, composed));
        l[i] = composed;
      } catch {
        // not a local path: kept
      }
    }
  }
}

// ---- Merging the importing component into the imported one -------------------------------------

function setFrom(target: Obj, key: string, source: Obj, sourceKey = key): void {
  target[key] = source[sourceKey];
  take(target, key, source, sourceKey);
}

/** `target[key]` = its list followed by `source[key]`'s, each element keeping its origin. */
function appendList(target: Obj, key: string, source: Obj | undefined): void {
  const a = target[key];
  const b = source?.[key];
  if (!Array.isArray(b) || b.length === 0) return;
  const out: unknown[] = [];
  for (const l of [a, b]) {
    if (!Array.isArray(l)) continue;
    l.forEach((v, i) => {
      take(out, out.length, l, i);
      out.push(v);
    });
  }
  target[key] = out;
}

function child(o: Obj, key: string): Obj {
  const existing = obj(o[key]);
  if (existing !== undefined) return existing;
  const made: Obj = {};
  o[key] = made;
  return made;
}

/** Drops the empty objects and lists a merge left behind (Zarf writes Go structs with omitempty). */
function prune(o: Obj, keys: string[]): void {
  for (const k of keys) {
    const v = o[k];
    if (isObj(v)) {
      prune(v, Object.keys(v));
      if (Object.keys(v).length === 0) delete o[k];
    } else if (Array.isArray(v) && v.length === 0) delete o[k];
  }
}

export function mergeComponent(comp: Obj, parent: Obj): Obj {
  // Metadata (overrideMetadata): name, default and required are the importer's, even when unset.
  for (const key of ['name', 'default', 'required']) {
    if (key in parent) setFrom(comp, key, parent);
    else delete comp[key];
  }
  if (str(parent['description']) !== '') setFrom(comp, 'description', parent);
  const pOnly = obj(parent['only']);
  if (str(pOnly?.['flavor']) !== '') setFrom(child(comp, 'only'), 'flavor', pOnly as Obj);
  const pOS = str(pOnly?.['localOS']);
  if (pOS !== '') {
    const cOnly = child(comp, 'only');
    const cOS = str(cOnly['localOS']);
    if (cOS !== '') {
      throw new LadingError(`component "${str(parent['name'])}": only.localOS "${cOS}" cannot be redefined as "${pOS}" during compose`, {
        hint: 'set only.localOS in the imported component or in the importing one, not both',
        position: positionIn(pOnly as Obj, 'localOS') ?? { file: '', line: 1, col: 1 }
      });
    }
    setFrom(cOnly, 'localOS', pOnly as Obj);
  }

  // Deprecated fields (overrideDeprecated): group is the importer's; scripts before/after appended.
  if ('group' in parent) setFrom(comp, 'group', parent);
  else delete comp['group'];
  const pScripts = obj(parent['scripts']);
  if (pScripts !== undefined) {
    const cScripts = child(comp, 'scripts');
    appendList(cScripts, 'before', pScripts);
    appendList(cScripts, 'after', pScripts);
    if (pScripts['retry'] === true) setFrom(cScripts, 'retry', pScripts);
    if (pScripts['showOutput'] === true) setFrom(cScripts, 'showOutput', pScripts);
    if (typeof pScripts['timeoutSeconds'] === 'number' && pScripts['timeoutSeconds'] > 0) setFrom(cScripts, 'timeoutSeconds', pScripts);
  }

  // Actions (overrideActions): defaults are the importer's even when empty; lists child then parent.
  const pActions = obj(parent['actions']);
  const hadActions = comp['actions'] !== undefined || pActions !== undefined;
  if (hadActions) {
    const cActions = child(comp, 'actions');
    for (const set of ['onCreate', 'onDeploy', 'onRemove']) {
      const pSet = obj(pActions?.[set]);
      const cSet = obj(cActions[set]);
      if (pSet === undefined && cSet === undefined) continue;
      const target = child(cActions, set);
      if (pSet !== undefined && 'defaults' in pSet) setFrom(target, 'defaults', pSet);
      else delete target['defaults'];
      for (const key of ['before', 'after', 'onFailure', 'onSuccess']) appendList(target, key, pSet);
    }
    prune(comp, ['actions']);
  }

  // Resources (overrideResources).
  for (const key of ['dataInjections', 'files', 'images', 'repos']) appendList(comp, key, parent);
  mergeByName(comp, parent, 'charts', ['namespace', 'releaseName', 'version', 'url'], ['valuesFiles', 'templatedValuesFiles', 'variables', 'values']);
  mergeByName(comp, parent, 'manifests', ['namespace'], ['files', 'kustomizations']);
  for (const key of ['healthChecks', 'imageArchives']) appendList(comp, key, parent);
  // The importer's import block is not carried over; the imported component's own (an
  // `import: {name: x}` alone, which is no import) stays, as Zarf keeps it.
  prune(comp, ['only', 'scripts']);
  return comp;
}

/** Charts and manifests: the importer's entry of the same name overrides and appends; others are added. */
function mergeByName(comp: Obj, parent: Obj, key: string, overrides: string[], appends: string[]): void {
  const pList = parent[key];
  if (!Array.isArray(pList) || pList.length === 0) return;
  const cList = Array.isArray(comp[key]) ? (comp[key] as unknown[]) : [];
  const out: unknown[] = [];
  cList.forEach((v, i) => {
    take(out, out.length, cList, i);
    out.push(v);
  });
  const childCount = out.length;
  pList.forEach((p, pi) => {
    const pe = obj(p);
    if (pe === undefined) return;
    let existing = false;
    for (let i = 0; i < childCount; i++) {
      const ce = obj(out[i]);
      if (ce === undefined || str(ce['name']) !== str(pe['name'])) continue;
      existing = true;
      for (const f of overrides) if (str(pe[f]) !== '') setFrom(ce, f, pe);
      for (const f of appends) appendList(ce, f, pe);
    }
    if (!existing) {
      take(out, out.length, pList, pi);
      out.push(p);
    }
  });
  comp[key] = out;
}
