import { describe, expect, test } from '@jest/globals';
import { parseManifest } from '../../src/oci/types.js';

const digest = `sha256:${'a'.repeat(64)}`;
const bytes = (v: unknown): Uint8Array => Buffer.from(JSON.stringify(v));
const manifest = (layers: unknown): unknown => ({
  schemaVersion: 2,
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest, size: 2 },
  layers
});

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a failure');
}

describe('parseManifest', () => {
  test('a malformed manifest is refused with the field and, in words, what is wrong with it', () => {
    const bad = manifest([{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest, size: 'big' }]);
    expect(messageOf(() => parseManifest(bytes(bad), undefined, 'ghcr.io/acme/app:1'))).toBe(
      'ghcr.io/acme/app:1: malformed image manifest (layers.0.size: Invalid input: expected number, received string)'
    );
    const negative = manifest([{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest, size: -1 }]);
    expect(messageOf(() => parseManifest(bytes(negative), undefined, 'm'))).toBe('m: malformed image manifest (layers.0.size: Too small: expected number to be >=0)');
  });

  test('a descriptor whose digest is not a digest is refused', () => {
    const bad = manifest([{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: 'sha256:nothex', size: 1 }]);
    expect(messageOf(() => parseManifest(bytes(bad), undefined, 'm'))).toBe('m: malformed image manifest (layers.0.digest: invalid digest)');
  });

  test('an index is told from a manifest by its fields when no media type says which; layers default to none', () => {
    const index = parseManifest(bytes({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest, size: 3, platform: { os: 'linux', architecture: 'arm64' } }] }), undefined, 'i');
    expect(index.kind).toBe('index');
    const m = parseManifest(bytes({ schemaVersion: 2, config: { mediaType: 'x', digest, size: 1 } }), undefined, 'm');
    expect(m.kind === 'manifest' && m.manifest.layers).toEqual([]);
  });
});
