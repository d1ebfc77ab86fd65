/** Placeholder until Zarf's package validation lands. */
import type { LadingError } from '../errors.js';

export function validatePackage(_pkg: Record<string, unknown>): LadingError[] {
  return [];
}
