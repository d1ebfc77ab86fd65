/**
 * A component's `charts`: from an OCI registry, a Helm repository (through the blob cache when the
 * index gives a digest), a folder of a Git repository (chart-git.ts) or a local folder (its missing
 * dependencies fetched: chart-dep-sources.ts) or .tgz, packaged as `charts/<name>-<version>.tgz`
 * (or `<name>.tgz` without a version), with its values files as `values/<name>-<version>-<i>`, as
 * Zarf names them.
 */
import path from 'node:path';
import { LadingError } from '../../errors.js';
import type { NeededBlob } from '../../cache/blob-cache.js';
import { displayUrl } from '../../sources/http.js';
import { ChartNameNotFound, ChartVersionNotFound, downloadRepoChart, locateRepoChart, MAX_CHART_DOWNLOAD } from '../../sources/helm-repo.js';
import { ociChartReference, pullOciChart } from '../../sources/oci-chart.js';
import type { TarEntry } from '../tarball.js';
import type { ZarfComponent } from '../../definition/schema.js';
import { closest } from '../../definition/suggest.js';
import { inspectChartArchive } from './chart-meta.js';
import { chartDependencySources } from './chart-dep-sources.js';
import { packageChartFolder } from './chart-package.js';
import { chartUrlKind } from './checks.js';
import { gitChart } from './chart-git.js';
import { SHA256_HEX, at, type CollectContext, type ContentItem, type Piece, type Warning } from './content.js';
import { shorten, type PathSegment } from './paths.js';
import { ZARF_DOWNLOAD_MODE, copiedMode } from '../zarf-modes.js';
import { sha256File } from '../checksums.js';

export async function chartTask(c: CollectContext, ch: NonNullable<ZarfComponent['charts']>[number], p: PathSegment[]): Promise<Piece> {
  const { opts, def, fetcher, display, tmp, where, local, cached, contentAddressed, documentSource, lookAtYaml, realRootDirs } = c;
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
    } else if (kind === 'git') {
      const packaged = await gitChart(c, ch.url, ch.gitPath ?? '', version, p, tmp(`${stem}.tgz`), blobs);
      // Packaged as a local folder is, by helm package in Zarf (0644).
      entries.push({ path: name, type: 'file', source: packaged.file, size: packaged.size, mode: ZARF_DOWNLOAD_MODE, verifyDigest: `sha256:${packaged.sha256}` });
      items.push({ kind: 'chart', path: name, source: packaged.source, size: packaged.size, verified: `commit ${packaged.commit.slice(0, 12)}` });
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
    let fetched = '';
    // A packaged folder is written by helm package (0644); a .tgz is copied with its mode.
    let tgzMode = ZARF_DOWNLOAD_MODE;
    if (r.isDir) {
      const packaged = await packageChartFolder(r.real, realRootDirs, tmp(`${stem}.tgz`), (x) => display(x), { dependencies: chartDependencySources(c, blobs) });
      ({ meta, file, size, sha256: sha } = { meta: packaged.meta, file: packaged.file, size: packaged.size, sha256: packaged.sha256 });
      for (const d of packaged.dependencies) opts.log(`chart ${ch.name}: dependency ${d.name} ${d.version} from ${d.from}`);
      if (packaged.dependencies.length > 0) fetched = `; dependencies fetched: ${packaged.dependencies.map((d) => `${d.name} ${d.version}`).join(', ')}`;
    } else {
      try {
        meta = await inspectChartArchive(r.real);
      } catch (e) {
        throw new LadingError(`${where(lp)} "${shorten(ch.localPath)}" is not a packaged Helm chart: ${(e as Error).message}`, { hint: 'point localPath at a chart folder or a .tgz made by `helm package`', position: def.positionOf(lp) });
      }
      file = r.real;
      size = r.size;
      sha = (await sha256File(r.real)).sha256;
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
    items.push({ kind: 'chart', path: name, source: r.isDir ? `${shown}/ (packaged${fetched})` : shown, size });
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
}
