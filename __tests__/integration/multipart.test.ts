/**
 * Multi-part packages (input max-package-size), as the runner runs the action: the parts Zarf's
 * `zarf package deploy <file>.part000` joins back, byte-identical to the package built whole.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cleanupFixtures, makeTempDir, runAction, skopeo, startRegistry, type ActionRun, type RegistryFixture } from './setup/index.js';
import { buildInputs, listFiles, sha256File, unpack, workspaceWith } from './helpers.js';

let reg: RegistryFixture;
beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' });
}, 120_000);
afterAll(async () => {
  await reg?.stop();
  await cleanupFixtures();
});

const FILE = 'zarf-package-big-amd64-1.0.0.tar.zst';
const EPOCH = { SOURCE_DATE_EPOCH: '1700000000' };
const HINT = 'set max-package-size to the most one part may hold, in MB of 1,000,000 bytes (4000 fits a DVD), or to 0 for one file';

/** A package of about 2.6 MB that zstd cannot shrink: random bytes in a component file. */
function bigWorkspace(): string {
  const yaml = [
    'kind: ZarfPackageConfig',
    'metadata:',
    '  name: big',
    '  version: 1.0.0',
    'components:',
    '  - name: data',
    '    required: true',
    '    files:',
    '      - source: blob.bin',
    '        target: /data/blob.bin',
    ''
  ].join('\n');
  return workspaceWith(yaml, { 'blob.bin': randomBytes(2_600_000) });
}

const build = (ws: string, extra: Record<string, string>, output = 'out'): Promise<ActionRun> =>
  runAction({ workspace: ws, inputs: buildInputs([reg.host], { output, ...extra }), env: EPOCH });

function ok(run: ActionRun): void {
  expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
  expect(run.code).toBe(0);
}

/** What Zarf's split.ReassembleFile does: `<file>.part*` sorted by name, Count checked, part000 skipped. */
function reassemble(part000: string, dest: string): void {
  const dir = path.dirname(part000);
  const stem = path.basename(part000).replace(/\.part000$/, '.part');
  const parts = fs
    .readdirSync(dir)
    .filter((n) => n.startsWith(stem))
    .sort();
  const meta = JSON.parse(fs.readFileSync(path.join(dir, parts[0] as string), 'utf8')) as { Count: number };
  expect(meta.Count).toBe(parts.length - 1);
  fs.writeFileSync(dest, Buffer.concat(parts.slice(1).map((p) => fs.readFileSync(path.join(dir, p)))));
}

describe('max-package-size', () => {
  let ws: string;
  let split: ActionRun;

  test('a package over the limit is written as Zarf\u2019s parts: N MB each, part000 holding the whole file\u2019s size and sha256', async () => {
    ws = bigWorkspace();
    split = await build(ws, { 'max-package-size': '1' });
    ok(split);
    const out = path.join(ws, 'out');
    expect(listFiles(out)).toEqual([`${FILE}.part000`, `${FILE}.part001`, `${FILE}.part002`, `${FILE}.part003`]);
    expect(split.outputs.package).toBe(path.join(out, `${FILE}.part000`));
    const sizes = [1, 2, 3].map((i) => fs.statSync(path.join(out, `${FILE}.part00${i}`)).size);
    expect(sizes.slice(0, 2)).toEqual([1_000_000, 1_000_000]);
    expect(sizes[2]).toBeGreaterThan(0);
    expect(sizes[2]).toBeLessThanOrEqual(1_000_000);
    const whole = path.join(makeTempDir('joined'), FILE);
    reassemble(split.outputs.package as string, whole);
    const text = fs.readFileSync(path.join(out, `${FILE}.part000`), 'utf8');
    // Go's json.Marshal of Zarf's SplitFileMetadata: compact, in field order; Count leaves out part000.
    expect(text).toBe(`{"Sha256Sum":"${sha256File(whole)}","Bytes":${fs.statSync(whole).size},"Count":3}`);
    // The job summary says so.
    expect(split.summary).toMatch(/\| split \| 3 parts of at most 1 MB/);
    expect(split.stdout).toMatch(/in 3 parts/);
    // The parts joined back are a whole package: every file matches checksums.txt.
    const dir = await unpack(whole);
    const lines = fs.readFileSync(path.join(dir, 'checksums.txt'), 'utf8').trim().split('\n');
    for (const l of lines) {
      const rel = l.split(' ')[1] as string;
      expect(`${sha256File(path.join(dir, rel))} ${rel}`).toBe(l);
    }
  });

  test('joined back, the parts are byte for byte the package built whole from the same inputs', async () => {
    const whole = await build(ws, {}, 'whole');
    ok(whole);
    expect(listFiles(path.join(ws, 'whole'))).toEqual([FILE]);
    const joined = path.join(makeTempDir('joined'), FILE);
    reassemble(split.outputs.package as string, joined);
    expect(fs.readFileSync(joined).equals(fs.readFileSync(whole.outputs.package as string))).toBe(true);
    expect(whole.outputs.checksum).toBe(split.outputs.checksum);
  });

  test('a package within the limit stays one file', async () => {
    const run = await build(ws, { 'max-package-size': '3' }, 'roomy');
    ok(run);
    expect(listFiles(path.join(ws, 'roomy'))).toEqual([FILE]);
    expect(run.outputs.package).toBe(path.join(ws, 'roomy', FILE));
    expect(run.summary).not.toMatch(/\| split \|/);
  });

  test('publishing pushes the package whole while the file is split', async () => {
    const run = await build(ws, { 'max-package-size': '1', publish: `oci://${reg.host}/pkgs` }, 'pub');
    ok(run);
    expect(listFiles(path.join(ws, 'pub'))).toHaveLength(4);
    expect(run.outputs.reference).toBe(`${reg.host}/pkgs/big:1.0.0`);
    const raw = await skopeo(['inspect', '--raw', '--tls-verify=false', `docker://${reg.host}/pkgs/big@${run.outputs.digest as string}`]);
    expect(raw.code).toBe(0);
    const titles = (JSON.parse(raw.stdout) as { layers: Array<{ annotations: Record<string, string> }> }).layers.map((l) => l.annotations['org.opencontainers.image.title']);
    expect(titles).toContain('components/data.tar');
    expect(titles.some((t) => t?.includes('.part'))).toBe(false);
  });

  test.each(['1.5', '-1', 'ten', '1e3'])('max-package-size "%s" is refused in one line, nothing written', async (bad) => {
    const w = bigWorkspace();
    const run = await build(w, { 'max-package-size': bad }, `bad-${bad}`);
    expect(run.code).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toBe(`input max-package-size must be a whole number of megabytes (0 for one file), got "${bad}" \u2014 ${HINT}`);
    expect(fs.existsSync(path.join(w, `bad-${bad}`))).toBe(false);
  });
});
