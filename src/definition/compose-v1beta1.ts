/**
 * Composition of a `zarf.dev/v1beta1` package: each component's `import.local[]` names
 * `kind: ZarfComponentConfig` files (variants: exactly one must match the package's architecture and
 * flavor through its `selector`), resolved recursively, rebased onto the importing file's folder and
 * merged under the importing component by Zarf's v1beta1 rules (ZARF-CREATE.md §2 "v1beta1";
 * zarf-dev/zarf src/pkg/packager/load/import_v1beta1*.go).
 *
 * Pure over plain data: files are read through `readComponentConfig` (given by the caller, who parses
 * them with positions, origin.ts `attachIndex`), nothing else touches the disk. Components whose
 * `selector` does not match are dropped, as Zarf drops them before importing. Every value of the
 * result keeps the position of the file and line that wrote it, and every error points there too.
 */
import path from 'node:path';
import { LadingError, LadingErrors, type SourcePosition } from '../errors.js';
import { copyTree, isContainer, positionAt, positionIn, sameOrigin, take } from './origin.js';
import { formatPath, type PathSegment } from './positions.js';
import { V1Beta1ComponentConfigSchema, V1Beta1PackageSchema, schemaIssues } from './schema-v1beta1.js';
import { isObj, listAt, objAt, strAt, type Obj } from './data.js';
import { rebasePath } from './paths.js';
import { schemaErrors, type AnySchema } from './issues.js';
import type { PositionIndex } from './positions.js';


export interface ComponentConfigFile {
  /** The file's data, with positions attached (origin.ts `attachIndex`). */
  data: Record<string, unknown>;
  /** Positions of the file by path: with it, schema problems read as the root file's do (did-you-mean, expected types). */
  index?: PositionIndex;
  /** How the file is named in messages (relative to the workspace). */
  displayPath: string;
}

export interface ComposeV1Beta1Options {
  /** Absolute folder of the package definition: `import.local[].path` of its components resolve against it. */
  baseDir: string;
  /** Absolute path of the package definition (an import of it is a cycle); default `<baseDir>/zarf.yaml`. */
  packageFile?: string;
  /** The package's architecture (Zarf's `-a`, or `metadata.architecture`). */
  architecture: string;
  /** The flavor being built ('' for none). */
  flavor: string;
  /**
   * Reads and parses a component config. Throws when it cannot: an error carrying `code` ENOENT or
   * EISDIR (as node:fs gives) gets its own message; a LadingError is passed on as it is.
   */
  readComponentConfig: (absPath: string) => Promise<ComponentConfigFile>;
  /** How to name a file not read yet (default: relative to baseDir, posix separators). */
  display?: (absPath: string) => string;
}

/** A path collected from an imported config (`values.files`, `values.schema`), with where it was written. */
export interface ImportedPath {
  path: string;
  position: SourcePosition | undefined;
}

export interface ComposedV1Beta1 {
  /** The package with every import resolved (no `import` left) and incompatible components dropped. */
  pkg: Record<string, unknown>;
  /**
   * The imported configs' `values.schema` paths, relative to baseDir, de-duplicated: per component,
   * a config's own schema, then those of the configs it imports. The package's own stays in `values.schema`.
   */
  importedSchemas: ImportedPath[];
}

/** A string and where it was written (`from[key]`). */
interface Ref {
  value: string;
  from: object;
  key: PathSegment;
}

interface ImportedValues {
  files: Ref[];
  schemas: Ref[];
}

interface StackEntry {
  file: string;
  display: string;
}

const SPEC_KEYS = [
  'import',
  'target',
  'selector',
  'manifests',
  'charts',
  'files',
  'images',
  'imageArchives',
  'repositories',
  'actions',
  'service',
  'stateAccess'
] as const;

const ACTION_SETS = ['onCreate', 'onDeploy', 'onRemove'] as const;
const ACTION_LISTS = ['before', 'onSuccess', 'onFailure'] as const;





