/**
 * The job summary as the runner gets it: `node dist/index.js` against a real registry, the
 * GITHUB_STEP_SUMMARY file read back. A build that publishes, and a build that fails on an index
 * digest (the example the README quotes).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { cleanupFixtures, REPO_ROOT, runAction, seedImages, startRegistry, type PushedImage, type RegistryFixture } from '../integration/setup/index.js';
import { definition, workspaceWith } from '../integration/helpers.js';

let reg: RegistryFixture;
let img: Record<string, PushedImage>;

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' });
  img = await seedImages(reg, 'acme', { only: ['multi', 'single'] });
}, 120_000);
afterAll(async () => {
  await reg?.stop();
  await cleanupFixtures();
});

const lineOf = (md: string, text: string): number => md.split('\n').findIndex((l) => l.includes(text));

describe('job summary of a real run', () => {
  test('build and publish: package facts, published reference and deploy line, images, components, transfers', async () => {
    const multi = img.multi as PushedImage;
    const single = img.single as PushedImage;
    const ws = workspaceWith(definition([multi.ref, single.ref]));
    const run = await runAction({ workspace: ws, inputs: { architecture: 'amd64', output: 'out', 'plain-http': reg.host, cache: 'actions', publish: `oci://${reg.host}/packages` } });
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.code).toBe(0);
    const md = run.summary;
    expect(Buffer.byteLength(md)).toBeLessThan(1024 * 1024);

    expect(md.startsWith('## 📦 test-pkg 1.0.0 (amd64)\n')).toBe(true);
    expect(md).toMatch(/Built from `zarf\.yaml` in [\d.]+ m?s: 2 images, 1 component\./);
    expect(md).toContain('| package | `test-pkg` |');
    expect(md).toContain('| version | `1.0.0` |');
    expect(md).toContain('| architecture | `amd64` |');
    expect(md).toContain('| file | `out/zarf-package-test-pkg-amd64-1.0.0.tar.zst` |');
    expect(md).toContain(`| checksum | \`${run.outputs.checksum}\``);
    const size = fs.statSync(run.outputs.package as string).size;
    expect(md).toMatch(new RegExp(`\\| size \\| ${size < 1024 ? `${size} B` : '[\\d.]+ KiB'} \\|`));

    // Published: the outputs' reference and digest, and the command that deploys it.
    expect(md).toContain(`| reference | \`${run.outputs.reference}\` |`);
    expect(md).toContain(`| digest | \`${run.outputs.digest}\` |`);
    expect(md).toContain(`\`\`\`sh\nzarf package deploy oci://${run.outputs.reference} --plain-http\n\`\`\``);

    // One row per image, with the digest the images output gives.
    const images = JSON.parse(run.outputs.images as string) as Array<{ reference: string; digest: string }>;
    for (const i of images) expect(md).toMatch(new RegExp(`\\| \`${i.reference.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\` \\| \`${i.digest}\` \\| linux/amd64 \\|`));
    expect(md).toMatch(/\| `app` \| 2 \|/);
    expect(md).toContain('blob cache: **Actions cache** (not available here: blobs kept for this run only) · cache-hit: **false**');
    expect(md).not.toContain('| blob cache |');
    expect(md).toMatch(new RegExp(`\\| ${reg.host} \\| \\d+ \\| [\\d.]+ KiB \\|`));
    expect(md).toMatch(/Time: pull [\d.]+ m?s .*· publish [\d.]+ m?s · total [\d.]+ m?s\./);

    const order = ['## 📦', '### 🚀 Published', 'zarf package deploy', '### Images', '### Components', '### Transfers', 'Time:'].map((t) => lineOf(md, t));
    expect(order.every((v) => v >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  }, 60_000);

  test('an index digest: the error first, the platform table, the digest to paste; matches the README example', async () => {
    const multi = img.multi as PushedImage;
    const ws = workspaceWith(definition([`${reg.host}/${multi.repo}@${multi.digest}`]));
    const run = await runAction({ workspace: ws, inputs: { architecture: 'amd64', output: 'out', 'plain-http': reg.host, cache: 'off' } });
    expect(run.code).toBe(1);
    const md = run.summary;
    const amd64 = multi.platforms?.find((p) => p.architecture === 'amd64')?.digest as string;
    expect(md.startsWith('## ❌ Lading failed: 1 problem\n')).toBe(true);
    expect(md).toContain(`- \`zarf.yaml:9:9\` "${reg.host}/${multi.repo}@${multi.digest}" is a multi-platform image index (3 platforms); for linux/amd64 use ${reg.host}/${multi.repo}@${amd64}  \n  ↳ _or set index-digests: keep`);
    expect(md).toContain('No package was written');
    const header = '| | os | architecture | variant | digest | size | note |';
    expect(md).toContain(header);
    expect(md).toMatch(new RegExp(`\\| ➜ \\| linux \\| amd64 \\| {2}\\| \`${amd64}\` \\| \\d+ B \\| package architecture \\(linux/amd64\\) \\|`));
    expect(md).toMatch(/\| {2}\| unknown \| unknown \| {2}\| `sha256:[0-9a-f]{64}` \| \d+ B \| attestation for sha256:[0-9a-f]{12}… \|/);

    // The README shows a run of this very test: same shapes (only the port and the random digests differ).
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const normalize = (s: string): string => s.replace(/127\.0\.0\.1:\d+/g, 'HOST').replace(/[0-9a-f]{64}/g, 'HEX').replace(/[0-9a-f]{12}…/g, 'SHORT…');
    // The README quotes the summary as a blockquote.
    const sample = normalize(readme.split('\n').map((l) => l.replace(/^> ?/, '')).join('\n'));
    const annotation = run.annotations.find((a) => a.level === 'error');
    expect(annotation).toMatchObject({ file: 'zarf.yaml', line: 9, col: 9 });
    expect(sample).toContain(normalize(`zarf.yaml:9:9: ${annotation?.message}`));
    const table = (md.slice(md.indexOf(header)).split('\n\n')[0] ?? '').trimEnd();
    expect(sample).toContain(normalize(table));
  }, 60_000);
});
