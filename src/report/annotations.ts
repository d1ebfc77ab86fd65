/**
 * Annotations, as the runner shows them on the line of the file they name: one error annotation per
 * problem (message — hint), warnings at their line when they have one.
 */
import * as core from '../workflow-commands.js';
import { LadingError, toLadingErrors, type SourcePosition } from '../errors.js';

export function annotate(e: LadingError): void {
  const text = e.hint !== undefined ? `${e.message} — ${e.hint}` : e.message;
  const props: core.AnnotationProperties = { title: 'Lading' };
  const pos: SourcePosition | undefined = e.position;
  if (pos !== undefined) {
    props.file = pos.file;
    props.startLine = pos.line;
    props.startColumn = pos.col;
  }
  core.error(text, props);
}

/** A warning annotation, at its line when it has one. */
export function warnAt(message: string, pos: SourcePosition | undefined): void {
  core.warning(message, pos !== undefined ? { title: 'Lading', file: pos.file, startLine: pos.line, startColumn: pos.col } : { title: 'Lading' });
}

/** An error of a step that knows no place in zarf.yaml, placed at the line that asked for it. */
export function placed(e: unknown, position: SourcePosition): LadingError {
  const first = toLadingErrors(e, position)[0] as LadingError;
  if (first.position !== undefined) return first;
  return new LadingError(first.message, { position, cause: e, ...(first.hint !== undefined ? { hint: first.hint } : {}), ...(first.details !== undefined ? { details: first.details } : {}) });
}

/** A notice annotation at a line (a change the run found, not a problem). */
export function noticeAt(message: string, pos: SourcePosition | undefined): void {
  core.notice(message, pos !== undefined ? { title: 'Lading', file: pos.file, startLine: pos.line, startColumn: pos.col } : { title: 'Lading' });
}
