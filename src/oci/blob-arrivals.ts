/**
 * Blobs arriving in a store while a later step already waits for them: one promise per digest that
 * resolves once the blob is in the store with its size and digest verified (its ingest finished, or
 * the store already held it checked), and rejects when it will not arrive (its transfer failed, or
 * the transfers stopped). The puller announces what will arrive and says when each one did; a reader
 * (the package writer) awaits each blob just before it reads it.
 *
 * A digest nobody announced is taken to be in the store already (a manifest read while resolving).
 */
import type { Digest } from './digest.js';

interface Pending {
  promise: Promise<void>;
  resolve: () => void;
  reject: (e: Error) => void;
  settled: boolean;
}

export class BlobArrivals {
  private readonly blobs = new Map<Digest, Pending>();
  private closedWith: Error | undefined;

  /** Announces blobs that will arrive: awaiting one of them waits until it did (or failed). */
  expect(digests: Iterable<Digest>): void {
    for (const digest of digests) {
      if (this.blobs.has(digest)) continue;
      let resolve!: () => void;
      let reject!: (e: Error) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      // Nobody may ever await it (the reader stopped first): a rejection is not an unhandled one.
      promise.catch(() => undefined);
      const pending: Pending = { promise, resolve, reject, settled: false };
      this.blobs.set(digest, pending);
      if (this.closedWith !== undefined) this.settle(pending, this.closedWith);
    }
  }

  /** `digest` is in the store, verified. */
  arrived(digest: Digest): void {
    const p = this.blobs.get(digest);
    if (p !== undefined) this.settle(p);
  }

  /**
   * No more blobs will arrive: every announced blob not arrived yet rejects with `error` (the
   * transfer's own failure, or the run's cancellation).
   */
  close(error: Error): void {
    this.closedWith ??= error;
    for (const p of this.blobs.values()) this.settle(p, error);
  }

  /** Whether `digest` was announced and has not arrived (nor failed) yet. */
  pending(digest: Digest): boolean {
    const p = this.blobs.get(digest);
    return p !== undefined && !p.settled;
  }

  /**
   * Resolves once `digest` is in the store, verified; at once for a digest never announced. Rejects
   * when it will not arrive.
   */
  async whenArrived(digest: Digest): Promise<void> {
    await this.blobs.get(digest)?.promise;
  }

  private settle(p: Pending, error?: Error): void {
    if (p.settled) return;
    p.settled = true;
    if (error === undefined) p.resolve();
    else p.reject(error);
  }
}
