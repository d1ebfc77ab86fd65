/** The `images` output: a JSON array of `{reference, digest, mediaType, platform, size}`, one per image. */
import type { ResolvedImage } from '../model.js';
import { formatPlatform } from '../oci/platform.js';
import { imageSize } from './summary.js';

export function imagesOutput(images: readonly ResolvedImage[]): string {
  return JSON.stringify(
    images.map((i) => ({
      reference: i.reference.toString(),
      digest: i.descriptor.digest,
      mediaType: i.descriptor.mediaType,
      platform: i.keptIndex ? null : i.descriptor.platform !== undefined ? formatPlatform(i.descriptor.platform) : null,
      size: imageSize(i)
    }))
  );
}
