/**
 * An image source that asks its source at most once for each manifest (by repository and tag or
 * digest) and each blob (by digest, for each store it is fetched into): when several components list
 * the same image, or images share a base, a check reads every manifest, index and config once.
 */
import type { BlobStore } from '../oci/blobstore.js';
import type { Reference } from '../oci/reference.js';
import type { Descriptor } from '../oci/types.js';
import type { BlobFetchResult, FetchedManifest, ImageSource } from '../sources/source.js';

export class OnceSource implements ImageSource {
  readonly name: string;
  private readonly inner: ImageSource;
  private readonly manifests = new Map<string, Promise<FetchedManifest>>();
  /** Per store: ImageSource.fetchBlob makes the blob present in the store it is given. */
  private readonly blobs = new WeakMap<BlobStore, Map<string, Promise<BlobFetchResult>>>();

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
    let fetched = this.blobs.get(store);
    if (fetched === undefined) {
      fetched = new Map();
      this.blobs.set(store, fetched);
    }
    let p = fetched.get(desc.digest);
    if (p === undefined) {
      p = this.inner.fetchBlob(ref, desc, store, onProgress, signal);
      fetched.set(desc.digest, p);
    }
    return p;
  }
}
