/**
 * The composed definition as YAML, as `zarf dev inspect definition` shows it: the v1alpha1 document
 * Zarf builds (imports resolved, components filtered, templates filled, metadata.architecture set),
 * then, for a v1beta1 source, its v1beta1 document. Written for the `definition` output and the
 * job summary, so a user can see what the imports and flavors made of the package.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import type { Package } from './index.js';

export function renderDefinition(pkg: Package, architecture: string): string {
  const config = pkg.config as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) {
    if (k === 'metadata') out[k] = { ...(v as Record<string, unknown>), architecture };
    else out[k] = v;
  }
  const docs = [YAML.stringify(out, { lineWidth: 0, aliasDuplicateObjects: false })];
  if (pkg.v1beta1 !== undefined) docs.push(YAML.stringify(pkg.v1beta1, { lineWidth: 0, aliasDuplicateObjects: false }));
  return docs.join('---\n');
}

/**
 * Writes the composed definition to `<folder>/<name>-<arch>[-<flavor>].definition.yaml` (the
 * `definition` output): written as soon as the definition is composed, so it is there to read even
 * when the run fails later.
 */
export async function writeDefinition(pkg: Package, architecture: string, folder: string): Promise<{ path: string; yaml: string }> {
  const yaml = renderDefinition(pkg, architecture);
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, `${pkg.config.metadata.name}-${architecture}${pkg.flavor !== '' ? `-${pkg.flavor}` : ''}.definition.yaml`);
  await writeFile(file, yaml);
  return { path: file, yaml };
}
