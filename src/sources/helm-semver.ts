/**
 * Versions and version constraints as Helm reads them for chart dependencies (Helm uses the Go
 * library Masterminds/semver v3; this follows its documented rules, written here rather than taken
 * from npm's `semver`, which reads another syntax: no commas, no `!=`, `=>` or `~>`, and other
 * pre-release rules).
 *
 * A version: `v?MAJOR(.MINOR(.PATCH)?)?(-pre)?(+build)?`, missing parts being 0. A constraint:
 * comparisons joined by `,` or spaces (all must hold) and `||` (either side), each an operator
 * (`=`, `!=`, `>`, `<`, `>=`, `=>`, `<=`, `=<`, `~`, `~>`, `^`, or none for `=`) and a version
 * that may end in a wildcard (`1.2.x`, `1.*`, `*`); `A - B` is `>= A, <= B`. A pre-release
 * version matches only where a comparison of its `||` alternative names a pre-release (as
 * Masterminds/semver v3.2 and later, which Helm 3.9+ and 4 use, read it).
 */

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  /** Pre-release identifiers (empty for a release). */
  pre: string[];
  /** The version as written. */
  original: string;
}

const VERSION = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

/** A version, or undefined when `text` is not one. */
export function parseSemver(text: string): SemVer | undefined {
  const m = VERSION.exec(text.trim());
  if (m === null) return undefined;
  const pre = m[4] !== undefined ? m[4].split('.') : [];
  // Numeric pre-release identifiers may not have leading zeros (semver 2.0.0).
  if (pre.some((p) => /^0\d+$/.test(p))) return undefined;
  return { major: Number(m[1]), minor: Number(m[2] ?? 0), patch: Number(m[3] ?? 0), pre, original: text };
}

function comparePre(a: string[], b: string[]): number {
  if (a.length === 0 && b.length === 0) return 0;
  if (a.length === 0) return 1;
  if (b.length === 0) return -1;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    if (xn && yn) return Number(x) - Number(y);
    if (xn) return -1;
    if (yn) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** Semver precedence (build metadata ignored). */
export function compareSemver(a: SemVer, b: SemVer): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch || comparePre(a.pre, b.pre);
}

type Op = '=' | '!=' | '>' | '<' | '>=' | '<=' | '~' | '^';

interface Comparison {
  op: Op;
  /** The version with wildcards and missing parts as 0. */
  v: SemVer;
  /** Which part is a wildcard or missing: the minor (`1`, `1.x`: the patch too) or the patch (`1.2`, `1.2.x`). */
  wild: 'none' | 'minor' | 'patch' | 'all';
}

const OPS: Record<string, Op> = { '': '=', '=': '=', '!=': '!=', '>': '>', '<': '<', '>=': '>=', '=>': '>=', '<=': '<=', '=<': '<=', '~': '~', '~>': '~', '^': '^' };
const PART = '(?:\\d+|[xX*])';
const CVER = `v?${PART}(?:\\.${PART})?(?:\\.${PART})?(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?`;
const OP = '(?:!=|>=|=>|<=|=<|~>|>|<|=|~|\\^)?';
const ONE = new RegExp(`^(${OP})\\s*(${CVER})$`);
const TERM = new RegExp(`(${OP})\\s*(${CVER})`, 'g');
const AND = new RegExp(`^\\s*${OP}\\s*${CVER}\\s*(?:(?:\\s+|,\\s*)${OP}\\s*${CVER}\\s*)*$`);
const HYPHEN = new RegExp(`(${CVER})\\s+-\\s+(${CVER})`, 'g');

const isWild = (p: string | undefined): boolean => p === 'x' || p === 'X' || p === '*';

function comparison(text: string): Comparison {
  const m = ONE.exec(text.trim());
  if (m === null) throw new Error(`"${text}" is not a version comparison`);
  const op = OPS[m[1] ?? ''] as Op;
  const body = (m[2] as string).replace(/^v/, '');
  const tail = /[-+].*$/.exec(body)?.[0] ?? '';
  const parts = body.slice(0, body.length - tail.length).split('.');
  const [major, minor, patch] = parts;
  let wild: Comparison['wild'] = 'none';
  let core: string;
  if (isWild(major)) {
    wild = 'all';
    core = '0.0.0';
  } else if (minor === undefined || isWild(minor)) {
    wild = 'minor';
    core = `${major}.0.0`;
  } else if (patch === undefined || isWild(patch)) {
    wild = 'patch';
    core = `${major}.${minor}.0`;
  } else {
    core = `${major}.${minor}.${patch}`;
  }
  const v = parseSemver(core + tail);
  if (v === undefined) throw new Error(`"${text}" is not a version comparison`);
  return { op, v, wild };
}

