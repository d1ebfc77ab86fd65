/**
 * The step outputs of a finished build (`cache-hit`, `package`, `checksum`, `images`, `changed`,
 * `reference`, `digest`), set in this order once the package is written and the cache saved.
 */
import * as core from '../workflow-commands.js';
import type { ResolvedImage } from '../model.js';
import { imagesOutput } from '../report/images-output.js';
import type { RunReport } from '../report/summary.js';

export interface BuildOutputsInput {
  report: RunReport;
  cacheHit: string;
  package: { path: string; aggregateChecksum: string };
  images: ResolvedImage[];
  /** Whether the package differs from what it was compared with; undefined when nothing was compared. */
  changed: boolean | undefined;
}

export function setBuildOutputs(input: BuildOutputsInput): void {
  core.setOutput('cache-hit', input.cacheHit);
  core.setOutput('package', input.package.path);
  core.setOutput('checksum', input.package.aggregateChecksum);
  core.setOutput('images', imagesOutput(input.images));
  core.setOutput('changed', input.changed === false ? 'false' : 'true');
  core.setOutput('reference', input.report.publish?.reference ?? '');
  core.setOutput('digest', input.report.publish?.digest ?? '');
}
