/**
 * The check stage as main.ts runs it. check/stage.ts (the published package's reader, the content
 * plan, the diff) is loaded with a dynamic import() only by a run that checks or compares: ncc puts
 * it in a chunk of its own, so a plain build does not compile it before its first registry request.
 */
import { checkStageRuns } from '../check/outputs.js';
import type { CheckOutcome, CheckStageInput } from '../check/stage.js';

export { checkReport, setCheckOutputs } from '../check/outputs.js';

export async function runCheckStage(input: CheckStageInput): Promise<CheckOutcome | undefined> {
  if (!checkStageRuns(input.inputs, input.publishPlan)) return undefined;
  const stage = await import('../check/stage.js');
  return stage.runCheckStage(input);
}
