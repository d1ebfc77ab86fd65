/**
 * The diff against a published package, as plain data: what a reviewer reads in the table. A chart
 * bump moves its values files with it (not reported as removed and added), a tag that moved upstream
 * is re-pointed, a component with content that cannot be fingerprinted is never "unchanged", and a
 * package not published yet is all new.
 */
import { describe, expect, test } from '@jest/globals';
import type { SourcePosition } from '../../src/errors.js';
import type { Digest } from '../../src/oci/digest.js';
import { Reference } from '../../src/oci/reference.js';
import { diffPackage, type DiffInput } from '../../src/check/diff.js';
import type { ContentEntry } from '../../src/check/content.js';
import type { PublishedPackage } from '../../src/check/published.js';

const D = (c: string): Digest => `sha256:${c.repeat(64)}` as Digest;
const pos = (line: number): SourcePosition => ({ file: 'zarf.yaml', line, col: 1 });

const config = (chartVersion: string, images: string[]): DiffInput['config'] => ({
  kind: 'ZarfPackageConfig',
  metadata: { name: 'p', version: '1.0.0' },
  components: [{ name: 'app', required: true, images, charts: [{ name: 'podinfo', version: chartVersion, url: 'https://charts.example/', valuesFiles: ['v.yaml'] }] } as { name: string }]
});

const entries = (chartVersion: string, values: string): ContentEntry[] => [
  { component: 'app', kind: 'chart', path: `charts/podinfo-${chartVersion}.tgz`, sha256: chartVersion === '6.4.0' ? 'a'.repeat(64) : 'b'.repeat(64), position: pos(10), source: 'x', chart: { name: 'podinfo', version: chartVersion, versionPosition: pos(11) } },
  { component: 'app', kind: 'values', path: `values/podinfo-${chartVersion}-0`, sha256: values, size: 4, position: pos(12), source: 'v.yaml' }
];

function published(images: Record<string, Digest>): PublishedPackage {
  const def = { ...config('6.4.0', Object.keys(images)), metadata: { name: 'p', version: '1.0.0', architecture: 'amd64', aggregateChecksum: 'x' }, build: { version: 'v1', architecture: 'amd64' } };
  return {
    where: 'reg/p:1.0.0',
    zarfYaml: '',
    definition: def as unknown as Record<string, unknown>,
    images: new Map(Object.entries(images).map(([k, v]) => [Reference.parse(k).toString(), v])),
    components: new Map([['app', new Map([['charts/podinfo-6.4.0.tgz', { sha256: 'a'.repeat(64), size: 10 }], ['values/podinfo-6.4.0-0', { sha256: 'c'.repeat(64), size: 4 }]])]]),
    repoCommits: new Map(),
    imageBytes: 100,
    contentBytes: 14
  };
}

function input(over: Partial<DiffInput>): DiffInput {
  return {
    against: 'reg/p:1.0.0',
    published: published({ 'nginx:1.27': D('1') }),
    images: [{ component: 'app', written: 'nginx:1.27', reference: Reference.parse('nginx:1.27'), digest: D('1'), position: pos(5) }],
    imageBytes: 100,
    content: { entries: entries('6.4.0', 'c'.repeat(64)), uncovered: {}, downloaded: [], repos: [] },
    config: config('6.4.0', ['nginx:1.27']),
    builderVersion: 'v1',
    flavor: '',
    positionOf: (p) => pos(p.length),
    ...over
  };
}

