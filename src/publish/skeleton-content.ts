/**
 * The content of a Zarf skeleton package, as `zarf package publish <folder> oci://…` lays it out
 * (src/pkg/packager/assemble/assemble.go AssembleSkeleton, assembleSkeletonComponent): the composed
 * definition with each component's LOCAL content copied into its component tar, and the paths in
 * zarf.yaml rewritten to where that content sits inside the component folder; remote content (URLs,
 * OCI and Helm repository charts) stays a reference, fetched by whoever builds from the skeleton.
 *
 * - chart `localPath` -> `charts/<name>-<i>` (the folder or archive, copied as is);
 * - chart `valuesFiles` / `templatedValuesFiles` -> `values/<name>[-<version>]-<i>` (templated ones
 *   numbered after the plain ones);
 * - file `source` -> `files/<i>/<basename of target>` (a folder keeps its tree), shasum checked;
 * - dataInjection `source` -> `data/<i>/<basename of target.path>`;
 * - manifest `files` -> `manifests/<name>-<i>.yaml`;
 * - manifest `kustomizations` -> built into `manifests/kustomization-<name>-<k>.yaml`, and the field
 *   removed; as in Zarf, the built file is not added to the manifest's `files` (skeleton-built.ts);
 * - a local file's `extractPath` -> the entry extracted into `files/<i>/<basename of target>`, and
 *   the field removed (a URL file keeps its extractPath: it is a reference);
 * - `only.flavor` is cleared (the flavor is in the tag), and a component with content gets Zarf's
 *   empty `temp/` folder.
 *
 * What Zarf refuses is refused the same way: image archives and package values.
 */
import { mkdir, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { LadingError, LadingErrors, type SourcePosition } from '../errors.js';
import { sha256File } from '../package/checksums.js';
import type { TarEntry } from '../package/tarball.js';
import { isInside, isUrl, realRoots, resolveLocalPath, shorten, type LocalPathContext } from '../package/components/paths.js';
import { skeletonExtract, skeletonKustomization, type BuiltContext } from './skeleton-built.js';

type Doc = Record<string, unknown>;

/** The loaded definition, as far as a skeleton needs it (a definition Package fits). */
export interface SkeletonSourceDefinition {
  dir: string;
  roots: readonly string[];
  apiVersion: string;
  config: Doc & { components: Array<Doc & { name: string }> };
  importedSchemas: readonly string[];
  positionOf(path: ReadonlyArray<string | number>): SourcePosition;
}

export interface SkeletonContent {
  /** The skeleton's definition (a copy; the loaded one is left alone). */
  config: Doc & { kind: string; metadata: { name: string }; components: Array<Doc & { name: string }> };
  /** Component tar entries by component name (paths inside the component folder). */
  entries: Record<string, TarEntry[]>;
}

const asDoc = (v: unknown): Doc | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Doc) : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * The skeleton's definition and component content; every problem of the definition reported
 * together. `workDir`: a folder of this run for what is built (kustomizations are kept in memory,
 * extracted files are written there).
 */