function put(target: object, key: PathSegment, value: unknown, source: object, sourceKey: PathSegment): void {
  (target as Record<PathSegment, unknown>)[key] = value;
  take(target, key, source, sourceKey);
}

/** `target[key]`, made an object (standing where `like` was written) when it is not one yet. */
function objIn(target: Obj, key: string, like: object | undefined): Obj {
  const existing = objAt(target, key);
  if (existing !== undefined) return existing;
  const o: Obj = {};
  if (like !== undefined) sameOrigin(o, like);
  target[key] = o;
  return o;
}

/**
 * `target[key]` followed by copies of the items of `source[key]` (only item `only` when given), each
 * keeping its position.
 */
function append(target: Obj, key: string, source: Obj | undefined, only?: number): void {
  const all = listAt(source, key);
  const extra = only === undefined ? all : all.slice(only, only + 1);
  if (extra.length === 0 || source === undefined) return;
  const srcList = source[key] as unknown[];
  const first = only ?? 0;
  const base = listAt(target, key);
  const out: unknown[] = [];
  const origin = target[key];
  sameOrigin(out, isContainer(origin) ? origin : srcList);
  base.forEach((v, i) => {
    out.push(v);
    take(out, i, base, i);
  });
  extra.forEach((v, i) => {
    out.push(copyTree(v));
    take(out, base.length + i, srcList, first + i);
  });
  target[key] = out;
}

// ---- Paths ---------------------------------------------------------------------------------------


function rebaseAt(container: Obj | unknown[] | undefined, key: PathSegment, relDir: string): void {
  if (container === undefined) return;
  const c = container as Record<PathSegment, unknown>;
  const v = c[key];
  if (typeof v === 'string') c[key] = rebasePath(v, relDir);
}

/** Rebases an imported spec's local paths onto the importer's folder (`spec` is a copy: changed in place). */
function rebaseSpec(spec: Obj, relDir: string): void {
  for (const f of listAt(spec, 'files')) if (isObj(f)) rebaseAt(f, 'source', relDir);
  for (const a of listAt(spec, 'imageArchives')) if (isObj(a)) rebaseAt(a, 'path', relDir);
  for (const ch of listAt(spec, 'charts')) {
    if (!isObj(ch)) continue;
    rebaseAt(objAt(ch, 'local'), 'path', relDir);
    for (const vf of listAt(ch, 'valuesFiles')) if (isObj(vf)) rebaseAt(vf, 'path', relDir);
  }
  for (const m of listAt(spec, 'manifests')) {
    if (!isObj(m)) continue;
    const files = listAt(m, 'files');
    files.forEach((_, i) => rebaseAt(files, i, relDir));
    const kfiles = listAt(objAt(m, 'kustomize'), 'files');
    kfiles.forEach((_, i) => rebaseAt(kfiles, i, relDir));
  }
  // Every onCreate action gets an explicit dir: its own, else the set's default, rebased.
  const onCreate = objAt(objAt(spec, 'actions'), 'onCreate');
  if (onCreate === undefined) return;
  const defaults = objAt(onCreate, 'defaults');
  const defaultDir = strAt(defaults, 'dir');
  for (const list of ACTION_LISTS) {
    for (const a of listAt(onCreate, list)) {
      if (!isObj(a)) continue;
      if (typeof a['dir'] === 'string') rebaseAt(a, 'dir', relDir);
      else if (defaults !== undefined && defaults['dir'] !== undefined) put(a, 'dir', rebasePath(defaultDir, relDir), defaults, 'dir');
      else a['dir'] = rebasePath(defaultDir, relDir);
    }
  }
}

function rebaseRef(r: Ref, relDir: string): Ref {
  return { ...r, value: rebasePath(r.value, relDir) };
}

/** Cleaned (`./a/../b` -> `b`), the first of equal paths kept. */
function dedupe(refs: Ref[]): Ref[] {
  const seen = new Set<string>();
  const out: Ref[] = [];
  for (const r of refs) {
    const value = rebasePath(r.value, '.');
    if (seen.has(value)) continue;
    seen.add(value);
    out.push({ ...r, value });
  }
  return out;
}

