/**
 * What the rest of the run sees of the check stage: whether it runs, its step outputs when the run
 * ends there, and its part of the job summary. Kept apart from stage.ts so that a build that neither
 * checks nor compares does not load the stage itself (stages/check-stage.ts).
 */
import * as core from '../workflow-commands.js';
import type { Package } from '../definition/index.js';
import type { Inputs } from '../inputs.js';
import type { PublishPlan } from '../publish/plan.js';
import type { CheckReport } from '../report/diff.js';
import type { CheckOutcome } from './stage.js';

/** The stage runs for `mode: check`, and for a build with something to compare with (`publish` or `compare`). */
export function checkStageRuns(inputs: Pick<Inputs, 'mode' | 'compare'>, publishPlan: PublishPlan | undefined): boolean {
  return !(inputs.mode === 'build' && publishPlan === undefined && inputs.compare === '');
}

/** Outputs of a run that ended at the check stage: no package file; `changed`; the images. */
export function setCheckOutputs(outcome: CheckOutcome, imagesJson: string): void {
  core.setOutput('package', '');
  core.setOutput('images', imagesJson);
  core.setOutput('changed', outcome.changed ? 'true' : 'false');
  core.setOutput('checksum', outcome.published?.checksum ?? '');
  core.setOutput('reference', outcome.published?.reference ?? '');
  core.setOutput('digest', outcome.published?.digest ?? '');
  core.setOutput('cache-hit', 'false');
}

/** What the job summary shows of the check stage. */
export function checkReport(outcome: CheckOutcome, def: Package, architecture: string): CheckReport {
  const version = def.config.metadata.version;
  return {
    mode: outcome.mode,
    name: def.config.metadata.name,
    ...(version !== undefined ? { version } : {}),
    architecture,
    images: outcome.images.length,
    charts: outcome.content.entries.filter((e) => e.kind === 'chart').length,
    files: outcome.content.entries.filter((e) => e.kind !== 'chart').length,
    downloaded: outcome.content.downloaded,
    ...(outcome.done && outcome.published !== undefined ? { unchanged: { reference: outcome.published.reference, digest: outcome.published.digest } } : {}),
    ...(outcome.diff !== undefined ? { diff: outcome.diff } : {})
  };
}
