/**
 * A blob still being written into a store, seen from a reader that wants its bytes before it is done
 * (the package writer, so that writing a large layer into the package overlaps its download): the
 * temp file's path, how many bytes have reached that file so far (in order, append-only), and the
 * ingest's outcome. The bytes in the file are the ones the ingest hashed; a reader may only keep
 * what it read once the ingest is `over` with no `error` (size and digest checked).
 */
export class GrowingBlob {
  private flushedBytes = 0;
  private wake: Array<() => void> = [];
  private settled = false;
  private failure: Error | undefined;

  constructor(
    /** The temp file being written; renamed to the blob's name once verified (an open handle stays valid). */
    readonly path: string,
    /** The size the blob must have. */
    readonly size: number
  ) {}

  /** Bytes written to the file so far (from its start, without gaps). */
  get flushed(): number {
    return this.flushedBytes;
  }

  /** Whether the ingest ended; `error` says how. */
  get over(): boolean {
    return this.settled;
  }

  /** Why the ingest failed (the blob will not be in the store), once it did. */
  get error(): Error | undefined {
    return this.failure;
  }

  /** Resolves when more bytes reached the file, or the ingest ended (either way). */
  next(): Promise<void> {
    if (this.settled) return Promise.resolve();
    return new Promise((resolve) => this.wake.push(resolve));
  }

  /** The ingest: `bytes` more reached the file. */
  grew(bytes: number): void {
    this.flushedBytes += bytes;
    this.notify();
  }

  /** The ingest: verified and renamed (no error), or failed. */
  end(error?: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.failure = error;
    this.notify();
  }

  private notify(): void {
    const w = this.wake;
    this.wake = [];
    for (const f of w) f();
  }
}