// ---- Merge ---------------------------------------------------------------------------------------

/** Overlays the importing spec `head` onto the imported (rebased, copied) spec `base`, in place. */
function mergeSpec(base: Obj, head: Obj): void {
  const target = objAt(head, 'target');
  if (target !== undefined && strAt(target, 'os') !== '') put(objIn(base, 'target', target), 'os', target['os'], target, 'os');
  const selector = objAt(head, 'selector');
  for (const k of ['architecture', 'flavor']) {
    if (selector !== undefined && strAt(selector, k) !== '') put(objIn(base, 'selector', selector), k, selector[k], selector, k);
  }
  if (strAt(head, 'service') !== '') put(base, 'service', head['service'], head, 'service');
  for (const k of ['files', 'imageArchives', 'repositories', 'stateAccess']) append(base, k, head);
  mergeImages(base, head);
  mergeCharts(base, head);
  mergeManifests(base, head);
  mergeActions(base, head);
}

/**
 * Items of `head[key]` matched by name against `base[key]`: `merge` into the match, or appended (so a
 * later head item of the same name merges into it, as in Zarf).
 */
function byName(base: Obj, head: Obj, key: string, merge: (into: Obj, from: Obj) => void): void {
  const heads = listAt(head, key);
  heads.forEach((h, i) => {
    if (!isObj(h)) return;
    const into = listAt(base, key).find((b): b is Obj => isObj(b) && b['name'] === h['name']);
    if (into !== undefined) merge(into, h);
    else append(base, key, head, i);
  });
}

function mergeImages(base: Obj, head: Obj): void {
  byName(base, head, 'images', (into, from) => {
    if (strAt(from, 'source') !== '') put(into, 'source', from['source'], from, 'source');
  });
}

const CHART_SOURCES = ['helmRepository', 'git', 'local', 'oci'] as const;

function mergeCharts(base: Obj, head: Obj): void {
  byName(base, head, 'charts', (into, from) => {
    for (const k of ['namespace', 'releaseName']) if (strAt(from, k) !== '') put(into, k, from[k], from, k);
    // A source in the importing chart replaces the imported one.
    if (CHART_SOURCES.some((s) => from[s] !== undefined)) {
      for (const s of CHART_SOURCES) delete into[s];
      for (const s of CHART_SOURCES) if (from[s] !== undefined) put(into, s, copyTree(from[s]), from, s);
    }
    if (strAt(from, 'serverSideApply') !== '') put(into, 'serverSideApply', from['serverSideApply'], from, 'serverSideApply');
    for (const k of ['skipWait', 'skipSchemaValidation']) if (from[k] === true) put(into, k, true, from, k);
    append(into, 'valuesFiles', from);
    append(into, 'values', from);
  });
}

function mergeManifests(base: Obj, head: Obj): void {
  byName(base, head, 'manifests', (into, from) => {
    if (strAt(from, 'namespace') !== '') put(into, 'namespace', from['namespace'], from, 'namespace');
    append(into, 'files', from);
    const k = objAt(from, 'kustomize');
    if (k !== undefined) {
      const mine = objAt(into, 'kustomize');
      if (mine === undefined) put(into, 'kustomize', copyTree(k), from, 'kustomize');
      else {
        append(mine, 'files', k);
        for (const flag of ['allowAnyDirectory', 'enablePlugins']) if (k[flag] === true) put(mine, flag, true, k, flag);
      }
    }
    if (strAt(from, 'serverSideApply') !== '') put(into, 'serverSideApply', from['serverSideApply'], from, 'serverSideApply');
    for (const flag of ['skipWait', 'enableTemplating']) if (from[flag] === true) put(into, flag, true, from, flag);
  });
}

