/**
 * A local chart's dependencies that its `charts/` folder does not hold, fetched as
 * `helm dependency build` fetches them (Zarf runs it on every chart folder): from a Helm
 * repository (`https://…`, the highest version of the index that the Chart.yaml range takes, the
 * index's digest checked), from an OCI registry (`oci://…`, tags are versions, the highest that the
 * range takes), from a folder (`file://…`, packaged like any chart folder, with its own missing
 * dependencies), or from a repository added with `helm repo add` (`@name`, `alias:name`). A
 * Chart.lock (requirements.lock for apiVersion v1) gives exact versions and must be in sync with
 * Chart.yaml, as Helm checks; without one, the lock Helm would write is added to the package.
 *
 * Unlike Helm, nothing is written into the chart folder: the fetched charts are returned as extra
 * files for the packaged .tgz (`charts/<name>-<version>.tgz`). A dependency that `charts/` already
 * holds (a folder or archive whose Chart.yaml has its name) is kept as it is, not fetched again.
 * How the bytes are fetched (network, blob cache) is the caller's `DependencySources`.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import type { Reference } from '../../oci/reference.js';
import { displayUrl } from '../../sources/http.js';
import { listVersions, locateInIndex, type HelmIndexEntry, type LocatedChart } from '../../sources/helm-repo.js';
import { highestMatching, parseConstraint, parseSemver, type Constraint } from '../../sources/helm-semver.js';
import { ociChartReference } from '../../sources/oci-chart.js';
import { inspectChartArchive, parseChartYaml, type ChartMeta } from './chart-meta.js';
import { lockInSync, readChartLock, readDependencyRecords, renderChartLock, type ChartLock, type DependencyRecord } from './chart-lock.js';
import { isInside } from './paths.js';
import { HintedError } from '../../errors.js';

/** A fetched chart archive, on disk. */
export interface FetchedChart {
  file: string;
  size: number;
}

/** How dependencies are fetched; the collect stage gives one that goes through the blob cache. */
export interface DependencySources {
  /** A Helm repository's index.yaml, parsed. */
  helmIndex(repoUrl: string): Promise<Map<string, HelmIndexEntry[]>>;
  /** Downloads a chart found in an index, checking the index's digest. */
  helmChart(located: LocatedChart): Promise<FetchedChart>;
  /** The tags of an OCI repository. */
  ociTags(ref: Reference): Promise<string[]>;
  /** Pulls a chart from an OCI registry (tag = version). */
  ociChart(ref: Reference, version: string): Promise<FetchedChart>;
  /** A fresh temporary file for a packaged `file://` dependency. */
  tmp(suffix: string): string;
  /**
   * Packages a dependency folder (a `file://` dependency) into `dest`, with its own dependencies;
   * given by chart-package.ts.
   */
  packageFolder?: (dir: string, dest: string) => Promise<FetchedChart & { meta: ChartMeta }>;
}

/** A file added to the packaged chart: a fetched dependency (on disk) or the generated lock (bytes). */
export interface AddedFile {
  rel: string;
  real?: string;
  data?: Buffer;
  size: number;
  /** For a fetched dependency: which, and where from (as shown to the user). */
  dependency?: FetchedDependency;
}

export interface FetchedDependency {
  name: string;
  version: string;
  from: string;
}

/** What a dependency problem is reported as (chart-package.ts turns it into its own error type). */
export class DependencyError extends HintedError {
  override readonly name = 'DependencyError';
}

export interface VendorInput {
  chartDir: string;
  meta: ChartMeta;
  /** The chart's files (relative, `/`-separated) with where to read them. */
  files: ReadonlyArray<{ rel: string; real: string }>;
  /** The real folders a `file://` dependency may be in. */
  roots: readonly string[];
  show: (p: string) => string;
  sources: DependencySources;
}

/** Name -> version of each chart charts/ holds (archives that cannot be read are known by file name). */
async function vendoredCharts(files: VendorInput['files']): Promise<{ versionOf(name: string): string | undefined }> {
  const found = new Map<string, string>();
  const unreadable: string[] = [];
  for (const f of files) {
    const dir = /^charts\/([^/]+)\/Chart\.yaml$/.exec(f.rel);
    const arc = /^charts\/([^/]+)\.(?:tgz|tar\.gz)$/.exec(f.rel);
    const base = dir?.[1] ?? arc?.[1];
    if (base === undefined || base.startsWith('_') || base.startsWith('.')) continue;
    try {
      const m = dir !== null ? parseChartYaml(await readFile(f.real, 'utf8')) : await inspectChartArchive(f.real);
      if (!found.has(m.name)) found.set(m.name, m.version);
    } catch {
      unreadable.push(base);
    }
  }
  return {
    versionOf: (name) => found.get(name) ?? (unreadable.some((b) => b === name || b.startsWith(`${name}-`)) ? '' : undefined)
  };
}

