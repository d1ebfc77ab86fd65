/**
 * Source modules as plain JavaScript in a folder of their own, for probes that must run in a fresh
 * node started as the action starts (no jest, no type stripper): memory and page-fault measurements
 * that the test runner's own allocations would drown.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SRC = path.resolve('src');

/**
 * Writes `entries` (paths under src/, e.g. 'sources/http.ts') and every module they import with a
 * relative specifier, transpiled, under `dir` at the same relative paths. Packages resolve through a
 * `node_modules` link to the project's. Returns the path of each entry's .js file, in order.
 */
export function transpileInto(dir: string, entries: string[]): string[] {
  writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
  symlinkSync(path.resolve('node_modules'), path.join(dir, 'node_modules'), 'dir');
  const done = new Set<string>();
  const visit = (rel: string): void => {
    if (done.has(rel)) return;
    done.add(rel);
    const source = readFileSync(path.join(SRC, rel), 'utf8');
    const out = path.join(dir, rel.replace(/\.ts$/, '.js'));
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText);
    // Type-only imports vanish in the output, but following them costs nothing and keeps this simple.
    for (const m of source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'(\.{1,2}\/[^']+)\.js'/g)) {
      visit(path.normalize(path.join(path.dirname(rel), `${m[1] as string}.ts`)));
    }
  };
  for (const e of entries) visit(e);
  return entries.map((e) => path.join(dir, e.replace(/\.ts$/, '.js')));
}
