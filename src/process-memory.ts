/**
 * How this process's freed memory is kept for reuse, set once by the action's entry point.
 *
 * Every body chunk node's HTTP client reads, and every buffer a file stream reads into, is a fresh
 * allocation freed only when V8 collects it: tens of MiB at a time in a long pull. glibc's malloc
 * gives freed memory at the top of its heap back to the kernel once more than its trim threshold
 * (128 KiB to start with) is free there, so a large pull goes grow, collect, give back, grow again,
 * and every page of every round is faulted in anew (on the bench machine 11-15 µs per 4 KiB page:
 * a 1 GiB pull took 21,000 to 97,000 page faults and 5.2-6.7 s, with this a steady 28,000-29,000
 * and 4.2-5.0 s; bench/README.md).
 *
 * glibc raises its thresholds by itself when a block it had mapped on its own is freed: the mmap
 * threshold to that block's size and the trim threshold to twice that, for blocks up to 32 MiB
 * (malloc.c, free() of an mmapped chunk, DEFAULT_MMAP_THRESHOLD_MAX). An ArrayBuffer of just under
 * 32 MiB is such a block, and `transfer(0)` frees it at once, without waiting for a collection; its
 * pages are never touched (calloc of fresh mapped memory), so this costs well under a millisecond
 * and no resident memory. From then on up to about 62 MiB of freed memory stays in the heap for the
 * next chunks. With another allocator (musl, jemalloc), or when MALLOC_TRIM_THRESHOLD_ or
 * MALLOC_MMAP_THRESHOLD_ is set (glibc then keeps fixed thresholds), it changes nothing.
 *
 * Downloads also have V8 collect their chunks every few MiB (src/oci/fresh-memory.ts), so what is
 * kept here is a small pool used over and over rather than a pile as large as V8 lets them grow.
 */

/** Just under glibc's 32 MiB limit for raising the thresholds (the block's header counts too). */
const BLOCK_BYTES = 31 * 1024 * 1024;

export function keepFreedMemoryForReuse(): void {
  try {
    // ES2024, in node since 21 (this project's lib setting is ES2023).
    (new ArrayBuffer(BLOCK_BYTES) as ArrayBuffer & { transfer(length: number): ArrayBuffer }).transfer(0);
  } catch {
    // No memory for a block this size: the run goes on with the allocator's defaults.
  }
}
