/** A runner for cache tests: fixed workspace, RUNNER_TEMP and tool cache paths, wiped between runs as a fresh machine would be. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@jest/globals';
import tar from 'tar-stream';
import { makeTempDir, type ActionRun, type RegistryFixture } from './setup/index.js';

/** A runner whose workspace and RUNNER_TEMP paths stay the same from run to run (as on GitHub-hosted runners). */
export interface Runner {
  ws: string;
  temp: string;
  toolCache: string;
}

export function runner(): Runner {
  const root = makeTempDir('cache-runner');
  const r = { ws: path.join(root, 'work', 'repo', 'repo'), temp: path.join(root, 'work', '_temp'), toolCache: path.join(root, 'tool') };
  for (const d of Object.values(r)) fs.mkdirSync(d, { recursive: true });
  return r;
}

/** A fresh machine: RUNNER_TEMP empty, the output folder gone, zarf.yaml as given. */
export function fresh(r: Runner, zarfYaml: string): void {
  fs.rmSync(r.temp, { recursive: true, force: true });
  fs.mkdirSync(r.temp, { recursive: true });
  fs.rmSync(path.join(r.ws, 'out'), { recursive: true, force: true });
  fs.writeFileSync(path.join(r.ws, 'zarf.yaml'), zarfYaml);
}

/** The local blob cache folder (`cache: local`) in the runner's tool cache. */
export function localCacheDir(r: Runner): string {
  return path.join(r.toolCache, 'lading-blobs', '1.0.0', process.arch);
}

/** The files of a cache entry's archive (tar + zstd), by member name. */
export async function entryFiles(data: Buffer): Promise<Map<string, Buffer>> {
  const r = spawnSync('zstd', ['-dc'], { input: data, maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`zstd -dc failed: ${r.stderr.toString()}`);
  const files = new Map<string, Buffer>();
  const ex = tar.extract();
  const done = new Promise<void>((resolve, reject) => {
    ex.on('entry', (h, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => chunks.push(c as Buffer));
      stream.on('end', () => {
        if (h.type === 'file') files.set(h.name, Buffer.concat(chunks));
        next();
      });
    });
    ex.on('finish', resolve);
    ex.on('error', reject);
  });
  ex.end(r.stdout);
  await done;
  return files;
}

export function expectSuccess(run: ActionRun): void {
  expect({ code: run.code, errors: run.annotations.filter((a) => a.level === 'error'), stderr: run.stderr }).toEqual({ code: 0, errors: [], stderr: '' });
}

export const warnings = (run: ActionRun): string[] => run.annotations.filter((a) => a.level === 'warning').map((a) => a.message);

/** The registry's blob GETs since resetCounts(), as digests. */
export function blobGetDigests(reg: RegistryFixture): string[] {
  return reg
    .requests()
    .filter((q) => q.method === 'GET' && (q.status === 200 || q.status === 206) && /\/blobs\/sha256:/.test(q.path))
    .map((q) => q.path.split('/blobs/')[1] as string);
}

/** A warm run: it succeeded without a warning, every blob came from the cache, and the registry sent none. */
export function expectWarm(run: ActionRun, reg: RegistryFixture): void {
  expectSuccess(run);
  expect(warnings(run)).toEqual([]);
  expect(run.outputs['cache-hit']).toBe('true');
  expect(reg.blobGets()).toBe(0);
}
