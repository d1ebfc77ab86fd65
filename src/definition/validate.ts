/**
 * Zarf's validation of a package definition once it is composed, filtered and templated (Zarf's
 * `src/internal/api/v1alpha1/validate.go`, plus the name patterns of its schema, which Zarf checks
 * only on the root file but which hold for what imports bring in too). Every problem is one
 * LadingError naming the field, with a hint and the position of the line that wrote it (through
 * imports and migrations, by src/definition/origin.ts).
 *
 * What Lading does not build yet is in not-built.ts; checks that need the file system (paths,
 * file names inside the package, URL schemes) are in src/package/components/checks.ts.
 */
import { LadingError } from '../errors.js';
import { notBuiltErrors } from './not-built.js';
import { positionAt } from './origin.js';
import { formatPath, type PathSegment } from './positions.js';

/** Zarf's package and component name pattern. */
export const NAME_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
/** Zarf's variable, constant and setVariable name pattern. */
export const VARIABLE_NAME_PATTERN = /^[A-Z0-9_]+$/;
/** Zarf's limit for chart and manifest names (they become Helm release names, with a prefix). */
export const MAX_NAME_LENGTH = 40;

const NAME_TEXT = 'lowercase letters, digits and "-", starting with a letter or digit (e.g. my-app)';
const VARIABLE_TEXT = 'uppercase letters, digits and "_" (e.g. MY_VAR)';
const ACTION_SETS = ['onCreate', 'onDeploy', 'onRemove'] as const;
const ACTION_LISTS = ['before', 'after', 'onSuccess', 'onFailure'] as const;

type Rec = Record<string, unknown>;

