import type { ResolvedImage } from '../model.js';
import type { NeededBlob } from './blob-cache.js';

/** Every blob the package's images need (root included), once, with the source it comes from otherwise. */
export function neededBlobs(images: readonly ResolvedImage[]): NeededBlob[] {
  const out = new Map<string, NeededBlob>();
  for (const img of images) {
    const source = img.source === 'registry' ? img.reference.registry : img.source;
    for (const d of [img.descriptor, ...img.blobs]) {
      if (!out.has(d.digest)) out.set(d.digest, { digest: d.digest, size: d.size, source });
    }
  }
  return [...out.values()];
}
