/**
 * Differential packages (input `differential`) as the runner runs the action, against the real test
 * registry: version 1.0.0 is built (and published), then 2.0.0 is built against it, from the file and
 * from its oci:// reference. The pinned image 1.0.0 already held is left out (of the package's images
 * and of its zarf.yaml), the `:latest` one and a new one stay, `build` and the file name are Zarf's,
 * and the summary tells the bytes saved: the size of the image left out.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { cleanupFixtures, RegistryClient, runAction, seedImages, startRegistry, type ActionRun, type PushedImage, type RegistryFixture } from './setup/index.js';
import { buildInputs, errorsOf, unpack, workspaceWith } from './helpers.js';
import { formatBytes } from '../../src/report/format.js';

type Data = Record<string, unknown>;

let reg: RegistryFixture;
let img: Record<string, PushedImage>;
/** The `uncompressed` image also tagged `latest`. */
let latest: string;

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' });
  img = await seedImages(reg, 'seed', { only: ['single', 'uncompressed', 'multi'] });
  const u = img.uncompressed as PushedImage;
  const client = new RegistryClient({ host: reg.host });
  const m = await client.getManifest(u.repo, u.tag);
  await client.pushManifest(u.repo, 'latest', m.mediaType, m.body);
  latest = `${reg.host}/${u.repo}:latest`;
}, 180_000);
afterAll(async () => {
  await reg?.stop();
  await cleanupFixtures();
});

const definition = (version: string, images: string[]): string => `kind: ZarfPackageConfig
metadata:
  name: diffpkg
  version: ${version}
components:
  - name: app
    required: true
    images:
${images.map((i) => `      - ${i}`).join('\n')}
`;

const run = (ws: string, extra: Record<string, string> = {}): Promise<ActionRun> => runAction({ workspace: ws, inputs: buildInputs([reg.host], { concurrency: '4', ...extra }) });
async function builtYaml(pkg: string): Promise<{ doc: Data; index: { manifests: Array<{ annotations: Record<string, string> }> } }> {
  const dir = await unpack(pkg);
  return {
    doc: YAML.parse(fs.readFileSync(path.join(dir, 'zarf.yaml'), 'utf8')) as Data,
    index: JSON.parse(fs.readFileSync(path.join(dir, 'images/index.json'), 'utf8')) as { manifests: Array<{ annotations: Record<string, string> }> }
  };
}

describe('a differential package against an earlier version', () => {
  let v1File: string;
  let v1Url: string;
  let single: string;
  let multi: string;
  beforeAll(async () => {
    single = (img.single as PushedImage).ref;
    multi = `${(img.multi as PushedImage).ref}`;
    const ws = workspaceWith(definition('1.0.0', [single, latest]));
    const r = await run(ws, { publish: `oci://${reg.host}/pkgs` });
    expect(errorsOf(r)).toEqual([]);
    v1File = r.outputs.package as string;
    v1Url = `oci://${reg.host}/pkgs/diffpkg:1.0.0`;
  }, 120_000);

  const v2 = (): string => definition('2.0.0', [single, latest, multi]);

  for (const from of ['file', 'oci'] as const) {
    test(`from the ${from === 'file' ? 'package file' : 'published package'}: the pinned image it holds is left out, :latest and the new one stay`, async () => {
      const ws = workspaceWith(v2());
      let ref = v1Url;
      if (from === 'file') {
        fs.copyFileSync(v1File, path.join(ws, 'old.tar.zst'));
        ref = 'old.tar.zst';
      }
      const r = await run(ws, { differential: ref });
      expect(errorsOf(r)).toEqual([]);
      expect(r.code).toBe(0);
      const pkg = r.outputs.package as string;
      expect(path.basename(pkg)).toBe('zarf-package-diffpkg-amd64-1.0.0-differential-2.0.0.tar.zst');
      const { doc, index } = await builtYaml(pkg);
      const [app] = doc['components'] as [Data];
      expect(app['images']).toEqual([latest, multi]);
      expect(index.manifests.map((m) => m.annotations['org.opencontainers.image.ref.name']).sort()).toEqual([latest, multi].sort());
      expect(doc['build']).toMatchObject({ differential: true, differentialPackageVersion: '1.0.0' });
      // single and multi share their base layer: the bytes saved are those the package does not carry.
      const s = img.single as PushedImage;
      const carried = new Set([...(img.multi as PushedImage).blobs, ...(img.uncompressed as PushedImage).blobs]);
      const saved = s.blobs.filter((b) => !carried.has(b)).reduce((n, b) => n + (s.sizes[b] as number), 0);
      expect(saved).toBeGreaterThan(0);
      expect(r.summary).toContain('### Differential package');
      expect(r.summary).toContain(`1 image and 0 repositories it already holds were left out, saving ${formatBytes(saved)}.`);
      expect(r.summary).toContain(`| \`${single}\` | image |`);
      expect(JSON.parse(r.outputs.images as string).map((i: { reference: string }) => i.reference).sort()).toEqual([latest, multi].sort());
    }, 120_000);
  }

  test('the same version fails at metadata.version with Zarf\u2019s message, nothing written', async () => {
    const ws = workspaceWith(definition('1.0.0', [single]));
    const r = await run(ws, { differential: v1Url });
    expect(r.code).toBe(1);
    const [e] = errorsOf(r);
    expect(e?.message).toMatch(/^unable to create differential package\. Please ensure the differential package version and reference package version are not the same/);
    expect(e).toMatchObject({ file: 'zarf.yaml', line: 4 });
    expect(fs.existsSync(path.join(ws, 'out')) ? fs.readdirSync(path.join(ws, 'out')) : []).toEqual([]);
  }, 60_000);

  test('a reference that is not there fails naming it', async () => {
    const ws = workspaceWith(v2());
    const missing = await run(ws, { differential: 'nope.tar.zst' });
    expect(missing.code).toBe(1);
    expect(errorsOf(missing)[0]?.message).toMatch(/the reference package nope\.tar\.zst cannot be read: ENOENT/);
    const absent = await run(ws, { differential: `oci://${reg.host}/pkgs/diffpkg:0.9.0` });
    expect(absent.code).toBe(1);
    expect(errorsOf(absent)[0]?.message).toMatch(/reading the reference package oci:\/\/.*diffpkg:0\.9\.0/);
  }, 60_000);
});
