/**
 * The skeleton stage (`skeleton: true` with a publish target): the definition and its local content
 * published as they are, nothing built. Sets the `reference` and `digest` outputs and the summary's
 * skeleton section; the run ends after it.
 */
import * as core from '../workflow-commands.js';
import path from 'node:path';
import pLimit from 'p-limit';
import type { Package } from '../definition/index.js';
import type { Inputs } from '../inputs.js';
import type { BlobStore } from '../oci/blobstore.js';
import type { RegistryClient } from '../oci/client.js';
import { publishSkeleton } from '../publish/skeleton.js';
import { sourceDateEpoch, type PublishPlan } from '../publish/stage.js';
import type { RunReport } from '../report/summary.js';
import { VERSION } from '../version.js';

export interface SkeletonStageInput {
  inputs: Inputs;
  def: Package;
  plan: PublishPlan;
  client: RegistryClient;
  store: BlobStore;
  workDir: string;
  workspace: string;
  report: RunReport;
  signal?: AbortSignal;
}

export async function runSkeletonStage(input: SkeletonStageInput): Promise<void> {
  const { inputs, def, plan, client, store, workDir, workspace, report, signal } = input;
  const display = (p: string): string => path.relative(workspace, p) || '.';
  const pub = await publishSkeleton({ def, plan, client, store, workDir, builderVersion: VERSION, now: sourceDateEpoch() ?? new Date(), fixedTime: sourceDateEpoch() !== undefined, limit: pLimit(inputs.concurrency), display, log: (l) => core.info(l), warn: (l) => core.warning(l), debug: (l) => core.debug(l), ...(signal !== undefined ? { signal } : {}) });
  report.skeleton = pub.summary;
  core.setOutput('reference', pub.summary.reference);
  core.setOutput('digest', pub.summary.digest);
  core.info(`skeleton published: ${pub.summary.reference} (${pub.summary.digest}); import it with\n${pub.summary.deploy}`);
}
