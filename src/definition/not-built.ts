/**
 * What `zarf package create` does that Lading does not do yet, each refused with one line naming the
 * field at the line that wrote it (through imports and migrations): git `repos`, init packages (out
 * of scope: Zarf builds them), and in onCreate actions what only the zarf binary does: a command
 * calling `./zarf ` (Zarf puts its own path there; Lading brings no zarf binary) and a
 * `wait.cluster` (Lading talks to no cluster).
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
        const list = Array.isArray(onCreate[l]) ? (onCreate[l] as unknown[]) : [];
        list.forEach((a, j) => {
          if (!isRecord(a)) return;
          const ap: PathSegment[] = [...base, 'actions', 'onCreate', l, j];
          if (typeof a['cmd'] === 'string' && a['cmd'].includes('./zarf ')) {
            errors.push(
              new LadingError(`${formatPath([...ap, 'cmd'])} calls ./zarf, and Lading brings no zarf binary`, {
                hint: `install zarf in a step before this one and call it as \`zarf\` (found on PATH), ${ZARF_CLI}`,
                position: positionAt(pkg, [...ap, 'cmd'])
              })
            );
          }
          if (isRecord(a['wait']) && a['wait']['cluster'] !== undefined && a['wait']['cluster'] !== null) {
            refuse([...ap, 'wait', 'cluster'], 'Lading talks to no cluster while it builds', `wait in a step before this one, ${ZARF_CLI}`);
          }
        });
      }
    }
    if (nonEmptyList(c['repos'])) refuse([...base, 'repos'], 'git repositories are not packaged', `remove it, ${ZARF_CLI}`);
  });
  return errors;
}
