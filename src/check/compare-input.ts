/**
 * The `compare` input: a published package (`oci://<registry>/<repository>/<name>:<tag>`) or the path
 * of a local package file, relative to the workspace.
 */
import { LadingError } from '../errors.js';
import { OciError } from '../oci/errors.js';
import { Reference } from '../oci/reference.js';

export type CompareTarget = { kind: 'oci'; reference: Reference } | { kind: 'file'; path: string };

export function parseCompareInput(text: string): CompareTarget {
  const m = /^oci:\/\/(.*)$/i.exec(text);
  if (m === null) return { kind: 'file', path: text };
  const hint = 'write it as oci://<registry host>/<repository>/<name>:<tag>, e.g. oci://ghcr.io/acme/packages/app:1.0.0, or give the path of a package file';
  let ref: Reference;
  try {
    ref = Reference.parse(m[1] ?? '');
  } catch (e) {
    throw new LadingError(`input compare "${text}" is not a valid package reference: ${e instanceof OciError ? e.message.replace(/^invalid image reference "[^"]*": /, '') : String(e)}`, { hint });
  }
  const rest = m[1] ?? '';
  if (!/:[^/]+$/.test(rest) && !rest.includes('@')) throw new LadingError(`input compare "${text}" names no tag`, { hint });
  return { kind: 'oci', reference: ref };
}