function mergeActions(base: Obj, head: Obj): void {
  const actions = objAt(head, 'actions');
  if (actions === undefined) return;
  const into = objIn(base, 'actions', actions);
  for (const setName of ACTION_SETS) {
    const set = objAt(actions, setName);
    if (set === undefined) continue;
    const mine = objIn(into, setName, set);
    // The importing set's defaults replace the imported ones only when written.
    if (set['defaults'] !== undefined) put(mine, 'defaults', copyTree(set['defaults']), set, 'defaults');
    for (const list of ACTION_LISTS) append(mine, list, set);
  }
}

// ---- Resolution ----------------------------------------------------------------------------------

function compatible(selector: Obj | undefined, architecture: string, flavor: string): boolean {
  const arch = strAt(selector, 'architecture');
  const fl = strAt(selector, 'flavor');
  return (arch === '' || arch === architecture) && (fl === '' || fl === flavor);
}

interface Loaded {
  entry: Obj;
  file: string;
  display: string;
  config: Obj;
}

class Composer {
  readonly schemas: Ref[] = [];
  private readonly display: (p: string) => string;

  constructor(private readonly opts: ComposeV1Beta1Options) {
    this.display = opts.display ?? ((p) => path.relative(opts.baseDir, p).split(path.sep).join('/') || '.');
  }

  /**
   * The spec of `holder` (a package component, or a config's `component`) with its imports merged in,
   * and the values the imports bring, relative to `dir`. Unchanged (the same object) without imports.
   */
  async resolve(holder: Obj, dir: string, stack: StackEntry[], who: string): Promise<{ spec: Obj; values: ImportedValues }> {
    const imp = objAt(holder, 'import');
    const none = { spec: holder, values: { files: [], schemas: [] } };
    if (imp === undefined) return none;
    if (listAt(imp, 'remote').length > 0) {
      throw new LadingError(`${who}: remote component imports are not yet supported for v1beta1 packages`, {
        hint: 'copy the component config next to the package and import it with import.local[].path',
        position: positionIn(imp, 'remote', true) ?? positionIn(imp)
      });
    }
    const entries = listAt(imp, 'local').filter(isObj);
    if (entries.length === 0) return none;
    const chosen = await this.select(imp, entries, dir, stack, who);
    const deeper = await this.resolve(objAt(chosen.config, 'component') ?? {}, path.dirname(chosen.file), [...stack, { file: chosen.file, display: chosen.display }], who);
    const relDir = path.posix.dirname(strAt(chosen.entry, 'path').split(path.sep).join('/'));
    const merged = copyTree(deeper.spec);
    rebaseSpec(merged, relDir);
    const values = ownValues(objAt(chosen.config, 'values'), deeper.values, relDir);
    mergeSpec(merged, holder);
    delete merged['import'];
    return { spec: merged, values };
  }

  private async select(imp: Obj, entries: Obj[], dir: string, stack: StackEntry[], who: string): Promise<Loaded> {
    const loaded: Loaded[] = [];
    for (const entry of entries) {
      const rel = strAt(entry, 'path');
      const position = positionIn(entry, 'path') ?? positionIn(entry);
      if (rel === '') {
        throw new LadingError(`${who}: an import.local entry has no path`, { hint: 'give the entry the path of a ZarfComponentConfig file', position });
      }
      if (path.isAbsolute(rel) || path.posix.isAbsolute(rel)) {
        throw new LadingError(`${who}: import path "${rel}" cannot be absolute`, {
          hint: 'write the path relative to the folder of the file that imports it',
          position
        });
      }
      const file = path.resolve(dir, rel);
      const seen = stack.find((s) => s.file === file);
      if (seen !== undefined) {
        const chain = [...stack.slice(stack.indexOf(seen)).map((s) => s.display), seen.display].join(' -> ');
        throw new LadingError(`${who}: component config ${seen.display} imported in cycle (${chain})`, {
          hint: 'remove one of the imports in this chain',
          position
        });
      }
      const { data, displayPath, index } = await this.read(file, rel, position, who);
      checkConfig(data, displayPath, index);
      loaded.push({ entry, file, display: displayPath, config: data });
    }
    const { architecture, flavor } = this.opts;
    const matching = loaded.filter((l) => compatible(objAt(objAt(l.config, 'component'), 'selector'), architecture, flavor));
    const target = `architecture ${architecture}${flavor === '' ? ', no flavor' : `, flavor ${flavor}`}`;
    const position = positionIn(imp, 'local', true) ?? positionIn(imp);
    if (matching.length === 0) {
      throw new LadingError(`${who}: no imported component variant is compatible with the package target (${target})`, {
        hint: `give one of ${loaded.map((l) => l.display).join(', ')} a component.selector matching ${target}, or build another flavor`,
        position
      });
    }
    if (matching.length > 1) {
      throw new LadingError(`${who}: multiple imported component variants are compatible with the package target (${target}): ${matching.map((l) => l.display).join(', ')}`, {
        hint: 'give the variants component.selector values (architecture, flavor) so exactly one matches',
        position
      });
    }
    return matching[0] as Loaded;
  }

