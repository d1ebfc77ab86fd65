/**
 * Young-generation collections paced by the bytes of fresh buffers a transfer hands out.
 *
 * node gives every chunk of a response body a Buffer of its own (its HTTP parser copies the bytes
 * out of the socket's read buffer), and a decompressor every output chunk. The memory behind those
 * Buffers goes back to malloc only when V8 collects their objects, and V8 collects the young
 * generation by the JS objects allocated, not by the bytes behind them: a fast download piles up
 * 60-80 MiB of chunks already hashed and written before a collection frees them, and every page of
 * that pile is memory the process touches for the first time (a page fault per 4 KiB: 11-15 µs each
 * on the bench machine).
 *
 * A transfer tells `freshMemory` the size of each chunk it takes; once `SCAVENGE_BYTES` have been
 * handed out, one young-generation collection runs (after the current callbacks, never inside one),
 * and the next chunks reuse the memory the collected ones held: with the freed memory kept in the
 * process (process-memory.ts; without it glibc would hand every freed pile back to the kernel and
 * fault it in again), a 128 MiB download holds about 17 MiB of chunks at a time instead of 80 MiB,
 * and takes about 5,000 page faults instead of 21,000 (__tests__/oci/fresh-memory.test.ts). A
 * collection of a young generation this small takes well under a millisecond.
 *
 * V8's `gc` function is made available the way jest's leak detector does it (the `--expose-gc` flag
 * set at run time, the function taken from a fresh context), the first time it is needed: a run
 * that downloads little never pays for it. Where that is refused, nothing is done.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

/** Fresh bytes between two young-generation collections (bench: 4 MiB beat 1, 2, 8 and 16). */
export const SCAVENGE_BYTES = 4 * 1024 * 1024;

type Collect = (options: { type: 'minor' }) => void;

/** undefined: not looked for yet; null: not available here. */
let collect: Collect | null | undefined;
let handedOut = 0;
let scheduled = false;

function collector(): Collect | null {
  if (collect !== undefined) return collect;
  try {
    v8.setFlagsFromString('--expose-gc');
    const fn: unknown = vm.runInNewContext('gc');
    collect = typeof fn === 'function' ? (fn as Collect) : null;
  } catch {
    collect = null;
  }
  return collect;
}

/** `bytes` of fresh buffers were handed out (a body chunk, a decompressed chunk). */
export function freshMemory(bytes: number): void {
  handedOut += bytes;
  if (handedOut < SCAVENGE_BYTES || scheduled) return;
  handedOut = 0;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    collector()?.({ type: 'minor' });
  });
}
