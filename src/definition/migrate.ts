/**
 * Zarf's v1alpha1 migrations of deprecated fields, applied to every v1alpha1 document as it is
 * decoded (the root zarf.yaml, each imported file, each skeleton), as Zarf applies them:
 *
 * - `scripts-to-actions`: a component's `scripts.prepare` is appended to `actions.onCreate.before`,
 *   `scripts.before` / `scripts.after` to `actions.onDeploy.before` / `.after`, and the `defaults` of
 *   each set that received commands are REPLACED by `{mute: !showOutput, maxTotalSeconds:
 *   timeoutSeconds, maxRetries: 10000 if retry}` (zero values left out, as Zarf writes them).
 * - `pluralize-set-variable`: an action with `setVariable: X` and no `setVariables` gains
 *   `setVariables: [{name: X}]`.
 * The deprecated fields stay (Zarf writes both), unless the document's `build.migrations` already
 * lists the migration (a built package, a skeleton): then they are removed instead of migrated.
 * `metadata.yolo`, `group` and `dataInjections` are only warned about.
 *
 * Objects created here get origins pointing at the deprecated lines they came from, so a later error
 * about a migrated action (an onCreate command Lading does not run) points at the `scripts` line.
 */
import type { SourcePosition } from '../errors.js';
import { isContainer, locate, positionAt, positionIn, take } from './origin.js';
import type { PathSegment } from './positions.js';

export const SCRIPTS_TO_ACTIONS = 'scripts-to-actions';
export const PLURALIZE_SET_VARIABLE = 'pluralize-set-variable';
/** What Zarf records in build.migrations for every v1alpha1 source, in its order. */
export const MIGRATIONS: readonly string[] = [SCRIPTS_TO_ACTIONS, PLURALIZE_SET_VARIABLE];

/** `retry: true` meant retry forever; Zarf caps the migrated value at this. */
const LEGACY_SCRIPTS_MAX_RETRIES = 10000;

const ACTION_SETS = ['onCreate', 'onDeploy', 'onRemove'] as const;
const ACTION_LISTS = ['before', 'after', 'onSuccess', 'onFailure'] as const;

export interface MigrationWarning {
  message: string;
  position?: SourcePosition;
}

export interface MigrationResult {
  /** The migrations to record in build.migrations (Zarf records both for every v1alpha1 source). */
  migrations: string[];
  /** One line each, with the position of the deprecated field. */
  warnings: MigrationWarning[];
}

type Rec = Record<string, unknown>;

