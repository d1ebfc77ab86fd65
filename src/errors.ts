import { OciError } from './oci/errors.js';

/** Where in a file a problem is: 1-based line and column. */
export interface SourcePosition {
  file: string;
  line: number;
  col: number;
}

/**
 * An error of one tool or step (kustomize, an archive, a chart) with a hint for the user, turned into
 * a LadingError at its position by whoever knows where it comes from. Subclasses only set `name`.
 */
export class HintedError extends Error {
  readonly hint: string | undefined;
  constructor(message: string, hint?: string) {
    super(message);
    this.hint = hint;
  }
}

/**
 * The one failure shape of every stage: a one-line message naming what is wrong, a hint saying what
 * to do, and the position in zarf.yaml when the problem lives there. `main.ts` turns it into an
 * annotation, a summary line and exit code 1.
 */
export class LadingError extends Error {
  readonly hint: string | undefined;
  readonly position: SourcePosition | undefined;
  /** Markdown for the job summary (e.g. the platform table of an index digest). */
  readonly details: string | undefined;

  constructor(message: string, opts: { hint?: string; position?: SourcePosition; details?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'LadingError';
    this.hint = opts.hint;
    this.position = opts.position;
    this.details = opts.details;
  }
}

/** Several errors found in one pass (all problems of a zarf.yaml are reported in one run). */
export class LadingErrors extends Error {
  readonly errors: LadingError[];
  constructor(errors: LadingError[]) {
    super(errors.length === 1 ? (errors[0]?.message ?? 'error') : `${errors.length} problems found`);
    this.name = 'LadingErrors';
    this.errors = errors;
  }
}

/** Converts anything thrown into LadingErrors; unknown errors keep their message, never a stack. */
export function toLadingErrors(e: unknown, position?: SourcePosition): LadingError[] {
  if (e instanceof LadingErrors) return e.errors;
  if (e instanceof LadingError) return [e];
  if (e instanceof OciError) {
    return [new LadingError(e.message, { ...(e.hint !== undefined ? { hint: e.hint } : {}), ...(position !== undefined ? { position } : {}), cause: e })];
  }
  if (e instanceof AggregateError) return e.errors.flatMap((x) => toLadingErrors(x, position));
  const msg = e instanceof Error ? e.message : String(e);
  return [new LadingError(msg, position !== undefined ? { position, cause: e } : { cause: e })];
}
