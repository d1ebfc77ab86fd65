/**
 * The image scan stage: every manifest the package carries (`manifests/*.yaml` of the component tars,
 * as collected: local or downloaded files, and built kustomizations once they are collected) is
 * scanned for the images it runs (find-images.ts); those that no `images` entry and no imageArchive
 * of the package provides become warnings at the manifest's line of zarf.yaml, naming the manifest's
 * own line. Charts are not rendered (no Helm template engine runs here), so they are only counted.
 */
import { readFile } from 'node:fs/promises';
import type { SourcePosition } from '../../errors.js';
import type { TarEntry } from '../tarball.js';
import { findImages, missingImages } from './find-images.js';

interface ScannedComponent {
  name: string;
  images?: string[] | undefined;
  imageArchives?: Array<{ images?: string[] | undefined }> | undefined;
  charts?: unknown[] | undefined;
  manifests?: Array<{ name: string; files?: string[] | undefined; kustomizations?: string[] | undefined }> | undefined;
}

export interface ImageScanInput {
  components: ReadonlyArray<{ index: number; component: ScannedComponent }>;
  /** Tar entries by component name (ComponentContent.entries). */
  entries: Readonly<Record<string, readonly TarEntry[]>>;
  /** Where each manifest came from, by component and tar path (ComponentContent.items), for messages. */
  sources: Readonly<Record<string, ReadonlyArray<{ path: string; source: string }>>>;
  positionOf(path: ReadonlyArray<string | number>): SourcePosition;
  /** Images provided otherwise: those a differential build left out (the reference package carries them). */
  alsoProvided?: readonly string[];
}

export interface ImageScanResult {
  warnings: Array<{ message: string; position: SourcePosition }>;
  /** Manifest files scanned. */
  manifests: number;
  /** Distinct images found in them. */
  found: number;
  /** Distinct images found that the package does not provide. */
  missing: number;
  /** Charts of the package, which were not scanned. */
  charts: number;
}

/** Which field of zarf.yaml wrote a tar's `manifests/<name>-<k>.yaml` (or `kustomization-<name>-<k>.yaml`). */
function fieldOf(component: ScannedComponent, tarPath: string): Array<string | number> | undefined {
  const m = /^manifests\/(kustomization-)?(.+)-(\d+)\.yaml$/.exec(tarPath);
  if (m === null) return undefined;
  const j = (component.manifests ?? []).findIndex((x) => x.name === m[2]);
  if (j < 0) return undefined;
  return ['manifests', j, m[1] !== undefined ? 'kustomizations' : 'files', Number(m[3])];
}

/** Scans the collected manifests; the images of every component count as provided (one package, one registry). */
export async function scanManifestImages(input: ImageScanInput): Promise<ImageScanResult> {
  const provided = [...input.components.flatMap(({ component: c }) => [...(c.images ?? []), ...(c.imageArchives ?? []).flatMap((a) => a.images ?? [])]), ...(input.alsoProvided ?? [])];
  const result: ImageScanResult = { warnings: [], manifests: 0, found: 0, missing: 0, charts: 0 };
  const found = new Set<string>();
  const missing = new Set<string>();
  for (const { index, component } of input.components) {
    result.charts += (component.charts ?? []).length;
    for (const entry of input.entries[component.name] ?? []) {
      if (entry.type !== 'file' || !entry.path.startsWith('manifests/') || !entry.path.endsWith('.yaml')) continue;
      result.manifests++;
      const images = findImages('content' in entry ? entry.content : await readFile(entry.source));
      for (const i of images) found.add(i.image);
      const field = fieldOf(component, entry.path);
      const position = input.positionOf(['components', index, ...(field ?? ['manifests'])]);
      const shown = input.sources[component.name]?.find((s) => s.path === entry.path)?.source ?? entry.path;
      for (const i of missingImages(images, provided)) {
        missing.add(i.image);
        result.warnings.push({
          message: `${shown}:${i.line} runs image ${i.image}, which the package does not carry: add it to the images of component "${component.name}" (zarf dev find-images would list it), or the deploy will pull it from a registry the air gap may not reach`,
          position
        });
      }
    }
  }
  result.found = found.size;
  result.missing = missing.size;
  return result;
}
