/**
 * Reading back the zarf.yaml of a built package. It may hold several YAML documents (a v1beta1
 * source's package carries its v1beta1 document after the v1alpha1 one, separated by `---`); what
 * Lading reads (the OCI config, the aggregate checksum, the components, the build time) comes from
 * the v1alpha1 document, the first one without another apiVersion.
 */
import YAML from 'yaml';
import { LadingError } from '../errors.js';

/** The v1alpha1 document of a built zarf.yaml (the first non-empty document when none is v1alpha1). */
export function builtDefinition(zarfYaml: string): Record<string, unknown> {
  let docs: ReturnType<typeof YAML.parseAllDocuments>;
  try {
    docs = YAML.parseAllDocuments(zarfYaml, { prettyErrors: false });
  } catch (e) {
    throw new LadingError(`the package's zarf.yaml cannot be read back: ${(e as Error).message}`);
  }
  const list = Array.isArray(docs) ? docs : [];
  const values: Array<Record<string, unknown>> = [];
  for (const doc of list) {
    const err = doc.errors[0];
    if (err !== undefined) throw new LadingError(`the package's zarf.yaml cannot be read back: ${err.message.split('\n')[0] ?? ''}`);
    const v: unknown = doc.toJS({ maxAliasCount: -1 });
    if (v === null || v === undefined) continue;
    if (typeof v !== 'object' || Array.isArray(v)) throw new LadingError("the package's zarf.yaml is not a mapping");
    values.push(v as Record<string, unknown>);
  }
  const alpha = values.find((d) => d.apiVersion === undefined || d.apiVersion === null || d.apiVersion === 'zarf.dev/v1alpha1');
  const chosen = alpha ?? values[0];
  if (chosen === undefined) throw new LadingError("the package's zarf.yaml is empty");
  return chosen;
}

/**
 * The aggregate checksum a built zarf.yaml records: metadata.aggregateChecksum of its v1alpha1
 * document, or build.aggregateChecksum (where v1beta1 keeps it).
 */
export function recordedAggregateChecksum(zarfYaml: string): string | undefined {
  const def = builtDefinition(zarfYaml) as { metadata?: { aggregateChecksum?: unknown }; build?: { aggregateChecksum?: unknown } };
  const v = def.metadata?.aggregateChecksum ?? def.build?.aggregateChecksum;
  return typeof v === 'string' ? v : undefined;
}