  private async read(file: string, rel: string, position: SourcePosition | undefined, who: string): Promise<ComponentConfigFile> {
    try {
      return await this.opts.readComponentConfig(file);
    } catch (e) {
      if (e instanceof LadingErrors) throw e;
      if (e instanceof LadingError) {
        // A problem of the file as a whole (outside the workspace, unreadable): at the line that imports it.
        if (e.position !== undefined || position === undefined) throw e;
        throw new LadingError(e.message, { position, cause: e, ...(e.hint !== undefined ? { hint: e.hint } : {}) });
      }
      const code = (e as { code?: unknown }).code;
      const shown = this.display(file);
      if (code === 'ENOENT') {
        throw new LadingError(`${who}: imported component config ${shown} not found`, {
          hint: `check the path "${rel}" (relative to the folder of the file that imports it)`,
          position,
          cause: e
        });
      }
      if (code === 'EISDIR') {
        throw new LadingError(`${who}: import path ${shown} is a directory; v1beta1 imports must name a ZarfComponentConfig file`, {
          hint: 'name the component config file itself (e.g. common/component.yaml)',
          position,
          cause: e
        });
      }
      throw new LadingError(`${who}: cannot read imported component config ${shown}: ${e instanceof Error ? e.message : String(e)}`, {
        hint: 'check that the file is readable',
        position,
        cause: e
      });
    }
  }
}

/** The values an import brings, relative to the importer: deeper files first, then the config's own; its own schema first. */
function ownValues(values: Obj | undefined, inherited: ImportedValues, relDir: string): ImportedValues {
  const files = inherited.files.map((r) => rebaseRef(r, relDir));
  const list = listAt(values, 'files');
  list.forEach((f, i) => {
    if (typeof f === 'string') files.push(rebaseRef({ value: f, from: list, key: i }, relDir));
  });
  const schemas: Ref[] = [];
  if (values !== undefined && strAt(values, 'schema') !== '') schemas.push(rebaseRef({ value: strAt(values, 'schema'), from: values, key: 'schema' }, relDir));
  schemas.push(...inherited.schemas.map((r) => rebaseRef(r, relDir)));
  return { files, schemas };
}

/** A component config must say `kind: ZarfComponentConfig` and follow its schema; errors at its own lines. */
function checkConfig(data: Obj, displayPath: string, index?: PositionIndex): void {
  if (data['kind'] !== 'ZarfComponentConfig') {
    const kind = typeof data['kind'] === 'string' ? `kind ${data['kind']}` : 'no kind';
    throw new LadingError(`${displayPath} has ${kind}: a v1beta1 import must be a ZarfComponentConfig; components cannot be imported from packages`, {
      hint: 'import a file with "kind: ZarfComponentConfig", metadata and component',
      position: positionIn(data, 'kind') ?? positionIn(data)
    });
  }
  if (index !== undefined) {
    const found = schemaErrors(data, index, { schema: V1Beta1ComponentConfigSchema as unknown as AnySchema }).errors;
    if (found.length > 0) throw new LadingErrors(found);
    return;
  }
  const errors = schemaIssues(V1Beta1ComponentConfigSchema, data).flatMap((issue) => {
    const p = issue.path.filter((s): s is PathSegment => typeof s === 'string' || typeof s === 'number');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map(
        (k) =>
          new LadingError(`${formatPath([...p, k])} is not a field of a ZarfComponentConfig`, {
            hint: 'remove it (keys starting with x- are allowed for anchors)',
            position: positionAt(data, [...p, k], true)
          })
      );
    }
    return [new LadingError(`${formatPath(p)} is not valid: ${issue.message}`, { hint: `fix ${formatPath(p)} in ${displayPath}`, position: positionAt(data, p) })];
  });
  if (errors.length > 0) throw new LadingErrors(errors);
}

