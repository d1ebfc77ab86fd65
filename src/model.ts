import type { Descriptor, Platform } from './oci/types.js';
import type { Reference } from './oci/reference.js';
import type { SourcePosition } from './errors.js';

/** One image of the package, resolved to the exact manifest (or index) that travels. */
export interface ResolvedImage {
  /** The component that lists it. */
  component: string;
  /** The reference as written in zarf.yaml. */
  written: string;
  reference: Reference;
  /** Where it is written in zarf.yaml. */
  position?: SourcePosition;
  /**
   * The root that goes into images/index.json: a platform manifest, or (index-digests: keep) the
   * index itself. `platform` is set for a platform manifest.
   */
  descriptor: Descriptor;
  /**
   * Every blob that must travel with it, root included: index, child manifests, configs, layers;
   * all present in the run's blob store once pulling is done.
   */
  blobs: Descriptor[];
  /** Where the content came from: a registry host, or an archive path. */
  source: string;
  /** The reference actually pulled when a registry-override redirected it (its registry is the mirror). */
  pulledFrom?: Reference;
  /** true when the root is an image index kept whole. */
  keptIndex: boolean;
}

export type { Descriptor, Platform };
