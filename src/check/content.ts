/**
 * What the component tars of the package would hold, entry by entry (path inside the component
 * folder, sha256, size), found without downloading what is known by its digest: an OCI chart by its
 * manifest (the chart layer's digest), a Helm repository chart by its index entry (the digest the
 * index gives), a URL file with a shasum by that shasum. Local files, manifests and values files are
 * read and hashed; a local chart folder is packaged as the build packages it. What has no digest
 * before it is read (a URL file without a shasum, a chart whose index gives no digest, a manifest or
 * values file at a URL) is downloaded, as the build would, and hashed; nothing is kept. A
 * kustomization is built (kustomize fetches remote bases itself) and its output hashed, as the build
 * packages it (`manifests/kustomization-<name>-<k>.yaml`).
 *
 * Paths follow collect.ts (Zarf's layout): `files/<i>/<base name of target>[/<path in folder>]`,
 * `manifests/<name>-<i>.yaml`, `manifests/kustomization-<name>-<k>.yaml`, `charts/<name>-<version>.tgz`, `values/<name>-<version>-<i>`.
 * Errors are those of the build, at the same lines of zarf.yaml (a missing chart version, a chart name
 * a Helm repository does not have, a bad path).
 *
 * A repository with a ref is known by the commit the ref names now, asked of its server with `git
 * ls-remote` (no clone; src/check/repo-commits.ts).
 *
 * A file with `extractPath` is the entry's sha256 (a URL with a shasum: the shasum, which is the
 * extracted file's); a data injection is hashed as a file is (`data/<i>/<base name of target.path>`).
 *
 * A component holding what this does not fingerprint (repositories without a ref, create-time
 * actions, charts from git) is not read at all (an action may make its files) and is listed in
 * `uncovered`: it cannot be shown unchanged.
 */
import { createHash } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, readlink, rm } from 'node:fs/promises';
import path from 'node:path';
import { LadingError, LadingErrors, toLadingErrors, type SourcePosition } from '../errors.js';
import type { RegistryClient } from '../oci/client.js';
import { ChartNameNotFound, ChartVersionNotFound, locateRepoChart, MAX_CHART_DOWNLOAD } from '../sources/helm-repo.js';
import { DownloadError, displayUrl, type HttpFetcher } from '../sources/http.js';
import { locateOciChart, ociChartReference } from '../sources/oci-chart.js';
import type { Limit } from '../sources/resolve.js';
import type { ZarfComponent } from '../definition/schema.js';
import { closest } from '../definition/suggest.js';
import { ChartPackageError, packageChartFolder } from '../package/components/chart-package.js';
import { chartUrlKind, targetBaseName } from '../package/components/checks.js';
import { MAX_FILE_DOWNLOAD, MAX_YAML_BYTES } from '../package/components/collect.js';
import { kustomizationFileName } from '../package/components/kustomizations.js';
import { dataInjectionPath } from '../package/components/data-injections.js';
import { leftoverFolders } from '../package/components/files.js';
import { archiveFormatOf, extractEntry, ExtractError, READABLE_EXTENSIONS } from '../sources/extract-entry.js';
import { findKustomizeTool, KustomizeError, runKustomize } from '../sources/kustomize.js';
import { gitCredentialEnv, type GitRunOptions } from '../sources/git.js';
import { gitRef, maskUrls, parseGitUrl } from '../sources/git-url.js';
import { linkFingerprint } from './link-fingerprint.js';
import { resolveRepoCommit, type SingleRef } from './repo-commits.js';
import { downloadWithChecksum, splitUrlChecksum } from '../sources/url-checksum.js';
import { formatPath, isUrl, realRoots, resolveLocalPath, shorten, type PathSegment } from '../package/components/paths.js';
import { sha256File } from '../package/checksums.js';

export type EntryKind = 'file' | 'manifest' | 'chart' | 'values';

