import type { BlobStore } from '../oci/blobstore.js';
import type { Digest } from '../oci/digest.js';
import type { Reference } from '../oci/reference.js';
import type { Descriptor } from '../oci/types.js';

export interface FetchedManifest {
  /** Exact bytes as the source holds them. */
  bytes: Buffer;
  /** From the body's mediaType, else the Content-Type / descriptor. */
  mediaType: string;
  /** sha256 of `bytes` (verified against the selector when it was a digest). */
  digest: Digest;
}

export interface BlobFetchResult {
  /** false when the blob was already in the store (nothing transferred). */
  fetched: boolean;
  /** Bytes transferred. */
  bytes: number;
}

/**
 * Where image content comes from: a registry, an image archive on disk, a Docker Engine.
 * The resolver works only through this interface, so every source resolves tags, platforms and
 * index digests the same way.
 */
export interface ImageSource {
  /** For logs and the summary: a registry host, or an archive's path. */
  readonly name: string;
  /** A manifest or index of `ref`'s repository by tag or digest (`selector`). */
  getManifest(ref: Reference, selector: string): Promise<FetchedManifest>;
  /**
   * Makes the blob present in `store`, verified against `desc.digest` and `desc.size`.
   * `onProgress` receives byte counts as they arrive (for long transfers); `signal` stops the transfer.
   */
  fetchBlob(ref: Reference, desc: Descriptor, store: BlobStore, onProgress?: (bytes: number) => void, signal?: AbortSignal): Promise<BlobFetchResult>;
  /** Where `ref` is actually pulled from when that is not the registry it names (a registry-override). */
  pulledFrom?(ref: Reference): Reference | undefined;
}
