/**
 * Builds the content of component tars: files, manifests, charts and their values files, fetched
 * or packaged into the run's work folder and described as tar entries (`files/<i>/<base name of
 * target>`, `manifests/<name>-<i>.yaml`, `charts/<stem>.tgz`, `values/<stem>-<i>`, Zarf's
 * layout, the stem being `<name>-<version>`, or `<name>` for a chart without a version). Every
 * source is verified before it is used: a file's shasum, a Helm repository's digest, an OCI chart
 * layer's digest. Manifests and values files are packaged byte for byte, as Zarf copies them: one
 * that is not YAML as written (deploy-time templates may make it so) is a warning, not an error.
 * All problems are reported together, each at its line of zarf.yaml.
 *
 * Content whose sha256 is known before it is downloaded (an OCI chart layer, a Helm repository chart
 * whose index gives a digest, a URL file with a shasum) goes through the blob cache like an image
 * layer: taken from it when it holds the blob, else downloaded, verified and put in the run's blob
 * store under its digest, so the cache can keep it. Content without a known hash (a URL file without
 * a shasum, a chart whose index gives no digest, manifests and values files) is downloaded every run:
 * there is no name to look it up by that could be trusted before the bytes are read.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { LimitFunction } from 'p-limit';
import { LineCounter, parseAllDocuments } from 'yaml';
import { LadingError, LadingErrors, toLadingErrors, type SourcePosition } from '../../errors.js';
import type { BlobStore } from '../../oci/blobstore.js';
import type { RegistryClient } from '../../oci/client.js';
import type { Digest } from '../../oci/digest.js';
import type { NeededBlob } from '../../cache/blob-cache.js';
import { DownloadError, displayUrl, type HttpFetcher } from '../../sources/http.js';
import { ChartNameNotFound, ChartVersionNotFound, downloadRepoChart, locateRepoChart, MAX_CHART_DOWNLOAD } from '../../sources/helm-repo.js';
import { ociChartReference, pullOciChart } from '../../sources/oci-chart.js';
import type { TarEntry } from '../tarball.js';
import type { ZarfComponent } from '../../definition/schema.js';
import { closest } from '../../definition/suggest.js';
import { inspectChartArchive } from './chart-meta.js';
import { ChartPackageError, packageChartFolder } from './chart-package.js';
import { chartUrlKind, targetBaseName } from './checks.js';
import { formatPath, isInside, isUrl, realRoots, resolveLocalPath, shorten, type PathSegment } from './paths.js';
import { ZARF_DOWNLOAD_MODE, ZARF_EXECUTABLE_MODE, ZARF_FILE_MODE, copiedMode } from '../zarf-modes.js';

/** A file from a URL; big binaries (k3s, CLIs, tarballs) fit, runaway responses do not. */
export const MAX_FILE_DOWNLOAD = 8 * 1024 * 1024 * 1024;
/** A manifest or values file (read whole, to be looked at as YAML). */
export const MAX_YAML_BYTES = 64 * 1024 * 1024;

export type ContentKind = 'file' | 'manifest' | 'chart' | 'values';

/** One piece of a component's content, for the summary. */
export interface ContentItem {
  kind: ContentKind;
  /** Path inside the component folder of the tar (`charts/podinfo-6.4.0.tgz`). */
  path: string;
  /** Where it came from, as shown to the user (a path relative to the workspace, a URL, oci://...). */
  source: string;
  size: number;
  /** How it was checked, when it was (`sha256 verified`, `index digest verified`, ...). */
  verified?: string;
}

export interface ComponentContent {
  /** Tar entries by component name, paths relative to the component folder. */
  entries: Record<string, TarEntry[]>;
  /** What each component carries, by component name, in tar order. */
  items: Record<string, ContentItem[]>;
  /** The content-addressed blobs taken from remote sources (from the cache or downloaded), once each. */
  blobs: NeededBlob[];
}

export interface DefinitionView {
  dir: string;
  /** The folders local content may come from: the workspace, then skeleton content. */
  roots: readonly string[];
  positionOf(p: ReadonlyArray<string | number>): SourcePosition;
}

