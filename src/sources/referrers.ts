import type { LimitFunction } from 'p-limit';
import { LadingError, LadingErrors, toLadingErrors, type SourcePosition } from '../errors.js';
import type { RegistryClient } from '../oci/client.js';
import { digestAlgorithm, digestHex, type Digest } from '../oci/digest.js';
import { OciError } from '../oci/errors.js';
import { Reference } from '../oci/reference.js';
import { parseManifest, type Descriptor } from '../oci/types.js';

/** What an artifact is, for the log and the summary. */
export type ArtifactKind = 'signature' | 'attestation' | 'sbom' | 'artifact';

/** How an artifact was found. */
export type FoundBy = 'cosign tag' | 'referrers API' | 'referrers tag';

/** An image whose signatures are looked for. */
export interface SignatureSubject {
  component: string;
  /** As written in zarf.yaml (for messages). */
  written: string;
  position?: SourcePosition;
  /** The image's reference: its repository is where cosign and referrers live. */
  reference: Reference;
  /** Digests to look up: what the tag names (an index, say) and the platform manifest that travels. */
  digests: Digest[];
}

/** A signature, attestation, SBOM or other referrer found for an image. */
export interface FoundArtifact {
  component: string;
  /** The image it belongs to, as written in zarf.yaml. */
  subject: string;
  /** The digest it points at. */
  subjectDigest: Digest;
  position?: SourcePosition;
  /** Its own reference in the package: `<repo>:sha256-<hex>.sig` for cosign tags, `<repo>@<digest>` for referrers. */
  reference: Reference;
  digest: Digest;
  mediaType: string;
  artifactType?: string;
  kind: ArtifactKind;
  foundBy: FoundBy;
}

export interface FindOptions {
  limit: LimitFunction;
  log: (line: string) => void;
  /** How far to follow artifacts of artifacts (a signature of an attestation); default 2. */
  depth?: number;
}

const COSIGN_SUFFIXES: ReadonlyArray<[string, ArtifactKind]> = [
  ['sig', 'signature'],
  ['att', 'attestation'],
  ['sbom', 'sbom']
];

/**
 * The tag the OCI distribution spec's referrers tag schema uses for a digest: `<alg>-<hex>`, the
 * algorithm cut to 32 characters and the hex to 64. Cosign's tags add `.sig`, `.att` or `.sbom`.
 */
export function digestTag(digest: Digest): string {
  return `${digestAlgorithm(digest).slice(0, 32)}-${digestHex(digest).slice(0, 64)}`;
}

/** The kind of a referrer from its artifactType (or its config media type). */
export function artifactKind(artifactType: string | undefined): ArtifactKind {
  const t = (artifactType ?? '').toLowerCase();
  if (t === '') return 'artifact';
  if (/sbom|spdx|cyclonedx|syft/.test(t)) return 'sbom';
  if (/in-toto|intoto|attestation|provenance|slsa|vuln|openvex/.test(t)) return 'attestation';
  if (/sig|notary|sigstore\.bundle|cosign/.test(t)) return 'signature';
  return 'artifact';
}

function isNotFound(e: unknown): boolean {
  return e instanceof OciError && (e.status === 404 || e.code === 'NOT_FOUND');
}

/**
 * Finds the cosign signatures, attestations and SBOMs (tags `sha256-<hex>.sig`, `.att`, `.sbom` in the
 * image's repository) and the OCI referrers (the referrers API; on a registry without it, such as
 * GHCR or distribution 2.8, the `sha256-<hex>` tag holding an index of them) of every subject digest,
 * and of what is found in turn (a signature of an attestation), up to `depth` steps away.
 * Absence is normal; any other registry failure fails the run (the user asked for signatures).
 */
