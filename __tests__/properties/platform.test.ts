/**
 * Property tests of the platform matcher: normalization is idempotent and total, the spellings
 * registries use for one platform (aarch64, arm64, arm64/v8, any case) are one platform, and matching
 * is symmetric wherever both sides say the same amount (both name a variant, or neither does).
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { formatPlatform, normalizePlatform, parsePlatform, platformMatches, selectPlatform } from '../../src/oci/platform.js';
import type { Descriptor, Platform } from '../../src/oci/types.js';

const RUNS = 500;

/** Random case, as registries and users write things. */
const anyCase = (s: string): fc.Arbitrary<string> => fc.mixedCase(fc.constant(s));
const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789_'), minLength: 1, maxLength: 8 });

const os = fc.oneof(fc.constantFrom('linux', 'windows', 'darwin', 'freebsd', 'unknown', ''), word, fc.string({ maxLength: 6 })).chain(anyCase);
const architecture = fc
  .oneof(
    fc.constantFrom('amd64', 'arm64', 'arm', '386', 'ppc64le', 's390x', 'riscv64', 'aarch64', 'x86_64', 'x86-64', 'i386', 'i686', 'armhf', 'armel', 'unknown', ''),
    // Names of Object.prototype members: an alias table must not answer for them.
    fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'),
    word,
    fc.string({ maxLength: 6 })
  )
  .chain(anyCase);
const variant = fc.option(fc.oneof(fc.constantFrom('v5', 'v6', 'v7', 'v8', 'v9', ''), word).chain(anyCase), { nil: undefined });
const platform: fc.Arbitrary<Platform> = fc
  .record({ os, architecture, variant, osVersion: fc.option(fc.constantFrom('10.0.17763.1', '10.0.20348.2'), { nil: undefined }) })
  .map(({ os: o, architecture: a, variant: v, osVersion }) => ({ os: o, architecture: a, ...(v !== undefined ? { variant: v } : {}), ...(osVersion !== undefined ? { 'os.version': osVersion } : {}) }));

const hasVariant = (p: Platform): boolean => p.variant !== undefined && p.variant !== '';

