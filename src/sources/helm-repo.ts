/**
 * Charts from a classic Helm repository: `<url>/index.yaml` lists every chart's versions with the
 * URL of each packaged chart and its sha256 `digest`. A chart is picked by its exact version, then
 * downloaded and checked against that digest.
 */
import YAML from 'yaml';
import { LadingError } from '../errors.js';
import { DownloadError, displayUrl, type Downloaded, type HttpFetcher } from './http.js';

/** The repository (index or registry) does not have the version asked for; the hint lists those it has. */
export class ChartVersionNotFound extends LadingError {}
/** The Helm repository has no chart of that name. */
export class ChartNameNotFound extends LadingError {}

export interface HelmIndexEntry {
  version: string;
  urls: string[];
  /** sha256 hex of the packaged chart, when the index gives it. */
  digest?: string;
}

/** index.yaml of big public repositories runs to tens of MiB. */
const MAX_INDEX = 128 * 1024 * 1024;
/** A packaged chart (compressed); Helm refuses charts over 100 MiB unpacked. */
export const MAX_CHART_DOWNLOAD = 100 * 1024 * 1024;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The repository URL without trailing slashes; index.yaml is below it. */
export function indexUrl(repoUrl: string): string {
  const u = new URL(repoUrl);
  u.pathname = `${u.pathname.replace(/\/+$/, '')}/index.yaml`;
  return u.toString();
}

/** A chart URL from the index, resolved as Helm resolves it: relative to the repository URL as a folder. */
export function resolveChartUrl(repoUrl: string, chartUrl: string): string {
  const base = new URL(repoUrl);
  base.pathname = `${base.pathname.replace(/\/+$/, '')}/`;
  return new URL(chartUrl, base).toString();
}

/** Parses index.yaml: chart name -> its entries. Throws an Error when it is not a Helm index. */
export function parseHelmIndex(text: string): Map<string, HelmIndexEntry[]> {
  let doc: unknown;
  try {
    doc = YAML.parse(text, { schema: 'failsafe', uniqueKeys: false, maxAliasCount: -1, prettyErrors: false });
  } catch (e) {
    throw new Error(`it is not valid YAML (${(e as Error).message.split('\n')[0]})`);
  }
  if (!isRecord(doc) || !isRecord(doc['entries'])) throw new Error('it has no entries: it is not a Helm repository index');
  const out = new Map<string, HelmIndexEntry[]>();
  for (const [name, list] of Object.entries(doc['entries'])) {
    if (!Array.isArray(list)) continue;
    const entries: HelmIndexEntry[] = [];
    for (const e of list) {
      if (!isRecord(e) || typeof e['version'] !== 'string') continue;
      const urls = Array.isArray(e['urls']) ? e['urls'].filter((u): u is string => typeof u === 'string' && u !== '') : [];
      entries.push({ version: e['version'], urls, ...(typeof e['digest'] === 'string' && e['digest'] !== '' ? { digest: e['digest'] } : {}) });
    }
    out.set(name, entries);
  }
  return out;
}

/** Compares versions like semver (numbers numerically, a pre-release before its release); newest first when used to sort descending. */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string): { nums: number[]; pre: string | undefined } => {
    const core = v.replace(/^v/, '').split('+')[0] ?? '';
    const dash = core.indexOf('-');
    const main = dash >= 0 ? core.slice(0, dash) : core;
    return { nums: main.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : NaN)), pre: dash >= 0 ? core.slice(dash + 1) : undefined };
  };
  const pa = parse(a);
  const pb = parse(b);
  for (let i = 0; i < Math.max(pa.nums.length, pb.nums.length, 3); i++) {
    const x = pa.nums[i] ?? 0;
    const y = pb.nums[i] ?? 0;
    if (Number.isNaN(x) || Number.isNaN(y)) return a.localeCompare(b);
    if (x !== y) return x - y;
  }
  if (pa.pre === pb.pre) return 0;
  if (pa.pre === undefined) return 1;
  if (pb.pre === undefined) return -1;
  return pa.pre.localeCompare(pb.pre, undefined, { numeric: true });
}

/** "1.2.0, 1.1.0, 1.0.0 and 12 more", newest first. */
export function listVersions(versions: readonly string[], max = 10): string {
  const sorted = [...new Set(versions)].sort((x, y) => compareVersions(y, x));
  if (sorted.length === 0) return 'none';
  const shown = sorted.slice(0, max).join(', ');
  return sorted.length > max ? `${shown} and ${sorted.length - max} more` : shown;
}

/** The entry of exactly `version` (a leading "v" on either side does not matter). */
export function pickVersion(entries: readonly HelmIndexEntry[], version: string): HelmIndexEntry | undefined {
  const bare = (v: string): string => v.replace(/^v/, '');
  return entries.find((e) => e.version === version) ?? entries.find((e) => bare(e.version) === bare(version));
}

export interface RepoChart {
  /** Where the packaged chart was downloaded from. */
  url: string;
  version: string;
  downloaded: Downloaded;
  /** Whether the index gave a digest (it was then verified). */
  verified: boolean;
}

