/**
 * Images from their registries, through the run's one RegistryClient: from the registry a reference
 * names, or from its registry-override replacement (the client knows the overrides).
 */
import type { BlobStore } from '../oci/blobstore.js';
import type { RegistryClient } from '../oci/client.js';
import { OciError } from '../oci/errors.js';
import type { Reference } from '../oci/reference.js';
import type { Descriptor } from '../oci/types.js';
import { LadingError } from '../errors.js';
import type { BlobFetchResult, FetchedManifest, ImageSource } from './source.js';

const ALTERED = new Set(['DIGEST_MISMATCH', 'SIZE_MISMATCH']);

/**
 * A mirror serving other bytes than the digest says: an error naming the reference as written and
 * the mirror it was pulled from. Other errors (and pulls that were not redirected) pass as they are.
 */
export function mirrorError(e: unknown, ref: Reference, from: Reference, what: string): unknown {
  if (from === ref || !(e instanceof OciError) || !ALTERED.has(e.code)) return e;
  return new LadingError(`"${ref.original}": the mirror ${from.name} (registry-override) serves ${what} that does not match its digest: ${e.message}`, {
    hint: `the mirror holds other content than ${ref.name} for this digest; refresh or fix the mirror, or remove the override for ${ref.registry}`,
    cause: e
  });
}

export class RegistrySource implements ImageSource {
  readonly name = 'registry';
  private readonly client: RegistryClient;

  constructor(client: RegistryClient) {
    this.client = client;
  }

  pulledFrom(ref: Reference): Reference | undefined {
    const from = this.client.pullFrom(ref);
    return from === ref ? undefined : from;
  }

  async getManifest(ref: Reference, selector: string): Promise<FetchedManifest> {
    const from = this.client.pullFrom(ref);
    try {
      return await this.client.getManifest(from, selector);
    } catch (e) {
      throw mirrorError(e, ref, from, `manifest ${selector}`);
    }
  }

  async fetchBlob(ref: Reference, desc: Descriptor, store: BlobStore, onProgress?: (bytes: number) => void, signal?: AbortSignal): Promise<BlobFetchResult> {
    const from = this.client.pullFrom(ref);
    try {
      return await this.client.fetchBlob(from, desc, store, onProgress, signal);
    } catch (e) {
      throw mirrorError(e, ref, from, `blob ${desc.digest}`);
    }
  }
}