describe('diffPackage', () => {
  test('the same content: no row, unchanged', () => {
    const d = diffPackage(input({}));
    expect(d.rows).toEqual([]);
    expect(d.unchanged).toBe(true);
    // The chart from a Helm repository is known by its digest only: its size is not.
    expect(d.size).toEqual({ old: 114, new: 104, unknown: 1 });
  });

  test('a chart bump is one version row; its values file follows it (changed only when its bytes are)', () => {
    const same = diffPackage(input({ content: { entries: entries('6.5.0', 'c'.repeat(64)), uncovered: {}, downloaded: [], repos: [] }, config: config('6.5.0', ['nginx:1.27']) }));
    expect(same.rows).toEqual([{ kind: 'chart', change: 'version', component: 'app', what: 'podinfo', old: '6.4.0', new: '6.5.0', position: pos(11) }]);
    const other = diffPackage(input({ content: { entries: entries('6.5.0', 'd'.repeat(64)), uncovered: {}, downloaded: [], repos: [] }, config: config('6.5.0', ['nginx:1.27']) }));
    expect(other.rows.map((r) => [r.kind, r.change, r.what])).toEqual([
      ['chart', 'version', 'podinfo'],
      ['values', 'changed', 'values/podinfo-6.5.0-0']
    ]);
  });

  test('a tag that moved upstream is re-pointed at its line, though zarf.yaml is the same', () => {
    const d = diffPackage(input({ images: [{ component: 'app', written: 'nginx:1.27', reference: Reference.parse('nginx:1.27'), digest: D('2'), position: pos(5) }] }));
    expect(d.rows).toEqual([expect.objectContaining({ kind: 'image', change: 're-pointed', what: 'nginx:1.27', old: D('1'), new: D('2'), position: pos(5), note: expect.stringContaining('upstream') })]);
    expect(d.unchanged).toBe(false);
  });

  test('a re-tag is one row; another image is added, one gone is removed', () => {
    const d = diffPackage(
      input({
        published: published({ 'nginx:1.27': D('1'), 'redis:7': D('3') }),
        images: [
          { component: 'app', written: 'nginx:1.28', reference: Reference.parse('nginx:1.28'), digest: D('2'), position: pos(5) },
          { component: 'app', written: 'busybox:1', reference: Reference.parse('busybox:1'), digest: D('4'), position: pos(6) }
        ],
        config: config('6.4.0', ['nginx:1.28', 'busybox:1'])
      })
    );
    expect(d.rows.map((r) => [r.change, r.what, r.old, r.new])).toEqual([
      ['re-tagged', 'nginx:1.28', `:1.27 ${D('1')}`, `:1.28 ${D('2')}`],
      ['added', 'busybox:1', undefined, D('4')],
      ['removed', 'docker.io/library/redis:7', D('3'), undefined]
    ]);
  });

  test('several tags of one repository moved at once: each new tag takes one old tag, in order; an old tag left over is removed', () => {
    const img = (written: string, digest: Digest, line: number): DiffInput['images'][number] => ({ component: 'app', written, reference: Reference.parse(written), digest, position: pos(line) });
    const d = diffPackage(
      input({
        published: published({ 'nginx:1.26': D('1'), 'nginx:1.27': D('2'), 'nginx:1.25': D('3') }),
        images: [img('nginx:1.28', D('4'), 5), img('nginx:1.29', D('5'), 6)],
        config: config('6.4.0', ['nginx:1.28', 'nginx:1.29'])
      })
    );
    expect(d.rows.map((r) => [r.change, r.what, r.old, r.new])).toEqual([
      ['re-tagged', 'nginx:1.28', `:1.26 ${D('1')}`, `:1.28 ${D('4')}`],
      ['re-tagged', 'nginx:1.29', `:1.27 ${D('2')}`, `:1.29 ${D('5')}`],
      ['removed', 'docker.io/library/nginx:1.25', D('3'), undefined]
    ]);
  });

  test('content that is not fingerprinted is never unchanged; nothing published is all new', () => {
    const d = diffPackage(input({ content: { entries: entries('6.4.0', 'c'.repeat(64)), uncovered: { app: ['repos'] }, downloaded: [], repos: [] } }));
    expect(d.rows).toEqual([]);
    expect(d.notCompared).toEqual(['component app: repos (not compared without building)']);
    expect(d.unchanged).toBe(false);
    const fresh = diffPackage(input({ published: undefined }));
    expect(fresh).toMatchObject({ found: false, rows: [], unchanged: false });
  });
});
