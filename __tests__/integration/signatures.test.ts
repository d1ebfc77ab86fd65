/**
 * Signatures and attestations (input `signatures: true`) against a real registry (distribution 2.8).
 *
 * What is in the registry:
 * - `single` with the seeded cosign-style signature, tag `sha256-<hex>.sig` in its repository;
 * - an SBOM referrer of `single`: an OCI manifest with `subject` (and artifactType application/spdx+json),
 *   pushed by digest, plus — because distribution 2.8 has no referrers API — the referrers tag schema's
 *   `sha256-<hex>` index listing it, as OCI clients write it for such registries;
 * - a cosign-style signature of that SBOM (tag `sha256-<sbom hex>.sig`): an artifact of an artifact;
 * - a cosign-style attestation of `multi`'s index digest (what `cosign attest image:tag` signs).
 *
 * Paths exercised: distribution 2.8 answers the referrers API with 404, so the first test goes through
 * the tag fallback (asserted from the registry's access log); the second puts a proxy in front that
 * answers the referrers API (two pages joined by a Link header) and checks the fallback tag is then
 * never asked for.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { cleanupFixtures, MT, RegistryClient, runAction, seedImages, sha256, skopeo, startFaultProxy, startRegistry, type FaultProxy, type PushedImage, type RegistryFixture } from './setup/index.js';
import { buildInputs, definition, listFiles, sha256File, unpack, workspaceWith } from './helpers.js';

const EMPTY = { mediaType: 'application/vnd.oci.empty.v1+json', data: Buffer.from('{}') };
const SPDX = 'application/spdx+json';

interface Pushed {
  digest: string;
  size: number;
  mediaType: string;
  artifactType?: string;
  /** digest -> bytes of the manifest and every blob */
  blobs: Map<string, Buffer>;
}

let reg: RegistryFixture;
let img: Record<string, PushedImage>;
let http: RegistryClient;
let sbom: Pushed;
let sbomSig: Pushed;
let multiAtt: Pushed;
/** the seeded signature's manifest and blobs */
let sig: Pushed;

const hexOf = (d: string): string => d.slice(7);

async function pushArtifact(repo: string, opts: { tag?: string; artifactType?: string; subject?: { mediaType: string; digest: string; size: number }; config?: { mediaType: string; data: Buffer }; layers: Array<{ mediaType: string; data: Buffer; annotations?: Record<string, string> }> }): Promise<Pushed> {
  const blobs = new Map<string, Buffer>();
  const config = opts.config ?? EMPTY;
  for (const b of [config, ...opts.layers]) {
    const d = await http.pushBlob(repo, b.data);
    blobs.set(d, b.data);
  }
  const body = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MT.ociManifest,
      ...(opts.artifactType !== undefined ? { artifactType: opts.artifactType } : {}),
      config: { mediaType: config.mediaType, digest: sha256(config.data), size: config.data.length },
      layers: opts.layers.map((l) => ({ mediaType: l.mediaType, digest: sha256(l.data), size: l.data.length, ...(l.annotations !== undefined ? { annotations: l.annotations } : {}) })),
      ...(opts.subject !== undefined ? { subject: opts.subject } : {})
    })
  );
  const digest = sha256(body);
  await http.pushManifest(repo, opts.tag ?? digest, MT.ociManifest, body);
  blobs.set(digest, body);
  return { digest, size: body.length, mediaType: MT.ociManifest, ...(opts.artifactType !== undefined ? { artifactType: opts.artifactType } : {}), blobs };
}

