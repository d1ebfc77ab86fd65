/**
 * A download's body handed on chunk by chunk (src/oci/body-chunks.ts): the very chunks that arrived,
 * in order, none joined; no chunk while the consumer waits; the end only after the last wait; every
 * way a body can fail ends the call instead of leaving it waiting.
 */
import { describe, expect, test } from '@jest/globals';
import { PassThrough, Readable } from 'node:stream';
import { eachChunk } from '../../src/oci/body-chunks.js';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('eachChunk', () => {
  test('hands on each chunk as it was pushed (the same buffers, in order, none joined) and resolves at the end', async () => {
    const chunks = [Buffer.from('one'), Buffer.from('two'), Buffer.from('three')];
    const body = new PassThrough();
    const seen: Buffer[] = [];
    const done = eachChunk(body, (c) => {
      seen.push(c);
      return undefined;
    });
    // Written before anything is read: a reader calling read() would get them joined.
    for (const c of chunks) body.write(c);
    body.end();
    await done;
    expect(seen.map(String)).toEqual(['one', 'two', 'three']);
    expect(seen.every((c, i) => c.buffer === chunks[i]?.buffer && c.byteOffset === chunks[i]?.byteOffset)).toBe(true);
  });

  test('no chunk is handed on while the consumer waits; the call ends only after the last wait', async () => {
    const body = Readable.from([Buffer.from('a'), Buffer.from('b'), Buffer.from('c')], { objectMode: false });
    const seen: string[] = [];
    const releases: Array<() => void> = [];
    let ended = false;
    const done = eachChunk(body, (c) => {
      seen.push(String(c));
      return new Promise<void>((r) => releases.push(r));
    }).then(() => {
      ended = true;
    });
    for (const expected of [['a'], ['a', 'b'], ['a', 'b', 'c']]) {
      for (let i = 0; i < 5; i++) await tick();
      expect(seen).toEqual(expected);
      expect(ended).toBe(false);
      releases.shift()?.();
    }
    await done;
    expect(ended).toBe(true);
  });

  test('the consumer throwing, or its wait rejecting: the call rejects with that error and the body is destroyed', async () => {
    const thrown = new PassThrough();
    const t = eachChunk(thrown, () => {
      throw new Error('too large');
    });
    thrown.write(Buffer.from('x'));
    await expect(t).rejects.toThrow('too large');
    expect(thrown.destroyed).toBe(true);

    const rejected = new PassThrough();
    const r = eachChunk(rejected, () => Promise.reject(new Error('disk full')));
    rejected.write(Buffer.from('x'));
    await expect(r).rejects.toThrow('disk full');
    expect(rejected.destroyed).toBe(true);
  });

  test('a body that fails, or is closed before its end: the call rejects instead of waiting forever', async () => {
    const failing = new PassThrough();
    const f = eachChunk(failing, () => undefined);
    failing.write(Buffer.from('x'));
    failing.destroy(new Error('connection reset'));
    await expect(f).rejects.toThrow('connection reset');

    const closed = new PassThrough();
    const c = eachChunk(closed, () => undefined);
    closed.write(Buffer.from('x'));
    closed.destroy();
    await expect(c).rejects.toThrow(/closed before its end/);
  });

  test('a body that failed or closed before the call (its request aborted while the file was being opened): the call rejects at once', async () => {
    const failed = new PassThrough();
    failed.on('error', () => undefined);
    failed.destroy(new Error('aborted'));
    await new Promise((r) => setImmediate(r));
    await expect(eachChunk(failed, () => undefined)).rejects.toThrow('aborted');

    const closed = new PassThrough();
    closed.destroy();
    await new Promise((r) => setImmediate(r));
    await expect(eachChunk(closed, () => undefined)).rejects.toThrow(/closed before its end/);

    // One that ended whole is not a failure.
    const whole = new PassThrough();
    const seen: string[] = [];
    const done = eachChunk(whole, (c) => {
      seen.push(String(c));
      return undefined;
    });
    whole.end(Buffer.from('all'));
    await done;
    expect(seen).toEqual(['all']);
  });
});
