import type { ResolvedImage } from '../model.js';
import type { NeededBlob } from './blob-cache.js';

/**
 * Every blob the package needs, once, with the source it comes from otherwise: the images' blobs (root
 * included), then `extra` (the charts and files of the components that are content-addressed). A blob
 * listed twice keeps its first source.
 */
export function neededBlobs(images: readonly ResolvedImage[], extra: readonly NeededBlob[] = []): NeededBlob[] {
  const out = new Map<string, NeededBlob>();
  for (const img of images) {
    const source = img.source === 'registry' ? (img.pulledFrom ?? img.reference).registry : img.source;
    for (const d of [img.descriptor, ...img.blobs]) {
      if (!out.has(d.digest)) out.set(d.digest, { digest: d.digest, size: d.size, source });
    }
  }
  for (const b of extra) if (!out.has(b.digest)) out.set(b.digest, b);
  return [...out.values()];
}
