/**
 * Pulling a published Zarf package (published by Lading or by Zarf) into a folder: the tag's index
 * resolved to this architecture's manifest, then all layers, or only what named components need
 * (their component tar and their images' blobs) plus zarf.yaml and checksums.txt; every file is
 * verified against checksums.txt and zarf.yaml's aggregateChecksum. Files appear under their titles
 * only once verified; on failure what this call wrote is removed.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pLimit, { type LimitFunction } from 'p-limit';
import { LadingError } from '../errors.js';
import { BlobStore } from '../oci/blobstore.js';
import type { RegistryClient } from '../oci/client.js';
import type { Digest } from '../oci/digest.js';
import { isIndexMediaType, isManifestMediaType } from '../oci/mediatypes.js';
import { fetchBlobBytes } from '../oci/push.js';
import { Reference } from '../oci/reference.js';
import { parseManifest, type Descriptor } from '../oci/types.js';
import { builtDefinition } from '../package/built-definition.js';
import { CHECKSUMS_TXT, ZARF_YAML, sha256File, sha256Hex } from '../package/checksums.js';
import { ANNOTATION_BASE_NAME, ANNOTATION_REF_NAME } from '../package/layout.js';
import { ANNOTATION_TITLE, MULTI_OS } from '../package/publish-layout.js';
import { VALUES_SCHEMA_JSON, VALUES_YAML } from '../package/values.js';
import { aggregateChecksumOf, checkLayers, parseChecksums } from './verify.js';

export interface PullPackageOptions {
  /** Only these components (their tars and images); all layers when left out. */
  components?: readonly string[];
  /** Concurrency limit for blob downloads (default 8 at once). */
  limit?: LimitFunction;
  log?: (line: string) => void;
}

export interface PulledPackage {
  /** The architecture's package manifest. */
  digest: Digest;
  zarfYaml: string;
  /** Files written under `dir`, sorted by path. */
  files: Array<{ path: string; size: number; sha256: string }>;
}

const SMALL = 16 * 1024 * 1024;

/** A layer title is a relative path inside the package: no absolute path, `..`, `\` or empty segment. */
export function safeTitle(title: string): boolean {
  return title !== '' && !title.startsWith('/') && !title.includes('\\') && !title.includes('\0') && title.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

function componentImages(component: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const i of (component.images as unknown[] | undefined) ?? []) if (typeof i === 'string') out.push(i);
  for (const a of (component.imageArchives as Array<{ images?: unknown[] }> | undefined) ?? []) for (const i of a.images ?? []) if (typeof i === 'string') out.push(i);
  return out;
}