/** A chart version found in a repository's index, not downloaded yet. */
export interface LocatedChart {
  chart: string;
  /** Where the packaged chart is downloaded from. */
  url: string;
  version: string;
  /** The sha256 the index gives for it (hex as written, without `sha256:`, lowercased), when it gives one. */
  sha256?: string;
}

/**
 * Reads the repository's index and picks `chart` at `version`. Errors are LadingErrors without a
 * position (the caller knows the line).
 */
export async function locateRepoChart(fetcher: HttpFetcher, repoUrl: string, chart: string, version: string, closest?: (word: string, candidates: string[]) => string | undefined): Promise<LocatedChart> {
  return locateInIndex(await readHelmIndex(fetcher, repoUrl), repoUrl, chart, version, closest);
}

/** Reads and parses the repository's index.yaml. Errors are LadingErrors without a position. */
export async function readHelmIndex(fetcher: HttpFetcher, repoUrl: string): Promise<Map<string, HelmIndexEntry[]>> {
  const idxUrl = indexUrl(repoUrl);
  const shownRepo = displayUrl(repoUrl);
  try {
    const bytes = await fetcher.getBytes(idxUrl, MAX_INDEX);
    return parseHelmIndex(bytes.toString('utf8'));
  } catch (e) {
    if (e instanceof DownloadError) {
      throw new LadingError(`cannot read the Helm repository index ${displayUrl(idxUrl)}: ${e.message}`, { hint: e.hint ?? `check that ${shownRepo} is a Helm repository (it serves index.yaml)`, cause: e });
    }
    throw new LadingError(`${displayUrl(idxUrl)}: ${(e as Error).message}`, { hint: `check that ${shownRepo} is a Helm repository`, cause: e });
  }
}

/** Picks `chart` at exactly `version` in a read index (see locateRepoChart). */
export function locateInIndex(index: Map<string, HelmIndexEntry[]>, repoUrl: string, chart: string, version: string, closest?: (word: string, candidates: string[]) => string | undefined): LocatedChart {
  const shownRepo = displayUrl(repoUrl);
  const entries = index.get(chart);
  if (entries === undefined) {
    const names = [...index.keys()].sort();
    const near = closest?.(chart, names);
    throw new ChartNameNotFound(`the Helm repository ${shownRepo} has no chart named "${chart}"`, {
      hint: near !== undefined ? `did you mean "${near}"? (the chart's name in the repository goes in repoName when it differs from name)` : `it has ${names.length} chart${names.length === 1 ? '' : 's'}${names.length > 0 ? `: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', ...' : ''}` : ''}; set repoName to the chart's name in the repository`
    });
  }
  const entry = pickVersion(entries, version);
  if (entry === undefined) {
    throw new ChartVersionNotFound(`chart ${chart} version ${version} is not in the Helm repository ${shownRepo}`, {
      hint: `available versions: ${listVersions(entries.map((e) => e.version))}`
    });
  }
  const first = entry.urls[0];
  if (first === undefined) throw new LadingError(`the Helm repository index gives no URL for ${chart} ${entry.version}`, { hint: 'the repository index is broken; ask its maintainers' });
  const url = resolveChartUrl(repoUrl, first);
  if (url.startsWith('oci://')) {
    throw new LadingError(`the Helm repository points ${chart} ${entry.version} at an OCI registry (${url})`, { hint: `use url: ${url.replace(/:[^/:]*$/, '')} with version: ${entry.version}` });
  }
  return { chart, url, version: entry.version, ...(entry.digest !== undefined ? { sha256: entry.digest.replace(/^sha256:/, '').toLowerCase() } : {}) };
}

/** Downloads a located chart to `dest` and verifies the index's digest. Errors are LadingErrors without a position. */
export async function downloadRepoChart(fetcher: HttpFetcher, located: LocatedChart, dest: string): Promise<RepoChart> {
  const { chart, url, version } = located;
  let downloaded: Downloaded;
  try {
    downloaded = await fetcher.download(url, dest, MAX_CHART_DOWNLOAD);
  } catch (e) {
    if (e instanceof DownloadError) throw new LadingError(`cannot download chart ${chart} ${version} from ${displayUrl(url)}: ${e.message}`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), cause: e });
    throw e;
  }
  const expected = located.sha256;
  if (expected !== undefined && expected !== downloaded.sha256) {
    throw new LadingError(`chart ${chart} ${version} from ${displayUrl(url)} does not match the digest in the repository index: expected sha256 ${expected}, got ${downloaded.sha256}`, {
      hint: 'the repository or a proxy serves other bytes than its index describes; nothing was written'
    });
  }
  return { url, version, downloaded, verified: expected !== undefined };
}

/**
 * Reads the repository's index, picks `chart` at `version`, downloads it to `dest` and verifies the
 * index's digest. Errors are LadingErrors without a position (the caller knows the line).
 */
export async function fetchRepoChart(fetcher: HttpFetcher, repoUrl: string, chart: string, version: string, dest: string, closest?: (word: string, candidates: string[]) => string | undefined): Promise<RepoChart> {
  return downloadRepoChart(fetcher, await locateRepoChart(fetcher, repoUrl, chart, version, closest), dest);
}
