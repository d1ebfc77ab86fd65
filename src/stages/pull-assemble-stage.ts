/**
 * The pull and the package writer of a build, run at once: the writer starts as soon as the pull
 * does and takes each image blob the moment its pull finished and the store verified it (through a
 * BlobArrivals the pull fills), so writing the package overlaps the transfers instead of following
 * them. The package bytes are those of a pull followed by a write. The pull may have started before
 * (its early transfers, begun while the images resolved): the stage finishes it.
 *
 * Failures: both sides are always waited for (no transfer and no staging folder outlives the stage).
 * A failed pull is the error (the writer, stopped by it, only echoes it); otherwise the writer's.
 */
import { rm } from 'node:fs/promises';
import type { LimitFunction } from 'p-limit';
import type { BlobStore } from '../oci/blobstore.js';
import { assemblePackage, type AssembledPackage, type AssembleInput } from '../package/assemble.js';
import { BlobPull, type PullStats } from '../sources/pull.js';
import type { Resolved } from '../sources/resolve.js';

export interface PullAssembleInput {
  resolved: readonly Resolved[];
  store: BlobStore;
  limit: LimitFunction;
  log: (line: string) => void;
  /** The run's pull, with the transfers it started early (into `store`); else a new one (no blob cache). */
  pull?: BlobPull;
  /** The package to write; its images are those of `resolved`, their blobs arriving in `store`. */
  assemble: Omit<AssembleInput, 'store' | 'arrivals'>;
  signal?: AbortSignal;
}

export interface PullAssembleResult {
  pull: PullStats;
  /** From the first blob transfer started (early ones included) to the last one's end; 0 when none was needed. */
  pullMs: number;
  pkg: AssembledPackage;
}

export async function runPullAssembleStage(input: PullAssembleInput): Promise<PullAssembleResult> {
  const { store, signal } = input;
  const pull = input.pull ?? new BlobPull(store, input.limit, input.log);
  const arrivals = pull.arrivals;
  const stopWaiting = (): void => arrivals.close(signal?.reason instanceof Error ? signal.reason : new Error('the run was cancelled'));
  signal?.addEventListener('abort', stopWaiting, { once: true });
  try {
    // The pull announces every blob before its first await: the writer, started next, finds them.
    const pulling = pull
      .finish(input.resolved)
      .then((stats) => {
        // Every blob has arrived by now; were one missed, the writer would fail rather than wait forever.
        arrivals.close(new Error('the pull ended without one of the blobs'));
        return stats;
      });
    const writing = assemblePackage({ ...input.assemble, store, arrivals, ...(signal !== undefined ? { signal } : {}) });
    const [pulled, written] = await Promise.allSettled([pulling, writing]);
    if (pulled.status === 'rejected') {
      // The package was written all the same (every blob had arrived before the pull failed elsewhere)?
      // Then it goes: a failed run leaves nothing in the output folder.
      if (written.status === 'fulfilled') await removeOutputs(written.value);
      throw pulled.reason;
    }
    if (written.status === 'rejected') throw written.reason;
    return { pull: pulled.value, pullMs: pull.transferMs ?? 0, pkg: written.value };
  } finally {
    signal?.removeEventListener('abort', stopWaiting);
  }
}

async function removeOutputs(pkg: AssembledPackage): Promise<void> {
  for (const f of pkg.outputs) await rm(f, { force: true }).catch(() => undefined);
}