/** Pulls the package at `ref` for `architecture` into `dir` (created when missing). */
export async function pullPackage(client: RegistryClient, ref: Reference, architecture: string, dir: string, opts: PullPackageOptions = {}): Promise<PulledPackage> {
  const log = opts.log ?? ((): void => undefined);
  const limit = opts.limit ?? pLimit(8);
  const what = `package ${ref.toString()}`;

  // 1. The manifest for this architecture.
  const top = await client.getManifest(ref, ref.selector);
  let manifestBytes = top.bytes;
  let digest = top.digest;
  if (isIndexMediaType(top.mediaType)) {
    const parsed = parseManifest(top.bytes, top.mediaType, what);
    if (parsed.kind !== 'index') throw new LadingError(`${what} is not an index`);
    const entries = parsed.index.manifests;
    const entry = entries.find((e) => e.platform?.architecture === architecture && e.platform.os === MULTI_OS) ?? entries.find((e) => e.platform?.architecture === architecture);
    if (entry === undefined) {
      const archs = entries.map((e) => e.platform?.architecture).filter((a) => a !== undefined);
      throw new LadingError(`${what} has no ${architecture} package`, { hint: archs.length > 0 ? `it has ${archs.join(', ')}` : 'its index lists no architectures' });
    }
    const m = await client.getManifest(ref, entry.digest);
    manifestBytes = m.bytes;
    digest = m.digest;
  }
  const parsed = parseManifest(manifestBytes, undefined, what);
  if (parsed.kind !== 'manifest') throw new LadingError(`${what} resolves to an index of indexes, not a package`);
  const layers = parsed.manifest.layers;
  const byTitle = new Map<string, Descriptor>();
  for (const l of layers) {
    const title = l.annotations?.[ANNOTATION_TITLE];
    if (title === undefined) continue;
    if (!safeTitle(title)) throw new LadingError(`${what} has a layer titled "${title.slice(0, 200)}", which is not a path inside a package`, { hint: 'the package may be malicious; it was not pulled' });
    byTitle.set(title, l);
  }
  const zl = byTitle.get(ZARF_YAML);
  const cl = byTitle.get(CHECKSUMS_TXT);
  if (zl === undefined || cl === undefined) throw new LadingError(`${what} is not a Zarf package: it has no ${zl === undefined ? ZARF_YAML : CHECKSUMS_TXT} layer`);

  // 2. zarf.yaml and checksums.txt always; then what was asked for.
  const inMemory = new Map<string, Buffer>();
  const [zarfYaml, checksumsBytes] = await Promise.all([fetchBlobBytes(client, ref, zl, SMALL), fetchBlobBytes(client, ref, cl, SMALL)]);
  inMemory.set(ZARF_YAML, zarfYaml);
  inMemory.set(CHECKSUMS_TXT, checksumsBytes);
  const checksums = parseChecksums(checksumsBytes.toString('utf8'), `${CHECKSUMS_TXT} of ${what}`);
  const aggregate = aggregateChecksumOf(zarfYaml.toString('utf8'));
  if (aggregate !== undefined && aggregate !== sha256Hex(checksumsBytes)) {
    throw new LadingError(`${what}: ${CHECKSUMS_TXT} does not match the aggregateChecksum in ${ZARF_YAML}`, { hint: 'the published package is damaged; publish it again' });
  }
  const problems = checkLayers(layers, checksums, opts.components === undefined);
  if (problems.length > 0) throw new LadingError(`${what} does not verify: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, { details: problems.map((p) => `- ${p}`).join('\n') });

  const wanted = new Set<string>([ZARF_YAML, CHECKSUMS_TXT]);
  const need = (title: string): Descriptor => {
    const l = byTitle.get(title);
    if (l === undefined) throw new LadingError(`${what} has no layer ${title}`, { hint: 'the package is incomplete; publish it again' });
    wanted.add(title);
    return l;
  };
  const small = async (title: string): Promise<Buffer> => {
    const l = need(title);
    let b = inMemory.get(title);
    if (b === undefined) {
      b = await limit(() => fetchBlobBytes(client, ref, l, SMALL));
      inMemory.set(title, b);
    }
    return b;
  };
  if (opts.components === undefined) {
    for (const t of byTitle.keys()) wanted.add(t);
  } else {
    const def = builtDefinition(zarfYaml.toString('utf8')) as { components?: Array<Record<string, unknown>> };
    const all = Array.isArray(def.components) ? def.components : [];
    // Like Zarf's PackageAlwaysPull: the package's values travel with any subset of components.
    for (const t of [VALUES_YAML, VALUES_SCHEMA_JSON]) if (byTitle.has(t)) need(t);
    const images = new Set<string>();
    for (const name of opts.components) {
      const c = all.find((x) => x.name === name);
      if (c === undefined) throw new LadingError(`${what} has no component "${name}"`, { hint: `its components are ${all.map((x) => String(x.name)).join(', ') || '(none)'}` });
      if (byTitle.has(`components/${name}.tar`)) need(`components/${name}.tar`);
      for (const i of componentImages(c)) images.add(Reference.parse(i).toString());
    }
    if (images.size > 0) {
      const index = JSON.parse((await small('images/index.json')).toString('utf8')) as { manifests?: Descriptor[] };
      need('images/oci-layout');
      const walk = async (d: Descriptor): Promise<void> => {
        const title = `images/blobs/${d.digest.replace(':', '/')}`;
        if (isIndexMediaType(d.mediaType) || isManifestMediaType(d.mediaType)) {
          const p = parseManifest(await small(title), d.mediaType, `${title} of ${what}`);
          if (p.kind === 'index') for (const child of p.index.manifests) await walk(child);
          else for (const b of [p.manifest.config, ...p.manifest.layers]) need(`images/blobs/${b.digest.replace(':', '/')}`);
        } else {
          need(title);
        }
      };
      for (const image of images) {
        const entry = (index.manifests ?? []).find((m) => m.annotations?.[ANNOTATION_BASE_NAME] === image || m.annotations?.[ANNOTATION_REF_NAME] === image);
        if (entry === undefined) throw new LadingError(`${what}: image ${image} is not in its images/index.json`, { hint: 'the package is incomplete; publish it again' });
        await walk(entry);
      }
    }
  }

  // 3. Download into a temporary store in `dir`, then put each file under its title.
  await mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.lading-pull-${randomBytes(6).toString('hex')}`);
  const store = new BlobStore(tmp);
  const written: string[] = [];
  const files: PulledPackage['files'] = [];
  try {
    await store.init();
    const titles = [...wanted].sort();
    const total = titles.reduce((n, t) => n + (byTitle.get(t)?.size ?? 0), 0);
    log(`pulling ${titles.length} files (${total} bytes) of ${what} for ${architecture}`);
    const settled = await Promise.allSettled(
      titles.map(async (title) => {
        const l = byTitle.get(title) as Descriptor;
        const dest = path.join(dir, ...title.split('/'));
        await mkdir(path.dirname(dest), { recursive: true });
        const part = `${dest}.partial-${randomBytes(4).toString('hex')}`;
        const bytes = inMemory.get(title);
        if (bytes !== undefined) {
          await writeFile(part, bytes);
        } else {
          await limit(() => client.fetchBlob(ref, l, store));
          try {
            await link(store.path(l.digest), part);
          } catch {
            await copyFile(store.path(l.digest), part);
          }
        }
        await rename(part, dest);
        written.push(dest);
        const sha = l.digest.startsWith('sha256:') ? l.digest.slice(7) : (await sha256File(dest)).sha256;
        if (title !== ZARF_YAML && title !== CHECKSUMS_TXT && checksums.get(title) !== sha) {
          throw new LadingError(`${what}: ${title} does not match ${CHECKSUMS_TXT}`, { hint: 'the published package is damaged; publish it again' });
        }
        files.push({ path: title, size: l.size, sha256: sha });
      })
    );
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  } catch (e) {
    await Promise.all(written.map((f) => rm(f, { force: true })));
    throw e;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  files.sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
  return { digest, zarfYaml: zarfYaml.toString('utf8'), files };
}
