/**
 * Test helper for the composition tests: runs the definition pipeline (loadPackage) on a fixture
 * under __tests__/fixtures/compose/ and returns what a user sees: the composed definition (as the
 * `definition` output shows it, taken before validation), the warnings, and the errors.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LadingError, LadingErrors } from '../../src/errors.js';
import { loadPackage, type Package } from '../../src/definition/index.js';

export const COMPOSE_FIXTURES = fileURLToPath(new URL('../fixtures/compose/', import.meta.url));

export type Obj = Record<string, unknown>;

export interface Outcome {
  /** The composed, filtered, templated definition (undefined when loading stopped before). */
  config?: Obj;
  pkg?: Package;
  errors: LadingError[];
  warnings: Array<{ message: string; position?: { file: string; line: number; col: number } }>;
}

export interface LoadExtra {
  flavor?: string;
  set?: Record<string, string>;
  architecture?: string;
  /** Relative to the compose fixtures folder (the default workspace). */
  workspace?: string;
}

/** Loads `definition` (relative to the workspace, by default the compose fixtures folder). */
export async function load(definition: string, extra: LoadExtra = {}): Promise<Outcome> {
  let config: Obj | undefined;
  let composed: Package | undefined;
  const out: Outcome = { errors: [], warnings: [] };
  try {
    out.pkg = await loadPackage({
      definition,
      workspace: path.resolve(COMPOSE_FIXTURES, extra.workspace ?? '.'),
      architecture: extra.architecture ?? 'amd64',
      ...(extra.flavor !== undefined ? { flavor: extra.flavor } : {}),
      ...(extra.set !== undefined ? { set: extra.set } : {}),
      onComposed: async (p) => {
        composed = p;
        config = p.config as unknown as Obj;
      }
    });
  } catch (e) {
    if (e instanceof LadingErrors) out.errors = e.errors;
    else if (e instanceof LadingError) out.errors = [e];
    else throw e;
  }
  if (config !== undefined) out.config = config;
  if (composed !== undefined) out.warnings = composed.warnings;
  return out;
}

/** Loads a definition that must build; fails the test with the errors otherwise. */
export async function loaded(definition: string, extra: LoadExtra = {}): Promise<Package> {
  const out = await load(definition, extra);
  if (out.pkg === undefined) throw new Error(`${definition} was refused:\n${out.errors.map(shown).join('\n')}`);
  return out.pkg;
}

/** Loads a definition that must be refused; returns its errors. */
export async function refused(definition: string, extra: LoadExtra = {}): Promise<LadingError[]> {
  const out = await load(definition, extra);
  if (out.pkg !== undefined) throw new Error(`expected ${definition} to be refused`);
  return out.errors;
}

/** `file:line:col message`, as the annotation shows it. */
export function shown(e: LadingError): string {
  const p = e.position;
  return `${p === undefined ? '-' : `${p.file}:${p.line}:${p.col}`} ${e.message}`;
}

/** The components of a composed definition, by name (the first of each name). */
export function components(config: Obj | undefined): Obj[] {
  const list = config?.['components'];
  return Array.isArray(list) ? (list as Obj[]) : [];
}

export function component(config: Obj | undefined, name: string): Obj {
  const c = components(config).find((x) => x['name'] === name);
  if (c === undefined) throw new Error(`no component ${name}`);
  return c;
}
