/**
 * The image requests of a package: every `images` entry and every image of an `imageArchives` entry
 * (the archive opened), each with its line of zarf.yaml and the source it is read from.
 */
import path from 'node:path';
import { LadingError, toLadingErrors } from '../errors.js';
import type { Package } from '../definition/index.js';
import { Reference } from '../oci/reference.js';
import type { ArchiveSource } from './archive.js';
import type { ImageRequest } from './resolve.js';
import type { ImageSource } from './source.js';

/** The components of the package with their index (the definition is already filtered for flavor and architecture). */
export function componentsOf(def: Package): Array<{ index: number; component: Package['config']['components'][number] }> {
  return def.config.components.map((component, index) => ({ index, component }));
}

/** `skipArchives`: components whose imageArchives are not opened (a check: create-time actions that may write them have not run). */
export async function imageRequests(def: Package, registry: ImageSource, workDir: string, opened: ArchiveSource[], skipArchives?: (component: string) => boolean): Promise<ImageRequest[]> {
  const requests: ImageRequest[] = [];
  for (const { index, component } of componentsOf(def)) {
    (component.images ?? []).forEach((written, j) => {
      requests.push({ component: component.name, written, reference: Reference.parse(written), position: def.positionOf(['components', index, 'images', j]), source: registry });
    });
    const archives = skipArchives?.(component.name) === true ? [] : (component.imageArchives ?? []);
    for (let k = 0; k < archives.length; k++) {
      const archive = archives[k];
      if (archive === undefined) continue;
      let source: ArchiveSource;
      try {
        // The archive reader is loaded only for a package that has image archives (start-up).
        const { ArchiveSource } = await import('./archive.js');
        source = await ArchiveSource.open(path.resolve(def.dir, archive.path), path.join(workDir, `archive-${opened.length}`));
      } catch (e) {
        throw toLadingErrors(e, def.positionOf(['components', index, 'imageArchives', k, 'path']))[0] as LadingError;
      }
      opened.push(source);
      archive.images.forEach((written, j) => {
        requests.push({
          component: component.name,
          written,
          reference: Reference.parse(written),
          position: def.positionOf(['components', index, 'imageArchives', k, 'images', j]),
          source
        });
      });
    }
  }
  return requests;
}

