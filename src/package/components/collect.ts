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
 *
 * One module a kind of content (files.ts, data-injections.ts, manifests.ts, kustomizations.ts,
 * charts.ts, repos.ts); they share content.ts.
 */
import { LadingErrors, type LadingError } from '../../errors.js';
import { at, bytewise, createCollectContext, type CollectOptions, type ComponentContent, type Piece, type Warning } from './content.js';
import { formatPath, type PathSegment } from './paths.js';

export { MAX_FILE_DOWNLOAD, MAX_YAML_BYTES, yamlProblem, type CollectOptions, type ComponentContent, type ContentItem, type ContentKind, type DefinitionView } from './content.js';

export async function collectComponentContent(opts: CollectOptions): Promise<ComponentContent> {
  const c = await createCollectContext(opts);
  const { def } = c;
  const where = (p: PathSegment[]): string => formatPath(p);
  // One task per piece of content, all under the run's concurrency limit; every failure is kept.
  // A kind's module is loaded (dynamic import) when a task of that kind runs: a package without
  // charts, repos or kustomizations does not compile their code before its first request.
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
      tasks.push({ component: component.name, field, run: async () => (await import('./charts.js')).chartTask(c, ch, p) });
    });
    (component.files ?? []).forEach((f, j) => {
      const p = [...base, 'files', j];
      tasks.push({ component: component.name, field: [...p, 'source'], run: async () => (await import('./files.js')).fileTask(c, f, p, j) });
    });
    (component.dataInjections ?? []).forEach((d, j) => {
      const p = [...base, 'dataInjections', j];
      tasks.push({ component: component.name, field: [...p, 'source'], run: async () => (await import('./data-injections.js')).dataInjectionTask(c, d, p, j) });
    });
    (component.repos ?? []).forEach((url, j) => tasks.push({ component: component.name, field: [...base, 'repos', j], run: async () => (await import('./repos.js')).repoTask(c, url, [...base, 'repos', j]) }));
    (component.manifests ?? []).forEach((m, j) => {
      const p = [...base, 'manifests', j];
      (m.files ?? []).forEach((value, k) => {
        tasks.push({ component: component.name, field: [...p, 'files', k], run: async () => (await import('./manifests.js')).manifestTask(c, m, p, k, value) });
      });
      (m.kustomizations ?? []).forEach((value, k) => {
        tasks.push({ component: component.name, field: [...p, 'kustomizations', k], run: async () => (await import('./kustomizations.js')).kustomizationTask(c, m, p, k, value) });
      });
    });
  }

  const results = await Promise.allSettled(tasks.map((t) => opts.limit(t.run)));
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