export interface CollectOptions {
  definition: DefinitionView;
  /** The components built for this architecture, with their index in zarf.yaml. */
  components: ReadonlyArray<{ index: number; component: ZarfComponent }>;
  /** A fresh folder for downloads and packaged charts (the run's work folder). */
  workDir: string;
  registry: RegistryClient;
  /** Where OCI chart layers and content-addressed downloads go (the run's blob store). */
  store: BlobStore;
  /**
   * Whether the run's store now holds that verified blob (taken from the blob cache when there), as
   * for resolve and pull; without it, only the store itself is looked at.
   */
  cached?: (digest: Digest, size?: number) => Promise<boolean>;
  fetcher: HttpFetcher;
  limit: LimitFunction;
  /** How to show a local path (relative to the workspace). */
  display: (absolute: string) => string;
  log: (line: string) => void;
  /**
   * Something the package is built with but the user may want to know (a manifest that is not
   * YAML as written, a local chart whose Chart.yaml gives another version), at its line of
   * zarf.yaml. Called after the content is collected, in zarf.yaml order; without it, warnings go
   * to `log`.
   */
  warn?: (message: string, position: SourcePosition) => void;
}

/** A warning of one piece of content, at its line of zarf.yaml. */
interface Warning {
  message: string;
  position: SourcePosition;
}

interface Piece {
  entries: TarEntry[];
  items: ContentItem[];
  blobs?: NeededBlob[];
  warnings?: Warning[];
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

function bytewise(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

async function sha256OfFile(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const c of createReadStream(file)) h.update(c as Buffer);
  return h.digest('hex');
}

/**
 * What is wrong with `bytes` as YAML (every document of a stream is parsed; with `mapping`, the
 * first must be a mapping, as a Helm values file is), in a few words; undefined when nothing is.
 */
export function yamlProblem(bytes: Buffer, opts: { mapping?: boolean } = {}): string | undefined {
  const text = bytes.toString('utf8');
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, strict: false });
  for (const d of docs) {
    const e = d.errors[0];
    if (e !== undefined) {
      const at = lines.linePos(e.pos[0]);
      return `is not valid YAML as written: ${e.message.split('\n')[0]} (line ${at.line}, column ${at.col} of that file)`;
    }
  }
  if (opts.mapping === true) {
    const first = docs[0];
    let value: unknown;
    try {
      value = first === undefined ? null : first.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      return `is not valid YAML as written: ${(e as Error).message.split('\n')[0]}`;
    }
    if (value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value))) return 'is not a YAML mapping as written';
  }
  return undefined;
}

/**
 * Turns an error into LadingErrors at `position`, the message led by the field (`where`). An error
 * that carries its own position already says where it is.
 */
function at(e: unknown, position: SourcePosition, where: string): LadingError[] {
  const placed = (message: string, hint: string | undefined, cause: unknown): LadingError =>
    new LadingError(message.startsWith('components[') ? message : `${where}: ${message}`, { ...(hint !== undefined ? { hint } : {}), position, cause });
  if (e instanceof DownloadError || e instanceof ChartPackageError) return [placed(e.message, e.hint, e)];
  return toLadingErrors(e).map((x) => (x.position !== undefined ? x : placed(x.message, x.hint, x)));
}

