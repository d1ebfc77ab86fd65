/**
 * Validate: the composed, filtered, templated definition checked as a whole before anything is
 * fetched, every problem at its line of the file that wrote it: Zarf's package rules (validate.ts),
 * image references, local paths (inside the workspace, existing, no symbolic link leading out) and
 * what can be known of files, manifests and charts without the network (package/components/checks).
 * When the package has onCreate actions, a local path that does not exist yet is not refused here:
 * an action may create it, and it is looked for after the actions ran.
 */
import { LadingError } from '../errors.js';
import { OciError } from '../oci/errors.js';
import { Reference } from '../oci/reference.js';
import { componentContentErrors } from '../package/components/checks.js';
import { MissingLocalPath, resolveLocalPath } from '../package/components/paths.js';
import { hasCreateActions } from './create-actions.js';
import type { DefinitionWarning, Package } from './index.js';
import { isObj, type Obj } from './data.js';
import { displayPathOf } from './locate.js';
import { oneLine } from './parse.js';
import { formatPath, type PathSegment } from './positions.js';
import { validatePackage } from './validate.js';


export interface ValidateOptions {
  flavor: string;
}

export async function validateDefinition(pkg: Package, opts: ValidateOptions): Promise<{ errors: LadingError[]; warnings: DefinitionWarning[] }> {
  const data = pkg.config as unknown as Obj;
  const warnings: DefinitionWarning[] = [];
  const errors: LadingError[] = [...validatePackage(data)];
  const components = Array.isArray(data['components']) ? (data['components'] as unknown[]) : [];
  if (opts.flavor !== '' && !components.some((c) => isObj(c) && isObj(c['only']) && c['only']['flavor'] === opts.flavor)) {
    warnings.push({ message: `flavor "${opts.flavor}" is not used by any component of ${pkg.displayPath}: the package is built without flavored components` });
  }
  const roots = pkg.roots;
  // onCreate actions may create what the components name (a file, a chart folder, an image archive):
  // a missing path is then looked for again after the actions ran (collection, image archives).
  const deferMissing = hasCreateActions(data);
  const display = (abs: string): string => displayPathOf(pkg.workspace, abs);
  const checks: Array<Promise<LadingError | undefined>> = [];
  components.forEach((c, i) => {
    if (!isObj(c)) return;
    if (Array.isArray(c['images'])) errors.push(...referenceErrors(c['images'], ['components', i, 'images'], pkg));
    if (!Array.isArray(c['imageArchives'])) return;
    c['imageArchives'].forEach((a, k) => {
      if (!isObj(a)) return;
      if (Array.isArray(a['images'])) errors.push(...referenceErrors(a['images'], ['components', i, 'imageArchives', k, 'images'], pkg));
      const p: PathSegment[] = ['components', i, 'imageArchives', k, 'path'];
      if (typeof a['path'] === 'string' && a['path'] !== '') {
        checks.push(
          resolveLocalPath(a['path'], formatPath(p), pkg.positionOf(p), { dir: pkg.dir, roots, display }, 'the archive').then((r) =>
            r instanceof LadingError && !(deferMissing && r instanceof MissingLocalPath) ? r : undefined
          )
        );
      }
    });
  });
  errors.push(...(await Promise.all(checks)).filter((e): e is LadingError => e !== undefined));
  errors.push(
    ...(await componentContentErrors(data, {
      dir: pkg.dir,
      roots,
      display,
      positionOf: (p) => pkg.positionOf(p),
      keyPositionOf: (p) => pkg.keyPositionOf(p),
      deferMissing
    }))
  );
  return { errors: sortUnique(errors), warnings };
}

function referenceErrors(list: unknown[], base: PathSegment[], pkg: Package): LadingError[] {
  const errors: LadingError[] = [];
  list.forEach((ref, j) => {
    if (typeof ref !== 'string') return; // the schema reports it
    try {
      Reference.parse(ref);
    } catch (e) {
      const p = [...base, j];
      const message = e instanceof Error ? oneLine(e.message) : String(e);
      const hint = e instanceof OciError ? e.hint : undefined;
      errors.push(
        new LadingError(`${formatPath(p)}: ${message}`, {
          hint: hint ?? 'write it as [registry/]repository[:tag][@sha256:<64 hex>]',
          position: pkg.positionOf(p),
          cause: e
        })
      );
    }
  });
  return errors;
}

/** One error per place and message, in file order then line order. */
export function sortUnique(errors: LadingError[]): LadingError[] {
  const seen = new Set<string>();
  const out: LadingError[] = [];
  for (const e of errors) {
    const key = `${e.position?.file}:${e.position?.line}:${e.position?.col}:${e.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out.sort(
    (a, b) =>
      (a.position?.file ?? '').localeCompare(b.position?.file ?? '') ||
      (a.position?.line ?? 0) - (b.position?.line ?? 0) ||
      (a.position?.col ?? 0) - (b.position?.col ?? 0)
  );
}
