/**
 * The differential rules (package/differential.ts) on definitions loaded by the real pipeline: what
 * is left out (pinned images and repos the reference lists; mutable tags, branches and new items
 * stay), the positions of what stays, the version and apiVersion errors at metadata.version, and the
 * build fields and file name of a differential package.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LadingError } from '../../src/errors.js';
import { loadPackage, type Package } from '../../src/definition/index.js';
import { applyDifferential, includeImage, includeRepository, NO_VERSION, SAME_VERSION, API_VERSION } from '../../src/package/differential.js';
import { buildData, packageFileName, renderZarfYaml } from '../../src/package/assemble.js';

const D = 'sha256:' + 'ab'.repeat(32);
const COMMIT = '524980951ff16e19dc25232e9aea8fd693989ba6';

let ws: string;
beforeAll(async () => {
  ws = await mkdtemp(path.join(os.tmpdir(), 'lading-diff-'));
});
afterAll(async () => {
  await rm(ws, { recursive: true, force: true });
});

/** The composed definition (taken before validation: repos are refused until the git source lands). */
async function load(yaml: string): Promise<Package> {
  await writeFile(path.join(ws, 'zarf.yaml'), yaml);
  let composed: Package | undefined;
  await loadPackage({ definition: '.', workspace: ws, architecture: 'amd64', onComposed: async (p) => void (composed = p) }).catch(() => undefined);
  if (composed === undefined) throw new Error('the definition did not compose');
  return composed;
}

const CURRENT = `kind: ZarfPackageConfig
metadata:
  name: diff
  version: 2.0.0
components:
  - name: a
    required: true
    images:
      - example.com/kept-latest:latest
      - example.com/new:v1
      - example.com/same:v1
      - example.com/untagged
      - example.com/same-digest@${D}
      - example.com/same-tag-digest:v1@${D}
      - example.com/stable:stable
      - example.com/nightly:nightly
    repos:
      - https://example.com/no-ref.git
      - https://example.com/branch.git@refs/heads/main
      - https://example.com/tag.git@v1
      - https://example.com/same-tag.git@v1
      - https://example.com/same-commit.git@${COMMIT}
      - https://example.com/same-full-tag.git@refs/tags/v2
  - name: b
    required: true
    images:
      - example.com/same:v1
`;

const previous = (version: string | undefined, apiVersion?: string): Array<Record<string, unknown>> => [
  {
    kind: 'ZarfPackageConfig',
    metadata: { name: 'diff', ...(version !== undefined ? { version } : {}) },
    components: [
      {
        name: 'x',
        images: ['example.com/kept-latest:latest', 'example.com/same:v1', 'example.com/untagged', `example.com/same-digest@${D}`, `example.com/same-tag-digest:v1@${D}`, 'example.com/stable:stable', 'example.com/nightly:nightly'],
        repos: ['https://example.com/no-ref.git', 'https://example.com/branch.git@refs/heads/main', 'https://example.com/same-tag.git@v1', `https://example.com/same-commit.git@${COMMIT}`, 'https://example.com/same-full-tag.git@refs/tags/v2']
      }
    ]
  },
  ...(apiVersion !== undefined ? [{ apiVersion, kind: 'ZarfPackageConfig', metadata: { name: 'diff' } }] : [])
];