/** One file of a component tar, as this definition would write it. */
export interface ContentEntry {
  component: string;
  kind: EntryKind;
  /** Path inside the component folder (`charts/podinfo-6.4.0.tgz`, `files/0/tool/bin/x`). */
  path: string;
  /** sha256 hex of its bytes. */
  sha256: string;
  /** Bytes, when known without downloading (a URL file known by its shasum has none). */
  size?: number;
  /** Where it is written in zarf.yaml (or the imported file that wrote it). */
  position: SourcePosition;
  /** As shown to the user: a path, a URL, oci://…@digest. */
  source: string;
  /** For charts: the name and version written in zarf.yaml. */
  chart?: { name: string; version: string; versionPosition: SourcePosition };
}

/** A repository as this build would clone it, known by the commit its ref names now. */
export interface PlannedRepo {
  component: string;
  /** `<repo>-<crc32>`, the folder under `repos/` in the component. */
  folder: string;
  /** The URL as written, credentials masked. */
  url: string;
  commit: string;
  position: SourcePosition;
}

export interface PlannedContent {
  entries: ContentEntry[];
  /** Repositories with a ref (a branch, tag or commit), by the commit it names. */
  repos: PlannedRepo[];
  /** Component name -> what is in it that is not fingerprinted here. */
  uncovered: Record<string, string[]>;
  /** Sources that had to be downloaded to be known (no digest before reading). */
  downloaded: string[];
}