/** A cosign-style simple-signing signature of `digest`, as cosign shapes it. */
function cosignLayers(digest: string): { config: { mediaType: string; data: Buffer }; layers: Array<{ mediaType: string; data: Buffer; annotations: Record<string, string> }> } {
  const payload = Buffer.from(JSON.stringify({ critical: { identity: { 'docker-reference': 'lading-test' }, image: { 'docker-manifest-digest': digest }, type: 'cosign container image signature' }, optional: null }));
  const config = Buffer.from(JSON.stringify({ architecture: '', created: '0001-01-01T00:00:00Z', history: [{ created: '0001-01-01T00:00:00Z' }], os: '', rootfs: { type: 'layers', diff_ids: [sha256(payload)] }, config: {} }));
  return {
    config: { mediaType: MT.ociConfig, data: config },
    layers: [{ mediaType: MT.cosignSimpleSigning, data: payload, annotations: { 'dev.cosignproject.cosign/signature': crypto.randomBytes(64).toString('base64') } }]
  };
}

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' });
  img = await seedImages(reg, 'seed', { only: ['single', 'signature', 'multi'] });
  http = new RegistryClient(reg);
  const single = img.single as PushedImage;
  const multi = img.multi as PushedImage;
  const seeded = img.signature as PushedImage;
  sig = { digest: seeded.digest, size: seeded.size, mediaType: seeded.mediaType, blobs: new Map() };
  for (const d of seeded.blobs) {
    const r = d === seeded.digest ? (await http.getManifest(seeded.repo, d)).body : (await http.getBlob(seeded.repo, d)).body;
    sig.blobs.set(d, r);
  }

  // An SBOM referrer of `single`, and the referrers tag schema's index for a registry without the API.
  const spdx = Buffer.from(JSON.stringify({ spdxVersion: 'SPDX-2.3', name: `lading-test-${crypto.randomUUID()}`, packages: [] }));
  sbom = await pushArtifact(single.repo, { artifactType: SPDX, subject: { mediaType: single.mediaType, digest: single.digest, size: single.size }, layers: [{ mediaType: SPDX, data: spdx }] });
  const fallbackIndex = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MT.ociIndex, manifests: [{ mediaType: sbom.mediaType, digest: sbom.digest, size: sbom.size, artifactType: SPDX }] }));
  await http.pushManifest(single.repo, `sha256-${hexOf(single.digest)}`, MT.ociIndex, fallbackIndex);
  // A signature of the SBOM, by cosign's tag convention.
  sbomSig = await pushArtifact(single.repo, { tag: `sha256-${hexOf(sbom.digest)}.sig`, ...cosignLayers(sbom.digest) });
  // An attestation of multi's index digest.
  const statement = Buffer.from(JSON.stringify({ _type: 'https://in-toto.io/Statement/v0.1', predicateType: 'https://slsa.dev/provenance/v0.2', subject: [{ name: multi.repo, digest: { sha256: hexOf(multi.digest) } }], predicate: {} }));
  multiAtt = await pushArtifact(multi.repo, {
    tag: `sha256-${hexOf(multi.digest)}.att`,
    config: cosignLayers(multi.digest).config,
    layers: [{ mediaType: 'application/vnd.dsse.envelope.v1+json', data: Buffer.from(JSON.stringify({ payloadType: 'application/vnd.in-toto+json', payload: statement.toString('base64'), signatures: [] })) }]
  });
}, 120_000);

afterAll(async () => {
  await reg?.stop();
  await cleanupFixtures();
});

interface IndexEntry {
  digest: string;
  mediaType: string;
  annotations: Record<string, string>;
}

function indexOf(dir: string): Map<string, IndexEntry> {
  const index = JSON.parse(fs.readFileSync(path.join(dir, 'images', 'index.json'), 'utf8')) as { manifests: IndexEntry[] };
  return new Map(index.manifests.map((m) => [m.annotations['org.opencontainers.image.ref.name'] as string, m]));
}

/** Every blob of `p` is in the package, byte for byte. */
function expectCarried(dir: string, p: Pushed): void {
  for (const [d, bytes] of p.blobs) {
    const file = path.join(dir, 'images', 'blobs', 'sha256', hexOf(d));
    expect({ d, present: fs.existsSync(file) }).toEqual({ d, present: true });
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  }
}

