/** Placeholder until the migrations land (scripts -> actions, setVariable -> setVariables). */
import type { SourcePosition } from '../errors.js';

export function migrate(_doc: Record<string, unknown>): { migrations: string[]; warnings: Array<{ message: string; position?: SourcePosition }> } {
  return { migrations: ['scripts-to-actions', 'pluralize-set-variable'], warnings: [] };
}
