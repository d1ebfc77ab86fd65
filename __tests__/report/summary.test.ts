/**
 * The job summary renderer: what a person reads after a run. Errors first; then the package (name,
 * version, architecture, size, checksum), the published reference with a copy-paste deploy line, the
 * images and components, cache and transfer figures; long tables and the whole kept under GitHub's
 * 1 MiB per-step limit.
 */
import { describe, expect, test } from '@jest/globals';
import { LadingError } from '../../src/errors.js';
import type { ResolvedImage } from '../../src/model.js';
import { Reference } from '../../src/oci/reference.js';
import type { CacheReport } from '../../src/cache/blob-cache.js';
import type { PublishSummary } from '../../src/publish/stage.js';
import { capTables, fitSummary, formatDuration, MAX_TABLE_ROWS, renderSummary, SUMMARY_LIMIT_BYTES, type RunReport } from '../../src/report/summary.js';

const hex = (n: number, c = 'a'): string => (c.repeat(64) + n.toString(16)).slice(-64);
const digest = (n: number, c = 'a'): `sha256:${string}` => `sha256:${hex(n, c)}`;

function image(n: number, opts: { source?: string; component?: string } = {}): ResolvedImage {
  const written = `ghcr.io/acme/app-${n}:1.${n}`;
  return {
    component: opts.component ?? 'app',
    written,
    reference: Reference.parse(written),
    descriptor: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: digest(n), size: 500, platform: { os: 'linux', architecture: 'amd64' } },
    blobs: [
      { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: digest(n), size: 500 },
      { mediaType: 'application/vnd.oci.image.config.v1+json', digest: digest(n, 'b'), size: 1500 },
      { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: digest(n, 'c'), size: 3 * 1024 * 1024 }
    ],
    source: opts.source ?? 'registry',
    keptIndex: false
  };
}

const publish: PublishSummary = {
  reference: 'ghcr.io/acme/packages/podinfo:1.0.0',
  digest: digest(99, 'd'),
  architecture: 'amd64',
  architectures: ['amd64', 'arm64'],
  uploaded: { blobs: 4, bytes: 4096 },
  mounted: { blobs: 1, bytes: 1024 },
  skipped: { blobs: 2, bytes: 2048 },
  deploy: 'zarf package deploy oci://ghcr.io/acme/packages/podinfo:1.0.0',
  unchanged: false
};

const cache: CacheReport = {
  mode: 'actions',
  active: true,
  hit: 'partial',
  restored: ['lading-blobs-v1-Linux-X64-podinfo.amd64.0123456789abcdef'],
  fromCache: { blobs: 3, bytes: 3 * 1024 * 1024 },
  fromSources: { 'ghcr.io': { blobs: 3, bytes: 2000 } },
  corrupt: 0
};

function success(extra: Partial<RunReport> = {}): RunReport {
  const images = [image(1), image(2, { source: '/ws/images/app.tar' })];
  return {
    workspace: '/ws',
    errors: [],
    warnings: [],
    packageInfo: { name: 'podinfo', version: '1.0.0', architecture: 'amd64', path: 'out/zarf-package-podinfo-amd64-1.0.0.tar.zst', size: 6 * 1024 * 1024, checksum: hex(7, 'e'), definition: 'packages/podinfo/zarf.yaml' },
    images,
    components: [{ name: 'app', images: images.map((i) => ({ written: i.written, size: 3 * 1024 * 1024 + 2000 })), content: [] }],
    pull: { blobs: 6, bytes: 6 * 1024 * 1024, reused: 3, reusedBytes: 3 * 1024 * 1024, fetchedFrom: { 'ghcr.io': { blobs: 3, bytes: 3 * 1024 * 1024 } } },
    cache,
    timing: { pullMs: 1500, totalMs: 4200 },
    ...extra
  };
}

/** Index of the first line that contains `text` (-1 when none). */
const lineOf = (md: string, text: string): number => md.split('\n').findIndex((l) => l.includes(text));