export async function skeletonContent(def: SkeletonSourceDefinition, display: (abs: string) => string, workDir: string): Promise<SkeletonContent> {
  const errors: LadingError[] = [];
  const at = (p: ReadonlyArray<string | number>): SourcePosition => def.positionOf(p);
  const refuse = (message: string, hint: string, p: ReadonlyArray<string | number>): void => {
    errors.push(new LadingError(message, { hint, position: at(p) }));
  };
  if (def.apiVersion !== 'zarf.dev/v1alpha1') {
    throw new LadingError(`publishing a skeleton of a ${def.apiVersion} definition is not supported by Lading yet`, { hint: 'write the definition in zarf.dev/v1alpha1 to publish it as a skeleton, or publish it with zarf package publish', position: at(['apiVersion']) });
  }
  const values = asDoc(def.config['values']);
  if (strings(values?.['files']).length > 0 || (typeof values?.['schema'] === 'string' && values['schema'] !== '') || def.importedSchemas.length > 0) {
    refuse('creating skeleton packages with the values feature is not yet supported', 'Zarf does not publish values in a skeleton: remove values from zarf.yaml (and from the packages it imports) to publish it as a skeleton', ['values']);
  }
  const config = structuredClone(def.config) as SkeletonContent['config'];
  const ctx: LocalPathContext = { dir: def.dir, roots: def.roots, display };
  const rootDirs = await realRoots(ctx);
  const entries: Record<string, TarEntry[]> = {};
  await mkdir(workDir, { recursive: true });
  let made = 0;
  const built: BuiltContext = { dir: def.dir, positionOf: at, tmp: (name) => path.join(workDir, `${String(made++).padStart(4, '0')}-${name}`) };

  /** A local path as the build resolves it (inside the workspace, links followed only inside it). */
  const local = async (value: string, p: Array<string | number>, what: string): Promise<{ abs: string; real: string; isDir: boolean; mode: number }> => {
    const r = await resolveLocalPath(value, p.join('.'), at(p), ctx, what);
    if (r instanceof LadingError) throw r;
    return r;
  };
  /** Entries for a file or a folder (its whole tree) at `name` in the component folder. */
  const copy = async (value: string, p: Array<string | number>, name: string, what: string, executable = false): Promise<TarEntry[]> => {
    const r = await local(value, p, what);
    if (!r.isDir) return [{ path: name, type: 'file', source: r.real, executable: executable || (r.mode & 0o100) !== 0 }];
    const out: TarEntry[] = [{ path: name, type: 'directory' }];
    const walk = async (dir: string, rel: string, depth: number): Promise<void> => {
      if (depth > 64) throw new LadingError(`${p.join('.')} "${shorten(value)}" is nested too deep (a symbolic link loop?)`, { hint: 'remove the link', position: at(p) });
      for (const n of (await readdir(dir)).sort()) {
        const childRel = `${rel}/${n}`;
        const real = await realpath(path.join(dir, n)).catch(() => undefined);
        if (real === undefined || !rootDirs.some((root) => root === real || isInside(root, real))) {
          throw new LadingError(`${p.join('.')}: ${shorten(value)}${childRel} is a broken symbolic link or leads outside the workspace`, { hint: 'copy the file in instead of linking to it', position: at(p) });
        }
        const s = await stat(real);
        if (s.isDirectory()) {
          out.push({ path: `${name}${childRel}`, type: 'directory' });
          await walk(real, childRel, depth + 1);
        } else if (s.isFile()) out.push({ path: `${name}${childRel}`, type: 'file', source: real, executable: executable || (s.mode & 0o100) !== 0 });
        else throw new LadingError(`${p.join('.')}: ${shorten(value)}${childRel} is not a regular file`, { hint: 'remove it from the folder', position: at(p) });
      }
    };
    await walk(r.real, '', 0);
    return out;
  };

  for (const [ci, component] of config.components.entries()) {
    const base: Array<string | number> = ['components', ci];
    const own: TarEntry[] = [];
    const step = async (f: () => Promise<void>): Promise<void> => {
      try {
        await f();
      } catch (e) {
        if (e instanceof LadingErrors) errors.push(...e.errors);
        else if (e instanceof LadingError) errors.push(e);
        else throw e;
      }
    };
    if (Array.isArray(component['imageArchives']) && component['imageArchives'].length > 0) {
      refuse('cannot publish skeleton package with image archives', 'Zarf does not publish image archives in a skeleton: move them to the package that imports this one', [...base, 'imageArchives']);
    }
    const only = asDoc(component['only']);
    if (only !== undefined && 'flavor' in only) {
      delete only['flavor'];
      if (Object.keys(only).length === 0) delete component['only'];
    }

    for (const [i, chart] of (Array.isArray(component['charts']) ? component['charts'] : []).entries()) {
      const ch = asDoc(chart);
      if (ch === undefined) continue;
      const p = [...base, 'charts', i];
      const name = String(ch['name'] ?? '');
      const stem = typeof ch['version'] === 'string' && ch['version'] !== '' ? `${name}-${ch['version']}` : name;
      if (typeof ch['localPath'] === 'string') {
        const rel = `charts/${name}-${i}`;
        await step(async () => {
          own.push(...(await copy(ch['localPath'] as string, [...p, 'localPath'], rel, 'the chart')));
          ch['localPath'] = rel;
        });
      }
      const plain = Array.isArray(ch['valuesFiles']) ? (ch['valuesFiles'] as unknown[]) : [];
      for (const [key, offset] of [['valuesFiles', 0], ['templatedValuesFiles', plain.length]] as const) {
        const list = Array.isArray(ch[key]) ? (ch[key] as unknown[]) : [];
        for (const [vi, v] of list.entries()) {
          if (typeof v !== 'string' || isUrl(v)) continue;
          const rel = `values/${stem}-${offset + vi}`;
          await step(async () => {
            own.push(...(await copy(v, [...p, key, vi], rel, 'the values file')));
            list[vi] = rel;
          });
        }
      }
    }

    for (const [i, file] of (Array.isArray(component['files']) ? component['files'] : []).entries()) {
      const f = asDoc(file);
      if (f === undefined || typeof f['source'] !== 'string' || isUrl(f['source'])) continue;
      const p = [...base, 'files', i];
      const rel = `files/${i}/${path.posix.basename(String(f['target'] ?? ''))}`;
      const shasum = typeof f['shasum'] === 'string' ? f['shasum'].toLowerCase() : '';
      const mismatch = (got: string): LadingError => new LadingError(`sha mismatch for ${f['source'] as string}: expected ${shasum}, got ${got}`, { hint: 'update shasum in zarf.yaml, or check the file', position: at([...p, 'shasum']) });
      if (typeof f['extractPath'] === 'string' && f['extractPath'] !== '') {
        const extractPath = f['extractPath'];
        await step(async () => {
          const source = f['source'] as string;
          const r = await local(source, [...p, 'source'], 'the archive');
          if (r.isDir) throw new LadingError(`${[...p, 'source'].join('.')} "${shorten(source)}" is a folder, not an archive`, { hint: 'extractPath takes a file out of an archive: point source at the archive', position: at([...p, 'source']) });
          const x = await skeletonExtract(built, source, r.real, extractPath, rel, f['executable'] === true, p);
          if (shasum !== '' && x.sha256 !== undefined && x.sha256 !== shasum) throw mismatch(x.sha256);
          own.push(...x.entries);
          // Zarf removes extractPath: whoever builds from the skeleton takes the extracted file as it is.
          f['source'] = rel;
          delete f['extractPath'];
        });
        continue;
      }
      await step(async () => {
        const copied = await copy(f['source'] as string, [...p, 'source'], rel, 'the file', f['executable'] === true);
        const first = copied[0];
        if (shasum !== '' && first !== undefined && 'source' in first) {
          const got = (await sha256File(first.source)).sha256;
          if (got !== shasum) throw mismatch(got);
        }
        own.push(...copied);
        f['source'] = rel;
      });
    }

    for (const [i, injection] of (Array.isArray(component['dataInjections']) ? component['dataInjections'] : []).entries()) {
      const d = asDoc(injection);
      if (d === undefined || typeof d['source'] !== 'string') continue;
      const target = asDoc(d['target']);
      const rel = `data/${i}/${path.posix.basename(String(target?.['path'] ?? ''))}`;
      await step(async () => {
        own.push(...(await copy(d['source'] as string, [...base, 'dataInjections', i, 'source'], rel, 'the data')));
        d['source'] = rel;
      });
    }

    for (const [j, manifest] of (Array.isArray(component['manifests']) ? component['manifests'] : []).entries()) {
      const m = asDoc(manifest);
      if (m === undefined) continue;
      const p = [...base, 'manifests', j];
      const files = Array.isArray(m['files']) ? (m['files'] as unknown[]) : [];
      for (const [k, v] of files.entries()) {
        if (typeof v !== 'string' || isUrl(v)) continue;
        const rel = `manifests/${String(m['name'] ?? '')}-${k}.yaml`;
        await step(async () => {
          own.push(...(await copy(v, [...p, 'files', k], rel, 'the manifest')));
          files[k] = rel;
        });
      }
      // Built as Zarf builds them, then the field is removed (Zarf does not list the built files
      // under `files` either).
      if ('kustomizations' in m) {
        const opts = { name: String(m['name'] ?? ''), allowAnyDirectory: m['kustomizeAllowAnyDirectory'] === true, enablePlugins: m['enableKustomizePlugins'] === true };
        for (const [k, v] of strings(m['kustomizations']).entries()) {
          const kp = [...p, 'kustomizations', k];
          await step(async () => {
            let real: string | undefined;
            if (!isUrl(v)) {
              const r = await local(v, kp, 'the kustomization folder');
              if (!r.isDir) throw new LadingError(`${kp.join('.')} "${shorten(v)}" is a file, not a kustomization folder`, { hint: 'give the folder that holds kustomization.yaml', position: at(kp) });
              real = r.abs;
            }
            own.push(await skeletonKustomization(built, opts, k, v, real, kp));
          });
        }
        delete m['kustomizations'];
      }
    }

    // Zarf makes an empty temp/ folder in every component folder it tars.
    if (own.length > 0) entries[component.name] = [...own, { path: 'temp', type: 'directory' }];
  }
  if (errors.length > 0) throw new LadingErrors(errors.sort((a, b) => (a.position?.line ?? 0) - (b.position?.line ?? 0)));
  return { config, entries };
}
