import { describe, expect, test } from '@jest/globals';
import * as core from '@actions/core';
import { captureAnnotations } from '../../src/cache/capture.js';

describe('captureAnnotations', () => {
  test('holds back warning and error annotations, keeps the rest, and restores stdout', async () => {
    const written: string[] = [];
    const original = process.stdout.write;
    process.stdout.write = ((chunk: string) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    const inner = process.stdout.write;
    let result: Awaited<ReturnType<typeof captureAnnotations<number>>>;
    try {
      result = await captureAnnotations(async () => {
        core.info('Cache Size: ~1 MB');
        core.warning('Failed to restore: Unable to make request: ECONNREFUSED\nIf you are using self-hosted runners, ...');
        core.error('Failed to save: Cache service responded with 503');
        core.debug('Failed to reserve cache: Error: (409) Conflict');
        return 7;
      });
      expect(process.stdout.write).toBe(inner);
    } finally {
      process.stdout.write = original;
    }
    expect(result.value).toBe(7);
    expect(result.problems).toEqual(['Failed to restore: Unable to make request: ECONNREFUSED', 'Failed to save: Cache service responded with 503']);
    expect(result.debug).toEqual(['Failed to reserve cache: Error: (409) Conflict']);
    expect(written.join('')).toContain('Cache Size: ~1 MB');
    expect(written.join('')).toContain('::debug::');
    expect(written.join('')).not.toMatch(/::(warning|error)/);
  });

  test('writes from the rest of the run while the call is in flight pass through, annotations included', async () => {
    const written: string[] = [];
    const original = process.stdout.write;
    process.stdout.write = ((chunk: string) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    const fake = process.stdout.write;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    try {
      const capturing = captureAnnotations(async () => {
        await gate;
        core.warning('Failed to restore: socket hang up');
        return 1;
      });
      // The run goes on meanwhile (as resolution does while the cache restores).
      await new Promise((r) => setTimeout(r, 5));
      core.error('resolution failed: the run was cancelled');
      core.warning('a warning of the build itself');
      release();
      const result = await capturing;
      expect(result.problems).toEqual(['Failed to restore: socket hang up']);
      expect(process.stdout.write).toBe(fake);
    } finally {
      process.stdout.write = original;
    }
    expect(written.join('')).toContain('::error::resolution failed: the run was cancelled');
    expect(written.join('')).toContain('::warning::a warning of the build itself');
    expect(written.join('')).not.toContain('socket hang up');
  });
});
