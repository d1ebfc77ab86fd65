/**
 * BlobArrivals: what a reader of blobs still being pulled waits for. An announced blob is waited for
 * until it arrived; one that will not arrive (the transfers closed with an error) rejects with that
 * error; a digest never announced is there already.
 */
import { describe, test, expect } from '@jest/globals';
import { BlobArrivals } from '../../src/oci/blob-arrivals.js';
import type { Digest } from '../../src/oci/digest.js';

const d = (c: string): Digest => `sha256:${c.repeat(64)}` as Digest;

/** 'pending', 'arrived' or the rejection's message, after the promise had every chance to settle. */
async function state(p: Promise<void>): Promise<string> {
  let s = 'pending';
  p.then(
    () => (s = 'arrived'),
    (e: unknown) => (s = (e as Error).message)
  );
  await new Promise((r) => setTimeout(r, 20));
  return s;
}

describe('BlobArrivals', () => {
  test('an announced blob is waited for until it arrived; a digest never announced is there already', async () => {
    const a = new BlobArrivals();
    a.expect([d('a'), d('b')]);
    const waiting = a.whenArrived(d('a'));
    expect(await state(waiting)).toBe('pending');
    expect(a.pending(d('a'))).toBe(true);
    a.arrived(d('a'));
    expect(await state(waiting)).toBe('arrived');
    expect(a.pending(d('a'))).toBe(false);
    expect(await state(a.whenArrived(d('a')))).toBe('arrived');
    expect(await state(a.whenArrived(d('c')))).toBe('arrived');
    expect(a.pending(d('c'))).toBe(false);
    expect(await state(a.whenArrived(d('b')))).toBe('pending');
  });

  test('closed with an error: every blob not arrived rejects with it, those arrived stay arrived, and later announcements too', async () => {
    const a = new BlobArrivals();
    a.expect([d('a'), d('b')]);
    a.arrived(d('a'));
    const b = a.whenArrived(d('b'));
    a.close(new Error('blob content does not match its digest'));
    expect(await state(b)).toBe('blob content does not match its digest');
    expect(await state(a.whenArrived(d('a')))).toBe('arrived');
    // A second close does not change the reason; a blob announced after the close will not arrive either.
    a.close(new Error('another'));
    a.expect([d('e')]);
    expect(await state(a.whenArrived(d('e')))).toBe('blob content does not match its digest');
    // Arriving after the close changes nothing.
    a.arrived(d('b'));
    expect(await state(a.whenArrived(d('b')))).toBe('blob content does not match its digest');
  });

  test('a rejection nobody awaits is not an unhandled one', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown): void => void unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const a = new BlobArrivals();
      a.expect([d('f')]);
      a.close(new Error('stopped'));
      await new Promise((r) => setTimeout(r, 20));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });
});
