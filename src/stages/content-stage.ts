/**
 * The content stage of a build: the components' files, manifests and charts, with their onCreate
 * actions around them (fetched, packaged and verified before any image: an action may build one),
 * then the find-images scan of the manifests, whose warnings land at their lines in zarf.yaml.
 */
import * as core from '../workflow-commands.js';
import path from 'node:path';
import type { LimitFunction } from 'p-limit';
import { collectContentWithActions, type ContentWithActions } from '../actions/create-actions.js';
import type { Package } from '../definition/index.js';
import type { RegistryClient } from '../oci/client.js';
import type { BlobStore } from '../oci/blobstore.js';
import type { Digest } from '../oci/digest.js';
import { scanManifestImages } from '../package/components/image-scan.js';
import { warnAt } from '../report/annotations.js';
import type { RunReport } from '../report/summary.js';
import type { HttpFetcher } from '../sources/http.js';
import { componentsOf } from '../sources/requests.js';

export interface ContentStageInput {
  def: Package;
  client: RegistryClient;
  store: BlobStore;
  workDir: string;
  workspace: string;
  report: RunReport;
  cached: (digest: Digest, size?: number) => Promise<boolean>;
  fetcher: HttpFetcher;
  limit: LimitFunction;
  /** Images the differential's reference package already holds: not reported as missing. */
  alsoProvided: string[];
  signal?: AbortSignal;
}

export async function runContentStage(input: ContentStageInput): Promise<ContentWithActions> {
  const { def, client, store, workDir, workspace, report, cached, fetcher, limit, alsoProvided, signal } = input;
  const content = await collectContentWithActions({
    definition: def,
    components: componentsOf(def),
    workDir: path.join(workDir, 'content'),
    registry: client,
    store,
    cached,
    fetcher,
    limit,
    display: (p) => path.relative(workspace, p) || '.',
    log: (l) => core.info(l),
    warn: (message, position) => warnAt(message, position),
    group: (title, fn) => core.group(title, fn),
    ...(signal !== undefined ? { signal } : {})
  });
  // Images the manifests run that the package does not carry: warnings at their lines (find-images).
  const { warnings: missing, ...scanned } = await scanManifestImages({ components: componentsOf(def), entries: content.entries, sources: content.items, positionOf: (p) => def.positionOf(p), alsoProvided });
  for (const w of missing) warnAt(w.message, w.position);
  report.imageScan = scanned;
  return content;
}
