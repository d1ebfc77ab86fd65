/**
 * The differential stage (input `differential`): reads the reference package, checks the versions and
 * leaves out of the definition what the reference already holds (package/differential.ts), before
 * anything is fetched; after the images are resolved, it tells how many bytes the differential saved
 * (the reference's blobs of the images left out that the new package does not carry anyway).
 * The reference package's reader and the pruning are loaded (dynamic import) only by a differential
 * build: a run without one does not compile them before its first registry request.
 */
import type { ResolvedImage } from '../model.js';
import type { RegistryClient } from '../oci/client.js';
import type { ReferencePackage } from '../sources/reference-package.js';
import type { DifferentialResult, DifferentialTarget } from './differential.js';

export interface DifferentialBuild extends DifferentialResult {
  /** The `differential` input as written. */
  reference: string;
  /** The reference package, for the saved bytes. */
  source: ReferencePackage;
}

/** What the job summary shows of a differential build. */
export interface DifferentialSummary {
  reference: string;
  previousVersion: string;
  images: string[];
  repos: string[];
  /** Bytes of the images left out (their blobs in the reference that this package does not hold). */
  savedBytes: number;
}

/** Reads the reference and prunes `def` in place; undefined when `input` is empty (no differential). */
export async function differentialStage(
  input: string,
  def: DifferentialTarget,
  opts: { client: RegistryClient; workspace: string; architecture: string; log: (line: string) => void; signal?: AbortSignal }
): Promise<DifferentialBuild | undefined> {
  if (input === '') return undefined;
  const [{ openReferencePackage }, { applyDifferential }] = await Promise.all([import('../sources/reference-package.js'), import('./differential.js')]);
  const source = await openReferencePackage(input, { client: opts.client, workspace: opts.workspace, architecture: opts.architecture, ...(opts.signal !== undefined ? { signal: opts.signal } : {}) });
  const result = applyDifferential(def, { docs: source.docs, what: input });
  const n = (k: number, one: string): string => `${k} ${one}${k === 1 ? '' : 's'}`;
  opts.log(`differential against ${input} (version ${result.previousVersion}): ${n(result.images.length, 'image')} and ${n(result.repos.length, 'repository')} left out, already in it`);
  for (const d of [...result.images, ...result.repos]) opts.log(`  left out: ${d.written} (component ${d.component})`);
  return { ...result, reference: input, source };
}

/** The summary of a differential build, once the package's own images are known. */
export async function differentialSummary(build: DifferentialBuild, images: readonly ResolvedImage[]): Promise<DifferentialSummary> {
  const carried = new Set(images.flatMap((i) => i.blobs.map((b) => b.digest as string)));
  const blobs = await build.source.imageBlobs(build.images.map((i) => i.written));
  let savedBytes = 0;
  for (const [digest, size] of blobs) if (!carried.has(digest)) savedBytes += size;
  return { reference: build.reference, previousVersion: build.previousVersion, images: build.images.map((i) => i.written), repos: build.repos.map((r) => r.written), savedBytes };
}
