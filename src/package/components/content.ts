/**
 * What every kind of component content shares while it is collected: the types of what is
 * collected (tar entries, summary items, cached blobs, warnings), and one `CollectContext` per run
 * with the helpers each kind uses: a fresh temporary path, a local path re-resolved inside the
 * workspace, a download (plain-http policy, size limit, hash in flight), a content-addressed
 * download through the blob cache, a manifest or values file read byte for byte, and the YAML look.
 * The kinds themselves live beside it: files.ts, manifests.ts, kustomizations.ts, charts.ts,
 * data-injections.ts; collect.ts runs them.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LimitFunction } from 'p-limit';
import { LineCounter, parseAllDocuments } from 'yaml';
import { LadingError, toLadingErrors, type SourcePosition } from '../../errors.js';
import type { BlobStore } from '../../oci/blobstore.js';
import type { RegistryClient } from '../../oci/client.js';
import type { Digest } from '../../oci/digest.js';
import type { NeededBlob } from '../../cache/blob-cache.js';
import { DownloadError, displayUrl, type HttpFetcher } from '../../sources/http.js';
import { downloadWithChecksum, splitUrlChecksum } from '../../sources/url-checksum.js';
import type { TarEntry } from '../tarball.js';
import type { ZarfComponent } from '../../definition/schema.js';
import { ChartPackageError } from './chart-error.js';
import { formatPath, isUrl, realRoots, resolveLocalPath, shorten, type PathSegment } from './paths.js';
import { ZARF_DOWNLOAD_MODE, copiedMode } from '../zarf-modes.js';

/** A file from a URL; big binaries (k3s, CLIs, tarballs) fit, runaway responses do not. */
export const MAX_FILE_DOWNLOAD = 8 * 1024 * 1024 * 1024;
/** A manifest or values file (read whole, to be looked at as YAML). */
export const MAX_YAML_BYTES = 64 * 1024 * 1024;

export type ContentKind = 'file' | 'manifest' | 'kustomization' | 'chart' | 'values' | 'data' | 'repo';

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
  /** A repository's ref as written after `@` (or what no ref means), the commit and branch checked out. */
  ref?: string;
  commit?: string;
  branch?: string;
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
  /** The run's cancellation: stops the commands content is made with (git clones). */
  signal?: AbortSignal;
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
export interface Warning {
  message: string;
  position: SourcePosition;
}

export interface Piece {
  entries: TarEntry[];
  items: ContentItem[];
  blobs?: NeededBlob[];
  warnings?: Warning[];
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

export function bytewise(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
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
export function at(e: unknown, position: SourcePosition, where: string): LadingError[] {
  const placed = (message: string, hint: string | undefined, cause: unknown): LadingError =>
    new LadingError(message.startsWith('components[') ? message : `${where}: ${message}`, { ...(hint !== undefined ? { hint } : {}), position, cause });
  if (e instanceof DownloadError || e instanceof ChartPackageError) return [placed(e.message, e.hint, e)];
  return toLadingErrors(e).map((x) => (x.position !== undefined ? x : placed(x.message, x.hint, x)));
}

/** The helpers of one collection run (see the file's header). */
export type CollectContext = Awaited<ReturnType<typeof createCollectContext>>;

export async function createCollectContext(opts: CollectOptions) {
  const { definition: def, workDir, fetcher, display } = opts;
  await mkdir(workDir, { recursive: true });
  let downloads = 0;
  const tmp = (suffix: string): string => path.join(workDir, `${String(downloads++).padStart(4, '0')}-${suffix}`);
  const where = (p: PathSegment[]): string => formatPath(p);
  const ctx = { dir: def.dir, roots: def.roots, display };
  const realRootDirs = await realRoots(ctx);

  /** A local path that the definition checks accepted; re-resolved here (a LadingError if it changed since). */
  const local = async (value: string, p: PathSegment[], what: string): Promise<{ abs: string; real: string; isDir: boolean; size: number; mode: number }> => {
    const r = await resolveLocalPath(value, where(p), def.positionOf(p), ctx, what);
    if (r instanceof LadingError) throw r;
    return r;
  };

  /**
   * Downloads `source` to a temporary file (plain-http policy, size limit) and returns it with its
   * hash. A trailing `@<sha256>` (url-checksum.ts) is left out of the URL fetched and checked
   * against the bytes, as Zarf checks it: a mismatch removes the file and throws.
   */
  const download = async (source: string, suffix: string, max: number): Promise<{ file: string; size: number; sha256: string }> => {
    const file = tmp(suffix);
    opts.log(`downloading ${displayUrl(splitUrlChecksum(source).url)}`);
    const { size, sha256 } = await downloadWithChecksum(fetcher, source, file, max);
    return { file, size, sha256 };
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

  /**
   * A manifest or values file: read (local or URL) and kept in memory, byte for byte, with the mode
   * Zarf's copy of it has (zarf-modes.ts: a download 0644, a local file its own).
   */
  const documentSource = async (value: string, p: PathSegment[], what: string): Promise<{ bytes: Buffer; shown: string; mode: number }> => {
    if (isUrl(value)) {
      const d = await download(value, 'document.yaml', MAX_YAML_BYTES);
      return { bytes: await readFile(d.file), shown: displayUrl(splitUrlChecksum(value).url), mode: ZARF_DOWNLOAD_MODE };
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

  return { opts, def, fetcher, display, tmp, where, realRootDirs, local, download, cached, contentAddressed, documentSource, lookAtYaml };
}