describe('job summary', () => {
  test('a successful build: package facts, images, components, transfers, in that order', () => {
    const md = renderSummary(success());
    expect(md.startsWith('## 📦 podinfo 1.0.0 (amd64)\n')).toBe(true);
    expect(md).toContain('Built from `packages/podinfo/zarf.yaml` in 4.2 s: 2 images, 1 component.');
    expect(md).toContain('| package | `podinfo` |');
    expect(md).toContain('| version | `1.0.0` |');
    expect(md).toContain('| architecture | `amd64` |');
    expect(md).toContain('| file | `out/zarf-package-podinfo-amd64-1.0.0.tar.zst` |');
    expect(md).toContain('| size | 6.00 MiB |');
    expect(md).toContain(`| checksum | \`${hex(7, 'e')}\``);
    // Images: reference, digest, platform, size, layers, source (archives relative to the workspace).
    expect(md).toContain(`| \`ghcr.io/acme/app-1:1.1\` | \`${digest(1)}\` | linux/amd64 | 3.00 MiB | 1 | ghcr.io |`);
    expect(md).toContain(`| \`ghcr.io/acme/app-2:1.2\` | \`${digest(2)}\` | linux/amd64 | 3.00 MiB | 1 | images/app.tar |`);
    expect(md).toMatch(/\| `app` \| 2 \| {2}\| {2}\| {2}\| {2}\| 6\.00 MiB images \|/);
    // Cache and transfer figures.
    expect(md).toContain('blob cache: **Actions cache** · cache-hit: **partial**');
    expect(md).toContain('| blob cache | 3 | 3.00 MiB |');
    expect(md).toContain('| ghcr.io | 3 | 1.95 KiB |');
    expect(md).toContain('Time: pull 1.5 s (3.00 MiB at 2.00 MiB/s) · total 4.2 s.');
    const order = ['## 📦', '### Images', '### Components', '### Transfers', 'Time:'].map((t) => lineOf(md, t));
    expect(order.every((v) => v >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(md).not.toContain('❌');
    expect(md).not.toContain('Published');
  });

  test('published: the reference, digest, the tag\'s architectures and a copy-paste deploy line, right after the package', () => {
    const md = renderSummary(success({ publish, timing: { pullMs: 1000, publishMs: 2500, totalMs: 5000 } }));
    expect(md).toContain('### 🚀 Published');
    expect(md).toContain('| reference | `ghcr.io/acme/packages/podinfo:1.0.0` |');
    expect(md).toContain(`| digest | \`${digest(99, 'd')}\` |`);
    expect(md).toContain('| architectures in the tag | **amd64**, arm64 |');
    expect(md).toContain('| uploaded | 4 blobs, 4.00 KiB |');
    expect(md).toContain('| mounted from other repositories (not sent) | 1 blob, 1.00 KiB |');
    expect(md).toContain('| already in the repository (not sent) | 2 blobs, 2.00 KiB |');
    expect(md).toContain('```sh\nzarf package deploy oci://ghcr.io/acme/packages/podinfo:1.0.0\n```');
    expect(md).toContain('publish 2.5 s');
    expect(lineOf(md, '## 📦')).toBeLessThan(lineOf(md, 'Published'));
    expect(lineOf(md, 'zarf package deploy')).toBeLessThan(lineOf(md, '### Images'));
  });

  test('errors come first, each with its place in zarf.yaml and what to do, then their details; no package', () => {
    const table = '| | os | architecture |\n| --- | --- | --- |\n| ➜ | linux | amd64 |';
    const r: RunReport = {
      workspace: '/ws',
      errors: [
        new LadingError('"ghcr.io/acme/app@sha256:…" is a multi-platform image index (2 platforms)', { hint: 'or set index-digests: keep', position: { file: 'zarf.yaml', line: 9, col: 11 }, details: table }),
        new LadingError('registry ghcr.io refused the credentials for repository:acme/app:pull', { hint: 'give credentials for ghcr.io' })
      ],
      warnings: ['`x` was taken from the Docker daemon'],
      images: [image(1)]
    };
    const md = renderSummary(r);
    expect(md.startsWith('## ❌ Lading failed: 2 problems\n')).toBe(true);
    expect(md).toContain('- `zarf.yaml:9:11` "ghcr.io/acme/app@sha256:…" is a multi-platform image index (2 platforms)  \n  ↳ _or set index-digests: keep_');
    expect(md).toContain('- registry ghcr.io refused the credentials for repository:acme/app:pull  \n  ↳ _give credentials for ghcr.io_');
    expect(md).toContain('No package was written');
    expect(md).toContain(table);
    expect(lineOf(md, '❌')).toBeLessThan(lineOf(md, 'Warnings'));
    expect(lineOf(md, 'Warnings')).toBeLessThan(lineOf(md, '### Images'));
    expect(md).not.toContain('## 📦');
    expect(renderSummary({ errors: [new LadingError('one')], warnings: [] })).toContain('## ❌ Lading failed: 1 problem\n');
  });

  test('onCreate actions: per component, in the order they ran, with their time and attempts when retried', () => {
    const md = renderSummary(
      success({
        components: [
          { name: 'app', images: [], content: [], actions: [{ when: 'before', title: 'Build | pack', durationMs: 1500, attempts: 1 }] },
          { name: 'db', images: [], content: [], actions: [{ when: 'after', title: 'make clean', durationMs: 61_000, attempts: 2 }] },
          { name: 'none', images: [], content: [] }
        ]
      })
    );
    const at = lineOf(md, '#### onCreate actions');
    expect(at).toBeGreaterThan(lineOf(md, '### Components'));
    expect(md.split('\n').slice(at, at + 6)).toEqual([
      '#### onCreate actions',
      '',
      '| component | when | action | time |',
      '| --- | --- | --- | ---: |',
      '| `app` | before | Build \\| pack | 1.5 s |',
      '| `db` | after | make clean | 1 min 1 s (2 attempts) |'
    ]);
    expect(renderSummary(success())).not.toContain('onCreate actions');
  });

  test('a cache that is off shows no empty cache row', () => {
    const md = renderSummary(success({ cache: { ...cache, mode: 'off', active: false, hit: 'false', restored: [], fromCache: { blobs: 0, bytes: 0 } } }));
    expect(md).toContain('blob cache: **off**');
    expect(md).not.toContain('| blob cache |');
  });

  test('table cells cannot break the table: pipes and newlines are escaped', () => {
    const md = renderSummary(success({ packageInfo: { name: 'a', architecture: 'amd64', path: 'out/a|b\nc.tar.zst', size: 1, checksum: hex(1) } }));
    expect(md).toContain('| file | `out/a\\|b c.tar.zst` |');
    expect(md).toContain('| version | _none_ |');
  });

  test('long tables are cut at MAX_TABLE_ROWS rows with a note saying how many were left out', () => {
    const images = Array.from({ length: MAX_TABLE_ROWS + 40 }, (_, i) => image(i + 1));
    const md = renderSummary(success({ images }));
    const imageRows = md.split('\n').filter((l) => l.startsWith('| `ghcr.io/acme/app-') && l.includes('linux/amd64'));
    expect(imageRows).toHaveLength(MAX_TABLE_ROWS);
    expect(md).toContain('_… and 40 more rows not shown');
    // The sections after the cut table are still there.
    expect(md).toContain('### Transfers');
  });

  test('capTables leaves short tables and other lines alone', () => {
    const lines = ['text', '| a |', '| --- |', '| 1 |', '| 2 |', '', '| b |', '| --- |', '| 1 |', '| 2 |', '| 3 |'];
    expect(capTables(lines, 2)).toEqual(['text', '| a |', '| --- |', '| 1 |', '| 2 |', '', '| b |', '| --- |', '| 1 |', '| 2 |', '', '_… and 1 more row not shown (the summary keeps 2 per table; the log lists everything)._']);
  });

  test('the whole summary stays under GitHub\'s 1 MiB step limit, errors kept, code fences closed', () => {
    const errors = Array.from({ length: 20000 }, (_, i) => new LadingError(`problem number ${i} ${'x'.repeat(60)}`, { position: { file: 'zarf.yaml', line: i + 1, col: 1 } }));
    const md = renderSummary({ errors, warnings: [] });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    expect(SUMMARY_LIMIT_BYTES).toBeLessThan(1024 * 1024);
    expect(md.startsWith('## ❌ Lading failed: 20000 problems')).toBe(true);
    expect(md).toContain('problem number 0 ');
    expect(md.trimEnd().endsWith("_The summary was cut here to stay under GitHub's 1 MiB limit for a step summary; the log has everything._")).toBe(true);
    // A cut inside a fenced block closes the fence.
    const fenced = fitSummary(['# t', '```sh', ...Array.from({ length: 100 }, () => 'y'.repeat(50))].join('\n'), 1000);
    expect(Buffer.byteLength(fenced)).toBeLessThanOrEqual(1000);
    expect(fenced.split('\n').filter((l) => l.startsWith('```'))).toHaveLength(2);
    // Under the limit nothing changes.
    expect(fitSummary('short')).toBe('short');
  });

  test('durations read naturally', () => {
    expect(formatDuration(12)).toBe('12 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(61_000)).toBe('1 min 1 s');
  });
});