// Masterminds' flags: a wildcard or missing part makes the comparison "dirty"; `1` and `1.x` have
// a wild minor, `1.2` and `1.2.x` a wild patch; `*` is dirty with neither.
const dirty = (c: Comparison): boolean => c.wild !== 'none';
const minorWild = (c: Comparison): boolean => c.wild === 'minor';
const patchWild = (c: Comparison): boolean => c.wild === 'patch';

function tilde(v: SemVer, c: Comparison): boolean {
  if (compareSemver(v, c.v) < 0) return false;
  // ~0.0.0 (and ~*) takes everything.
  if (c.v.major === 0 && c.v.minor === 0 && c.v.patch === 0 && !minorWild(c) && !patchWild(c)) return true;
  if (v.major !== c.v.major) return false;
  return v.minor === c.v.minor || minorWild(c);
}

function caret(v: SemVer, c: Comparison): boolean {
  if (compareSemver(v, c.v) < 0) return false;
  if (c.v.major > 0 || minorWild(c)) return v.major === c.v.major;
  if (v.major > 0) return false;
  if (c.v.minor > 0 || patchWild(c)) return v.minor === c.v.minor;
  if (v.minor > 0) return false;
  return v.patch === c.v.patch;
}

function holds(v: SemVer, c: Comparison, includePre: boolean): boolean {
  if (v.pre.length > 0 && !includePre) return false;
  const cmp = compareSemver(v, c.v);
  switch (c.op) {
    case '=':
      return dirty(c) ? tilde(v, c) : cmp === 0;
    case '!=':
      if (!dirty(c)) return cmp !== 0;
      if (v.major !== c.v.major) return true;
      if (minorWild(c)) return false;
      if (v.minor !== c.v.minor) return true;
      if (patchWild(c)) return v.pre.length + c.v.pre.length > 0 && comparePre(v.pre, c.v.pre) !== 0;
      return cmp !== 0;
    case '>':
      if (!dirty(c)) return cmp > 0;
      if (v.major !== c.v.major) return v.major > c.v.major;
      if (minorWild(c)) return false;
      if (patchWild(c)) return v.minor > c.v.minor;
      return cmp > 0;
    case '<':
      return cmp < 0;
    case '>=':
      return cmp >= 0;
    case '<=':
      if (!dirty(c)) return cmp <= 0;
      if (v.major > c.v.major) return false;
      return !(v.major === c.v.major && v.minor > c.v.minor && !minorWild(c));
    case '~':
      return tilde(v, c);
    case '^':
      return caret(v, c);
  }
}

export interface Constraint {
  /** As written. */
  text: string;
  matches(v: SemVer): boolean;
}

/** Parses a constraint; throws an Error saying what is wrong. An empty constraint takes any release. */
export function parseConstraint(text: string): Constraint {
  const rewritten = text.replace(HYPHEN, (_all, a: string, b: string) => `>= ${a}, <= ${b}`);
  const alternatives = rewritten.split('||').map((part) => {
    // An empty range takes any release (Helm refuses it since Masterminds/semver v3.2; kept lenient).
    if (part.trim() === '') return [comparison('*')];
    if (!AND.test(part)) throw new Error(`"${text}" is not a version constraint`);
    return [...part.matchAll(TERM)].filter((m) => m[0].trim() !== '').map((m) => comparison(m[0]));
  });
  const withPre = alternatives.map((all) => all.some((c) => c.v.pre.length > 0));
  return { text, matches: (v) => alternatives.some((all, i) => all.every((c) => holds(v, c, withPre[i] === true))) };
}

/** The highest of `versions` (as written) that `constraint` takes; versions that are not semver are skipped. */
export function highestMatching(versions: readonly string[], constraint: Constraint): string | undefined {
  let best: SemVer | undefined;
  for (const text of versions) {
    const v = parseSemver(text);
    if (v === undefined || !constraint.matches(v)) continue;
    if (best === undefined || compareSemver(v, best) > 0) best = v;
  }
  return best?.original;
}
