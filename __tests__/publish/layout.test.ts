/** The publish layout and the publish inputs, without a registry. */
import { describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import { LadingError } from '../../src/errors.js';
import { buildPublishLayout, createdAnnotation, indexWithEntry, manifestAnnotations } from '../../src/package/publish-layout.js';
import { sourceDateEpoch, planPublish } from '../../src/publish/stage.js';
import { checkTagInput, parsePublishInput, publishReference } from '../../src/publish/target.js';
import { checkLayers, parseChecksums } from '../../src/publish/verify.js';

const hex = (s: string): string => createHash('sha256').update(s).digest('hex');
const ZARF = [
  'kind: ZarfPackageConfig',
  'metadata:',
  '  name: demo',
  '  version: 1.2.3',
  '  description: A <demo> & more',
  '  architecture: amd64',
  '  aggregateChecksum: abc',
  'build:',
  '  architecture: amd64',
  '  timestamp: Mon, 23 Nov 2026 11:00:00 +0000',
  '  version: 0.1.0',
  'components:',
  '  - name: app',
  ''
].join('\n');

describe('publish layout', () => {
  const files = [
    { path: 'zarf.yaml', sha256: hex('z'), size: 10 },
    { path: 'checksums.txt', sha256: hex('c'), size: 20 },
    { path: 'images/index.json', sha256: hex('i'), size: 30 },
    { path: 'images/oci-layout', sha256: hex('o'), size: 31 },
    { path: `images/blobs/sha256/${hex('b')}`, sha256: hex('b'), size: 40 }
  ];

  test('a manifest with the Zarf config, one titled layer per file sorted by digest, Go JSON', () => {
    const l = buildPublishLayout(files, ZARF);
    const m = JSON.parse(l.manifest.bytes.toString()) as Record<string, unknown> & { layers: Array<{ digest: string; mediaType: string; annotations: Record<string, string> }>; config: Record<string, unknown> };
    expect(Object.keys(m)).toEqual(['schemaVersion', 'mediaType', 'config', 'layers', 'annotations']);
    expect(m.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(m.config).toEqual({ mediaType: 'application/vnd.zarf.config.v1+json', digest: l.config.descriptor.digest, size: l.config.bytes.length });
    expect(m.layers.map((x) => x.digest)).toEqual(files.map((f) => `sha256:${f.sha256}`).sort());
    expect(m.layers.every((x) => x.mediaType === 'application/vnd.zarf.layer.v1.blob' && files.some((f) => f.path === x.annotations['org.opencontainers.image.title']))).toBe(true);
    expect(l.manifest.descriptor.digest).toBe(`sha256:${createHash('sha256').update(l.manifest.bytes).digest('hex')}`);
    // Go's encoding/json escapes <, > and &.
    expect(l.manifest.bytes.toString()).toContain('A \\u003cdemo\\u003e \\u0026 more');
    expect(JSON.parse(l.config.bytes.toString())).toMatchObject({ kind: 'ZarfPackageConfig', metadata: { name: 'demo' }, build: { version: '0.1.0' } });
    // Same input, same bytes.
    expect(buildPublishLayout([...files].reverse(), ZARF).manifest.bytes.equals(l.manifest.bytes)).toBe(true);
  });

  test('annotations: title and description always, the others when set, created from build.timestamp, then metadata.annotations', () => {
    expect(manifestAnnotations({ metadata: { name: 'x', url: 'https://u', vendor: 'V', annotations: { 'a.b': 'c', 'org.opencontainers.image.title': 'over' } }, build: { timestamp: 'Mon, 23 Nov 2026 11:00:00 +0000' } })).toEqual({
      'org.opencontainers.image.title': 'over',
      'org.opencontainers.image.description': '',
      'org.opencontainers.image.url': 'https://u',
      'org.opencontainers.image.vendor': 'V',
      'org.opencontainers.image.created': '2026-11-23T11:00:00Z',
      'a.b': 'c'
    });
    expect(createdAnnotation('Tue, 01 Dec 2026 08:30:00 +0200')).toBe('2026-12-01T06:30:00Z');
    expect(createdAnnotation(undefined)).toBe('0001-01-01T00:00:00Z');
  });

  test('the tag index: entry appended, replaced, left alone when unchanged; other entries and fields kept; mediaType always', () => {
    const a = { digest: `sha256:${hex('a')}` as const, size: 100 };
    const b = { digest: `sha256:${hex('b')}` as const, size: 200 };
    const first = indexWithEntry(undefined, a, 'amd64');
    expect(first.changed).toBe(true);
    const idx = JSON.parse(first.bytes.toString()) as Record<string, unknown>;
    expect(idx).toEqual({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: a.digest, size: 100, platform: { architecture: 'amd64', os: 'multi' } }] });
    expect(indexWithEntry(idx, a, 'amd64').changed).toBe(false);
    const both = JSON.parse(indexWithEntry(idx, b, 'arm64').bytes.toString()) as { manifests: Array<{ digest: string; platform: { architecture: string } }> };
    expect(both.manifests.map((m) => m.platform.architecture)).toEqual(['amd64', 'arm64']);
    const replaced = JSON.parse(indexWithEntry(both as unknown as Record<string, unknown>, b, 'amd64').bytes.toString()) as { manifests: Array<{ digest: string; platform: { architecture: string } }> };
    expect(replaced.manifests.map((m) => [m.platform.architecture, m.digest])).toEqual([
      ['amd64', b.digest],
      ['arm64', b.digest]
    ]);
    // An index written without mediaType (some tools do) is rewritten with it.
    const bare = { schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: a.digest, size: 100, platform: { architecture: 'amd64', os: 'multi' } }], annotations: { z: '1' } };
    const fixed = indexWithEntry(bare, a, 'amd64');
    expect(fixed.changed).toBe(true);
    expect(JSON.parse(fixed.bytes.toString())).toMatchObject({ mediaType: 'application/vnd.oci.image.index.v1+json', annotations: { z: '1' } });
  });

  test('checksums.txt against the layers', () => {
    const sums = parseChecksums(`${hex('b')} images/blobs/sha256/${hex('b')}\n${hex('i')} images/index.json\n`);
    const layer = (title: string, d: string): { mediaType: string; digest: `sha256:${string}`; size: number; annotations: Record<string, string> } => ({ mediaType: 'x', digest: `sha256:${d}`, size: 1, annotations: { 'org.opencontainers.image.title': title } });
    expect(checkLayers([layer('zarf.yaml', hex('z')), layer('images/index.json', hex('i')), layer(`images/blobs/sha256/${hex('b')}`, hex('b'))], sums, true)).toEqual([]);
    expect(checkLayers([layer('images/index.json', hex('x'))], sums, true)).toEqual([
      `images/index.json is sha256:${hex('x')} in the manifest, but checksums.txt says sha256:${hex('i')}`,
      `images/blobs/sha256/${hex('b')} is in checksums.txt but not in the manifest`
    ]);
    expect(() => parseChecksums('nonsense\n')).toThrow(/malformed line/);
  });
});