export interface PlanContentOptions {
  definition: { dir: string; roots: readonly string[]; positionOf(p: ReadonlyArray<string | number>): SourcePosition };
  components: ReadonlyArray<{ index: number; component: ZarfComponent }>;
  /** A fresh folder for downloads and packaged charts; removed when done. */
  workDir: string;
  registry: RegistryClient;
  fetcher: HttpFetcher;
  limit: Limit;
  display: (absolute: string) => string;
  log: (line: string) => void;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

function bytewise(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

const sha256Hex = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

function singleRef(url: string): boolean {
  const parsed = parseGitUrl(url);
  if (parsed === undefined) return false;
  const kind = gitRef(parsed.ref).kind;
  return kind === 'branch' || kind === 'tag' || kind === 'commit';
}

/** What a component holds that this module does not fingerprint. */
export function uncoveredFields(c: ZarfComponent): string[] {
  const out: string[] = [];
  const raw = c as unknown as Record<string, unknown>;
  // A repository is compared by the commit its ref names; one without a ref (every branch and tag) is not.
  if (Array.isArray(raw.repos) && raw.repos.some((u) => typeof u !== 'string' || !singleRef(u))) out.push('repos without a ref (every branch and tag)');
  const onCreate = (raw.actions as { onCreate?: Record<string, unknown> } | undefined)?.onCreate;
  if (onCreate !== undefined && ['before', 'after', 'onSuccess', 'onFailure'].some((k) => Array.isArray(onCreate[k]) && (onCreate[k] as unknown[]).length > 0)) out.push('actions.onCreate');
  for (const ch of (raw.charts as Array<Record<string, unknown>> | undefined) ?? []) {
    if (typeof ch.gitPath === 'string' || (typeof ch.url === 'string' && chartUrlKind(ch.url) === 'git')) {
      out.push('charts from git');
      break;
    }
  }
  return out;
}

/** Same placement as the build: an error without a place is led by its field and put at its line. */
function at(e: unknown, position: SourcePosition, where: string): LadingError[] {
  const placed = (message: string, hint: string | undefined, cause: unknown): LadingError =>
    new LadingError(message.startsWith('components[') ? message : `${where}: ${message}`, { ...(hint !== undefined ? { hint } : {}), position, cause });
  if (e instanceof DownloadError || e instanceof ChartPackageError) return [placed(e.message, e.hint, e)];
  return toLadingErrors(e).map((x) => (x.position !== undefined ? x : placed(x.message, x.hint, x)));
}

export async function planContent(opts: PlanContentOptions): Promise<PlannedContent> {
  const { definition: def, fetcher, display } = opts;
  await mkdir(opts.workDir, { recursive: true });
  let n = 0;
  const tmp = (suffix: string): string => path.join(opts.workDir, `${String(n++).padStart(4, '0')}-${suffix}`);
  const ctx = { dir: def.dir, roots: def.roots, display };
  const roots = await realRoots(ctx);
  const downloaded: string[] = [];

  const local = async (value: string, p: PathSegment[], what: string): Promise<{ real: string; isDir: boolean; size: number }> => {
    const r = await resolveLocalPath(value, formatPath(p), def.positionOf(p), ctx, what);
    if (r instanceof LadingError) throw r;
    return r;
  };
  /** Downloads `url` to know it (nothing gives its digest before), hashed, then removed (after `use`, when given). */
  // A URL's trailing `@<sha256>` (url-checksum.ts) is not fetched and is checked against the bytes, as the build checks it.
  const downloadThen = async <T>(source: string, max: number, use: (file: string, got: { size: number; sha256: string }) => Promise<T>): Promise<T> => {
    const file = tmp('download');
    const url = splitUrlChecksum(source).url;
    opts.log(`downloading ${displayUrl(url)} (its digest is known only from its bytes)`);
    downloaded.push(displayUrl(url));
    try {
      const got = await downloadWithChecksum(fetcher, source, file, max);
      return await use(file, got);
    } finally {
      await rm(file, { force: true });
    }
  };
  const download = (url: string, max: number): Promise<{ size: number; sha256: string }> => downloadThen(url, max, (_, got) => Promise.resolve(got));
  const document = async (value: string, p: PathSegment[], what: string): Promise<{ sha256: string; size: number; shown: string }> => {
    if (isUrl(value)) return { ...(await download(value, MAX_YAML_BYTES)), shown: displayUrl(value) };
    const r = await local(value, p, what);
    if (r.size > MAX_YAML_BYTES) throw new LadingError(`${formatPath(p)} "${shorten(value)}" is over ${MAX_YAML_BYTES / 1024 / 1024} MiB`, { hint: 'check the path', position: def.positionOf(p) });
    const bytes = await readFile(r.real);
    return { sha256: sha256Hex(bytes), size: bytes.length, shown: display(path.resolve(def.dir, value)) };
  };

  type Base = Omit<ContentEntry, 'component'>;
  const fileTask = async (f: NonNullable<ZarfComponent['files']>[number], p: PathSegment[], j: number): Promise<Base[]> => {
    const name = `files/${j}/${targetBaseName(f.target)}`;
    const sp: PathSegment[] = [...p, 'source'];
    const position = def.positionOf(sp);
    const expected = f.shasum?.toLowerCase();
    if (f.extractPath !== undefined && f.extractPath !== '') return extractTask(f, p, name, expected);
    if (isUrl(f.source)) {
      if (expected !== undefined && SHA256_HEX.test(expected)) return [{ kind: 'file', path: name, sha256: expected, position, source: displayUrl(f.source) }];
      const d = await download(f.source, MAX_FILE_DOWNLOAD);
      if (expected !== undefined && d.sha256 !== expected) {
        throw new LadingError(`${formatPath(sp)} "${shorten(displayUrl(f.source))}" does not match its shasum: expected ${expected}, got ${d.sha256}`, {
          hint: 'the file changed, or the shasum is wrong: check where it comes from before updating the shasum',
          position: def.positionOf([...p, 'shasum'])
        });
      }
      return [{ kind: 'file', path: name, sha256: d.sha256, size: d.size, position, source: displayUrl(f.source) }];
    }
    const r = await local(f.source, sp, 'the file');
    const shown = display(path.resolve(def.dir, f.source));
    if (!r.isDir) {
      const got = (await sha256File(r.real)).sha256;
      if (expected !== undefined && got !== expected) {
        throw new LadingError(`${formatPath(sp)} "${shorten(f.source)}" does not match its shasum: expected ${expected}, got ${got}`, {
          hint: 'the file changed, or the shasum is wrong: check where it comes from before updating the shasum',
          position: def.positionOf([...p, 'shasum'])
        });
      }
      return [{ kind: 'file', path: name, sha256: got, size: r.size, position, source: shown }];
    }
    // A folder: every file below it, and its symbolic links as links (the build keeps them as Zarf does).
    const out: Base[] = [];
    const walk = async (dir: string, rel: string, depth: number): Promise<void> => {
      if (depth > 64) throw new LadingError(`${formatPath(sp)} "${shorten(f.source)}" nests too deeply`, { hint: 'flatten the folder', position });
      for (const child of (await readdir(dir)).sort(bytewise)) {
        const abs = path.join(dir, child);
        const childRel = rel === '' ? child : `${rel}/${child}`;
        const s = await lstat(abs);
        if (s.isSymbolicLink()) out.push({ kind: 'file', path: `${name}/${childRel}`, sha256: linkFingerprint(await readlink(abs)), size: 0, position, source: `${shown}/${childRel}` });
        else if (s.isDirectory()) await walk(abs, childRel, depth + 1);
        else if (s.isFile()) out.push({ kind: 'file', path: `${name}/${childRel}`, sha256: (await sha256File(abs)).sha256, size: s.size, position, source: `${shown}/${childRel}` });
      }
    };
    await walk(r.real, '', 0);
    return out;
  };

  /**
   * `extractPath`: the entry's sha256, as the build packages it at `files/<i>/<base name>`: a URL with
   * a shasum is known by it (the shasum is the extracted file's); else the archive (downloaded, or
   * local) is streamed and only that entry hashed. A folder in the archive packages no file.
   */
  const extractTask = async (f: NonNullable<ZarfComponent['files']>[number], p: PathSegment[], name: string, expected: string | undefined): Promise<Base[]> => {
    const sp: PathSegment[] = [...p, 'source'];
    const ep: PathSegment[] = [...p, 'extractPath'];
    const wanted = f.extractPath ?? '';
    const archiveName = isUrl(f.source) ? path.posix.basename(new URL(splitUrlChecksum(f.source).url).pathname) : f.source;
    const format = archiveFormatOf(archiveName)?.format;
    if (format === undefined) throw new LadingError(`${formatPath(sp)} "${shorten(archiveName)}" is not an archive Lading extracts from`, { hint: `extractPath reads ${READABLE_EXTENSIONS} archives, named by their extension`, position: def.positionOf(sp) });
    if (leftoverFolders(wanted, name).includes(name)) {
      throw new LadingError(`${formatPath(ep)} "${shorten(wanted)}" lies in a folder named like the target's base name`, { hint: "Zarf cannot rename the extracted file onto that folder either: change the target's file name", position: def.positionOf(ep) });
    }
    const shown = `${isUrl(f.source) ? displayUrl(splitUrlChecksum(f.source).url) : display(path.resolve(def.dir, f.source))} (${wanted})`;
    const position = def.positionOf(sp);
    if (isUrl(f.source) && expected !== undefined && SHA256_HEX.test(expected)) return [{ kind: 'file', path: name, sha256: expected, position, source: shown }];
    const extract = async (archive: string, shownArchive: string): Promise<Base[]> => {
      const out = tmp('extracted');
      try {
        const x = await extractEntry(archive, format, wanted, out, MAX_FILE_DOWNLOAD);
        if (x.type !== 'file') {
          if (expected !== undefined) throw new LadingError(`${formatPath([...p, 'shasum'])} is given for "${shorten(wanted)}", a folder in the archive`, { hint: 'a shasum checks a single file: remove it, or extract a file', position: def.positionOf([...p, 'shasum']) });
          return [];
        }
        if (expected !== undefined && x.sha256 !== expected) {
          throw new LadingError(`${formatPath(sp)} "${shorten(isUrl(f.source) ? displayUrl(f.source) : f.source)}" does not match its shasum: expected ${expected}, got ${x.sha256}`, {
            hint: 'the file changed, or the shasum is wrong: check where it comes from before updating the shasum',
            position: def.positionOf([...p, 'shasum'])
          });
        }
        return [{ kind: 'file', path: name, sha256: x.sha256, size: x.size, position, source: shown }];
      } catch (e) {
        if (e instanceof ExtractError) throw new LadingError(`${formatPath(ep)}: cannot extract "${shorten(wanted)}" from ${shorten(shownArchive)}: ${e.message}`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), position: def.positionOf(ep), cause: e });
        throw e;
      } finally {
        await rm(out, { recursive: true, force: true });
      }
    };
    if (isUrl(f.source)) return downloadThen(f.source, MAX_FILE_DOWNLOAD, (file) => extract(file, displayUrl(splitUrlChecksum(f.source).url)));
    const r = await local(f.source, sp, 'the archive');
    return extract(r.real, f.source);
  };

