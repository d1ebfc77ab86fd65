/**
 * The two kinds of skeleton content Zarf makes rather than copies (assemble.go
 * assembleSkeletonComponent): a kustomization, built with kustomize into
 * `manifests/kustomization-<name>-<k>.yaml`, and a local file's `extractPath`, taken out of its
 * archive into `files/<i>/<base name of target>` (the folders of extractPath left behind empty, as
 * Zarf's extract-and-rename leaves them). Each returns its tar entries; errors are LadingErrors at
 * the field's line.
 */
import path from 'node:path';
import { LadingError, type SourcePosition } from '../errors.js';
import { MAX_FILE_DOWNLOAD, MAX_YAML_BYTES } from '../package/components/content.js';
import { leftoverFolders } from '../package/components/files.js';
import { kustomizationFileName } from '../package/components/kustomizations.js';
import { isUrl, shorten } from '../package/components/paths.js';
import type { TarEntry } from '../package/tarball.js';
import { archiveFormatOf, extractEntry, ExtractError, READABLE_EXTENSIONS } from '../sources/extract-entry.js';
import { findKustomizeTool, KustomizeError, runKustomize } from '../sources/kustomize.js';

type Field = ReadonlyArray<string | number>;

export interface BuiltContext {
  /** The folder of zarf.yaml (kustomize runs there). */
  dir: string;
  positionOf(p: Field): SourcePosition;
  /** A fresh file path in this run's work folder. */
  tmp(name: string): string;
}

/**
 * `kustomizations[k]` of manifest `name` built as the package build builds it (a local folder, `folder`
 * as resolved inside the workspace, or a URL passed to kustomize as written).
 */
export async function skeletonKustomization(
  c: BuiltContext,
  m: { name: string; allowAnyDirectory: boolean; enablePlugins: boolean },
  k: number,
  value: string,
  folder: string | undefined,
  kp: Field
): Promise<TarEntry> {
  const where = kp.join('.');
  const tool = await findKustomizeTool();
  if (tool === undefined) {
    throw new LadingError(`${where}: neither kustomize nor kubectl is on PATH, so the kustomization cannot be built into the skeleton`, { hint: 'install kustomize or kubectl on the runner (GitHub-hosted runners have both)', position: c.positionOf(kp) });
  }
  try {
    const bytes = await runKustomize(tool, isUrl(value) || folder === undefined ? value : folder, { allowAnyDirectory: m.allowAnyDirectory, enablePlugins: m.enablePlugins, cwd: c.dir, maxBytes: MAX_YAML_BYTES });
    return { path: kustomizationFileName(m.name, k), type: 'file', content: bytes };
  } catch (e) {
    if (e instanceof KustomizeError) throw new LadingError(`${where} "${shorten(value)}": ${e.message}`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), position: c.positionOf(kp), cause: e });
    throw e;
  }
}

/**
 * Entry `extractPath` of the local archive `real` (named `source` in zarf.yaml) at `name`
 * (`files/<i>/<base name of target>`), with the folders Zarf's extraction leaves, and the sha256 of
 * the file (undefined for a folder entry).
 */
export async function skeletonExtract(
  c: BuiltContext,
  source: string,
  real: string,
  extractPath: string,
  name: string,
  executable: boolean,
  p: Field
): Promise<{ entries: TarEntry[]; sha256: string | undefined }> {
  const sp = [...p, 'source'];
  const ep = [...p, 'extractPath'];
  const kind = archiveFormatOf(source);
  if (kind?.format === undefined) {
    throw new LadingError(`${sp.join('.')} "${shorten(source)}" is not an archive Lading extracts from`, { hint: `extractPath reads ${READABLE_EXTENSIONS} archives, named by their extension`, position: c.positionOf(sp) });
  }
  const leftover = leftoverFolders(extractPath, name);
  if (leftover.includes(name)) {
    throw new LadingError(`${ep.join('.')} "${shorten(extractPath)}" lies in a folder named like the target's base name`, { hint: "Zarf cannot rename the extracted file onto that folder either: change the target's file name", position: c.positionOf(ep) });
  }
  const file = c.tmp(path.posix.basename(name));
  let got;
  try {
    got = await extractEntry(real, kind.format, extractPath, file, MAX_FILE_DOWNLOAD);
  } catch (e) {
    if (e instanceof ExtractError) throw new LadingError(`${ep.join('.')}: cannot extract "${shorten(extractPath)}" from ${shorten(source)}: ${e.message}`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), position: c.positionOf(ep), cause: e });
    throw e;
  }
  const dirs: TarEntry[] = leftover.map((d) => ({ path: d, type: 'directory' }));
  if (got.type !== 'file') return { entries: [...dirs, { path: name, type: 'directory' }], sha256: undefined };
  return { entries: [...dirs, { path: name, type: 'file', source: file, executable }], sha256: got.sha256 };
}