/** Helm's named repositories (`helm repo add`), from its repositories.yaml. */
async function namedRepository(name: string): Promise<string | undefined> {
  const config = process.env['HELM_REPOSITORY_CONFIG'] ?? path.join(process.env['XDG_CONFIG_HOME'] ?? path.join(os.homedir(), '.config'), 'helm', 'repositories.yaml');
  let doc: unknown;
  try {
    doc = YAML.parse(await readFile(config, 'utf8'), { schema: 'failsafe', uniqueKeys: false });
  } catch {
    return undefined;
  }
  const repos = typeof doc === 'object' && doc !== null && Array.isArray((doc as Record<string, unknown>)['repositories']) ? ((doc as Record<string, unknown>)['repositories'] as unknown[]) : [];
  for (const r of repos) {
    if (typeof r === 'object' && r !== null && (r as Record<string, unknown>)['name'] === name) {
      const url = (r as Record<string, unknown>)['url'];
      if (typeof url === 'string') return url;
    }
  }
  return undefined;
}

function constraintOf(d: DependencyRecord, exact: string | undefined): Constraint {
  const text = exact ?? d.version ?? '';
  try {
    return parseConstraint(text);
  } catch {
    throw new DependencyError(`version "${text}" is not a version range Helm reads`, 'write a version or a range such as "1.2.3", "^1.2.0", "~1.2", ">=1.0.0, <2.0.0" or "1.x"');
  }
}

/** Fetches one dependency; returns the version it has and the archive. */
async function fetchOne(input: VendorInput, d: DependencyRecord, exact: string | undefined): Promise<{ version: string; chart: FetchedChart }> {
  const { sources, chartDir, show, roots } = input;
  const repo = d.repository;
  const constraint = constraintOf(d, exact);
  const wanted = exact ?? (d.version !== undefined && d.version !== '' ? d.version : '*');

  if (repo.startsWith('file://')) {
    const p = repo.slice('file://'.length);
    const dir = path.isAbsolute(p) ? p : path.resolve(chartDir, p);
    let real: string;
    try {
      real = await realpath(dir);
      if (!(await stat(real)).isDirectory()) throw new Error('not a folder');
    } catch {
      throw new DependencyError(`folder ${show(dir)} not found`, 'fix the file:// path in Chart.yaml: it is relative to the chart folder');
    }
    if (!roots.some((r) => real === r || isInside(r, real))) throw new DependencyError(`${show(dir)} is outside the workspace`, 'keep the dependency folder inside the workspace');
    if (sources.packageFolder === undefined) throw new DependencyError('file:// dependencies cannot be packaged here');
    const packaged = await sources.packageFolder(real, sources.tmp(`${d.name}.tgz`));
    const v = parseSemver(packaged.meta.version);
    if (packaged.meta.name !== d.name) throw new DependencyError(`${show(dir)} holds chart ${packaged.meta.name}, not ${d.name}`, 'point file:// at the folder of that chart, or fix the name');
    if (v === undefined || !constraint.matches(v)) throw new DependencyError(`${show(dir)} holds ${d.name} ${packaged.meta.version}, which is not ${wanted}`, exact !== undefined ? 'run "helm dependency update" to refresh the lock file' : 'fix the version in Chart.yaml');
    return { version: packaged.meta.version, chart: packaged };
  }

  if (repo.startsWith('oci://')) {
    const repository = `${repo.replace(/\/+$/, '')}/${d.name}`;
    // As Helm does: a version (not a range) is the tag itself, without listing the tags.
    let version = exact ?? (d.version !== undefined && parseSemver(d.version) !== undefined ? d.version : undefined);
    if (version === undefined) {
      let base: Reference;
      try {
        base = ociChartReference(repository, '0.0.0');
      } catch (e) {
        throw new DependencyError((e as Error).message, 'fix the oci:// repository in Chart.yaml');
      }
      const tags = (await sources.ociTags(base)).map((t) => t.replace(/_/g, '+'));
      version = highestMatching(tags, constraint);
      if (version === undefined) throw new DependencyError(`no version of ${repository} is ${wanted}`, `available versions: ${listVersions(tags.filter((t) => parseSemver(t) !== undefined))}`);
    }
    let ref: Reference;
    try {
      ref = ociChartReference(repository, version);
    } catch (e) {
      throw new DependencyError((e as Error).message, 'fix the oci:// repository in Chart.yaml');
    }
    return { version, chart: await sources.ociChart(ref, version) };
  }

  if (/^https?:\/\//i.test(repo)) {
    const index = await sources.helmIndex(repo);
    const entries = index.get(d.name);
    if (entries === undefined) throw new DependencyError(`the Helm repository ${displayUrl(repo)} has no chart named "${d.name}"`, 'check the dependency name and repository in Chart.yaml');
    const version = highestMatching(entries.filter((e) => e.urls.length > 0).map((e) => e.version), constraint);
    if (version === undefined) throw new DependencyError(`no version of ${d.name} in the Helm repository ${displayUrl(repo)} is ${wanted}`, `available versions: ${listVersions(entries.map((e) => e.version))}`);
    return { version, chart: await sources.helmChart(locateInIndex(index, repo, d.name, version)) };
  }

  throw new DependencyError(`repository "${repo}" is not one Helm fetches from`, 'use an https:// Helm repository, an oci:// registry, a file:// folder or @name of a repository added with helm repo add');
}

