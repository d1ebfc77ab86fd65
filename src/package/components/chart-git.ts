/**
 * A chart from a Git repository (Zarf's PackageChartFromGit): the URL's `@ref`, or `@<version>` as a
 * tag when it has none, cloned shallow into the run's work folder, then the folder at `gitPath` (the
 * repository's root without one) packaged as a local chart folder is (chart-package.ts, its
 * missing dependencies fetched). Links in the chart may not lead out of the clone.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { LadingError } from '../../errors.js';
import { cloneRepository } from '../../sources/git.js';
import { maskUrls, parseGitUrl } from '../../sources/git-url.js';
import type { NeededBlob } from '../../cache/blob-cache.js';
import { chartDependencySources } from './chart-dep-sources.js';
import { packageChartFolder } from './chart-package.js';
import { gitPathInside } from './checks.js';
import type { CollectContext } from './content.js';
import { checkGitTransport, gitOptions } from './git-options.js';
import { isInside, shorten, type PathSegment } from './paths.js';

export interface GitChart {
  file: string;
  size: number;
  sha256: string;
  /** Where it came from, as shown: the URL (credentials masked), then the folder. */
  source: string;
  commit: string;
}

/** `blobs` gains the cached downloads of the chart's dependencies, as for a local chart folder. */
export async function gitChart(c: CollectContext, url: string, gitPath: string, version: string, p: PathSegment[], dest: string, blobs: NeededBlob[]): Promise<GitChart> {
  const { opts, def, where, tmp } = c;
  const up: PathSegment[] = [...p, 'url'];
  const gp: PathSegment[] = [...p, 'gitPath'];
  const first = parseGitUrl(url);
  const withRef = first !== undefined && first.ref === '' ? `${url}@${version}` : url;
  const parsed = parseGitUrl(withRef);
  if (parsed === undefined) throw new LadingError(`${where(up)} "${shorten(maskUrls(url))}" is not a Git repository URL Zarf can read`, { hint: 'write it as https://host/path/repo.git[@ref]', position: def.positionOf(up) });
  if (!gitPathInside(gitPath)) throw new LadingError(`${where(gp)} "${shorten(gitPath)}" leads outside the repository`, { hint: 'give the chart folder relative to the root of the repository', position: def.positionOf(gp) });
  checkGitTransport(c, parsed);
  opts.log(`cloning ${maskUrls(withRef)} for its chart${gitPath !== '' ? ` at ${gitPath}` : ''}`);
  const cloned = await cloneRepository(parsed, tmp(`chart-${parsed.folder}`), { ...(await gitOptions(c)), shallow: true });
  const root = await realpath(cloned.dir);
  const shown = `${maskUrls(withRef)}${gitPath !== '' ? ` ${gitPath}` : ''}`;
  let folder: string;
  try {
    folder = await realpath(path.join(root, gitPath));
  } catch {
    throw new LadingError(`${where(gp)}: ${maskUrls(parsed.cloneUrl)} has no folder "${shorten(gitPath)}" at ${parsed.ref}`, { hint: 'give the folder that holds Chart.yaml, relative to the root of the repository', position: def.positionOf(gp) });
  }
  if (folder !== root && !isInside(root, folder)) throw new LadingError(`${where(gp)} "${shorten(gitPath)}" leads outside the repository through a symbolic link`, { hint: 'point gitPath at the chart folder itself', position: def.positionOf(gp) });
  if (!(await stat(folder)).isDirectory()) throw new LadingError(`${where(gp)} "${shorten(gitPath)}" is a file in ${maskUrls(parsed.cloneUrl)}, not a chart folder`, { hint: 'give the folder that holds Chart.yaml', position: def.positionOf(gp) });
  const show = (x: string): string => `${maskUrls(parsed.cloneUrl)}@${parsed.ref}:${path.relative(root, x) || '.'}`;
  const packaged = await packageChartFolder(folder, [root], dest, show, { dependencies: chartDependencySources(c, blobs) });
  for (const d of packaged.dependencies) opts.log(`chart from ${shown}: dependency ${d.name} ${d.version} from ${d.from}`);
  const fetched = packaged.dependencies.length > 0 ? `; dependencies fetched: ${packaged.dependencies.map((d) => `${d.name} ${d.version}`).join(', ')}` : '';
  return { file: packaged.file, size: packaged.size, sha256: packaged.sha256, source: `${shown} (packaged${fetched})`, commit: cloned.commit };
}
