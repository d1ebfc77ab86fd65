/**
 * The error of packaging a local chart folder (chart-package.ts), on its own so that content.ts can
 * recognise it without loading the chart packager (loaded only for a package with charts).
 */
export class ChartPackageError extends Error {
  readonly hint: string | undefined;
  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'ChartPackageError';
    this.hint = hint;
  }
}
