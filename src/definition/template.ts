/**
 * Create-time templates (zarf.dev/v1alpha1), as `zarf package create --set` fills them
 * (src/pkg/packager/load/load.go fillActiveTemplate; ZARF-CREATE.md §4):
 * - `###ZARF_COMPONENT_NAME###` becomes the name of the component it is written in;
 * - `###ZARF_PKG_TMPL_<KEY>###` (and the deprecated `###ZARF_PKG_VAR_<KEY>###`) become the value set
 *   for KEY (`set` input, keys upper-cased); one left unset is an error at its line;
 * - `###ZARF_PKG_ARCH###` becomes the package architecture.
 * Every string of the composed definition is filled, imports included; file contents are not.
 * Deploy-time templates (`###ZARF_VAR_…###`, `###ZARF_CONST_…###`) are left for deploy.
 * Values are filled in place, so every value keeps its line.
 */
import { LadingError, LadingErrors } from '../errors.js';
import { copyTree, isContainer, positionIn } from './origin.js';
import { formatPath, type PathSegment } from './positions.js';

export const PKG_TEMPLATE = /###ZARF_PKG_(TMPL|VAR)_([A-Z0-9_]+)###/g;
const COMPONENT_NAME = '###ZARF_COMPONENT_NAME###';
const PKG_ARCH = '###ZARF_PKG_ARCH###';

type Visit = (value: string, container: object, key: PathSegment, path: PathSegment[]) => string;

/** Calls `visit` on every string value (and mapping key) under `node`; replaces it by the result. */
function walkStrings(node: unknown, path: PathSegment[], visit: Visit): void {
  if (Array.isArray(node)) {
    node.forEach((v, i) => {
      if (typeof v === 'string') node[i] = visit(v, node, i, [...path, i]);
      else walkStrings(v, [...path, i], visit);
    });
    return;
  }
  if (!isContainer(node)) return;
  const o = node as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    const v = o[key];
    if (typeof v === 'string') o[key] = visit(v, o, key, [...path, key]);
    else walkStrings(v, [...path, key], visit);
    if (key.includes('###')) {
      const renamed = visit(key, o, key, [...path, key]);
      if (renamed !== key) {
        Object.defineProperty(o, renamed, { value: o[key], enumerable: true, writable: true, configurable: true });
        delete o[key];
      }
    }
  }
}

/** Parses the `set` input: one `KEY=value` a line (keys upper-cased, as Zarf reads --set). */
export function parseSetInput(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq < 0 ? '' : line.slice(0, eq).trim();
    if (eq < 0 || !/^[A-Za-z0-9_]+$/.test(key)) {
      throw new LadingError(`input set, line ${i + 1}: "${line.length > 60 ? `${line.slice(0, 60)}...` : line}" is not NAME=value`, {
        hint: 'give one NAME=value a line, NAME of letters, digits and "_" (as zarf package create --set NAME=value)'
      });
    }
    out[key.toUpperCase()] = line.slice(eq + 1);
  });
  return out;
}

/** Fills the create-time templates of `pkg` in place. Throws every template left unset, at its line. */
export function fillTemplates(pkg: Record<string, unknown>, set: Readonly<Record<string, string>>, architecture: string): void {
  const components = Array.isArray(pkg['components']) ? pkg['components'] : [];
  components.forEach((c, i) => {
    const name = isContainer(c) ? (c as Record<string, unknown>)['name'] : undefined;
    if (typeof name === 'string') walkStrings(c, ['components', i], (v) => (v.includes(COMPONENT_NAME) ? v.split(COMPONENT_NAME).join(name) : v));
  });
  const missing = new Map<string, LadingError>();
  walkStrings(pkg, [], (v, container, key, path) => {
    if (!v.includes('###')) return v;
    const filled = v.replace(PKG_TEMPLATE, (whole, _kind: string, name: string) => {
      const value = set[name];
      if (value !== undefined) return value;
      if (!missing.has(name)) {
        missing.set(
          name,
          new LadingError(`template ${whole} in ${formatPath(path)} is not set`, {
            hint: `set it with the set input, one NAME=value a line: ${name}=<value> (zarf package create --set ${name}=<value>)`,
            position: positionIn(container, key) ?? { file: '', line: 1, col: 1 }
          })
        );
      }
      return whole;
    });
    return filled.split(PKG_ARCH).join(architecture);
  });
  if (missing.size > 0) throw new LadingErrors([...missing.values()]);
}

/**
 * A copy of `data` with only the provided values filled, for a file's schema check (Zarf lints the
 * text with the set values substituted, but composes the definition as written).
 */
export function withProvided<T>(data: T, set: Readonly<Record<string, string>>): T {
  if (Object.keys(set).length === 0) return data;
  const copy = copyTree(data);
  walkStrings(copy, [], (v) => (v.includes('###') ? v.replace(PKG_TEMPLATE, (whole, _k: string, name: string) => set[name] ?? whole) : v));
  return copy;
}
