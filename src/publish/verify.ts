/**
 * Checks a published package cheaply: the manifest read back by digest, then only zarf.yaml and
 * checksums.txt downloaded; every layer's digest must be the sha256 checksums.txt lists for its
 * title, checksums.txt must list nothing the manifest lacks, and zarf.yaml's aggregateChecksum must
 * be the sha256 of checksums.txt. No image blob is downloaded again.
 */
import { LadingError } from '../errors.js';
import type { RegistryClient } from '../oci/client.js';
import type { Digest } from '../oci/digest.js';
import { MediaType } from '../oci/mediatypes.js';
import { fetchBlobBytes, pushScopes } from '../oci/push.js';
import type { Reference } from '../oci/reference.js';
import { parseManifest, type Descriptor } from '../oci/types.js';
import { recordedAggregateChecksum } from '../package/built-definition.js';
import { CHECKSUMS_TXT, ZARF_YAML, sha256Hex } from '../package/checksums.js';
import { ANNOTATION_TITLE, ZARF_CONFIG_MEDIA_TYPE, ZARF_LAYER_MEDIA_TYPE } from '../package/publish-layout.js';

/** checksums.txt -> path -> sha256 hex. Throws on a malformed line. */
export function parseChecksums(text: string, what = CHECKSUMS_TXT): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const m = /^([0-9a-f]{64}) (\S.*)$/.exec(line);
    if (m === null) throw new LadingError(`${what} has a malformed line: "${line.slice(0, 120)}"`, { hint: 'the package is damaged; build and publish it again' });
    out.set(m[2] as string, m[1] as string);
  }
  return out;
}

/** The aggregateChecksum in a zarf.yaml (its v1alpha1 document), when there is one. */
export function aggregateChecksumOf(zarfYaml: string): string | undefined {
  return recordedAggregateChecksum(zarfYaml);
}

/** Problems between a manifest's layers and checksums.txt (empty: consistent). */
export function checkLayers(layers: readonly Descriptor[], checksums: ReadonlyMap<string, string>, complete: boolean): string[] {
  const problems: string[] = [];
  const titled = new Set<string>();
  for (const l of layers) {
    const title = l.annotations?.[ANNOTATION_TITLE];
    if (title === undefined) {
      problems.push(`layer ${l.digest} has no ${ANNOTATION_TITLE}`);
      continue;
    }
    titled.add(title);
    if (title === ZARF_YAML || title === CHECKSUMS_TXT) continue;
    const want = checksums.get(title);
    if (want === undefined) problems.push(`${title} (${l.digest}) is not in ${CHECKSUMS_TXT}`);
    else if (l.digest !== `sha256:${want}`) problems.push(`${title} is ${l.digest} in the manifest, but ${CHECKSUMS_TXT} says sha256:${want}`);
  }
  if (complete) for (const p of checksums.keys()) if (!titled.has(p)) problems.push(`${p} is in ${CHECKSUMS_TXT} but not in the manifest`);
  return problems;
}

function fail(what: string, problems: string[]): never {
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  throw new LadingError(`${what}: ${problems[0]}${more}`, {
    hint: 'the registry holds something other than what was published; publish again, and check the registry if it persists',
    details: problems.map((p) => `- ${p}`).join('\n')
  });
}

/** Verifies the published manifest `digest` of `target`; returns the number of layers checked. */
export async function verifyPublished(client: RegistryClient, target: Reference, digest: Digest): Promise<{ layers: number }> {
  const what = `verifying ${target.name}@${digest}`;
  const scopes = pushScopes(target.repository); // the token the publish already holds
  const fetched = await client.getManifest(target, digest, scopes);
  const parsed = parseManifest(fetched.bytes, fetched.mediaType, `${target.name}@${digest}`);
  if (parsed.kind !== 'manifest') fail(what, [`it is an index, not a package manifest`]);
  const m = parsed.manifest;
  const problems: string[] = [];
  if (parsed.mediaType !== MediaType.OciManifest) problems.push(`its media type is ${parsed.mediaType}`);
  if (m.config.mediaType !== ZARF_CONFIG_MEDIA_TYPE) problems.push(`its config is ${m.config.mediaType}, not ${ZARF_CONFIG_MEDIA_TYPE}`);
  for (const l of m.layers) if (l.mediaType !== ZARF_LAYER_MEDIA_TYPE) problems.push(`layer ${l.annotations?.[ANNOTATION_TITLE] ?? l.digest} is ${l.mediaType}`);
  const find = (title: string): Descriptor | undefined => m.layers.find((l) => l.annotations?.[ANNOTATION_TITLE] === title);
  const zl = find(ZARF_YAML);
  const cl = find(CHECKSUMS_TXT);
  if (zl === undefined || cl === undefined) fail(what, [`the manifest has no ${zl === undefined ? ZARF_YAML : CHECKSUMS_TXT} layer`]);
  const [zarfYaml, checksums] = await Promise.all([fetchBlobBytes(client, target, zl, undefined, scopes), fetchBlobBytes(client, target, cl, undefined, scopes)]);
  const aggregate = aggregateChecksumOf(zarfYaml.toString('utf8'));
  if (aggregate !== sha256Hex(checksums)) problems.push(`${ZARF_YAML} says aggregateChecksum ${aggregate ?? '(none)'}, but ${CHECKSUMS_TXT} hashes to ${sha256Hex(checksums)}`);
  problems.push(...checkLayers(m.layers, parseChecksums(checksums.toString('utf8')), true));
  if (problems.length > 0) fail(what, problems);
  return { layers: m.layers.length };
}
