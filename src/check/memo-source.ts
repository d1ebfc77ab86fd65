/**
 * An image source that asks its source at most once for each manifest (by repository and tag or
 * digest) and each blob (by digest): when several components list the same image, or images share a
 * base, a check reads every manifest, index and config once.
 */
import type { BlobStore } from '../oci/blobstore.js';
import type { Reference } from '../oci/reference.js';
import type { Descriptor } from '../oci/types.js';
import type { BlobFetchResult, FetchedManifest, ImageSource } from '../sources/source.js';

export class OnceSource implements ImageSource {
  readonly name: string;
  private readonly inner: ImageSource;
  private readonly manifests = new Map<string, Promise<FetchedManifest>>();
  private readonly blobs = new Map<string, Promise<BlobFetchResult>>();

  constructor(inner: ImageSource) {
    this.inner = inner;
    this.name = inner.name;
  }

  pulledFrom(ref: Reference): Reference | undefined {
    return this.inner.pulledFrom?.(ref);
  }

  getManifest(ref: Reference, selector: string): Promise<FetchedManifest> {
    const key = `${ref.registry}/${ref.repository}\u0000${selector}`;
    let p = this.manifests.get(key);
    if (p === undefined) {
      p = this.inner.getManifest(ref, selector);
      this.manifests.set(key, p);
    }
    return p;
  }

  fetchBlob(ref: Reference, desc: Descriptor, store: BlobStore, onProgress?: (bytes: number) => void, signal?: AbortSignal): Promise<BlobFetchResult> {
    let p = this.blobs.get(desc.digest);
    if (p === undefined) {
      p = this.inner.fetchBlob(ref, desc, store, onProgress, signal);
      this.blobs.set(desc.digest, p);
    }
    return p;
  }
}
