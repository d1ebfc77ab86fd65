/**
 * A download's body handed on chunk by chunk, as each arrives. Not `for await`: a readable's async
 * iterator reads whatever is buffered as one piece, joining the chunks into a new buffer when several
 * arrived meanwhile (a copy of the bytes and fresh memory, for every blob). 'data' events hand on the
 * very chunks the HTTP parser produced; the body pauses only while the consumer has to wait. Each
 * chunk is fresh memory, counted for the young-generation collections that free it (fresh-memory.ts).
 */
import type { Readable } from 'node:stream';
import { freshMemory } from './fresh-memory.js';

/**
 * Calls `take` with each chunk of `body`; when it returns a promise, the body pauses until that
 * settles. Resolves once the body ended and the last promise settled; rejects with the body's error
 * or `take`'s (thrown or rejected), the body destroyed.
 */
export function eachChunk(body: Readable, take: (chunk: Buffer) => Promise<void> | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    // A body that failed or closed before this call (its request aborted or timed out while the
    // caller was still opening the file): its events are gone, so its state says it.
    if (body.errored !== null) return reject(body.errored);
    if (body.destroyed && !body.readableEnded) return reject(new Error('the response body was closed before its end'));
    let failed = false;
    let waiting: Promise<void> | undefined;
    const fail = (e: unknown): void => {
      if (failed) return;
      failed = true;
      body.destroy();
      reject(e);
    };
    body.on('data', (chunk: Buffer) => {
      if (failed) return;
      freshMemory(chunk.length);
      let wait: Promise<void> | undefined;
      try {
        wait = take(chunk);
      } catch (e) {
        fail(e);
        return;
      }
      if (wait === undefined) return;
      body.pause();
      waiting = wait.then(
        () => {
          waiting = undefined;
          if (!failed) body.resume();
        },
        (e: unknown) => fail(e)
      );
    });
    body.once('end', () => {
      if (waiting === undefined) {
        if (!failed) resolve();
        return;
      }
      void waiting.then(() => {
        if (!failed) resolve();
      });
    });
    body.once('error', fail);
    // A body destroyed without an error (nothing more will come) must not leave the caller waiting.
    body.once('close', () => {
      if (!body.readableEnded) fail(new Error('the response body was closed before its end'));
    });
  });
}
