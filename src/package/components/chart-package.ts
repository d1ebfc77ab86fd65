/**
 * Packages a local chart folder into a `.tgz` the way `helm package` lays it out, without helm:
 * every file not left out by `.helmignore` (and Helm's `templates/.?*` default) under `<name>/`
 * (the Chart.yaml name), regular files only, mode 0644, no folder entries. Unlike helm it is
 * reproducible: entries sorted bytewise by path, mtime 0, uid/gid 0, no user or group names, a
 * gzip header without time or OS (as Go writes it), so the same folder gives the same bytes.
 * Files are kept byte for byte (helm re-serializes Chart.yaml and unpacks vendored dependencies;
 * Helm reads both forms the same). Dependencies that `charts/` does not hold are fetched as
 * `helm dependency build` fetches them (chart-deps.ts) when the caller gives the sources, and added
 * to the .tgz as `charts/<name>-<version>.tgz` (with the lock file Helm would write); the chart
 * folder itself is never written to, unlike Helm, which writes them into the source.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants as zlibConstants, createGzip } from 'node:zlib';
import tar from 'tar-stream';
import YAML from 'yaml';
import { DependencyError, vendorDependencies, type DependencySources, type FetchedDependency } from './chart-deps.js';
import { dependenciesOf, MAX_CHART_BYTES, parseChartYaml, type ChartMeta } from './chart-meta.js';
import { HelmIgnore, HelmIgnoreError } from './helmignore.js';
import { ChartPackageError } from './chart-error.js';
import { isInside } from './paths.js';

export { ChartPackageError } from './chart-error.js';

export interface PackagedChart {
  meta: ChartMeta;
  /** The written .tgz. */
  file: string;
  size: number;
  sha256: string;
  /** Files in the archive. */
  files: number;
  /** The dependencies fetched into it (not those charts/ held). */
  dependencies: FetchedDependency[];
}

interface ChartFile {
  /** `/`-separated, relative to the chart folder. */
  rel: string;
  /** Real path to read (a file of the folder, or a fetched dependency). */
  real: string;
  /** The bytes, for a file made here (the generated lock file). */
  data?: Buffer;
  size: number;
}

export interface PackageChartOptions {
  /**
   * How to fetch dependencies `charts/` does not hold; without it such a chart is refused.
   * A `file://` dependency is packaged with the same options.
   */
  dependencies?: Omit<DependencySources, 'packageFolder'>;
  /** Real folders of the charts being packaged that depend on this one (a `file://` loop). */
  parents?: readonly string[];
}

