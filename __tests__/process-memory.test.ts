/**
 * The action keeps freed memory for reuse (src/process-memory.ts): with glibc, memory that chunk
 * buffers gave back stays in the process for the next chunks instead of being returned to the kernel
 * and faulted in again. Checked in a fresh node, as the action starts: 48 MiB of 1 MiB buffers are
 * allocated, dropped and collected, and the resident memory given back is measured.
 */
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';

/** The module as plain JavaScript: node's own type stripping would load a stripper that moves glibc's thresholds itself. */
const MODULE_JS = ts.transpileModule(readFileSync(path.resolve('src/process-memory.ts'), 'utf8'), {
  compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 }
}).outputText;

const SCRIPT = `
const { keepFreedMemoryForReuse } = await import('./process-memory.mjs');
if (process.argv[2] === 'call') keepFreedMemoryForReuse();
const rss = () => process.memoryUsage().rss;
let bufs = [];
for (let i = 0; i < 48; i++) bufs.push(Buffer.alloc(1 << 20, 1));
const held = rss();
bufs = null;
globalThis.gc();
await new Promise((r) => setTimeout(r, 50));
globalThis.gc();
process.stdout.write(String((held - rss()) / 1048576));
`;

/** MiB of resident memory a fresh node gave back after dropping 48 MiB of buffers. */
function givenBack(call: boolean): number {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lading-memory-'));
  try {
    const script = path.join(dir, 'probe.mjs');
    writeFileSync(script, SCRIPT);
    writeFileSync(path.join(dir, 'process-memory.mjs'), MODULE_JS);
    const r = spawnSync(process.execPath, ['--expose-gc', script, call ? 'call' : 'none'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`probe failed: ${r.stderr}`);
    return Number(r.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const glibc = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header?.glibcVersionRuntime;

describe('keepFreedMemoryForReuse', () => {
  test(glibc !== undefined ? `with glibc ${glibc}: buffers freed by a collection stay in the process for reuse` : 'without glibc: changes nothing and does not fail', () => {
    const without = givenBack(false);
    const withIt = givenBack(true);
    if (glibc === undefined) {
      expect(Number.isFinite(withIt)).toBe(true);
      return;
    }
    // glibc's defaults hand 1 MiB blocks back to the kernel as soon as they are freed.
    expect(without).toBeGreaterThan(32);
    expect(withIt).toBeLessThan(8);
  });
});
