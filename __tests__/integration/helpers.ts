import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { exec, makeTempDir } from './setup/index.js';

/** A workspace holding zarf.yaml with the given text. */
export function workspaceWith(zarfYaml: string, files: Record<string, string | Buffer> = {}): string {
  const ws = makeTempDir('ws');
  fs.writeFileSync(path.join(ws, 'zarf.yaml'), zarfYaml);
  for (const [name, data] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(ws, name)), { recursive: true });
    fs.writeFileSync(path.join(ws, name), data);
  }
  return ws;
}

export function definition(images: string[], extra = ''): string {
  return [
    'kind: ZarfPackageConfig',
    'metadata:',
    '  name: test-pkg',
    '  version: 1.0.0',
    extra,
    'components:',
    '  - name: app',
    '    required: true',
    '    images:',
    ...images.map((i) => `      - ${i}`),
    ''
  ]
    .filter((l) => l !== '')
    .join('\n');
}

/**
 * The inputs of a test build: zarf.yaml in the workspace, amd64, the package into out/, no blob
 * cache, no retries, plain HTTP for the `plainHttp` hosts; `extra` adds inputs or replaces these.
 */
export function buildInputs(plainHttp: string[], extra: Record<string, string> = {}): Record<string, string> {
  return { definition: '.', architecture: 'amd64', output: 'out', 'plain-http': plainHttp.join('\n'), cache: 'off', retries: '0', ...extra };
}

/** Unpacks a .tar.zst (or .tar) with the zstd and tar programs: an independent reader. */
export async function unpack(pkg: string): Promise<string> {
  const dir = makeTempDir('unpacked');
  const cmd = pkg.endsWith('.zst') ? `zstd -dc '${pkg}' | tar -xf - -C '${dir}'` : `tar -xf '${pkg}' -C '${dir}'`;
  const r = await exec('sh', ['-c', cmd]);
  if (r.code !== 0) throw new Error(`unpacking ${pkg} failed: ${r.stderr}`);
  return dir;
}

export function sha256File(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Files in a folder, recursively, relative, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out.sort();
}

/**
 * What a run left in RUNNER_TEMP, besides the composed definition the `definition` output names
 * (`lading/*.definition.yaml`, kept for the steps after it): a finished run leaves nothing else.
 */
export function leftInRunnerTemp(temp: string): string[] {
  const lading = path.join(temp, 'lading');
  const kept = fs.existsSync(lading) ? fs.readdirSync(lading).filter((n) => !n.endsWith('.definition.yaml')).map((n) => `lading/${n}`) : [];
  return [...fs.readdirSync(temp).filter((n) => n !== 'lading'), ...kept];
}
