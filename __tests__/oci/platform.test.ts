import { describe, expect, test } from '@jest/globals';
import { normalizePlatform, platformMatches, selectPlatform, parsePlatform } from '../../src/oci/platform.js';
import type { Descriptor } from '../../src/oci/types.js';

const d = (n: string, platform: Descriptor['platform']): Descriptor => ({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${n.repeat(64)}` as Descriptor['digest'], size: 1, ...(platform ? { platform } : {}) });

describe('platforms', () => {
  test('normalizes registry spellings', () => {
    expect(normalizePlatform({ os: 'linux', architecture: 'aarch64' })).toEqual({ os: 'linux', architecture: 'arm64' });
    expect(normalizePlatform({ os: 'linux', architecture: 'x86_64' })).toEqual({ os: 'linux', architecture: 'amd64' });
    expect(normalizePlatform({ os: 'linux', architecture: 'arm64', variant: 'v8' })).toEqual({ os: 'linux', architecture: 'arm64' });
    expect(normalizePlatform({ os: 'linux', architecture: 'arm' })).toEqual({ os: 'linux', architecture: 'arm', variant: 'v7' });
    expect(parsePlatform('linux/arm/v6')).toEqual({ os: 'linux', architecture: 'arm', variant: 'v6' });
  });

  test('matches os and architecture exactly, variant when asked', () => {
    expect(platformMatches({ os: 'linux', architecture: 'arm64', variant: 'v8' }, { os: 'linux', architecture: 'arm64' })).toBe(true);
    expect(platformMatches({ os: 'windows', architecture: 'amd64' }, { os: 'linux', architecture: 'amd64' })).toBe(false);
    expect(platformMatches({ os: 'linux', architecture: 'arm', variant: 'v6' }, { os: 'linux', architecture: 'arm', variant: 'v7' })).toBe(false);
    expect(platformMatches({ os: 'unknown', architecture: 'unknown' }, { os: 'unknown', architecture: 'unknown' })).toBe(false);
  });

  test('picks the platform entry and skips attestations', () => {
    const entries = [d('1', { os: 'unknown', architecture: 'unknown' }), d('2', { os: 'linux', architecture: 'amd64' }), d('3', { os: 'linux', architecture: 'arm64', variant: 'v8' })];
    expect(selectPlatform(entries, { os: 'linux', architecture: 'arm64' })?.digest).toBe(entries[2]?.digest);
    expect(selectPlatform(entries, { os: 'linux', architecture: 'amd64' })?.digest).toBe(entries[1]?.digest);
    expect(selectPlatform(entries, { os: 'linux', architecture: 's390x' })).toBeUndefined();
  });

  test('prefers the highest arm variant when none is asked for', () => {
    const entries = [d('4', { os: 'linux', architecture: 'arm', variant: 'v6' }), d('5', { os: 'linux', architecture: 'arm', variant: 'v7' })];
    expect(selectPlatform(entries, { os: 'linux', architecture: 'arm' })?.digest).toBe(entries[1]?.digest);
  });
});
