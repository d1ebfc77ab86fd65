/**
 * The version a restore asks for must be the one @actions/cache saved under, or every lookup misses:
 * entryVersion is compared with the library's own getCacheVersion, and compressionMethod's PATH
 * lookup with the library's getCompressionMethod (which runs `zstd --version`).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compressionMethod, entryVersion, type CompressionMethod } from '../../../src/cache/restore/entry-version.js';

interface CacheUtils {
  getCacheVersion(paths: string[], compressionMethod?: string, enableCrossOsArchive?: boolean): string;
  getCompressionMethod(): Promise<string>;
}

// The package's exports map has no entry for its internals: imported by file URL.
const lib = (await import(pathToFileURL(path.resolve('node_modules/@actions/cache/lib/internal/cacheUtils.js')).href)) as CacheUtils;

const PATHS: string[][] = [
  ['/home/runner/work/_temp/lading-blobs'],
  ['../temp/lading-blobs'],
  ['a', 'b/c', '~/.cache/x'],
  ['with|pipe', 'ünïcode path', ''],
  []
];
const METHODS: CompressionMethod[] = ['zstd-without-long', 'gzip'];

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lading-entry-version-'));
});
afterAll(async () => rm(tmp, { recursive: true, force: true }));

/** Runs `fn` with process.platform reading `platform` (the library reads it at call time). */
function asPlatform<T>(platform: NodeJS.Platform, fn: () => T): T {
  const desc = Object.getOwnPropertyDescriptor(process, 'platform') as PropertyDescriptor;
  Object.defineProperty(process, 'platform', { ...desc, value: platform });
  try {
    return fn();
  } finally {
    Object.defineProperty(process, 'platform', desc);
  }
}

describe('entryVersion', () => {
  test.each(METHODS)('equals @actions/cache getCacheVersion for several path lists (%s, linux)', (method) => {
    for (const paths of PATHS) {
      const ours = entryVersion(paths, method, 'linux');
      expect(ours).toBe(asPlatform('linux', () => lib.getCacheVersion(paths, method)));
      expect(ours).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  test.each(METHODS)('on win32 it adds windows-only, as the library does there (%s)', (method) => {
    for (const paths of PATHS) {
      const win = entryVersion(paths, method, 'win32');
      expect(win).toBe(asPlatform('win32', () => lib.getCacheVersion(paths, method)));
      expect(win).not.toBe(entryVersion(paths, method, 'linux'));
    }
  });

  test('the method is part of the version, and the caller paths are not changed', () => {
    const paths = ['x', 'y'];
    expect(entryVersion(paths, 'gzip', 'linux')).not.toBe(entryVersion(paths, 'zstd-without-long', 'linux'));
    expect(paths).toEqual(['x', 'y']);
  });
});

describe('compressionMethod', () => {
  test('an executable file named zstd on the PATH means zstd-without-long', async () => {
    const empty = path.join(tmp, 'empty');
    const bin = path.join(tmp, 'bin');
    await mkdir(empty, { recursive: true });
    await mkdir(bin, { recursive: true });
    await writeFile(path.join(bin, 'zstd'), '#!/bin/sh\necho v1.5.5\n');
    await chmod(path.join(bin, 'zstd'), 0o755);
    expect(await compressionMethod({ PATH: [empty, bin].join(path.delimiter) }, 'linux')).toBe('zstd-without-long');
  });

  test('no zstd on the PATH (or no PATH) means gzip', async () => {
    const empty = path.join(tmp, 'empty2');
    await mkdir(empty, { recursive: true });
    expect(await compressionMethod({ PATH: empty }, 'linux')).toBe('gzip');
    expect(await compressionMethod({}, 'linux')).toBe('gzip');
  });

  test('a zstd that is not an executable file (no x bit, or a folder) means gzip', async () => {
    const noexec = path.join(tmp, 'noexec');
    const dir = path.join(tmp, 'dir');
    await mkdir(noexec, { recursive: true });
    await mkdir(path.join(dir, 'zstd'), { recursive: true });
    await writeFile(path.join(noexec, 'zstd'), 'not a program');
    await chmod(path.join(noexec, 'zstd'), 0o644);
    // As root, access(X_OK) still fails for a file with no x bit at all.
    expect(await compressionMethod({ PATH: [noexec, dir].join(path.delimiter) }, 'linux')).toBe('gzip');
  });

  test("this machine's PATH gives the library's answer", async () => {
    // The library logs `::debug::` lines of its zstd probe on stdout: kept out of the test output.
    const write = process.stdout.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    let theirs: string;
    try {
      theirs = await lib.getCompressionMethod();
    } finally {
      process.stdout.write = write;
    }
    expect(await compressionMethod(process.env)).toBe(theirs);
  });
});