function isRecord(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Zarf reads an empty string as "not set". */
function given(v: unknown): v is string {
  return typeof v === 'string' && v !== '';
}

function shorten(s: string, max = 80): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Collects errors against one package, each at the position of its path. */
class Problems {
  readonly errors: LadingError[] = [];
  constructor(private readonly pkg: Rec) {}

  /** An error about the value at `path` (keyOnly: at the key written for it). */
  add(path: PathSegment[], message: string, hint: string, keyOnly = false): void {
    this.errors.push(new LadingError(message, { hint, position: positionAt(this.pkg, path, keyOnly) }));
  }
}

/**
 * Every validation error of a composed, filtered, templated v1alpha1 package: Zarf's rules and what
 * Lading does not build yet. An init package (`kind: ZarfInitConfig`) gets that one error only.
 */
export function validatePackage(pkg: Record<string, unknown>): LadingError[] {
  const notBuilt = notBuiltErrors(pkg);
  if (pkg['kind'] === 'ZarfInitConfig') return notBuilt;
  const p = new Problems(pkg);
  packageRules(pkg, p);
  components(pkg).forEach((c, i) => {
    if (c === undefined) return;
    const base: PathSegment[] = ['components', i];
    actionRules(c, base, p);
    chartRules(c, base, p);
    manifestRules(c, base, p);
  });
  return [...p.errors, ...notBuilt];
}

/**
 * Zarf's rules for charts and manifests alone (names, namespace, source, version, release name,
 * values paths, manifest content). Part of validatePackage; exported for the loader of a single file.
 */
export function chartManifestErrors(pkg: Record<string, unknown>): LadingError[] {
  const p = new Problems(pkg);
  components(pkg).forEach((c, i) => {
    if (c === undefined) return;
    chartRules(c, ['components', i], p);
    manifestRules(c, ['components', i], p);
  });
  return p.errors;
}

/** The components as records (undefined where an entry is not a mapping: the schema reports it). */
function components(pkg: Rec): Array<Rec | undefined> {
  return list(pkg['components']).map((c) => (isRecord(c) ? c : undefined));
}

// ---- Package: names, variables, constants, components, groups, YOLO -------------------------------

function packageRules(pkg: Rec, p: Problems): void {
  const metadata = isRecord(pkg['metadata']) ? pkg['metadata'] : {};
  const name = metadata['name'];
  if (typeof name === 'string' && !NAME_PATTERN.test(name)) {
    p.add(['metadata', 'name'], `metadata.name "${shorten(name)}" must be ${NAME_TEXT}`, 'rename the package: it becomes part of the package file and OCI reference');
  }

  for (const field of ['variables', 'constants'] as const) {
    list(pkg[field]).forEach((v, i) => {
      if (!isRecord(v) || typeof v['name'] !== 'string' || VARIABLE_NAME_PATTERN.test(v['name'])) return;
      p.add([field, i, 'name'], `${field}[${i}].name "${shorten(v['name'])}" must be ${VARIABLE_TEXT}`, `rename it; templates refer to it as ###ZARF_${field === 'variables' ? 'VAR' : 'CONST'}_<NAME>###`);
    });
  }
  list(pkg['constants']).forEach((v, i) => {
    if (isRecord(v)) constantPattern(v, i, p);
  });

  const all = components(pkg);
  if (all.length === 0 && Array.isArray(pkg['components'])) {
    p.add(['components'], 'the package has no components for this flavor and architecture', 'check only.flavor and only.cluster.architecture of the components against the flavor and architecture of this build', true);
  }

  const yolo = isRecord(pkg['metadata']) && pkg['metadata']['yolo'] === true;
  const names = new Map<string, number>();
  const groups = new Map<string, { members: number[]; defaultAt?: number }>();
  all.forEach((c, i) => {
    if (c === undefined) return;
    const base: PathSegment[] = ['components', i];
    const cname = c['name'];
    if (typeof cname === 'string') {
      if (!NAME_PATTERN.test(cname)) p.add([...base, 'name'], `components[${i}].name "${shorten(cname)}" must be ${NAME_TEXT}`, 'rename the component: its name names its tar in the package');
      const first = names.get(cname);
      if (first !== undefined) {
        p.add([...base, 'name'], `components[${i}].name "${shorten(cname)}" is already used by components[${first}]`, 'give each component a unique name (components of one name are allowed only when filtering keeps one of them)');
      } else names.set(cname, i);
    }
    const group = c['group'];
    if (c['required'] === true) {
      if (c['default'] === true) p.add([...base, 'default'], `components[${i}] cannot be both required and default`, 'remove "default: true": a required component is always deployed', true);
      if (given(group)) p.add([...base, 'group'], `components[${i}] cannot be both required and in a group`, 'remove group (deprecated) or required: a group offers a choice, a required component is always deployed', true);
    }
    if (given(group)) {
      const g = groups.get(group) ?? { members: [] };
      g.members.push(i);
      if (c['default'] === true) {
        if (g.defaultAt !== undefined) {
          p.add([...base, 'default'], `components[${i}] is a second default of group "${shorten(group)}" (components[${g.defaultAt}] is the first)`, 'keep "default: true" on one component of the group', true);
        } else g.defaultAt = i;
      }
      groups.set(group, g);
    }
    if (yolo) yoloRules(c, base, p);
  });
  for (const [group, g] of groups) {
    const only = g.members[0];
    if (g.members.length === 1 && only !== undefined) {
      p.add(['components', only, 'group'], `components[${only}].group "${shorten(group)}" has only one component`, 'a group is a choice between components: add another component to it, or remove group (deprecated; only.flavor replaces it)');
    }
  }
}

/** Zarf refuses a constant whose value does not match its pattern when the package is created. */
function constantPattern(c: Rec, i: number, p: Problems): void {
  const pattern = c['pattern'];
  if (!given(pattern)) return;
  const value = typeof c['value'] === 'string' ? c['value'] : '';
  const re = goRegExp(pattern);
  if (re === undefined) {
    p.add(['constants', i, 'pattern'], `constants[${i}].pattern "${shorten(pattern)}" is not a valid regular expression`, 'fix the pattern (Go RE2 syntax, as Zarf reads it)');
  } else if (!re.test(value)) {
    p.add(['constants', i, 'value'], `constants[${i}].value: provided value for constant ${String(c['name'])} does not match pattern ${pattern}`, 'change the value (or the pattern): Zarf checks it when the package is created');
  }
}

/** A Go (RE2) pattern as a JavaScript RegExp: a leading `(?flags)` becomes flags; unanchored, as Go's MatchString. */
function goRegExp(pattern: string): RegExp | undefined {
  const m = /^\(\?([imsU]+)\)/.exec(pattern);
  const flags = m?.[1] === undefined ? '' : [...new Set(m[1].replace('U', ''))].join('');
  try {
    return new RegExp(m === null ? pattern : pattern.slice(m[0].length), flags);
  } catch {
    return undefined;
  }
}

/** A YOLO package deploys without Zarf's registry and git server: nothing may need them. */
function yoloRules(c: Rec, base: PathSegment[], p: Problems): void {
  const hint = 'remove it, or remove metadata.yolo: a YOLO package deploys without the Zarf registry and git server';
  const i = base[1] as number;
  for (const field of ['images', 'imageArchives'] as const) {
    if (list(c[field]).length > 0) p.add([...base, field], `components[${i}].${field}: OCI images are not allowed in a YOLO package (metadata.yolo: true)`, hint, true);
  }
  if (list(c['repos']).length > 0) p.add([...base, 'repos'], `components[${i}].repos: git repos are not allowed in a YOLO package (metadata.yolo: true)`, hint, true);
  const cluster = isRecord(c['only']) && isRecord(c['only']['cluster']) ? c['only']['cluster'] : {};
  if (given(cluster['architecture'])) {
    p.add([...base, 'only', 'cluster', 'architecture'], `components[${i}].only.cluster.architecture is not allowed in a YOLO package (metadata.yolo: true)`, hint, true);
  }
  if (list(cluster['distros']).length > 0) {
    p.add([...base, 'only', 'cluster', 'distros'], `components[${i}].only.cluster.distros is not allowed in a YOLO package (metadata.yolo: true)`, hint, true);
  }
}

// ---- Actions --------------------------------------------------------------------------------------

function actionRules(c: Rec, base: PathSegment[], p: Problems): void {
  const actions = c['actions'];
  if (!isRecord(actions)) return;
  for (const set of ACTION_SETS) {
    const s = actions[set];
    if (!isRecord(s)) continue;
    for (const l of ACTION_LISTS) {
      list(s[l]).forEach((a, j) => {
        if (!isRecord(a)) return;
        const ap: PathSegment[] = [...base, 'actions', set, l, j];
        const where = formatPath(ap);
        if (set !== 'onDeploy' && list(a['setVariables']).length > 0) {
          p.add([...ap, 'setVariables'], `${where}.setVariables: actions cannot set variables outside of onDeploy`, 'move the action to onDeploy, or remove setVariables (setVariable)', true);
        }
        if (set === 'onCreate' && list(a['setValues']).length > 0) {
          // Zarf's v1beta1 rule; a v1alpha1 onCreate action has no values to set at create either.
          p.add([...ap, 'setValues'], `${where}.setValues: setValues is not supported in onCreate actions`, 'move the action to onDeploy, or remove setValues', true);
        }
        if (set === 'onCreate' && a['template'] === true) {
          p.add([...ap, 'template'], `${where}.template: templating is not supported in onCreate actions`, 'remove "template: true"', true);
        }
        list(a['setVariables']).forEach((v, k) => {
          if (!isRecord(v) || typeof v['name'] !== 'string' || VARIABLE_NAME_PATTERN.test(v['name'])) return;
          p.add([...ap, 'setVariables', k, 'name'], `${where}.setVariables[${k}].name "${shorten(v['name'])}" must be ${VARIABLE_TEXT}`, 'rename it; later actions and templates refer to it as ZARF_VAR_<NAME>');
        });
        const wait = a['wait'];
        if (wait === undefined || wait === null) return;
        if (given(a['cmd'])) {
          p.add([...ap, 'wait'], `${where} cannot be both a command and a wait action`, 'split it into two actions: one with cmd, one with wait', true);
        }
        const w = isRecord(wait) ? wait : {};
        const kinds = ['cluster', 'network'].filter((k) => w[k] !== undefined && w[k] !== null);
        if (kinds.length !== 1) {
          p.add([...ap, 'wait'], `${where}.wait must have exactly one of cluster or network${kinds.length === 2 ? ', not both' : ''}`, 'wait for one thing per action: a cluster resource (cluster:) or an address (network:)', true);
        }
      });
    }
  }
}

// ---- Charts ---------------------------------------------------------------------------------------

const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_MAX = 63;

function chartRules(c: Rec, base: PathSegment[], p: Problems): void {
  const names = new Map<string, number>();
  list(c['charts']).forEach((ch, j) => {
    if (!isRecord(ch)) return;
    const cp: PathSegment[] = [...base, 'charts', j];
    const where = formatPath(cp);
    const name = ch['name'];
    if (typeof name === 'string') {
      if (name.length > MAX_NAME_LENGTH) {
        p.add([...cp, 'name'], `${where}.name is too long (${name.length}): Zarf's limit is ${MAX_NAME_LENGTH}`, "shorten it; the chart's own name goes in repoName when it differs");
      }
      const first = names.get(name);
      if (first !== undefined) p.add([...cp, 'name'], `${where}.name "${shorten(name)}" is already used by charts[${first}] of this component`, 'give each chart a unique name');
      else names.set(name, j);
    }
    const url = ch['url'];
    const local = ch['localPath'];
    if (!given(local) && !given(ch['version'])) {
      p.add(cp, `${where}.version is required`, 'add the chart version (e.g. version: 1.2.3): Zarf finds the chart in its repository by it');
    }
    if (!given(ch['namespace'])) p.add(cp, `${where}.namespace is required`, 'add the namespace the chart deploys to (Zarf requires one)');
    if (given(url) && given(local)) {
      p.add([...cp, 'localPath'], `${where} has both url and localPath`, 'keep one: url for a chart repository, localPath for a chart in this repository', true);
    } else if (!given(url) && !given(local)) {
      p.add(cp, `${where} has neither url nor localPath`, 'add url (oci://... or a Helm repository) or localPath (a chart folder)');
    }
    releaseName(ch, cp, p);
    list(ch['values']).forEach((v, k) => {
      if (!isRecord(v) || typeof v['sourcePath'] !== 'string') return;
      const source = v['sourcePath'];
      list(v['excludePaths']).forEach((x, m) => {
        if (typeof x !== 'string' || isPathDescendant(source, x)) return;
        const xp: PathSegment[] = [...cp, 'values', k, 'excludePaths', m];
        p.add(xp, `${formatPath(xp)} "${shorten(x)}" is not under sourcePath "${shorten(source)}"`, `give a path below ${source} in dot notation (e.g. ${source === '.' ? '' : source}.image)`);
      });
    });
  });
}

/** Helm installs the chart under releaseName, or its name: either must be a DNS-1035 label. */
function releaseName(ch: Rec, cp: PathSegment[], p: Problems): void {
  const explicit = given(ch['releaseName']);
  const value = explicit ? (ch['releaseName'] as string) : typeof ch['name'] === 'string' ? ch['name'] : '';
  const field = explicit ? 'releaseName' : 'name';
  const where = formatPath([...cp, field]);
  const hint = explicit
    ? 'use lowercase letters, digits and "-", starting with a letter and ending with a letter or digit, at most 63 characters'
    : 'set releaseName: (lowercase letters, digits and "-", starting with a letter), or rename the chart that way';
  if (value === '') {
    if (typeof ch['name'] === 'string') p.add([...cp, 'name'], `${where} is empty: the chart has no Helm release name`, 'give the chart a name');
    return;
  }
  const why: string[] = [];
  if (value.length > DNS1035_MAX) why.push(`must be no more than ${DNS1035_MAX} characters`);
  if (!DNS1035.test(value)) why.push('must be lowercase letters, digits and "-", start with a letter and end with a letter or digit (DNS-1035)');
  if (why.length === 0) return;
  const what = explicit ? 'is not a valid Helm release name' : 'cannot be the Helm release name';
  p.add([...cp, field], `${where} "${shorten(value)}" ${what}: it ${why.join(' and ')}`, hint);
}

/** True when dot path `child` lies strictly under `parent` ("." is the root). */
function isPathDescendant(parent: string, child: string): boolean {
  if (parent === '.') return child !== '.' && child.startsWith('.');
  return child.startsWith(`${parent}.`);
}

// ---- Manifests ------------------------------------------------------------------------------------

function manifestRules(c: Rec, base: PathSegment[], p: Problems): void {
  const names = new Map<string, number>();
  list(c['manifests']).forEach((m, j) => {
    if (!isRecord(m)) return;
    const mp: PathSegment[] = [...base, 'manifests', j];
    const where = formatPath(mp);
    const name = m['name'];
    if (typeof name === 'string') {
      if (name.length > MAX_NAME_LENGTH) p.add([...mp, 'name'], `${where}.name is too long (${name.length}): Zarf's limit is ${MAX_NAME_LENGTH}`, 'shorten it');
      const first = names.get(name);
      if (first !== undefined) p.add([...mp, 'name'], `${where}.name "${shorten(name)}" is already used by manifests[${first}] of this component`, 'give each manifest set a unique name');
      else names.set(name, j);
    }
    if (list(m['files']).length === 0 && list(m['kustomizations']).length === 0) {
      p.add(Array.isArray(m['files']) ? [...mp, 'files'] : mp, `${where} has no files`, 'list the manifest files under files:');
    }
  });
}