describe('what a differential package leaves out', () => {
  test('pinned images and repos the reference lists go; mutable tags, branches, no ref and new ones stay', async () => {
    const def = await load(CURRENT);
    const r = applyDifferential(def, { docs: previous('1.0.0'), what: 'old.tar.zst' });
    expect(r.previousVersion).toBe('1.0.0');
    const [a, b] = def.config.components as Array<Record<string, unknown>>;
    expect(a?.['images']).toEqual(['example.com/kept-latest:latest', 'example.com/new:v1', 'example.com/untagged', 'example.com/stable:stable', 'example.com/nightly:nightly']);
    expect(a?.['repos']).toEqual(['https://example.com/no-ref.git', 'https://example.com/branch.git@refs/heads/main', 'https://example.com/tag.git@v1']);
    // An emptied list vanishes from the built zarf.yaml.
    expect(b).not.toHaveProperty('images');
    expect(r.images.map((d) => `${d.component}:${d.written}@${d.position.line}`)).toEqual([
      'a:example.com/same:v1@11',
      `a:example.com/same-digest@${D}@13`,
      `a:example.com/same-tag-digest:v1@${D}@14`,
      'b:example.com/same:v1@27'
    ]);
    expect(r.repos.map((d) => d.written)).toEqual(['https://example.com/same-tag.git@v1', `https://example.com/same-commit.git@${COMMIT}`, 'https://example.com/same-full-tag.git@refs/tags/v2']);
    // What stays keeps the line it was written at.
    expect(def.positionOf(['components', 0, 'images', 2]).line).toBe(12);
    expect(def.positionOf(['components', 0, 'repos', 2]).line).toBe(20);
  });

  test('the exact text is compared: the same image written another way is kept', () => {
    const prev = new Set(['docker.io/library/nginx:1.27']);
    expect(includeImage('nginx:1.27', prev)).toBe(true);
    expect(includeImage('docker.io/library/nginx:1.27', prev)).toBe(false);
    expect(includeImage('nginx', new Set(['nginx']))).toBe(true);
    expect(includeImage(`nginx:latest@${D}`, new Set([`nginx:latest@${D}`]))).toBe(false);
  });

  test('repos: any refs/ other than tags is kept, a bare name is a tag, a 40-hex name a commit', () => {
    const set = (r: string): Set<string> => new Set([r]);
    for (const r of ['https://h/x.git', 'https://h/x.git@refs/heads/main', 'https://h/x.git@refs/pull/1/head']) expect(includeRepository(r, set(r))).toBe(true);
    for (const r of ['https://h/x.git@v1.0.0', `https://h/x.git@${COMMIT}`, 'https://h/x.git@refs/tags/v1', 'https://h/x@v1']) expect(includeRepository(r, set(r))).toBe(false);
    expect(() => includeRepository('not a url', set('x'))).toThrow(/unable to get extract the source url and ref/);
  });
});

describe('the checks before anything is left out', () => {
  const fails = async (docs: Array<Record<string, unknown>>, yaml = CURRENT): Promise<LadingError> => {
    const def = await load(yaml);
    try {
      applyDifferential(def, { docs, what: 'old.tar.zst' });
    } catch (e) {
      return e as LadingError;
    }
    throw new Error('it did not fail');
  };

  test('the same version fails at metadata.version with Zarf\u2019s message', async () => {
    const e = await fails(previous('2.0.0'));
    expect(e.message).toBe(SAME_VERSION);
    expect(e.position?.line).toBe(4);
    expect(e.hint).toMatch(/raise metadata\.version/);
  });

  test('a missing version on either side fails', async () => {
    expect((await fails(previous(undefined))).message).toBe(NO_VERSION);
    expect((await fails(previous('1.0.0'), CURRENT.replace('  version: 2.0.0\n', ''))).message).toBe(NO_VERSION);
  });

  test('a reference written in another apiVersion fails, naming both', async () => {
    const e = await fails(previous('1.0.0', 'zarf.dev/v1beta1'));
    expect(e.message).toBe(`${API_VERSION}: package apiVersion zarf.dev/v1alpha1, differential package apiVersion zarf.dev/v1beta1`);
  });
});

