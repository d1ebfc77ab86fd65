/**
 * A component's `manifests[].files`: each local or downloaded file packaged byte for byte as
 * `manifests/<name>-<i>.yaml` (Zarf's layout), a warning when it is not YAML as written.
 */
import type { ZarfComponent } from '../../definition/schema.js';
import type { CollectContext, Piece } from './content.js';
import type { PathSegment } from './paths.js';

export async function manifestTask(c: CollectContext, m: NonNullable<ZarfComponent['manifests']>[number], p: PathSegment[], k: number, value: string): Promise<Piece> {
  const { documentSource, lookAtYaml } = c;
  const name = `manifests/${m.name}-${k}.yaml`;
  const fp: PathSegment[] = [...p, 'files', k];
  const { bytes, shown, mode } = await documentSource(value, fp, 'the manifest');
  const looked = lookAtYaml(bytes, shown, fp, false);
  return {
    entries: [{ path: name, type: 'file', content: bytes, mode }],
    items: [{ kind: 'manifest', path: name, source: shown, size: bytes.length, ...(looked.verified !== undefined ? { verified: looked.verified } : {}) }],
    warnings: looked.warnings
  };
}