  /**
   * A data injection, as the build packages it at `data/<i>/<base name of target.path>`: a local file
   * hashed, a local folder's regular files (links stay links in the package, so they are not
   * followed), a URL by the sha256 after its last `@` when it has one, else downloaded and hashed.
   */
  const dataTask = async (d: NonNullable<ZarfComponent['dataInjections']>[number], p: PathSegment[], i: number): Promise<Base[]> => {
    const name = dataInjectionPath(i, d.target.path);
    const sp: PathSegment[] = [...p, 'source'];
    const position = def.positionOf(sp);
    if (isUrl(d.source)) {
      // A trailing `@<sha256>` names the bytes before they are read.
      const { url, checksum } = splitUrlChecksum(d.source);
      if (checksum !== undefined && SHA256_HEX.test(checksum)) return [{ kind: 'file', path: name, sha256: checksum, position, source: displayUrl(url) }];
      return [{ kind: 'file', path: name, ...(await download(d.source, MAX_FILE_DOWNLOAD)), position, source: displayUrl(url) }];
    }
    const r = await local(d.source, sp, 'the data');
    const shown = display(path.resolve(def.dir, d.source));
    if (!r.isDir) return [{ kind: 'file', path: name, sha256: (await sha256File(r.real)).sha256, size: r.size, position, source: shown }];
    const out: Base[] = [];
    const walk = async (dir: string, rel: string): Promise<void> => {
      for (const child of (await readdir(dir)).sort(bytewise)) {
        const abs = path.join(dir, child);
        const childRel = rel === '' ? child : `${rel}/${child}`;
        const s = await lstat(abs);
        if (s.isSymbolicLink()) out.push({ kind: 'file', path: `${name}/${childRel}`, sha256: linkFingerprint(await readlink(abs)), size: 0, position, source: `${shown}/${childRel}` });
        else if (s.isDirectory()) await walk(abs, childRel);
        else if (s.isFile()) out.push({ kind: 'file', path: `${name}/${childRel}`, sha256: (await sha256File(abs)).sha256, size: s.size, position, source: `${shown}/${childRel}` });
      }
    };
    await walk(r.real, '');
    return out;
  };