describe('publish inputs', () => {
  test('publish must be oci://host/repository without tag or digest', () => {
    expect(parsePublishInput('oci://ghcr.io/acme/packages')).toEqual({ input: 'oci://ghcr.io/acme/packages', registry: 'ghcr.io', path: 'acme/packages' });
    expect(parsePublishInput('oci://127.0.0.1:5000/pkgs/')).toMatchObject({ registry: '127.0.0.1:5000', path: 'pkgs' });
    expect(() => parsePublishInput('ghcr.io/acme/packages')).toThrow(/must start with oci:\/\//);
    expect(() => parsePublishInput('oci://acme/packages')).toThrow(/does not name a registry host/);
    expect(() => parsePublishInput('oci://ghcr.io')).toThrow(/names no repository/);
    expect(() => parsePublishInput('oci://ghcr.io/acme/pkgs:1.0')).toThrow(/has a tag or digest/);
    expect(() => parsePublishInput('oci://ghcr.io/Acme/pkgs')).toThrow(/not a valid repository.*lowercase/);
    expect(() => checkTagInput('-bad')).toThrow(/not a valid OCI tag/);
    expect(() => checkTagInput('v1.0.0_rc-1')).not.toThrow();
  });

  test('the reference is <repo>/<name>:<version>, or the tag input; version is required, at its line', () => {
    const repo = parsePublishInput('oci://ghcr.io/acme/packages');
    expect(publishReference(repo, 'demo', '1.2.3', '').toString()).toBe('ghcr.io/acme/packages/demo:1.2.3');
    expect(publishReference(repo, 'demo', '1.2.3', 'latest').toString()).toBe('ghcr.io/acme/packages/demo:latest');
    const at = { file: 'zarf.yaml', line: 2, col: 1 };
    let e: unknown;
    try {
      publishReference(repo, 'demo', undefined, 'latest', at);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(LadingError);
    expect(e).toMatchObject({ message: 'metadata.version is required to publish a package', position: at });
    expect(() => publishReference(repo, 'demo', '1.0.0+build.5', '')).toThrow(/not a valid OCI tag/);
    const def = { config: { metadata: { name: 'demo', version: '2.0.0' } }, positionOf: () => at };
    expect(planPublish({ publish: '', tag: '' }, def)).toBeUndefined();
    expect(planPublish({ publish: 'oci://docker.io/acme', tag: '' }, def)).toMatchObject({ endpoint: 'registry-1.docker.io' });
  });

  test('SOURCE_DATE_EPOCH', () => {
    expect(sourceDateEpoch({})).toBeUndefined();
    expect(sourceDateEpoch({ SOURCE_DATE_EPOCH: '1700000000' })?.toISOString()).toBe('2023-11-14T22:13:20.000Z');
    expect(() => sourceDateEpoch({ SOURCE_DATE_EPOCH: 'yesterday' })).toThrow(/not a whole number/);
  });
});
