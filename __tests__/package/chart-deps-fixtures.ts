/**
 * Fixtures for chart dependency tests: a packaged chart as `helm package` lays it out, pushed to a
 * registry as `helm push` pushes it (config application/vnd.cncf.helm.config.v1+json, one layer
 * application/vnd.cncf.helm.chart.content.v1.tar+gzip, tag = version with + as _), and a Helm
 * repository index.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RegistryClient, type RegistryFixture } from '../integration/setup/index.js';

export const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** A .tgz holding `<name>/Chart.yaml` (apiVersion v2) and `<name>/templates/cm.yaml`, packed by GNU tar. */
export function chartArchive(name: string, version: string, marker = `${name}-${version}`): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lading-depchart-'));
  try {
    fs.mkdirSync(path.join(dir, name, 'templates'), { recursive: true });
    fs.writeFileSync(path.join(dir, name, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: ${version}\n`);
    fs.writeFileSync(path.join(dir, name, 'templates', 'cm.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${marker}\n`);
    execFileSync('tar', ['-czf', path.join(dir, 'c.tgz'), '-C', dir, name]);
    return fs.readFileSync(path.join(dir, 'c.tgz'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Pushes `tgz` to `<registry>/<repo>` as `helm push` does; returns the layer digest. */
export async function pushHelmChart(reg: RegistryFixture, repo: string, name: string, version: string, tgz: Buffer): Promise<string> {
  const client = new RegistryClient(reg);
  const config = Buffer.from(JSON.stringify({ apiVersion: 'v2', name, version }));
  const configDigest = await client.pushBlob(repo, config);
  const layerDigest = await client.pushBlob(repo, tgz);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.cncf.helm.config.v1+json', digest: configDigest, size: config.length },
      layers: [{ mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip', digest: layerDigest, size: tgz.length }],
      annotations: { 'org.opencontainers.image.title': name, 'org.opencontainers.image.version': version }
    })
  );
  await client.pushManifest(repo, version.replace(/\+/g, '_'), 'application/vnd.oci.image.manifest.v1+json', manifest);
  return layerDigest;
}

/** index.yaml of a Helm repository: chart name -> versions (with the digest to write, or none). */
export function helmIndex(entries: Record<string, Array<{ version: string; digest?: string; url?: string }>>): string {
  const lines = ['apiVersion: v1', 'entries:'];
  for (const [name, versions] of Object.entries(entries)) {
    lines.push(`  ${name}:`);
    for (const v of versions) {
      lines.push(`    - name: ${name}`, `      version: ${v.version}`, `      urls: [${v.url ?? `${name}-${v.version}.tgz`}]`);
      if (v.digest !== undefined) lines.push(`      digest: ${v.digest}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