export async function findSignatures(subjects: readonly SignatureSubject[], client: RegistryClient, opts: FindOptions): Promise<FoundArtifact[]> {
  const maxDepth = opts.depth ?? 2;
  const errors: LadingError[] = [];
  const apiSupport = new Map<string, boolean>();
  // Per subject, in a fixed order (the subject's digests, then cosign tags, then referrers by
  // digest, depth first), so the package lists them the same way on every run.
  const perSubject: FoundArtifact[][] = subjects.map(() => []);

  const lookUp = async (si: number, digest: Digest, depth: number, visited: Set<string>): Promise<void> => {
    const subject = subjects[si] as SignatureSubject;
    const ref = subject.reference;
    const key = `${ref.name}@${digest}`;
    if (visited.has(key) || depth >= maxDepth) return;
    visited.add(key);
    const next: Digest[] = [];
    const add = (a: Omit<FoundArtifact, 'component' | 'subject' | 'position' | 'subjectDigest'>): void => {
      (perSubject[si] as FoundArtifact[]).push({ component: subject.component, subject: subject.written, subjectDigest: digest, ...(subject.position !== undefined ? { position: subject.position } : {}), ...a });
      next.push(a.digest);
    };

    // Looked up where the image is pulled from (client.pullFrom: a registry-override's mirror); the
    // artifacts keep the image's own name. Cosign's tag convention. HEAD first: most images have none, and on Docker Hub a GET counts as a pull.
    const tagged = await Promise.all(
      COSIGN_SUFFIXES.map(async ([suffix, kind]) => {
        const tag = `${digestTag(digest)}.${suffix}`;
        const d = await opts.limit(() => client.headManifest(client.pullFrom(ref.withTag(tag)), tag));
        return d === undefined ? undefined : { tag, kind, d };
      })
    );
    for (const t of tagged) {
      if (t === undefined) continue;
      add({ reference: Reference.parse(`${ref.name}:${t.tag}`), digest: t.d.digest, mediaType: t.d.mediaType, kind: t.kind, foundBy: 'cosign tag' });
    }

    // OCI referrers: the API, else the tag schema.
    const api = await opts.limit(() => client.getReferrers(client.pullFrom(ref), digest));
    apiSupport.set(ref.endpoint, api.supported);
    let referrers: Descriptor[] = api.manifests;
    let by: FoundBy = 'referrers API';
    if (!api.supported) {
      by = 'referrers tag';
      const tag = digestTag(digest);
      const present = await opts.limit(() => client.headManifest(client.pullFrom(ref.withTag(tag)), tag));
      const m =
        present === undefined
          ? undefined
          : await opts.limit(() => client.getManifest(client.pullFrom(ref.withTag(tag)), present.digest)).catch((e: unknown) => {
              if (isNotFound(e)) return undefined;
              throw e;
            });
      referrers = [];
      if (m !== undefined) {
        const parsed = parseManifest(m.bytes, m.mediaType, `${ref.name}:${tag}`);
        if (parsed.kind === 'index') referrers = parsed.index.manifests;
        else opts.log(`signatures: ${ref.name}:${tag} is not an image index, so not a referrers tag; left out`);
      }
    }
    for (const d of [...referrers].sort((a, b) => (a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0))) {
      add({
        reference: Reference.parse(`${ref.name}@${d.digest}`),
        digest: d.digest,
        mediaType: d.mediaType,
        ...(d.artifactType !== undefined ? { artifactType: d.artifactType } : {}),
        kind: artifactKind(d.artifactType),
        foundBy: by
      });
    }
    for (const d of next) await lookUp(si, d, depth + 1, visited);
  };

  const settled = await Promise.allSettled(
    subjects.map(async (s, si) => {
      const visited = new Set<string>();
      for (const d of s.digests) await lookUp(si, d, 0, visited);
    })
  );
  settled.forEach((r, i) => {
    if (r.status === 'rejected') {
      const s = subjects[i] as SignatureSubject;
      for (const e of toLadingErrors(r.reason, s.position)) {
        errors.push(new LadingError(`looking up signatures of ${s.written}: ${e.message}`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), ...(s.position !== undefined ? { position: s.position } : {}) }));
      }
    }
  });
  if (errors.length > 0) throw new LadingErrors(errors);
  for (const [host, supported] of apiSupport) opts.log(`signatures: ${host} ${supported ? 'has the OCI referrers API' : 'has no OCI referrers API; used the sha256-<hex> tag fallback'}`);
  // One entry per component and reference (two images of a component may share a signature).
  const found = new Map<string, FoundArtifact>();
  for (const a of perSubject.flat()) {
    const id = `${a.component}\u0000${a.reference.toString()}`;
    if (!found.has(id)) found.set(id, a);
  }
  return [...found.values()];
}

/**
 * The zarf.yaml config with each component's found artifacts appended to its `images` (as Zarf's
 * `find-images` lists cosign artifacts), so that Zarf pushes them with the images on deploy.
 */
export function withArtifactImages<C extends { components: ReadonlyArray<{ name: string; images?: readonly string[] | undefined }> }>(config: C, artifacts: readonly FoundArtifact[]): C {
  if (artifacts.length === 0) return config;
  const byComponent = new Map<string, string[]>();
  for (const a of artifacts) {
    const list = byComponent.get(a.component) ?? [];
    list.push(a.reference.toString());
    byComponent.set(a.component, list);
  }
  const components = config.components.map((c) => {
    const extra = byComponent.get(c.name);
    if (extra === undefined) return c;
    const images = [...(c.images ?? [])];
    for (const r of extra) if (!images.includes(r)) images.push(r);
    return { ...c, images };
  });
  return { ...config, components };
}
