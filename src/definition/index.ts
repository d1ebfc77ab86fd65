/**
 * The definition pipeline: from the `definition` input to a composed, filtered, templated and
 * validated package definition, as `zarf package create` loads it (ZARF-CREATE.md §0-§4, §9):
 *
 *   locate -> parse -> decode (v1alpha1 | v1beta1) -> migrate -> compose (imports; filter by flavor
 *   and architecture at every level) -> template (`set`) -> validate -> Package
 *
 * Pure but for reading files (and skeletons, through the function it is given). Every value of the
 * result remembers the file and line that wrote it: `positionOf(['components', 3, 'images', 0])`.
 * All problems found in one step are reported together, each at its line of its own file.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { LadingError, LadingErrors, type SourcePosition } from '../errors.js';
import { compose, isCompatible, type ImportedPackage, type ImportedSkeleton } from './compose.js';
import { chooseDocument, V1ALPHA1, V1BETA1, type ApiVersion, type ChosenDocument } from './decode.js';
import { locateDefinition, displayPathOf, isInside } from './locate.js';
import { migrate } from './migrate.js';
import { notBuiltErrors } from './not-built.js';
import { copyTree, positionAt, sameOrigin, take } from './origin.js';
import { parseFile, type ParsedFile } from './parse.js';
import { checkV1Alpha1 } from './check-schema.js';
import { fillTemplates, withProvided } from './template.js';
import { sortUnique, validateDefinition } from './check-package.js';
import type { ZarfPackageConfig } from './schema.js';
import type { PathSegment } from './positions.js';

export interface LoadOptions {
  /** The `definition` input: a folder holding zarf.yaml, or the file, relative to the workspace. */
  definition: string;
  workspace: string;
  /** The package architecture (filters only.cluster.architecture; fills ###ZARF_PKG_ARCH###). */
  architecture: string;
  /** Zarf's --flavor ('' for none). */
  flavor?: string;
  /** Zarf's --set: create-time template values by upper-case name. */
  set?: Readonly<Record<string, string>>;
  /** Opens a skeleton package for an `import.url`: its zarf.yaml text and its component folders. */
  openSkeleton?: (url: string, position: SourcePosition) => Promise<SkeletonSource>;
  /**
   * Called with the composed, filtered and templated definition before it is validated, so it can be
   * shown (the `definition` output) even when it is then refused.
   */
  onComposed?: (pkg: Package) => Promise<void>;
}

/** A published skeleton as the pipeline needs it (sources/skeleton.ts pulls it). */
export interface SkeletonSource {
  /** The reference shown in messages. */
  reference: string;
  zarfYaml: string;
  componentDir(name: string): Promise<string>;
}

/** A problem that does not stop the build (shown as a warning annotation at its line). */
export interface DefinitionWarning {
  message: string;
  position?: SourcePosition;
}

export interface Package {
  /** Absolute path of the root zarf.yaml. */
  file: string;
  /** The root file as shown in messages (relative to the workspace). */
  displayPath: string;
  /** Absolute folder of the root zarf.yaml: every relative path of `config` resolves from here. */
  dir: string;
  /** The workspace (paths in messages are shown relative to it). */
  workspace: string;
  /**
   * The folders local paths may lead into: the workspace (the definition's own folder when it lies
   * outside the workspace), then the content of skeleton imports.
   */
  roots: readonly string[];
  /** The apiVersion the root was written in. */
  apiVersion: ApiVersion;
  /** The definition as Zarf builds it: v1alpha1, imports resolved, filtered, templated. */
  config: ZarfPackageConfig;
  /** For a v1beta1 source: its resolved v1beta1 document, written after the v1alpha1 one. */
  v1beta1?: Record<string, unknown>;
  /** build.flavor */
  flavor: string;
  /** build.migrations (Zarf records them for every v1alpha1 source). */
  migrations: string[];
  /** values.schema files of imported packages (relative to `dir`), merged after the package's own. */
  importedSchemas: string[];
  warnings: DefinitionWarning[];
  /** Where the value at `path` of `config` was written (in whichever file). */
  positionOf(path: ReadonlyArray<PathSegment>): SourcePosition;
  /** Where the key of the value at `path` was written. */
  keyPositionOf(path: ReadonlyArray<PathSegment>): SourcePosition;
}