function bytewise(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * Lists the chart's files: walks `chartDir` in order, follows symbolic links that stay inside
 * `roots` (the real folders content may come from: the workspace, skeleton content) and refuses those that lead out, skips what .helmignore
 * leaves out, refuses anything that is not a regular file.
 */
async function listChartFiles(chartDir: string, roots: readonly string[], ignore: HelmIgnore, show: (p: string) => string): Promise<ChartFile[]> {
  const out: ChartFile[] = [];
  const seen = new Set<string>();
  let total = 0;
  const walk = async (realDir: string, rel: string): Promise<void> => {
    if (seen.has(realDir)) throw new ChartPackageError(`${show(path.join(chartDir, rel))} links back to a folder above it (a symbolic link loop)`, 'remove the link');
    seen.add(realDir);
    const names = (await readdir(realDir)).sort(bytewise);
    for (const name of names) {
      const childRel = rel === '' ? name : `${rel}/${name}`;
      const linkPath = path.join(realDir, name);
      let real: string;
      try {
        real = await realpath(linkPath);
      } catch {
        throw new ChartPackageError(`${show(path.join(chartDir, childRel))} is a broken symbolic link`, 'remove it or add it to .helmignore');
      }
      if (!roots.some((root) => isInside(root, real) || real === root)) {
        throw new ChartPackageError(`${show(path.join(chartDir, childRel))} leads outside the workspace through a symbolic link`, 'copy the file into the chart instead of linking to it, or add it to .helmignore');
      }
      const s = await stat(real);
      if (s.isDirectory()) {
        if (ignore.ignores(childRel, true)) continue;
        await walk(real, childRel);
        continue;
      }
      if (ignore.ignores(childRel, false)) continue;
      if (!s.isFile()) {
        throw new ChartPackageError(`${show(path.join(chartDir, childRel))} is not a regular file (Helm cannot load it)`, 'remove it or add it to .helmignore');
      }
      total += s.size;
      if (total > MAX_CHART_BYTES) {
        throw new ChartPackageError(`the chart is over ${MAX_CHART_BYTES / 1024 / 1024} MiB, Helm's limit for a chart`, 'leave large files out with .helmignore');
      }
      out.push({ rel: childRel, real, size: s.size });
    }
    seen.delete(realDir);
  };
  await walk(await realpath(chartDir), '');
  return out.sort((a, b) => bytewise(a.rel, b.rel));
}

/** Reads Chart.yaml (and requirements.yaml for apiVersion v1) of a chart folder. */
export async function readChartFolder(chartDir: string, show: (p: string) => string): Promise<ChartMeta> {
  let text: string;
  try {
    text = await readFile(path.join(chartDir, 'Chart.yaml'), 'utf8');
  } catch {
    throw new ChartPackageError(`${show(chartDir)} has no Chart.yaml: it is not a Helm chart folder`, 'point localPath at the folder that holds Chart.yaml');
  }
  let meta: ChartMeta;
  try {
    meta = parseChartYaml(text);
  } catch (e) {
    throw new ChartPackageError(`${show(path.join(chartDir, 'Chart.yaml'))}: ${(e as Error).message.replace(/^Chart\.yaml /, '')}`, 'fix Chart.yaml: Helm needs apiVersion, name and version');
  }
  if (meta.apiVersion === 'v1') {
    try {
      const req = YAML.parse(await readFile(path.join(chartDir, 'requirements.yaml'), 'utf8'), { schema: 'failsafe', uniqueKeys: false });
      meta = { ...meta, dependencies: dependenciesOf(req) };
    } catch {
      // no requirements.yaml: no dependencies
    }
  }
  return meta;
}

/** The first dependency Chart.yaml declares that charts/ does not hold (by name), if any. */
function missingDependency(meta: ChartMeta, files: ChartFile[]): ChartMeta['dependencies'][number] | undefined {
  const present = new Set<string>();
  for (const f of files) {
    const m = /^charts\/([^/]+)\/Chart\.yaml$/.exec(f.rel);
    if (m?.[1] !== undefined) present.add(m[1]);
    const t = /^charts\/([^/]+)\.(tgz|tar\.gz)$/.exec(f.rel);
    if (t?.[1] !== undefined) present.add(t[1]);
  }
  return meta.dependencies.find((d) => ![...present].some((p) => p === d.name || p.startsWith(`${d.name}-`)));
}

/** Packages `chartDir` into `dest` (a new file). `roots`: the real folders links may lead into. */
export async function packageChartFolder(chartDir: string, roots: readonly string[], dest: string, show: (p: string) => string, options: PackageChartOptions = {}): Promise<PackagedChart> {
  const meta = await readChartFolder(chartDir, show);
  let ignore: HelmIgnore;
  try {
    const text = await readFile(path.join(chartDir, '.helmignore'), 'utf8').catch(() => '');
    ignore = HelmIgnore.parse(text);
  } catch (e) {
    const line = e instanceof HelmIgnoreError ? `:${e.line}` : '';
    throw new ChartPackageError(`${show(path.join(chartDir, '.helmignore'))}${line}: ${(e as Error).message}`, 'fix the pattern: .helmignore takes Go glob patterns, one per line');
  }
  const realRoots = await Promise.all(roots.map((r) => realpath(r)));
  const files = await listChartFiles(chartDir, realRoots, ignore, show);
  if (!files.some((f) => f.rel === 'Chart.yaml')) {
    throw new ChartPackageError(`${show(path.join(chartDir, '.helmignore'))} leaves out Chart.yaml`, 'remove the pattern that matches Chart.yaml');
  }
  const { dependencies: sources } = options;
  const fetched: FetchedDependency[] = [];
  if (sources === undefined) {
    const missing = missingDependency(meta, files);
    if (missing !== undefined) {
      throw new ChartPackageError(
        `chart ${meta.name} depends on ${missing.name}${missing.repository !== undefined ? ` (${missing.repository})` : ''}, which is not in its charts/ folder`,
        `run "helm dependency build ${show(chartDir)}" and keep charts/ with the chart`
      );
    }
  } else if (meta.dependencies.length > 0) {
    const self = await realpath(chartDir);
    const parents = [...(options.parents ?? []), self];
    const packageFolder = async (dir: string, to: string): Promise<PackagedChart> => {
      if (parents.includes(dir)) throw new ChartPackageError(`${show(dir)} depends on itself through file:// dependencies`, 'remove the file:// loop from the Chart.yaml files');
      return packageChartFolder(dir, roots, to, show, { dependencies: sources, parents });
    };
    let added;
    try {
      added = await vendorDependencies({ chartDir, meta, files, roots: realRoots, show, sources: { ...sources, packageFolder } });
    } catch (e) {
      if (e instanceof DependencyError || e instanceof ChartPackageError) throw new ChartPackageError(e.message, e.hint);
      throw e;
    }
    let total = files.reduce((n, f) => n + f.size, 0);
    for (const a of added) {
      // What .helmignore leaves out, helm package leaves out of what helm dependency build wrote too.
      if (ignore.ignores(a.rel, false)) continue;
      if (files.some((f) => f.rel === a.rel)) throw new ChartPackageError(`${show(path.join(chartDir, a.rel))} is in the way of the dependency fetched for it`, 'remove it from the chart folder');
      total += a.size;
      if (total > MAX_CHART_BYTES) throw new ChartPackageError(`the chart with its dependencies is over ${MAX_CHART_BYTES / 1024 / 1024} MiB, Helm's limit for a chart`, 'leave large files out with .helmignore');
      files.push({ rel: a.rel, real: a.real ?? '', ...(a.data !== undefined ? { data: a.data } : {}), size: a.size });
      if (a.dependency !== undefined) fetched.push(a.dependency);
    }
    files.sort((a, b) => bytewise(a.rel, b.rel));
  }

  const pack = tar.pack();
  const producing = (async () => {
    for (const f of files) {
      const data = f.data ?? (await readFile(f.real));
      if (data.length !== f.size) throw new ChartPackageError(`${show(path.join(chartDir, f.rel))} changed while the chart was being packaged`, 'run again once nothing writes to the chart folder');
      await new Promise<void>((resolve, reject) => {
        pack.entry({ name: `${meta.name}/${f.rel}`, type: 'file', mode: 0o644, size: data.length, mtime: new Date(0), uid: 0, gid: 0, uname: '', gname: '' }, data, (err) => (err ? reject(err) : resolve()));
      });
    }
    pack.finalize();
  })().catch((e: unknown) => {
    pack.destroy(e instanceof Error ? e : new Error(String(e)));
    throw e;
  });
  const gzip = createGzip({ level: zlibConstants.Z_DEFAULT_COMPRESSION });
  const writing = pipeline(Readable.from(pack as AsyncIterable<Buffer>), gzip, createWriteStream(dest, { flags: 'wx', mode: 0o644 }));
  const [p, w] = await Promise.allSettled([producing, writing]);
  if (p.status === 'rejected') throw p.reason;
  if (w.status === 'rejected') throw w.reason;
  // The gzip header's OS byte is the platform's (3 on Unix); write 255 ("unknown", as Go's gzip
  // writer does) so the bytes do not depend on the build machine's OS. No header CRC is written.
  const fh = await open(dest, 'r+');
  try {
    await fh.write(Buffer.from([0xff]), 0, 1, 9);
  } finally {
    await fh.close();
  }
  const bytes = await readFile(dest);
  return { meta, file: dest, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), files: files.length, dependencies: fetched };
}