describe('build fields and file name', () => {
  const config = { kind: 'ZarfPackageConfig', metadata: { name: 'diff', version: '2.0.0' }, components: [] };
  test('build.differential and differentialPackageVersion, in Zarf\u2019s field order', () => {
    const build = buildData({ definition: { dir: ws, config }, architecture: 'amd64', images: [], builderVersion: 'v1', now: new Date(0), differential: { previousVersion: '1.0.0' }, flavor: 'f' } as never);
    expect(Object.keys(build)).toEqual(['architecture', 'timestamp', 'version', 'differential', 'differentialPackageVersion', 'flavor', 'signed', 'provenanceFiles']);
    expect(build).toMatchObject({ differential: true, differentialPackageVersion: '1.0.0' });
    expect(renderZarfYaml(config, 'amd64', build, 'x')).toMatch(/differential: true\n {2}differentialPackageVersion: 1\.0\.0\n/);
  });
  test('zarf-package-<name>-<arch>-<previous>-differential-<version>[-<flavor>].tar.zst', () => {
    expect(packageFileName(config, 'amd64', undefined, '1.0.0')).toBe('zarf-package-diff-amd64-1.0.0-differential-2.0.0.tar.zst');
    expect(packageFileName(config, 'arm64', 'upstream', '1.0.0')).toBe('zarf-package-diff-arm64-1.0.0-differential-2.0.0-upstream.tar.zst');
    expect(packageFileName(config, 'amd64')).toBe('zarf-package-diff-amd64-2.0.0.tar.zst');
  });
});

describe('a v1beta1 definition', () => {
  const V1BETA1 = `apiVersion: zarf.dev/v1beta1
kind: ZarfPackageConfig
metadata:
  name: diff
  version: 2.0.0
components:
  - name: a
    images:
      - name: registry.example.com/mutable:latest
        source: daemon
      - name: registry.example.com/new:v1
      - name: registry.example.com/removed:v1
    repositories:
      - url: https://example.com/branch.git
        ref: { branch: main }
      - url: https://example.com/new-tag.git
        ref: { tag: v1 }
      - url: https://example.com/removed-tag.git
        ref: { tag: v1 }
`;
  const reference = [
    { kind: 'ZarfPackageConfig', metadata: { name: 'diff', version: '1.0.0' }, components: [] },
    {
      apiVersion: 'zarf.dev/v1beta1',
      kind: 'ZarfPackageConfig',
      metadata: { name: 'diff', version: '1.0.0' },
      components: [
        {
          name: 'x',
          images: [{ name: 'registry.example.com/mutable:latest' }, { name: 'registry.example.com/removed:v1' }],
          repositories: [{ url: 'https://example.com/branch.git', ref: { branch: 'main' } }, { url: 'https://example.com/removed-tag.git', ref: { tag: 'v1' } }]
        }
      ]
    }
  ];

  test('its rules run on the v1beta1 documents; both built documents lose the same items', async () => {
    const def = await load(V1BETA1);
    const r = applyDifferential(def, { docs: reference, what: 'old.tar.zst' });
    expect(r.images.map((d) => d.written)).toEqual(['registry.example.com/removed:v1']);
    expect(r.repos.map((d) => d.written)).toEqual(['https://example.com/removed-tag.git@v1']);
    const beta = (def.v1beta1?.['components'] as Array<Record<string, unknown>>)[0];
    expect(beta?.['images']).toEqual([{ name: 'registry.example.com/mutable:latest', source: 'daemon' }, { name: 'registry.example.com/new:v1' }]);
    expect(beta?.['repositories']).toEqual([
      { url: 'https://example.com/branch.git', ref: { branch: 'main' } },
      { url: 'https://example.com/new-tag.git', ref: { tag: 'v1' } }
    ]);
    const alpha = (def.config.components as Array<Record<string, unknown>>)[0];
    expect(alpha?.['images']).toEqual(['registry.example.com/mutable:latest', 'registry.example.com/new:v1']);
    expect(alpha?.['repos']).toEqual(['https://example.com/branch.git@refs/heads/main', 'https://example.com/new-tag.git@v1']);
  });

  test('a v1alpha1 reference fails the apiVersion check', async () => {
    const def = await load(V1BETA1);
    expect(() => applyDifferential(def, { docs: [reference[0] as Record<string, unknown>], what: 'old.tar.zst' })).toThrow(
      `${API_VERSION}: package apiVersion zarf.dev/v1beta1, differential package apiVersion zarf.dev/v1alpha1`
    );
  });
});
