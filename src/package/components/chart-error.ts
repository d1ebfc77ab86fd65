/**
 * The error of packaging a local chart folder (chart-package.ts), on its own so that content.ts can
 * recognise it without loading the chart packager (loaded only for a package with charts).
 */
import { HintedError } from '../../errors.js';

export class ChartPackageError extends HintedError {
  override readonly name = 'ChartPackageError';
}