/** A package component whose spec is `spec`: name, description and optional stay the component's. */
function withSpec(component: Obj, spec: Obj): Obj {
  const out: Obj = {};
  sameOrigin(out, component);
  for (const k of ['name', 'description', 'optional']) if (component[k] !== undefined) put(out, k, component[k], component, k);
  for (const k of SPEC_KEYS) if (spec[k] !== undefined) put(out, k, spec[k], spec, k);
  return out;
}

/** The schema problems of a v1beta1 package document, each at its line (checked before composing). */
export function v1beta1PackageErrors(data: unknown, index: PositionIndex): LadingError[] {
  return schemaErrors(data, index, { schema: V1Beta1PackageSchema as unknown as AnySchema }).errors;
}

/**
 * Resolves the imports of v1beta1 package `pkg` (validated with v1beta1PackageErrors). Throws a
 * LadingError (or LadingErrors for a component config's schema problems) at the line that caused it.
 * `pkg` and the configs read are not changed.
 */
export async function composeV1Beta1(pkg: Record<string, unknown>, opts: ComposeV1Beta1Options): Promise<ComposedV1Beta1> {
  const composer = new Composer(opts);
  const root: StackEntry = {
    file: path.resolve(opts.packageFile ?? path.join(opts.baseDir, 'zarf.yaml')),
    display: positionIn(pkg)?.file ?? 'zarf.yaml'
  };
  const out: Obj = {};
  sameOrigin(out, pkg);
  for (const [k, v] of Object.entries(pkg)) put(out, k, v, pkg, k);
  const srcList = listAt(pkg, 'components');
  const components: unknown[] = [];
  sameOrigin(components, srcList);
  const files: Ref[] = [];
  const schemas: Ref[] = [];
  for (const [i, c] of srcList.entries()) {
    if (!isObj(c) || !compatible(objAt(c, 'selector'), opts.architecture, opts.flavor)) continue;
    const who = `component "${strAt(c, 'name')}"`;
    const { spec, values } = await composer.resolve(c, opts.baseDir, [root], who);
    components.push(spec === c ? c : withSpec(c, spec));
    take(components, components.length - 1, srcList, i);
    files.push(...values.files);
    schemas.push(...values.schemas);
  }
  out['components'] = components;
  take(out, 'components', pkg, 'components');
  // Imported values files first, so the package's own win (later files override earlier ones).
  const values = objAt(pkg, 'values');
  const ownFiles = listAt(values, 'files');
  ownFiles.forEach((f, i) => {
    if (typeof f === 'string') files.push({ value: f, from: ownFiles, key: i });
  });
  if (files.length > 0) {
    const v: Obj = {};
    if (values !== undefined) {
      sameOrigin(v, values);
      for (const [k, x] of Object.entries(values)) put(v, k, x, values, k);
    }
    const list: unknown[] = [];
    if (ownFiles.length > 0) sameOrigin(list, ownFiles);
    for (const r of dedupe(files)) {
      list.push(r.value);
      take(list, list.length - 1, r.from, r.key);
    }
    v['files'] = list;
    out['values'] = v;
    if (values !== undefined) take(out, 'values', pkg, 'values');
  }
  return {
    pkg: out,
    importedSchemas: dedupe(schemas).map((r) => ({ path: r.value, position: positionIn(r.from, r.key) }))
  };
}
