import { describe, expect, test } from '@jest/globals';
import * as core from '@actions/core';
import { captureAnnotations } from '../../src/cache/capture.js';

/** Runs `fn` with process.stdout.write replaced by a recorder (`fake`); returns what was written. */
async function withFakeStdout(fn: (fake: typeof process.stdout.write) => Promise<void>): Promise<string> {
  const written: string[] = [];
  const original = process.stdout.write;
  process.stdout.write = ((chunk: string) => {
    written.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    await fn(process.stdout.write);
  } finally {
    process.stdout.write = original;
  }
  return written.join('');
}

describe('captureAnnotations', () => {
  test('holds back warning and error annotations, keeps the rest, and restores stdout', async () => {
    let result: Awaited<ReturnType<typeof captureAnnotations<number>>> | undefined;
    const written = await withFakeStdout(async (fake) => {
      result = await captureAnnotations(async () => {
        core.info('Cache Size: ~1 MB');
        core.warning('Failed to restore: Unable to make request: ECONNREFUSED\nIf you are using self-hosted runners, ...');
        core.error('Failed to save: Cache service responded with 503');
        core.debug('Failed to reserve cache: Error: (409) Conflict');
        return 7;
      });
      expect(process.stdout.write).toBe(fake);
    });
    expect(result?.value).toBe(7);
    expect(result?.problems).toEqual(['Failed to restore: Unable to make request: ECONNREFUSED', 'Failed to save: Cache service responded with 503']);
    expect(result?.debug).toEqual(['Failed to reserve cache: Error: (409) Conflict']);
    expect(written).toContain('Cache Size: ~1 MB');
    expect(written).toContain('::debug::');
    expect(written).not.toMatch(/::(warning|error)/);
  });

  test('writes from the rest of the run while the call is in flight pass through, annotations included', async () => {
    const written = await withFakeStdout(async (fake) => {
      let release: () => void = () => undefined;
      const gate = new Promise<void>((r) => (release = r));
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
    });
    expect(written).toContain('::error::resolution failed: the run was cancelled');
    expect(written).toContain('::warning::a warning of the build itself');
    expect(written).not.toContain('socket hang up');
  });
});