describe('signatures: true', () => {
  test('cosign tags and a subject referrer travel with exact bytes, found through the tag fallback on distribution 2.8', async () => {
    const single = img.single as PushedImage;
    const multi = img.multi as PushedImage;
    const repo = (p: PushedImage): string => `${reg.host}/${p.repo}`;
    const ws = workspaceWith(definition([single.ref, multi.ref]));
    reg.resetCounts();
    const run = await runAction({ workspace: ws, inputs: buildInputs([reg.host], { signatures: 'true' }) });
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.code).toBe(0);

    // distribution 2.8 has no referrers API: it answered 404, and the sha256-<hex> tag was read instead.
    const reqs = reg.requests();
    expect(reqs.filter((r) => r.path === `/v2/${single.repo}/referrers/${single.digest}`).map((r) => r.status)).toEqual([404]);
    expect(reqs.some((r) => r.method === 'HEAD' && r.path === `/v2/${single.repo}/manifests/sha256-${hexOf(single.digest)}` && r.status === 200)).toBe(true);
    // Absent cosign tags cost a HEAD each, never a GET (on Docker Hub a GET of a manifest counts as a pull).
    const sbomTag = `/v2/${single.repo}/manifests/sha256-${hexOf(single.digest)}.sbom`;
    expect(reqs.filter((r) => r.path === sbomTag).map((r) => `${r.method} ${r.status}`)).toEqual(['HEAD 404']);
    expect(run.stdout).toContain(`signatures: ${reg.host} has no OCI referrers API; used the sha256-<hex> tag fallback`);

    const sigRef = `${repo(single)}:sha256-${hexOf(single.digest)}.sig`;
    const sbomRef = `${repo(single)}@${sbom.digest}`;
    const sbomSigRef = `${repo(single)}:sha256-${hexOf(sbom.digest)}.sig`;
    const attRef = `${repo(multi)}:sha256-${hexOf(multi.digest)}.att`;
    const dir = await unpack(run.outputs.package as string);
    const index = indexOf(dir);
    expect([...index.keys()].sort()).toEqual([single.ref, multi.ref, sigRef, sbomRef, sbomSigRef, attRef].sort());
    expect(index.get(sigRef)?.digest).toBe(sig.digest);
    expect(index.get(sbomRef)?.digest).toBe(sbom.digest);
    expect(index.get(sbomSigRef)?.digest).toBe(sbomSig.digest);
    expect(index.get(attRef)?.digest).toBe(multiAtt.digest);
    for (const p of [sig, sbom, sbomSig, multiAtt]) expectCarried(dir, p);
    for (const f of listFiles(path.join(dir, 'images', 'blobs', 'sha256'))) expect(sha256File(path.join(dir, 'images', 'blobs', 'sha256', f))).toBe(f);
    // The fallback index itself is not carried: tools that push a manifest with a subject re-create it.
    expect([...index.keys()].some((k) => k.endsWith(`:sha256-${hexOf(single.digest)}`))).toBe(false);

    // zarf.yaml lists them with the component's images (as `zarf dev find-images` does), so Zarf pushes them on deploy.
    const zarf = YAML.parse(fs.readFileSync(path.join(dir, 'zarf.yaml'), 'utf8')) as { components: Array<{ images: string[] }> };
    expect(zarf.components[0]?.images).toEqual([single.ref, multi.ref, sigRef, sbomRef, sbomSigRef, attRef]);

    // An independent reader takes the signature by its own reference.
    const raw = await skopeo(['inspect', '--raw', `oci:${path.join(dir, 'images')}:${sigRef}`]);
    expect(raw.code).toBe(0);
    expect(sha256(Buffer.from(raw.stdout))).toBe(sig.digest);

    expect(run.summary).toContain('### Signatures and attestations');
    expect(run.summary).toContain(`| \`${sigRef}\` | signature | cosign tag | \`${single.ref}\` |`);
    expect(run.summary).toContain(`| \`${sbomRef}\` | sbom | referrers tag | \`${single.ref}\` |`);
    expect(run.summary).toContain(`| \`${attRef}\` | attestation | cosign tag | \`${multi.ref}\` |`);
    const out = JSON.parse(run.outputs.images as string) as Array<{ reference: string; digest: string }>;
    expect(out.map((o) => o.reference)).toEqual(expect.arrayContaining([sigRef, sbomRef]));
  }, 90_000);

  test('a registry with the referrers API: its answer is used (two pages), the fallback tag is never asked for', async () => {
    const single = img.single as PushedImage;
    const proxy: FaultProxy = await startFaultProxy(reg.host);
    try {
      const page = (manifests: unknown[]): Buffer => Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MT.ociIndex, manifests }));
      const base = `/v2/${single.repo}/referrers/${single.digest}`;
      const index = { 'content-type': MT.ociIndex };
      proxy.add({ method: 'GET', path: new RegExp(`^${base.replace(/[/.]/g, '\\$&')}$`), fault: { kind: 'respond', status: 200, headers: { ...index, link: `<${base}?n=1&last=x>; rel="next"` }, body: page([]) } });
      proxy.add({ method: 'GET', path: /\/referrers\/.*last=x/, fault: { kind: 'respond', status: 200, headers: index, body: page([{ mediaType: sbom.mediaType, digest: sbom.digest, size: sbom.size, artifactType: SPDX }]) } });
      proxy.add({ method: 'GET', path: /\/referrers\//, fault: { kind: 'respond', status: 200, headers: index, body: page([]) }, times: 100 });
      const ref = `${proxy.host}/${single.repo}:${single.tag}`;
      const ws = workspaceWith(definition([ref]));
      const run = await runAction({ workspace: ws, inputs: buildInputs([proxy.host], { signatures: 'true' }) });
      expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`signatures: ${proxy.host} has the OCI referrers API`);
      expect(proxy.requests.some((r) => r.path.includes('last=x'))).toBe(true);
      expect(proxy.requests.some((r) => r.path.endsWith(`/manifests/sha256-${hexOf(single.digest)}`))).toBe(false);
      const dir = await unpack(run.outputs.package as string);
      const entries = indexOf(dir);
      expect(entries.get(`${proxy.host}/${single.repo}@${sbom.digest}`)?.digest).toBe(sbom.digest);
      expect(entries.get(`${proxy.host}/${single.repo}:sha256-${hexOf(single.digest)}.sig`)?.digest).toBe(sig.digest);
      expectCarried(dir, sbom);
      expect(run.summary).toContain('| sbom | referrers API |');
    } finally {
      await proxy.close();
    }
  }, 60_000);
});

describe('signatures: false (the default)', () => {
  test('nothing is looked up and only the images travel', async () => {
    const single = img.single as PushedImage;
    const ws = workspaceWith(definition([single.ref]));
    reg.resetCounts();
    const run = await runAction({ workspace: ws, inputs: buildInputs([reg.host]) });
    expect(run.code).toBe(0);
    expect(reg.requests().filter((r) => /\/referrers\/|\/manifests\/sha256-/.test(r.path))).toEqual([]);
    const dir = await unpack(run.outputs.package as string);
    expect([...indexOf(dir).keys()]).toEqual([single.ref]);
    expect(run.summary).not.toContain('Signatures and attestations');
  }, 60_000);

  test('a value other than true or false is one clear error', async () => {
    const ws = workspaceWith(definition([(img.single as PushedImage).ref]));
    const run = await runAction({ workspace: ws, inputs: buildInputs([reg.host], { signatures: 'yes' }) });
    expect(run.code).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('input signatures must be one of true, false, got "yes"');
  }, 60_000);
});