  const chartTask = async (ch: NonNullable<ZarfComponent['charts']>[number], p: PathSegment[]): Promise<Base[]> => {
    const version = ch.version ?? '';
    const stem = version === '' ? ch.name : `${ch.name}-${version}`;
    const name = `charts/${stem}.tgz`;
    const vpos = def.positionOf([...p, 'version']);
    const chart = { name: ch.name, version, versionPosition: vpos };
    const out: Base[] = [];
    const versionError = (e: LadingError): LadingError => new LadingError(`${formatPath([...p, 'version'])}: ${e.message}`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), position: vpos });
    if (ch.url !== undefined) {
      const position = def.positionOf([...p, 'url']);
      if (chartUrlKind(ch.url) === 'oci') {
        const ref = ociChartReference(ch.url, version);
        let located;
        try {
          located = await locateOciChart(opts.registry, ref, version);
        } catch (e) {
          if (e instanceof ChartVersionNotFound) throw versionError(e);
          throw e;
        }
        out.push({ kind: 'chart', path: name, sha256: located.layer.digest.replace(/^sha256:/, ''), size: located.layer.size, position, source: `${ch.url}@${located.manifestDigest}`, chart });
      } else {
        const chartName = ch.repoName ?? ch.name;
        let located;
        try {
          located = await locateRepoChart(fetcher, ch.url, chartName, version, (w, c) => closest(w, c));
        } catch (e) {
          if (e instanceof ChartVersionNotFound) throw versionError(e);
          if (e instanceof ChartNameNotFound) {
            const np: PathSegment[] = ch.repoName !== undefined ? [...p, 'repoName'] : [...p, 'name'];
            throw new LadingError(`${formatPath(np)}: ${e.message}`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), position: def.positionOf(np) });
          }
          throw e;
        }
        if (located.sha256 !== undefined && SHA256_HEX.test(located.sha256)) out.push({ kind: 'chart', path: name, sha256: located.sha256, position, source: displayUrl(located.url), chart });
        else out.push({ kind: 'chart', path: name, ...(await download(located.url, MAX_CHART_DOWNLOAD)), position, source: displayUrl(located.url), chart });
      }
    } else if (ch.localPath !== undefined) {
      const lp: PathSegment[] = [...p, 'localPath'];
      const position = def.positionOf(lp);
      const r = await local(ch.localPath, lp, 'the chart folder');
      const shown = display(path.resolve(def.dir, ch.localPath));
      if (r.isDir) {
        const packaged = await packageChartFolder(r.real, roots, tmp(`${stem}.tgz`), (x) => display(x));
        out.push({ kind: 'chart', path: name, sha256: packaged.sha256, size: packaged.size, position, source: `${shown}/ (packaged)`, chart });
      } else {
        out.push({ kind: 'chart', path: name, sha256: (await sha256File(r.real)).sha256, size: r.size, position, source: shown, chart });
      }
    }
    const values: Array<{ value: string; vp: PathSegment[] }> = [
      ...(ch.valuesFiles ?? []).map((value, k) => ({ value, vp: [...p, 'valuesFiles', k] })),
      ...(ch.templatedValuesFiles ?? []).map((value, k) => ({ value, vp: [...p, 'templatedValuesFiles', k] }))
    ];
    for (const [i, { value, vp }] of values.entries()) {
      let d;
      try {
        d = await document(value, vp, 'the values file');
      } catch (e) {
        throw at(e, def.positionOf(vp), formatPath(vp))[0] as LadingError;
      }
      out.push({ kind: 'values', path: `values/${stem}-${i}`, sha256: d.sha256, size: d.size, position: def.positionOf(vp), source: d.shown });
    }
    return out;
  };

  /** A kustomization built as the build builds it; its output's bytes are the manifest entry. */
  const kustomizationTask = async (m: NonNullable<ZarfComponent['manifests']>[number], kp: PathSegment[], k: number, value: string): Promise<Base[]> => {
    const position = def.positionOf(kp);
    const tool = await findKustomizeTool();
    if (tool === undefined) {
      throw new LadingError(`${formatPath(kp)}: neither kustomize nor kubectl is on PATH, so the kustomization cannot be built`, {
        hint: 'install kustomize or kubectl on the runner (GitHub-hosted runners have both), or build the kustomization in a step before this one and list its output under files',
        position
      });
    }
    let target = value;
    let shown = value;
    if (!isUrl(value)) {
      const r = await local(value, kp, 'the kustomization folder');
      if (!r.isDir) throw new LadingError(`${formatPath(kp)} "${shorten(value)}" is a file, not a kustomization folder`, { hint: 'give the folder that holds kustomization.yaml', position });
      target = path.resolve(def.dir, value);
      shown = display(target);
    }
    let bytes: Buffer;
    try {
      bytes = await runKustomize(tool, target, { allowAnyDirectory: m.kustomizeAllowAnyDirectory === true, enablePlugins: m.enableKustomizePlugins === true, cwd: def.dir, maxBytes: MAX_YAML_BYTES });
    } catch (e) {
      if (e instanceof KustomizeError) throw new LadingError(`${formatPath(kp)} "${shorten(value)}": ${e.message}`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), position, cause: e });
      throw e;
    }
    return [{ kind: 'manifest', path: kustomizationFileName(m.name, k), sha256: sha256Hex(bytes), size: bytes.length, position, source: `${shown} (built)` }];
  };

  /** A repository's commit, asked of its server (no clone); the git environment is read once. */
  const repos: PlannedRepo[] = [];
  let gitOpts: Promise<GitRunOptions> | undefined;
  const repoTask = async (component: string, url: string, rp: PathSegment[]): Promise<Base[]> => {
    const parsed = parseGitUrl(url);
    if (parsed === undefined) throw new LadingError(`${formatPath(rp)} "${maskUrls(url)}" is not a Git repository URL`, { hint: 'write it as https://host/path/repo.git[@ref]' });
    const scheme = parsed.cloneUrl.slice(0, parsed.cloneUrl.indexOf(':'));
    if (scheme === 'http' || scheme === 'git') {
      const host = new URL(parsed.cloneUrl.replace(/^git:/, 'http:')).host;
      try {
        fetcher.checkUrl(`http://${host}/`);
      } catch {
        throw new DownloadError(`plain ${scheme}:// is refused for ${host}, which is not in the plain-http input`, { hint: `use https://, or list ${host} in the plain-http input if it only serves plain ${scheme === 'git' ? 'git://' : 'HTTP'}` });
      }
    }
    gitOpts ??= gitCredentialEnv(def.dir).then(({ env }) => ({ env }));
    const commit = await resolveRepoCommit(parsed, gitRef(parsed.ref) as SingleRef, def.dir, await gitOpts);
    opts.log(`${maskUrls(parsed.cloneUrl)} ${parsed.ref} is at ${commit.slice(0, 12)} (asked of the server, not cloned)`);
    repos.push({ component, folder: parsed.folder, url: maskUrls(url), commit, position: def.positionOf(rp) });
    return [];
  };

  interface Task {
    component: string;
    field: PathSegment[];
    run: () => Promise<Base[]>;
  }
  const tasks: Task[] = [];
  const uncovered: Record<string, string[]> = {};
  for (const { index, component } of opts.components) {
    const missing = uncoveredFields(component);
    if (missing.length > 0) {
      // Not read at all: create-time actions may make its files, repositories are cloned by the
      // build. It is listed as not compared.
      uncovered[component.name] = missing;
      continue;
    }
    const base: PathSegment[] = ['components', index];
    (component.repos ?? []).forEach((url, j) => {
      const rp: PathSegment[] = [...base, 'repos', j];
      tasks.push({ component: component.name, field: rp, run: () => repoTask(component.name, url, rp) });
    });
    (component.charts ?? []).forEach((ch, j) => {
      const p = [...base, 'charts', j];
      if (ch.url !== undefined && chartUrlKind(ch.url) === 'git') return;
      const field = ch.url !== undefined ? [...p, 'url'] : ch.localPath !== undefined ? [...p, 'localPath'] : p;
      tasks.push({ component: component.name, field, run: () => chartTask(ch, p) });
    });
    (component.files ?? []).forEach((f, j) => {
      const p = [...base, 'files', j];
      tasks.push({ component: component.name, field: [...p, 'source'], run: () => fileTask(f, p, j) });
    });
    (component.dataInjections ?? []).forEach((d, j) => {
      const p = [...base, 'dataInjections', j];
      tasks.push({ component: component.name, field: [...p, 'source'], run: () => dataTask(d, p, j) });
    });
    (component.manifests ?? []).forEach((m, j) => {
      const p = [...base, 'manifests', j];
      (m.files ?? []).forEach((value, k) => {
        const fp: PathSegment[] = [...p, 'files', k];
        tasks.push({
          component: component.name,
          field: fp,
          run: async () => {
            const d = await document(value, fp, 'the manifest');
            return [{ kind: 'manifest', path: `manifests/${m.name}-${k}.yaml`, sha256: d.sha256, size: d.size, position: def.positionOf(fp), source: d.shown }];
          }
        });
      });
      (m.kustomizations ?? []).forEach((value, k) => {
        const kp: PathSegment[] = [...p, 'kustomizations', k];
        tasks.push({ component: component.name, field: kp, run: () => kustomizationTask(m, kp, k, value) });
      });
    });
  }
  try {
    const results = await Promise.allSettled(tasks.map((t) => opts.limit(t.run)));
    const errors: LadingError[] = [];
    const entries: ContentEntry[] = [];
    results.forEach((r, i) => {
      const t = tasks[i] as Task;
      if (r.status === 'rejected') errors.push(...at(r.reason, def.positionOf(t.field), formatPath(t.field)));
      else for (const e of r.value) entries.push({ component: t.component, ...e });
    });
    if (errors.length > 0) {
      errors.sort((a, b) => (a.position?.line ?? 0) - (b.position?.line ?? 0) || (a.position?.col ?? 0) - (b.position?.col ?? 0));
      throw new LadingErrors(errors);
    }
    repos.sort((a, b) => (a.position.line ?? 0) - (b.position.line ?? 0));
    return { entries, repos, uncovered, downloaded };
  } finally {
    await rm(opts.workDir, { recursive: true, force: true });
  }
}