/**
 * The files to add to the packaged chart for the dependencies `charts/` does not hold: fetched
 * archives and, without a lock file, the lock Helm writes. Empty when charts/ holds them all.
 * Errors are DependencyErrors (or LadingErrors from the sources) naming the dependency.
 */
export async function vendorDependencies(input: VendorInput): Promise<AddedFile[]> {
  const { chartDir, meta, show } = input;
  const written = await readDependencyRecords(chartDir, meta.apiVersion);
  const vendored = await vendoredCharts(input.files);
  if (written.every((d) => vendored.versionOf(d.name) !== undefined)) return [];
  // As Helm does before anything else: `@name` and `alias:name` become the URL of the repository
  // added under that name, in the lock and its digest too.
  const declared: DependencyRecord[] = [];
  for (const d of written) {
    const named = /^(?:@|alias:)(.+)$/.exec(d.repository)?.[1];
    if (named === undefined) {
      declared.push(d);
      continue;
    }
    const url = await namedRepository(named);
    if (url === undefined) {
      throw new DependencyError(`chart ${meta.name}: dependency ${d.name}: no repository named "${named}" in Helm's repositories.yaml (helm repo add)`, `write the repository's URL in ${meta.apiVersion === 'v1' ? 'requirements.yaml' : 'Chart.yaml'} instead of "${d.repository}", or run "helm repo add ${named} <url>" on the runner before Lading`);
    }
    declared.push({ ...d, repository: url });
  }

  let lock: ChartLock | undefined;
  try {
    lock = await readChartLock(chartDir, meta.apiVersion);
  } catch (e) {
    throw new DependencyError(`${show(chartDir)}/${(e as Error).message}`, 'fix the lock file or delete it');
  }
  const depFile = meta.apiVersion === 'v1' ? 'requirements.yaml' : 'Chart.yaml';
  if (lock !== undefined && !lockInSync(lock, declared, meta.apiVersion, written)) {
    throw new DependencyError(`${show(path.join(chartDir, lock.file))} is out of sync with the dependencies in ${depFile} (helm dependency build refuses it too)`, `run "helm dependency update ${show(chartDir)}" and commit the new ${lock.file}, or delete it`);
  }

  const added: AddedFile[] = [];
  const locked: DependencyRecord[] = [];
  const done = new Map<string, string>();
  for (const [i, d] of declared.entries()) {
    const have = vendored.versionOf(d.name);
    if (have !== undefined) {
      locked.push({ name: d.name, repository: d.repository, ...(d.repository === '' ? (d.version !== undefined ? { version: d.version } : {}) : have !== '' ? { version: have } : {}) });
      continue;
    }
    const shown = `dependency ${d.name}${d.repository !== '' ? ` (${d.repository.startsWith('file://') ? d.repository : displayUrl(d.repository)})` : ''}`;
    if (d.repository === '') {
      throw new DependencyError(`chart ${meta.name}: ${shown} has no repository and is not in its charts/ folder`, 'put the chart in charts/, or give its repository in Chart.yaml');
    }
    const fromLock = lock === undefined ? undefined : (lock.dependencies.length === declared.length ? lock.dependencies[i] : lock.dependencies.find((l) => l.name === d.name && l.repository === d.repository));
    const exact = fromLock?.version;
    const key = `${d.name}\n${d.repository}\n${exact ?? d.version ?? ''}`;
    let version = done.get(key);
    if (version === undefined) {
      let got;
      try {
        got = await fetchOne(input, d, exact);
      } catch (e) {
        // Every failure (ours, a source's LadingError, a registry's OciError) is told with the dependency it is about.
        const hint = (e as { hint?: unknown }).hint;
        throw new DependencyError(`chart ${meta.name}: ${shown}: ${e instanceof Error ? e.message : String(e)}`, typeof hint === 'string' ? hint : undefined);
      }
      let inside: ChartMeta;
      try {
        inside = await inspectChartArchive(got.chart.file);
      } catch (e) {
        throw new DependencyError(`chart ${meta.name}: ${shown}: ${d.name} ${got.version} is not a Helm chart: ${(e as Error).message}`, 'the repository serves something else than a packaged chart');
      }
      if (inside.name !== d.name) {
        throw new DependencyError(`chart ${meta.name}: ${shown}: the chart fetched for ${d.name} ${got.version} is named ${inside.name}`, 'the repository lists the chart under another name than its Chart.yaml gives');
      }
      version = got.version;
      done.set(key, version);
      added.push({ rel: `charts/${d.name}-${version}.tgz`, real: got.chart.file, size: got.chart.size, dependency: { name: d.name, version, from: d.repository.startsWith('file://') ? d.repository : displayUrl(d.repository) } });
    }
    locked.push({ name: d.name, repository: d.repository, version });
  }
  if (lock === undefined) {
    const data = Buffer.from(renderChartLock(declared, locked), 'utf8');
    added.push({ rel: meta.apiVersion === 'v1' ? 'requirements.lock' : 'Chart.lock', data, size: data.length });
  }
  return added;
}
