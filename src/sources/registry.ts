import type { BlobStore } from '../oci/blobstore.js';
import type { RegistryClient } from '../oci/client.js';
import type { Reference } from '../oci/reference.js';
import type { Descriptor } from '../oci/types.js';
import type { BlobFetchResult, FetchedManifest, ImageSource } from './source.js';

/** Images from their registries, through the run's one RegistryClient. */
export class RegistrySource implements ImageSource {
  readonly name = 'registry';
  private readonly client: RegistryClient;

  constructor(client: RegistryClient) {
    this.client = client;
  }

  getManifest(ref: Reference, selector: string): Promise<FetchedManifest> {
    return this.client.getManifest(ref, selector);
  }

  fetchBlob(ref: Reference, desc: Descriptor, store: BlobStore, onProgress?: (bytes: number) => void): Promise<BlobFetchResult> {
    return this.client.fetchBlob(ref, desc, store, onProgress);
  }
}
