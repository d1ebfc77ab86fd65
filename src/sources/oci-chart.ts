/**
 * Helm charts stored in an OCI registry, as `helm push` stores them: an image manifest whose config
 * is `application/vnd.cncf.helm.config.v1+json` and whose chart layer is
 * `application/vnd.cncf.helm.chart.content.v1.tar+gzip` (the packaged .tgz, byte for byte). The tag is
 * the chart version with `+` written `_` (OCI tags cannot hold `+`).
 */
import { LadingError } from '../errors.js';
import { repositoryScope } from '../oci/auth.js';
import type { BlobStore } from '../oci/blobstore.js';
import type { RegistryClient } from '../oci/client.js';
import { OciError } from '../oci/errors.js';
import { Reference } from '../oci/reference.js';
import { nextLink } from '../oci/transport.js';
import { parseManifest, type Descriptor } from '../oci/types.js';
import { mirrorError } from './registry.js';
import { ChartVersionNotFound, listVersions } from './helm-repo.js';

export const HELM_CONFIG_MEDIA_TYPE = 'application/vnd.cncf.helm.config.v1+json';
export const HELM_CHART_MEDIA_TYPE = 'application/vnd.cncf.helm.chart.content.v1.tar+gzip';
/** What Helm accepted before the chart media type was settled. */
const HELM_LEGACY_CHART_MEDIA_TYPE = 'application/tar+gzip';

/** The OCI tag Helm uses for a chart version. */
export function chartTag(version: string): string {
  return version.replace(/\+/g, '_');
}

/**
 * `oci://host/path/chart` + version -> the reference to pull. Throws an Error when the URL is not a
 * valid repository, or names a tag or digest itself (the version goes in `version`).
 */
export function ociChartReference(url: string, version: string): Reference {
  if (!url.startsWith('oci://')) throw new Error('an OCI chart URL starts with oci://');
  const rest = url.slice('oci://'.length).replace(/\/+$/, '');
  const last = rest.slice(rest.lastIndexOf('/') + 1);
  if (!rest.includes('/')) throw new Error(`"${url}" names a registry but no repository (write oci://host/path/chart)`);
  if (rest.includes('@') || last.includes(':')) throw new Error(`"${url}" names a tag or digest; give the repository only and put the chart version in version`);
  let ref: Reference;
  try {
    ref = Reference.parse(`${rest}:${chartTag(version)}`);
  } catch (e) {
    throw new Error((e as Error).message.replace(/^invalid image reference/, 'invalid OCI chart reference'));
  }
  return ref;
}

/** Every tag of the repository (following `Link` pages, at most 20 pages). */
export async function listTags(client: RegistryClient, ref: Reference): Promise<string[]> {
  const tags: string[] = [];
  let next: string | undefined = `/v2/${ref.repository}/tags/list?n=1000`;
  for (let page = 0; next !== undefined && page < 20; page++) {
    const pathAndQuery: string = next;
    const res = await client.retry(`tags of ${ref.name}`, () =>
      client.send({ method: 'GET', host: ref.endpoint, path: pathAndQuery, scopes: [repositoryScope(ref.repository, ['pull'])] })
    );
    if (res.statusCode !== 200) throw await client.responseError(res, ref.endpoint, `tags of ${ref.name}`, ref);
    const body = (await res.body.json()) as { tags?: unknown };
    if (Array.isArray(body.tags)) tags.push(...body.tags.filter((t): t is string => typeof t === 'string'));
    next = nextLink(res.headers);
  }
  return tags;
}

export interface OciChart {
  reference: Reference;
  /** Digest of the chart's manifest. */
  manifestDigest: string;
  /** The chart layer, now in the store. */
  layer: Descriptor;
  /** False when `cached` answered that the store already held the layer: it was not downloaded. */
  fetched: boolean;
  /** The reference actually pulled when a registry-override redirected it. */
  pulledFrom?: Reference;
}

/** A chart found in its registry: its manifest read, its chart layer known, nothing downloaded. */
export interface LocatedOciChart {
  reference: Reference;
  manifestDigest: string;
  layer: Descriptor;
  /** The reference actually read when a registry-override redirected it. */
  pulledFrom?: Reference;
}

/**
 * Resolves `ref` (tag = the chart version) and checks that it is a Helm chart: its manifest only
 * (the tag may have moved). A missing version fails with the versions the repository has. A
 * registry-override of the client redirects every request to the mirror; the chart keeps its name.
 */
export async function locateOciChart(client: RegistryClient, ref: Reference, version: string): Promise<LocatedOciChart> {
  const tag = ref.tag ?? chartTag(version);
  const from = client.pullFrom(ref);
  const via = from !== ref ? ` (pulled from oci://${from.name}, registry-override)` : '';
  const shown = `oci://${ref.registry}/${ref.repository}`;
  let fetched;
  try {
    fetched = await client.getManifest(from, tag);
  } catch (e) {
    if (e instanceof OciError && e.code === 'NOT_FOUND') {
      let available: string | undefined;
      try {
        const tags = await listTags(client, from);
        available = listVersions(tags.map((t) => t.replace(/_/g, '+')));
      } catch {
        available = undefined;
      }
      throw new ChartVersionNotFound(`chart version ${version} is not in ${shown}${via}`, {
        hint: available !== undefined ? (available === 'none' ? `the repository has no versions; check the URL` : `available versions: ${available}`) : `check the version and the URL`,
        cause: e
      });
    }
    throw mirrorError(e, ref, from, `manifest ${tag}`);
  }
  const parsed = parseManifest(fetched.bytes, fetched.mediaType, `${shown}:${tag}`);
  if (parsed.kind !== 'manifest') {
    throw new LadingError(`${shown}:${tag} is an image index, not a Helm chart`, { hint: 'point url at a chart pushed with `helm push` (or list the image under images)' });
  }
  const config = parsed.manifest.config;
  if (config.mediaType !== HELM_CONFIG_MEDIA_TYPE) {
    throw new LadingError(`${shown}:${tag} is not a Helm chart (its config is ${config.mediaType})`, { hint: 'point url at a chart pushed with `helm push`; images go under images' });
  }
  const layer = parsed.manifest.layers.find((l) => l.mediaType === HELM_CHART_MEDIA_TYPE) ?? parsed.manifest.layers.find((l) => l.mediaType === HELM_LEGACY_CHART_MEDIA_TYPE);
  if (layer === undefined) throw new LadingError(`${shown}:${tag} has no chart layer (${HELM_CHART_MEDIA_TYPE})`, { hint: 'push the chart again with `helm push`' });
  return { reference: ref, manifestDigest: fetched.digest, layer, ...(from !== ref ? { pulledFrom: from } : {}) };
}

/**
 * Locates the chart (locateOciChart) and pulls its chart layer into `store`. The layer is only
 * downloaded when `cached` (true: the store now holds that verified blob) says it is not there.
 */
export async function pullOciChart(client: RegistryClient, ref: Reference, version: string, store: BlobStore, cached?: (digest: Descriptor['digest'], size: number) => Promise<boolean>): Promise<OciChart> {
  const located = await locateOciChart(client, ref, version);
  const { layer } = located;
  const from = located.pulledFrom ?? ref;
  if (cached !== undefined && (await cached(layer.digest, layer.size))) return { ...located, fetched: false };
  try {
    await client.fetchBlob(from, layer, store);
  } catch (e) {
    throw mirrorError(e, ref, from, `chart layer ${layer.digest}`);
  }
  return { ...located, fetched: true };
}