describe('platform matching, property based', () => {
  test('normalizePlatform is total, returns strings, and is idempotent', () => {
    fc.assert(
      fc.property(platform, (p) => {
        const once = normalizePlatform(p);
        expect(typeof once.os).toBe('string');
        expect(typeof once.architecture).toBe('string');
        if (once.variant !== undefined) expect(typeof once.variant).toBe('string');
        expect(once.variant).not.toBe('');
        expect(normalizePlatform(once)).toEqual(once);
        // Lower case throughout.
        expect(once.os).toBe(once.os.toLowerCase());
        expect(once.architecture).toBe(once.architecture.toLowerCase());
        // Nothing is made up: os.version is kept as is.
        expect(once['os.version']).toBe(p['os.version']);
      }),
      { numRuns: RUNS }
    );
  });

  test('a normalized platform matches itself; unknown/unknown (attestations) matches nothing', () => {
    fc.assert(
      fc.property(platform, (p) => {
        const n = normalizePlatform(p);
        const unknown = n.os === 'unknown' && n.architecture === 'unknown';
        expect(platformMatches(n, n)).toBe(!unknown);
        expect(platformMatches(p, p)).toBe(!unknown);
        expect(platformMatches({ os: 'unknown', architecture: 'unknown' }, p)).toBe(false);
      }),
      { numRuns: RUNS, examples: [[{ os: 'Unknown', architecture: 'UNKNOWN' }], [{ os: 'linux', architecture: 'constructor' }]] }
    );
  });

  test('matching is symmetric when both sides name a variant, or neither does', () => {
    fc.assert(
      fc.property(platform, platform, (a, b) => {
        if (hasVariant(a) !== hasVariant(b)) return;
        expect(platformMatches(a, b)).toBe(platformMatches(b, a));
      }),
      { numRuns: RUNS }
    );
    // Pairs drawn from a small set, so that matches actually happen.
    const near = fc.record({ os: fc.constantFrom('linux', 'Linux', 'unknown'), architecture: fc.constantFrom('arm64', 'aarch64', 'AArch64', 'arm', 'armhf', 'amd64', 'x86_64', 'unknown'), variant: fc.constantFrom(undefined, 'v7', 'v8', 'V8', 'v6') }).map(
      ({ os: o, architecture: a, variant: v }): Platform => ({ os: o, architecture: a, ...(v !== undefined ? { variant: v } : {}) })
    );
    fc.assert(
      fc.property(near, near, (a, b) => {
        if (hasVariant(a) !== hasVariant(b)) return;
        expect(platformMatches(a, b)).toBe(platformMatches(b, a));
      }),
      { numRuns: RUNS }
    );
  });

  test('a wanted platform without a variant matches every variant of its os and architecture', () => {
    fc.assert(
      fc.property(platform, (have) => {
        const n = normalizePlatform(have);
        if (n.os === 'unknown' && n.architecture === 'unknown') return;
        expect(platformMatches(have, { os: n.os, architecture: n.architecture })).toBe(true);
      }),
      { numRuns: RUNS }
    );
  });

  test('aarch64, arm64 and arm64/v8 in any case are one platform; x86_64 is amd64; arm is arm/v7', () => {
    const arm64 = fc.tuple(fc.constantFrom('aarch64', 'arm64'), fc.constantFrom(undefined, 'v8', '')).chain(([a, v]) =>
      fc.tuple(anyCase(a), v === undefined ? fc.constant(undefined) : anyCase(v), anyCase('linux')).map(([arch, vv, o]): Platform => ({ os: o, architecture: arch, ...(vv !== undefined ? { variant: vv } : {}) }))
    );
    fc.assert(
      fc.property(arm64, arm64, (a, b) => {
        expect(normalizePlatform(a)).toEqual({ os: 'linux', architecture: 'arm64' });
        expect(platformMatches(a, b)).toBe(true);
        expect(platformMatches(b, a)).toBe(true);
        expect(formatPlatform(normalizePlatform(a))).toBe('linux/arm64');
        expect(platformMatches(a, parsePlatform('arm64'))).toBe(true);
        expect(platformMatches(a, parsePlatform('linux/arm64/v8'))).toBe(true);
        expect(platformMatches(a, { os: 'linux', architecture: 'arm64', variant: 'v7' })).toBe(false);
        expect(platformMatches(a, parsePlatform('amd64'))).toBe(false);
      }),
      { numRuns: 200 }
    );
    fc.assert(
      fc.property(fc.constantFrom('x86_64', 'x86-64', 'amd64').chain(anyCase), (a) => {
        expect(normalizePlatform({ os: 'linux', architecture: a })).toEqual({ os: 'linux', architecture: 'amd64' });
        expect(platformMatches({ os: 'linux', architecture: a }, parsePlatform('amd64'))).toBe(true);
      }),
      { numRuns: 100 }
    );
    fc.assert(
      fc.property(fc.constantFrom('arm', 'armhf', 'armel').chain(anyCase), (a) => {
        expect(normalizePlatform({ os: 'linux', architecture: a })).toEqual({ os: 'linux', architecture: 'arm', variant: 'v7' });
        expect(platformMatches({ os: 'linux', architecture: a }, parsePlatform('linux/arm/v7'))).toBe(true);
        expect(platformMatches({ os: 'linux', architecture: a }, parsePlatform('linux/arm/v6'))).toBe(false);
      }),
      { numRuns: 100 }
    );
  });

  test('parsePlatform(formatPlatform(p)) gives back the normalized platform', () => {
    const plain = fc.record({ os: word, architecture: word, variant: fc.option(word, { nil: undefined }) }).map(({ os: o, architecture: a, variant: v }): Platform => ({ os: o, architecture: a, ...(v !== undefined ? { variant: v } : {}) }));
    fc.assert(
      fc.property(plain, (p) => {
        const n = normalizePlatform(p);
        expect(parsePlatform(formatPlatform(n))).toEqual(n);
      }),
      { numRuns: RUNS }
    );
  });

  test('selectPlatform picks a matching entry whenever there is one, and never an unknown/unknown entry', () => {
    const entry = (p: Platform, i: number): Descriptor => ({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${i.toString(16).padStart(64, '0')}`, size: 1, platform: p });
    fc.assert(
      fc.property(fc.array(platform, { maxLength: 8 }), platform, (ps, want) => {
        const entries = ps.map(entry);
        const picked = selectPlatform(entries, want);
        const any = entries.some((e) => platformMatches(e.platform, want));
        expect(picked !== undefined).toBe(any);
        if (picked !== undefined) {
          expect(platformMatches(picked.platform, want)).toBe(true);
          expect(entries).toContain(picked);
        }
      }),
      { numRuns: RUNS }
    );
  });
});