function isRecord(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `container` (new) stands for `source[key]`: every position asked of it is that one's. */
function standsFor(container: object, source: object, key?: PathSegment): void {
  if (positionIn(source) === undefined) return;
  locate(container, () => positionIn(source, key) ?? positionIn(source) ?? { file: '', line: 1, col: 1 });
}

/** `parent[key]` as a record, created (located at `origin`) when missing. */
function childRecord(parent: Rec, key: string, origin: [object, PathSegment]): Rec {
  const existing = parent[key];
  if (isRecord(existing)) return existing;
  const created: Rec = {};
  standsFor(created, origin[0], origin[1]);
  parent[key] = created;
  take(parent, key, origin[0], origin[1]);
  return created;
}

/** `parent[key]` as a list, created (located at `origin`) when missing. */
function childList(parent: Rec, key: string, origin: [object, PathSegment]): unknown[] {
  const existing = parent[key];
  if (Array.isArray(existing)) return existing;
  const created: unknown[] = [];
  standsFor(created, origin[0], origin[1]);
  parent[key] = created;
  take(parent, key, origin[0], origin[1]);
  return created;
}

function strings(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.length > 0 ? (v.filter((s) => typeof s === 'string') as string[]) : undefined;
}

/** Zarf's scripts -> actions for one component; true when it had scripts to migrate. */
function scriptsToActions(component: Rec): boolean {
  const scripts = component['scripts'];
  if (!isRecord(scripts)) return false;
  const moves: Array<[string, 'onCreate' | 'onDeploy', 'before' | 'after']> = [
    ['prepare', 'onCreate', 'before'],
    ['before', 'onDeploy', 'before'],
    ['after', 'onDeploy', 'after']
  ];
  let migrated = false;
  for (const [from, set, list] of moves) {
    const cmds = strings(scripts[from]);
    if (cmds === undefined) continue;
    migrated = true;
    const source = scripts[from] as unknown[];
    const actions = childRecord(component, 'actions', [component, 'scripts']);
    const actionSet = childRecord(actions, set, [scripts, from]);
    // Replaced, not merged; all-zero defaults are what Zarf leaves out of the file.
    const defaults = scriptDefaults(scripts);
    if (Object.keys(defaults).length > 0) {
      actionSet['defaults'] = defaults;
      take(actionSet, 'defaults', component, 'scripts');
    } else delete actionSet['defaults'];
    const target = childList(actionSet, list, [scripts, from]);
    source.forEach((cmd, i) => {
      if (typeof cmd !== 'string') return;
      const action: Rec = { cmd };
      standsFor(action, source, i);
      take(action, 'cmd', source, i);
      take(target, target.length, source, i);
      target.push(action);
    });
  }
  return migrated;
}

/** The action defaults Zarf derives from a scripts block (zero values omitted, as Zarf writes them). */
function scriptDefaults(scripts: Rec): Rec {
  const defaults: Rec = {};
  standsFor(defaults, scripts);
  if (scripts['showOutput'] !== true) {
    defaults['mute'] = true;
    take(defaults, 'mute', scripts, 'showOutput');
  }
  const timeout = scripts['timeoutSeconds'];
  if (typeof timeout === 'number' && timeout !== 0) {
    defaults['maxTotalSeconds'] = timeout;
    take(defaults, 'maxTotalSeconds', scripts, 'timeoutSeconds');
  }
  if (scripts['retry'] === true) {
    defaults['maxRetries'] = LEGACY_SCRIPTS_MAX_RETRIES;
    take(defaults, 'maxRetries', scripts, 'retry');
  }
  return defaults;
}

/** Every action object of a component, with its set and list. */
function eachAction(component: Rec, f: (action: Rec, path: PathSegment[]) => void): void {
  const actions = component['actions'];
  if (!isRecord(actions)) return;
  for (const set of ACTION_SETS) {
    const s = actions[set];
    if (!isRecord(s)) continue;
    for (const list of ACTION_LISTS) {
      const l = s[list];
      if (!Array.isArray(l)) continue;
      l.forEach((a, i) => {
        if (isRecord(a)) f(a, ['actions', set, list, i]);
      });
    }
  }
}

/** Zarf's setVariable -> setVariables; the path of the first action migrated, if any. */
function pluralizeSetVariable(component: Rec): PathSegment[] | undefined {
  let first: PathSegment[] | undefined;
  eachAction(component, (action, path) => {
    const name = action['setVariable'];
    if (typeof name !== 'string' || name === '') return;
    const existing = action['setVariables'];
    if (Array.isArray(existing) && existing.length > 0) return;
    const variable: Rec = { name };
    standsFor(variable, action, 'setVariable');
    take(variable, 'name', action, 'setVariable');
    const list = [variable];
    standsFor(list, action, 'setVariable');
    take(list, 0, action, 'setVariable');
    action['setVariables'] = list;
    take(action, 'setVariables', action, 'setVariable');
    first ??= [...path, 'setVariable'];
  });
  return first;
}

/**
 * Applies Zarf's v1alpha1 migrations to `doc` (mutated in place). Returns the migrations Zarf records
 * for it and its deprecation warnings. Data that is not shaped as expected is left for validation.
 */
export function migrate(doc: Record<string, unknown>): MigrationResult {
  const warnings: MigrationWarning[] = [];
  const build = doc['build'];
  const done = isRecord(build) && Array.isArray(build['migrations']) ? (build['migrations'] as unknown[]) : [];
  const at = (path: PathSegment[]): SourcePosition | undefined => (isContainer(doc) && positionIn(doc) !== undefined ? positionAt(doc, path, true) : undefined);
  const warn = (message: string, path: PathSegment[]): void => {
    const position = at(path);
    warnings.push(position === undefined ? { message } : { message, position });
  };

  const metadata = doc['metadata'];
  if (isRecord(metadata) && metadata['yolo'] === true) {
    warn('metadata.yolo is deprecated and will be removed in the next schema version. Use --connected when running zarf package deploy instead.', ['metadata', 'yolo']);
  }

  const components = Array.isArray(doc['components']) ? (doc['components'] as unknown[]) : [];
  components.forEach((c, i) => {
    if (!isRecord(c)) return;
    const base: PathSegment[] = ['components', i];
    const name = typeof c['name'] === 'string' ? c['name'] : `#${i}`;

    if (done.includes(SCRIPTS_TO_ACTIONS)) delete c['scripts'];
    else if (scriptsToActions(c)) {
      warn(`Component '${name}' is using scripts which will be removed in the next schema version. Please migrate to actions.`, [...base, 'scripts']);
    }

    if (done.includes(PLURALIZE_SET_VARIABLE)) eachAction(c, (a) => delete a['setVariable']);
    else {
      const first = pluralizeSetVariable(c);
      if (first !== undefined) {
        warn(`Component '${name}' is using setVariable in actions which will be removed in the next schema version. Please migrate to the list form of setVariables.`, [...base, ...first]);
      }
    }

    if (typeof c['group'] === 'string' && c['group'] !== '') {
      warn(`Component ${name} is using group which has been deprecated and will be removed in the next schema version. Please migrate to another solution.`, [...base, 'group']);
    }
    if (Array.isArray(c['dataInjections']) && c['dataInjections'].length > 0) {
      warn(`Component ${name} is using data injections which has been deprecated and will be removed in the next schema version. Please migrate to another solution.`, [...base, 'dataInjections']);
    }
  });

  return { migrations: [...MIGRATIONS], warnings };
}