async function readDefinitionFile(file: string, workspace: string): Promise<ParsedFile> {
  const shown = displayPathOf(workspace, file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new LadingError(`cannot read ${shown}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, {
      hint: 'check that the file is readable by the runner',
      cause: e
    });
  }
  return parseFile(text, shown);
}

/** Loads, composes, filters, templates and validates the package definition. */
export async function loadPackage(opts: LoadOptions): Promise<Package> {
  const workspace = path.resolve(opts.workspace);
  const flavor = opts.flavor ?? '';
  const set = opts.set ?? {};
  const warnings: DefinitionWarning[] = [];
  const file = await locateDefinition(opts.definition, workspace);
  const dir = path.dirname(file);
  const parsed = await readDefinitionFile(file, workspace);
  const root = chooseDocument(parsed);
  // Paths may lead anywhere in the workspace; a definition outside it (generated elsewhere) keeps to its own folder.
  const boundary = isInside(workspace, file) ? workspace : dir;
  const where = { file, displayPath: parsed.displayPath, dir, workspace, boundary, flavor, warnings, apiVersion: root.apiVersion };
  const composed = root.apiVersion === V1BETA1 ? await loadV1Beta1(root, where, opts) : await loadV1Alpha1(root, where, opts, set);
  const result = asPackage(composed, where);
  if (opts.onComposed !== undefined) await opts.onComposed(result);
  const problems = await validateDefinition(result, { flavor });
  warnings.push(...problems.warnings);
  if (problems.errors.length > 0) throw new LadingErrors(problems.errors);
  return result;
}

/** The package with only the components this build keeps (their positions kept), imports not resolved. */
function filtered(data: Record<string, unknown>, architecture: string, flavor: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  sameOrigin(out, data);
  const all = Array.isArray(data['components']) ? data['components'] : [];
  const kept: unknown[] = [];
  all.forEach((c, i) => {
    if (!isCompatible(c, architecture, flavor)) return;
    take(kept, kept.length, all, i);
    kept.push(c);
  });
  out['components'] = kept;
  take(out, 'components', data, 'components');
  return out;
}

interface Place {
  file: string;
  displayPath: string;
  dir: string;
  workspace: string;
  /** The folder no path may lead out of: the workspace (or the definition's folder when it is outside). */
  boundary: string;
  flavor: string;
  warnings: DefinitionWarning[];
  apiVersion: ApiVersion;
}

function asPackage(composed: Composition, at: Place): Package {
  const pkg = composed.config;
  return {
    file: at.file,
    displayPath: at.displayPath,
    dir: at.dir,
    workspace: at.workspace,
    roots: [at.boundary, ...composed.skeletonDirs],
    apiVersion: at.apiVersion,
    config: pkg as unknown as ZarfPackageConfig,
    ...(composed.v1beta1 !== undefined ? { v1beta1: composed.v1beta1 } : {}),
    flavor: at.flavor,
    migrations: composed.migrations,
    importedSchemas: composed.importedSchemas,
    warnings: at.warnings,
    positionOf: (p) => positionAt(pkg, p),
    keyPositionOf: (p) => positionAt(pkg, p, true)
  };
}

interface Composition {
  /** The v1alpha1 definition Zarf builds from it. */
  config: Record<string, unknown>;
  v1beta1?: Record<string, unknown>;
  migrations: string[];
  importedSchemas: string[];
  skeletonDirs: string[];
}

function throwIfAny(errors: LadingError[]): void {
  if (errors.length > 0) throw new LadingErrors(sortUnique(errors));
}

/** v1alpha1: schema, migrations, imports (path and skeleton), filter, templates. */
async function loadV1Alpha1(root: ChosenDocument, at: Place, opts: LoadOptions, set: Readonly<Record<string, string>>): Promise<Composition> {
  const { dir, workspace, flavor, warnings } = at;
  // As Zarf lints it: the set values substituted in a copy; imports are resolved on the text as
  // written (a template in import.path is refused even when set), templates filled after.
  const schema = checkV1Alpha1(withProvided(root.data, set), root.document.index, { root: true });
  warnings.push(...schema.warnings);
  if (schema.errors.length > 0) {
    // All problems of the file in one run: what the later checks find in the file as written too.
    let more: LadingError[] = [];
    try {
      more = (await validateDefinition(asPackage({ config: filtered(root.data, opts.architecture, flavor), migrations: [], importedSchemas: [], skeletonDirs: [] }, at), { flavor })).errors;
    } catch {
      // data the schema refused may not be checkable further
    }
    const place = (e: LadingError): string => `${e.position?.file}:${e.position?.line}:${e.position?.col}`;
    const placed = new Set(schema.errors.map(place));
    throw new LadingErrors(sortUnique([...schema.errors, ...more.filter((e) => !placed.has(place(e)))]));
  }
  // An init package gets its one error before its imports are read (they are often not there).
  if (root.data['kind'] === 'ZarfInitConfig') throwIfAny(notBuiltErrors(root.data));
  const migrated = migrate(root.data);
  warnings.push(...migrated.warnings);

  // Each imported file is read, checked and migrated once per run, however many components import it;
  // every import gets its own copy (compose changes it), positions kept.
  const read = new Map<string, Promise<ImportedPackage>>();
  const readOnce = async (childFile: string): Promise<ImportedPackage> => {
    const childParsed = await readDefinitionFile(childFile, workspace);
    const chosen = chooseDocument(childParsed, V1ALPHA1);
    const checked = checkV1Alpha1(withProvided(chosen.data, set), chosen.document.index, { root: false });
    warnings.push(...checked.warnings);
    throwIfAny(checked.errors);
    warnings.push(...migrate(chosen.data).warnings);
    return { data: chosen.data, baseDir: path.dirname(childFile), displayPath: childParsed.displayPath };
  };
  const readPackage = async (importPath: string, position: SourcePosition): Promise<ImportedPackage> => {
    const childFile = await locateDefinition(importPath, workspace, { position, what: 'import path', boundary: at.boundary });
    let once = read.get(childFile);
    if (once === undefined) {
      once = readOnce(childFile);
      read.set(childFile, once);
    }
    const got = await once;
    return { ...got, data: copyTree(got.data) };
  };
  // Skeleton content lives outside the workspace (a cache folder): paths into it are allowed.
  const skeletonDirs: string[] = [];
  const open = opts.openSkeleton;
  const openSkeleton =
    open === undefined
      ? undefined
      : async (url: string, position: SourcePosition): Promise<ImportedSkeleton> => {
          const s = await open(url, position);
          const chosen = chooseDocument(parseFile(s.zarfYaml, `${s.reference} zarf.yaml`), V1ALPHA1);
          warnings.push(...migrate(chosen.data).warnings);
          return {
            data: chosen.data,
            componentDir: async (name) => {
              const d = await s.componentDir(name);
              skeletonDirs.push(d);
              return d;
            }
          };
        };
  const composed = await compose(root.data, dir, { architecture: opts.architecture, flavor, readPackage, ...(openSkeleton !== undefined ? { openSkeleton } : {}) });
  fillTemplates(composed.pkg, set, opts.architecture);
  return { config: composed.pkg, migrations: migrated.migrations, importedSchemas: composed.importedSchemas, skeletonDirs };
}

/**
 * v1beta1: schema, component config imports, then the v1alpha1 projection Zarf builds (the v1beta1
 * document travels too). No migrations and no create-time templates, as in Zarf.
 */
async function loadV1Beta1(root: ChosenDocument, at: Place, opts: LoadOptions): Promise<Composition> {
  const { file, workspace, flavor } = at;
  // Loaded only for a v1beta1 definition (dynamic import): building its schemas is start-up time
  // that a v1alpha1 run does not need to spend. The schemas come with compose-v1beta1 (a second
  // import of them would be a second copy in another chunk: ncc does not share chunks).
  const [{ composeV1Beta1, v1beta1PackageErrors }, { toV1Alpha1 }] = await Promise.all([import('./compose-v1beta1.js'), import('./v1beta1.js')]);
  throwIfAny(v1beta1PackageErrors(root.data, root.document.index));
  const composed = await composeV1Beta1(root.data, {
    baseDir: path.dirname(file),
    packageFile: file,
    architecture: opts.architecture,
    flavor,
    display: (p) => displayPathOf(workspace, p),
    readComponentConfig: async (abs) => {
      // A missing file or a folder: the fs error goes to composeV1Beta1, which reports it at the line
      // that named it (locateDefinition would report it without a line).
      if ((await stat(abs)).isDirectory()) throw Object.assign(new Error(`EISDIR: ${abs} is a directory`), { code: 'EISDIR' });
      const configFile = await locateDefinition(abs, workspace, { what: 'component config', boundary: at.boundary });
      const parsed = await readDefinitionFile(configFile, workspace);
      const chosen = chooseDocument(parsed);
      return { data: chosen.data, displayPath: parsed.displayPath, index: chosen.document.index };
    }
  });
  const v1beta1 = composed.pkg;
  return { config: toV1Alpha1(v1beta1), v1beta1, migrations: [], importedSchemas: composed.importedSchemas.map((p) => p.path), skeletonDirs: [] };
}
