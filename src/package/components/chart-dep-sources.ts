/**
 * Where a local chart's dependencies come from during a run (chart-deps.ts says which ones are
 * fetched): Helm repository indexes (read once per chart), charts from them through the blob cache
 * when the index gives a digest, OCI tags and chart layers through the run's registry client (its
 * credentials and registry-override) and blob cache, like every other download. The blobs taken
 * are added to `blobs`, so the cache keeps them.
 */
import type { NeededBlob } from '../../cache/blob-cache.js';
import { LadingError, toLadingErrors } from '../../errors.js';
import type { Reference } from '../../oci/reference.js';
import { displayUrl } from '../../sources/http.js';
import { downloadRepoChart, MAX_CHART_DOWNLOAD, readHelmIndex, type HelmIndexEntry, type LocatedChart } from '../../sources/helm-repo.js';
import { listTags, pullOciChart } from '../../sources/oci-chart.js';
import type { DependencySources } from './chart-deps.js';
import { SHA256_HEX, type CollectContext } from './content.js';

/** Dependency sources for one chart; `blobs` collects the content-addressed blobs it took. */
export function chartDependencySources(c: CollectContext, blobs: NeededBlob[]): Omit<DependencySources, 'packageFolder'> {
  const { opts, fetcher, tmp, contentAddressed, cached } = c;
  const indexes = new Map<string, Promise<Map<string, HelmIndexEntry[]>>>();
  return {
    helmIndex: (repoUrl) => {
      let p = indexes.get(repoUrl);
      if (p === undefined) {
        opts.log(`reading Helm repository ${displayUrl(repoUrl)} for chart dependencies`);
        p = readHelmIndex(fetcher, repoUrl);
        indexes.set(repoUrl, p);
      }
      return p;
    },
    helmChart: async (located: LocatedChart) => {
      const dest = tmp(`${located.chart}-${located.version}.tgz`);
      const fetch = async (): Promise<{ file: string; size: number; sha256: string }> => ({ file: dest, ...(await downloadRepoChart(fetcher, located, dest)).downloaded });
      if (located.sha256 !== undefined && SHA256_HEX.test(located.sha256)) {
        const got = await contentAddressed(located.sha256, located.url, MAX_CHART_DOWNLOAD, `chart dependency ${located.chart} ${located.version}`, fetch);
        blobs.push(got.blob);
        return { file: got.file, size: got.size };
      }
      opts.log(`note: the Helm repository index gives no digest for ${located.chart} ${located.version}; it was not verified`);
      const got = await fetch();
      return { file: got.file, size: got.size };
    },
    ociTags: async (ref: Reference) => {
      try {
        return await listTags(opts.registry, opts.registry.pullFrom(ref));
      } catch (e) {
        const err = toLadingErrors(e)[0] as LadingError;
        throw new LadingError(`cannot list the versions of oci://${ref.registry}/${ref.repository}: ${err.message}`, { ...(err.hint !== undefined ? { hint: err.hint } : {}), cause: e });
      }
    },
    ociChart: async (ref: Reference, version: string) => {
      opts.log(`pulling chart dependency oci://${ref.registry}/${ref.repository}:${version}`);
      const pulled = await pullOciChart(opts.registry, ref, version, opts.store, cached);
      blobs.push({ digest: pulled.layer.digest, size: pulled.layer.size, source: (pulled.pulledFrom ?? ref).registry });
      return { file: opts.store.path(pulled.layer.digest), size: pulled.layer.size };
    },
    tmp
  };
}