export async function collectComponentContent(opts: CollectOptions): Promise<ComponentContent> {
  const { definition: def, workDir, fetcher, limit, display } = opts;
  await mkdir(workDir, { recursive: true });
  let downloads = 0;
  const tmp = (suffix: string): string => path.join(workDir, `${String(downloads++).padStart(4, '0')}-${suffix}`);
  const where = (p: PathSegment[]): string => formatPath(p);
  const ctx = { dir: def.dir, roots: def.roots, display };
  const realRootDirs = await realRoots(ctx);

  /** A local path that the definition checks accepted; re-resolved here (a LadingError if it changed since). */
  const local = async (value: string, p: PathSegment[], what: string): Promise<{ real: string; isDir: boolean; size: number; mode: number }> => {
    const r = await resolveLocalPath(value, where(p), def.positionOf(p), ctx, what);
    if (r instanceof LadingError) throw r;
    return r;
  };

  /** Downloads `url` to a temporary file (plain-http policy, size limit) and returns it with its hash. */
  const download = async (url: string, suffix: string, max: number): Promise<{ file: string; size: number; sha256: string }> => {
    const file = tmp(suffix);
    opts.log(`downloading ${displayUrl(url)}`);
    try {
      const d = await fetcher.download(url, file, max);
      return { file, ...d };
    } catch (e) {
      if (e instanceof DownloadError) throw new DownloadError(`cannot download ${displayUrl(url)}: ${e.message}`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), cause: e });
      throw e;
    }
  };

  const cached = opts.cached ?? ((digest: Digest, size?: number): Promise<boolean> => opts.store.has(digest, size));
  /**
   * Content of sha256 `hex` from `url`: from the blob cache when it holds it (and it is within `max`),
   * else `fetch`ed (downloaded, hashed as it arrives and checked against `hex`) and moved into the
   * run's store under that digest. Either way the bytes are read from the store (and hashed again as
   * they go into the package).
   */
  const contentAddressed = async (hex: string, url: string, max: number, shown: string, fetch: () => Promise<{ file: string; size: number; sha256: string }>): Promise<{ file: string; size: number; blob: NeededBlob }> => {
    const digest = `sha256:${hex}` as Digest;
    const file = opts.store.path(digest);
    const blob = (size: number): NeededBlob => ({ digest, size, source: new URL(url).host });
    if (await cached(digest)) {
      const size = await opts.store.size(digest);
      if (size <= max) {
        opts.log(`${shown} from the blob cache`);
        return { file, size, blob: blob(size) };
      }
    }
    const d = await fetch();
    await opts.store.ingestFile(d.file, { digest, size: d.size }, { digest: `sha256:${d.sha256}` as Digest, size: d.size });
    return { file, size: d.size, blob: blob(d.size) };
  };

  /** A manifest or values file: read (local or URL) and kept in memory, byte for byte. */
  /** A manifest or values file, with the mode Zarf's copy of it has (zarf-modes.ts). */
  const documentSource = async (value: string, p: PathSegment[], what: string): Promise<{ bytes: Buffer; shown: string; mode: number }> => {
    if (isUrl(value)) {
      const d = await download(value, 'document.yaml', MAX_YAML_BYTES);
      return { bytes: await readFile(d.file), shown: displayUrl(value), mode: ZARF_DOWNLOAD_MODE };
    }
    const r = await local(value, p, what);
    if (r.size > MAX_YAML_BYTES) throw new LadingError(`${where(p)} "${shorten(value)}" is over ${MAX_YAML_BYTES / 1024 / 1024} MiB`, { hint: 'check the path', position: def.positionOf(p) });
    return { bytes: await readFile(r.real), shown: display(path.resolve(def.dir, value)), mode: copiedMode(r.mode) };
  };

  /**
   * A warning when a document is not YAML as written (packaged all the same, as Zarf does: templates
   * filled at deploy may make it YAML), else the item's `verified` note.
   */
  const lookAtYaml = (bytes: Buffer, shown: string, p: PathSegment[], mapping: boolean): { warnings: Warning[]; verified?: string } => {
    const problem = yamlProblem(bytes, { mapping });
    if (problem === undefined) return { warnings: [], verified: 'YAML checked' };
    return {
      warnings: [
        {
          message: `${where(p)}: ${shown} ${problem}; it is packaged as it is, as zarf package create does, and must be ${mapping ? 'a YAML mapping' : 'YAML'} once deploy-time templates are filled`,
          position: def.positionOf(p)
        }
      ]
    };
  };

  const fileTask = async (f: NonNullable<ZarfComponent['files']>[number], p: PathSegment[], j: number): Promise<Piece> => {
    const name = `files/${j}/${targetBaseName(f.target)}`;
    const exec = f.executable === true;
    // Zarf chmods what it put at files/<j>/<target>: 0700 executable (or a folder), else 0600.
    const mode = exec ? ZARF_EXECUTABLE_MODE : ZARF_FILE_MODE;
    const expected = f.shasum?.toLowerCase();
    const sp: PathSegment[] = [...p, 'source'];
    const mismatch = (got: string): LadingError =>
      new LadingError(`${where(sp)} "${shorten(isUrl(f.source) ? displayUrl(f.source) : f.source)}" does not match its shasum: expected ${expected}, got ${got}`, {
        hint: 'the file changed, or the shasum is wrong: check where it comes from before updating the shasum',
        position: def.positionOf(expected !== undefined ? [...p, 'shasum'] : sp)
      });
    if (isUrl(f.source)) {
      const url = f.source;
      const fetch = async (): Promise<{ file: string; size: number; sha256: string }> => {
        const d = await download(url, targetBaseName(f.target), MAX_FILE_DOWNLOAD);
        if (expected !== undefined && d.sha256 !== expected) throw mismatch(d.sha256);
        return d;
      };
      const item: ContentItem = { kind: 'file', path: name, source: displayUrl(url), size: 0, ...(expected !== undefined ? { verified: 'shasum verified' } : {}) };
      if (expected === undefined || !SHA256_HEX.test(expected)) {
        // No shasum: the file is only known once downloaded, so it is not cached.
        const d = await fetch();
        return { entries: [{ path: name, type: 'file', source: d.file, size: d.size, mode, verifyDigest: `sha256:${d.sha256}` }], items: [{ ...item, size: d.size }] };
      }
      const c = await contentAddressed(expected, url, MAX_FILE_DOWNLOAD, `file ${displayUrl(url)}`, fetch);
      return {
        entries: [{ path: name, type: 'file', source: c.file, size: c.size, mode, verifyDigest: c.blob.digest }],
        items: [{ ...item, size: c.size }],
        blobs: [c.blob]
      };
    }
    const r = await local(f.source, sp, 'the file');
    const shown = display(path.resolve(def.dir, f.source));
    if (!r.isDir) {
      let verifyDigest: string | undefined;
      if (expected !== undefined) {
        const got = await sha256OfFile(r.real);
        if (got !== expected) throw mismatch(got);
        verifyDigest = `sha256:${got}`;
      }
      return {
        entries: [{ path: name, type: 'file', source: r.real, size: r.size, mode, ...(verifyDigest !== undefined ? { verifyDigest } : {}) }],
        items: [{ kind: 'file', path: name, source: shown, size: r.size, ...(expected !== undefined ? { verified: 'shasum verified' } : {}) }]
      };
    }
    // A folder: every regular file below it, links followed when they stay inside the workspace.
    // The folder itself gets 0700; what is inside keeps its modes (Zarf's copy keeps them).
    const entries: TarEntry[] = [{ path: name, type: 'directory', mode: ZARF_EXECUTABLE_MODE }];
    let total = 0;
    const seen = new Set<string>();
    const walk = async (realDir: string, rel: string): Promise<void> => {
      if (seen.has(realDir)) throw new LadingError(`${where(sp)} "${shorten(f.source)}" holds a symbolic link loop at ${rel}`, { hint: 'remove the link', position: def.positionOf(sp) });
      seen.add(realDir);
      for (const n of (await readdir(realDir)).sort(bytewise)) {
        const childRel = rel === '' ? n : `${rel}/${n}`;
        let real: string;
        try {
          real = await realpath(path.join(realDir, n));
        } catch {
          throw new LadingError(`${where(sp)}: ${shorten(f.source)}/${childRel} is a broken symbolic link`, { hint: 'remove it', position: def.positionOf(sp) });
        }
        if (!realRootDirs.some((r) => r === real || isInside(r, real))) {
          throw new LadingError(`${where(sp)}: ${shorten(f.source)}/${childRel} leads outside the workspace through a symbolic link`, { hint: 'copy the file in instead of linking to it', position: def.positionOf(sp) });
        }
        const s = await stat(real);
        if (s.isDirectory()) {
          entries.push({ path: `${name}/${childRel}`, type: 'directory', mode: copiedMode(s.mode) });
          await walk(real, childRel);
        } else if (s.isFile()) {
          total += s.size;
          entries.push({ path: `${name}/${childRel}`, type: 'file', source: real, size: s.size, mode: copiedMode(s.mode) });
        } else {
          throw new LadingError(`${where(sp)}: ${shorten(f.source)}/${childRel} is not a regular file`, { hint: 'remove it from the folder', position: def.positionOf(sp) });
        }
      }
      seen.delete(realDir);
    };
    await walk(r.real, '');
    return { entries, items: [{ kind: 'file', path: `${name}/`, source: `${shown}/`, size: total }] };
  };

  const manifestTask = async (m: NonNullable<ZarfComponent['manifests']>[number], p: PathSegment[], k: number, value: string): Promise<Piece> => {
    const name = `manifests/${m.name}-${k}.yaml`;
    const fp: PathSegment[] = [...p, 'files', k];
    const doc = await documentSource(value, fp, 'the manifest');
    const { bytes, shown } = doc;
    const looked = lookAtYaml(bytes, shown, fp, false);
    return {
      entries: [{ path: name, type: 'file', content: bytes, mode: doc.mode }],
      items: [{ kind: 'manifest', path: name, source: shown, size: bytes.length, ...(looked.verified !== undefined ? { verified: looked.verified } : {}) }],
      warnings: looked.warnings
    };
  };

  const chartTask = async (ch: NonNullable<ZarfComponent['charts']>[number], p: PathSegment[]): Promise<Piece> => {
    // Zarf's chartStem: the zarf.yaml name and version (not Chart.yaml's), the name alone without a
    // version (only a local chart may have none: validate.ts).
    const version = ch.version ?? '';
    const stem = version === '' ? ch.name : `${ch.name}-${version}`;
    const name = `charts/${stem}.tgz`;
    const entries: TarEntry[] = [];
    const items: ContentItem[] = [];
    const blobs: NeededBlob[] = [];
    const warnings: Warning[] = [];
    if (ch.url !== undefined) {
      const up: PathSegment[] = [...p, 'url'];
      const kind = chartUrlKind(ch.url);
      if (kind === 'oci') {
        const ref = ociChartReference(ch.url, version);
        opts.log(`pulling chart ${ch.url}:${version}`);
        let pulled;
        try {
          pulled = await pullOciChart(opts.registry, ref, version, opts.store, cached);
        } catch (e) {
          if (e instanceof ChartVersionNotFound) throw new LadingError(`${where([...p, 'version'])}: ${e.message}`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), position: def.positionOf([...p, 'version']) });
          throw e;
        }
        if (!pulled.fetched) opts.log(`chart ${ch.url}:${version} from the blob cache`);
        blobs.push({ digest: pulled.layer.digest, size: pulled.layer.size, source: (pulled.pulledFrom ?? ref).registry });
        const file = opts.store.path(pulled.layer.digest);
        try {
          await inspectChartArchive(file);
        } catch (e) {
          throw new LadingError(`${where(up)}: the chart layer of ${ch.url}:${version} is not a Helm chart: ${(e as Error).message}`, { hint: 'point url at a chart pushed with `helm push`', position: def.positionOf(up) });
        }
        entries.push({ path: name, type: 'file', source: file, size: pulled.layer.size, verifyDigest: pulled.layer.digest });
        items.push({ kind: 'chart', path: name, source: `${ch.url}@${pulled.manifestDigest}`, size: pulled.layer.size, verified: `layer ${pulled.layer.digest.slice(0, 19)}… verified` });
      } else {
        const chartName = ch.repoName ?? ch.name;
        const dest = tmp(`${stem}.tgz`);
        opts.log(`reading Helm repository ${displayUrl(ch.url)} for ${chartName} ${version}`);
        let located;
        let got: { file: string; size: number; sha256: string };
        try {
          located = await locateRepoChart(fetcher, ch.url, chartName, version, (w, c) => closest(w, c));
          const chart = located;
          const fetch = async (): Promise<{ file: string; size: number; sha256: string }> => ({ file: dest, ...(await downloadRepoChart(fetcher, chart, dest)).downloaded });
          if (chart.sha256 !== undefined && SHA256_HEX.test(chart.sha256)) {
            const c = await contentAddressed(chart.sha256, chart.url, MAX_CHART_DOWNLOAD, `chart ${chartName} ${version}`, fetch);
            blobs.push(c.blob);
            got = { file: c.file, size: c.size, sha256: chart.sha256 };
          } else {
            // No digest in the index: the chart is only known once downloaded, so it is not cached.
            got = await fetch();
          }
        } catch (e) {
          if (e instanceof ChartVersionNotFound) {
            throw new LadingError(`${where([...p, 'version'])}: ${e.message}`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), position: def.positionOf([...p, 'version']) });
          }
          if (e instanceof ChartNameNotFound) {
            const np: PathSegment[] = ch.repoName !== undefined ? [...p, 'repoName'] : [...p, 'name'];
            throw new LadingError(`${where(np)}: ${e.message}`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), position: def.positionOf(np) });
          }
          throw e;
        }
        try {
          await inspectChartArchive(got.file);
        } catch (e) {
          throw new LadingError(`${where(up)}: ${displayUrl(located.url)} is not a Helm chart: ${(e as Error).message}`, { hint: 'the repository serves something else than a packaged chart; check its index', position: def.positionOf(up) });
        }
        const verified = located.sha256 !== undefined;
        entries.push({ path: name, type: 'file', source: got.file, size: got.size, verifyDigest: `sha256:${got.sha256}` });
        items.push({ kind: 'chart', path: name, source: displayUrl(located.url), size: got.size, ...(verified ? { verified: 'index digest verified' } : {}) });
        if (!verified) opts.log(`note: the Helm repository index gives no digest for ${chartName} ${version}; it was not verified`);
      }
    } else if (ch.localPath !== undefined) {
      const lp: PathSegment[] = [...p, 'localPath'];
      const r = await local(ch.localPath, lp, 'the chart folder');
      const shown = display(path.resolve(def.dir, ch.localPath));
      let meta;
      let file: string;
      let size: number;
      let sha: string;
      // A packaged folder is written by helm package (0644); a .tgz is copied with its mode.
      let tgzMode = ZARF_DOWNLOAD_MODE;
      if (r.isDir) {
        const packaged = await packageChartFolder(r.real, realRootDirs, tmp(`${stem}.tgz`), (x) => display(x));
        ({ meta, file, size, sha256: sha } = { meta: packaged.meta, file: packaged.file, size: packaged.size, sha256: packaged.sha256 });
      } else {
        try {
          meta = await inspectChartArchive(r.real);
        } catch (e) {
          throw new LadingError(`${where(lp)} "${shorten(ch.localPath)}" is not a packaged Helm chart: ${(e as Error).message}`, { hint: 'point localPath at a chart folder or a .tgz made by `helm package`', position: def.positionOf(lp) });
        }
        file = r.real;
        size = r.size;
        sha = await sha256OfFile(r.real);
        tgzMode = copiedMode(r.mode);
      }
      if (version !== '' && meta.version !== version) {
        // Zarf packages the chart as it is and names the file with zarf.yaml's version.
        warnings.push({
          message: `${where([...p, 'version'])} "${shorten(version)}" is not the version in the Chart.yaml of ${shown} (${shorten(meta.version)}): the chart is packaged as it is, as ${name}, named with zarf.yaml's version as zarf package create names it`,
          position: def.positionOf([...p, 'version'])
        });
      }
      entries.push({ path: name, type: 'file', source: file, size, mode: tgzMode, verifyDigest: `sha256:${sha}` });
      items.push({ kind: 'chart', path: name, source: r.isDir ? `${shown}/ (packaged)` : shown, size });
    }
    // values/<stem>-<i>: i counts valuesFiles, then goes on through templatedValuesFiles (Zarf's
    // GlobalIdx). Both are copied byte for byte; templated ones are Go templates until deploy, so
    // they are not looked at as YAML.
    const values: Array<{ value: string; vp: PathSegment[]; templated: boolean }> = [
      ...(ch.valuesFiles ?? []).map((value, k) => ({ value, vp: [...p, 'valuesFiles', k], templated: false })),
      ...(ch.templatedValuesFiles ?? []).map((value, k) => ({ value, vp: [...p, 'templatedValuesFiles', k], templated: true }))
    ];
    for (const [i, { value, vp, templated }] of values.entries()) {
      let doc;
      try {
        doc = await documentSource(value, vp, 'the values file');
      } catch (e) {
        throw at(e, def.positionOf(vp), where(vp))[0] as LadingError;
      }
      const vname = `values/${stem}-${i}`;
      const looked: { warnings: Warning[]; verified?: string } = templated ? { warnings: [] } : lookAtYaml(doc.bytes, doc.shown, vp, true);
      warnings.push(...looked.warnings);
      entries.push({ path: vname, type: 'file', content: doc.bytes, mode: doc.mode });
      items.push({ kind: 'values', path: vname, source: doc.shown, size: doc.bytes.length, ...(looked.verified !== undefined ? { verified: looked.verified } : {}) });
    }
    return { entries, items, blobs, warnings };
  };

  // One task per piece of content, all under the run's concurrency limit; every failure is kept.
  interface Task {
    component: string;
    /** The field the task is about, for messages and annotations. */
    field: PathSegment[];
    run: () => Promise<Piece>;
  }
  const tasks: Task[] = [];
  for (const { index, component } of opts.components) {
    const base: PathSegment[] = ['components', index];
    (component.charts ?? []).forEach((ch, j) => {
      const p = [...base, 'charts', j];
      const field = ch.url !== undefined ? [...p, 'url'] : ch.localPath !== undefined ? [...p, 'localPath'] : p;
      tasks.push({ component: component.name, field, run: () => chartTask(ch, p) });
    });
    (component.files ?? []).forEach((f, j) => {
      const p = [...base, 'files', j];
      tasks.push({ component: component.name, field: [...p, 'source'], run: () => fileTask(f, p, j) });
    });
    (component.manifests ?? []).forEach((m, j) => {
      const p = [...base, 'manifests', j];
      (m.files ?? []).forEach((value, k) => {
        tasks.push({ component: component.name, field: [...p, 'files', k], run: () => manifestTask(m, p, k, value) });
      });
    });
  }

  const results = await Promise.allSettled(tasks.map((t) => limit(t.run)));
  const errors: LadingError[] = [];
  const warnings: Warning[] = [];
  const out: ComponentContent = { entries: {}, items: {}, blobs: [] };
  const seenBlobs = new Set<string>();
  results.forEach((r, i) => {
    const t = tasks[i] as Task;
    if (r.status === 'rejected') {
      errors.push(...at(r.reason, def.positionOf(t.field), where(t.field)));
      return;
    }
    warnings.push(...(r.value.warnings ?? []));
    (out.entries[t.component] ??= []).push(...r.value.entries);
    (out.items[t.component] ??= []).push(...r.value.items);
    for (const b of r.value.blobs ?? []) {
      if (seenBlobs.has(b.digest)) continue;
      seenBlobs.add(b.digest);
      out.blobs.push(b);
    }
  });
  if (errors.length > 0) {
    errors.sort((a, b) => (a.position?.line ?? 0) - (b.position?.line ?? 0) || (a.position?.col ?? 0) - (b.position?.col ?? 0));
    throw new LadingErrors(errors);
  }
  const warn = opts.warn ?? ((message: string): void => opts.log(`warning: ${message}`));
  warnings.sort((a, b) => a.position.line - b.position.line || a.position.col - b.position.col);
  for (const w of warnings) warn(w.message, w.position);
  for (const items of Object.values(out.items)) items.sort((a, b) => bytewise(a.path, b.path));
  return out;
}
