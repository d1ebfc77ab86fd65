import { describe, expect, test } from '@jest/globals';
import { contentHash, contentKey, namesContent, packagePrefix, repairKey, runnerPrefix, type KeyParts } from '../../src/cache/key.js';

const parts: KeyParts = { runnerOs: 'Linux', runnerArch: 'X64', packageName: 'podinfo', architecture: 'amd64' };
const d = (c: string): string => `sha256:${c.repeat(64)}`;

describe('cache keys', () => {
  test('name the content: the sorted distinct digests, whatever their order or repetition', () => {
    const key = contentKey(parts, [d('a'), d('b'), d('c')]);
    expect(key).toMatch(/^lading-blobs-v1-Linux-X64-podinfo\.amd64\.[0-9a-f]{16}$/);
    expect(contentKey(parts, [d('c'), d('a'), d('b'), d('a')])).toBe(key);
    expect(contentKey(parts, [d('a'), d('b')])).not.toBe(key);
    expect(contentHash([])).toHaveLength(16);
  });

  test('differ by runner platform, package and package architecture', () => {
    const blobs = [d('a')];
    const keys = new Set([
      contentKey(parts, blobs),
      contentKey({ ...parts, runnerOs: 'macOS' }, blobs),
      contentKey({ ...parts, runnerArch: 'ARM64' }, blobs),
      contentKey({ ...parts, packageName: 'other' }, blobs),
      contentKey({ ...parts, architecture: 'arm64' }, blobs)
    ]);
    expect(keys.size).toBe(5);
  });

  test('prefixes: the package prefix never matches another package whose name starts the same', () => {
    expect(runnerPrefix(parts)).toBe('lading-blobs-v1-Linux-X64-');
    expect(packagePrefix(parts)).toBe('lading-blobs-v1-Linux-X64-podinfo.amd64.');
    const other = contentKey({ ...parts, packageName: 'podinfo-amd64' }, [d('a')]);
    expect(other.startsWith(packagePrefix(parts))).toBe(false);
    expect(other.startsWith(runnerPrefix(parts))).toBe(true);
  });

  test('keys stay valid for the service: no commas, bounded length', () => {
    const odd = contentKey({ runnerOs: 'Li,nux', runnerArch: 'X 64', packageName: 'x'.repeat(300), architecture: 'amd64' }, [d('a')]);
    expect(odd).not.toMatch(/[, ]/);
    expect(odd.length).toBeLessThan(512);
  });

  test('a repaired entry names the same content; another content does not', () => {
    const key = contentKey(parts, [d('a')]);
    const repaired = repairKey(key, 1_700_000_000_000);
    expect(repaired.startsWith(`${key}.r`)).toBe(true);
    expect(namesContent(key, key)).toBe(true);
    expect(namesContent(repaired, key)).toBe(true);
    expect(namesContent(contentKey(parts, [d('b')]), key)).toBe(false);
    expect(namesContent(undefined, key)).toBe(false);
  });
});
