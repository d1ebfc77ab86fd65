/**
 * What `zarf package create` does that Lading does not do yet, each refused with one line naming the
 * field at the line that wrote it (through imports and migrations): onCreate commands (Lading runs
 * no commands), git `repos`, and init packages (out of scope: Zarf builds them).
 *
 * Fields that are only carried into the built zarf.yaml are NOT refused: onDeploy/onRemove actions,
 * onCreate onSuccess/onFailure (they never run at create), healthChecks, variables, constants,
 * values, documentation. The content Lading builds refuses its own missing parts (charts from git)
 * in src/package/components/checks.ts, in the same words.
 */
import { LadingError } from '../errors.js';
import { positionAt } from './origin.js';
import { formatPath, type PathSegment } from './positions.js';

const ZARF_CLI = 'or build this package with `zarf package create`';

type Rec = Record<string, unknown>;

function isRecord(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nonEmptyList(v: unknown): boolean {
  return Array.isArray(v) && v.length > 0;
}

/** One error per field Lading cannot build; an init package gets one error and nothing else. */
export function notBuiltErrors(pkg: Record<string, unknown>): LadingError[] {
  if (pkg['kind'] === 'ZarfInitConfig') {
    return [
      new LadingError('kind: ZarfInitConfig: init packages are out of scope for Lading', {
        hint: 'build init packages with `zarf package create`; Lading builds kind: ZarfPackageConfig',
        position: positionAt(pkg, ['kind'])
      })
    ];
  }
  const errors: LadingError[] = [];
  const refuse = (path: PathSegment[], why: string, hint: string): void => {
    errors.push(new LadingError(`${formatPath(path)} is not supported by Lading yet (${why})`, { hint, position: positionAt(pkg, path, true) }));
  };
  const components = Array.isArray(pkg['components']) ? (pkg['components'] as unknown[]) : [];
  components.forEach((c, i) => {
    if (!isRecord(c)) return;
    const base: PathSegment[] = ['components', i];
    const onCreate = isRecord(c['actions']) ? c['actions']['onCreate'] : undefined;
    if (isRecord(onCreate)) {
      for (const l of ['before', 'after'] as const) {
        if (nonEmptyList(onCreate[l])) {
          refuse([...base, 'actions', 'onCreate', l], 'onCreate actions are not run', `run the commands in a step before this one, ${ZARF_CLI}`);
        }
      }
    }
    if (nonEmptyList(c['repos'])) refuse([...base, 'repos'], 'git repositories are not packaged', `remove it, ${ZARF_CLI}`);
  });
  return errors;
}
