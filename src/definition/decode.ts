/**
 * Decode: which document of a definition file is the package, and is it one Zarf accepts.
 *
 * As Zarf chooses (src/internal/pkgcfg): a document without `apiVersion` is `zarf.dev/v1alpha1`;
 * `zarf.dev/v1beta1` wins over it; documents of other versions are skipped; two documents of one
 * version are an error. An imported file is read for its v1alpha1 document only.
 */
import { LadingError, LadingErrors, type SourcePosition } from '../errors.js';
import { isContainer } from './origin.js';
import type { ParsedDocument, ParsedFile } from './parse.js';
import { describeValue } from './issues.js';

export const V1ALPHA1 = 'zarf.dev/v1alpha1';
export const V1BETA1 = 'zarf.dev/v1beta1';
export type ApiVersion = typeof V1ALPHA1 | typeof V1BETA1;

const PRIORITY: Record<ApiVersion, number> = { [V1ALPHA1]: 1, [V1BETA1]: 2 };

export interface ChosenDocument {
  apiVersion: ApiVersion;
  /** The document's data: a mapping. */
  data: Record<string, unknown>;
  document: ParsedDocument;
  /** Every document of a known version in the file, by version (v1beta1 sources carry both). */
  all: Partial<Record<ApiVersion, ParsedDocument>>;
}

function versionOf(doc: ParsedDocument): unknown {
  return isContainer(doc.data) && !Array.isArray(doc.data) ? (doc.data as Record<string, unknown>)['apiVersion'] : undefined;
}

function asMapping(doc: ParsedDocument, file: ParsedFile): Record<string, unknown> {
  const d = doc.data;
  if (!isContainer(d) || Array.isArray(d)) {
    throw new LadingErrors([
      new LadingError(`${file.displayPath} must be a mapping with kind, metadata and components, not ${describeValue(d)}`, {
        hint: 'start the file with "kind: ZarfPackageConfig", then metadata: and components:',
        position: doc.start
      })
    ]);
  }
  return d as Record<string, unknown>;
}

/**
 * The package document of a file: the one of the highest known apiVersion, or (`only`) the one of
 * that version (an imported file).
 */
export function chooseDocument(file: ParsedFile, only?: ApiVersion): ChosenDocument {
  const where = (doc?: ParsedDocument): SourcePosition => doc?.start ?? { file: file.displayPath, line: 1, col: 1 };
  if (file.documents.length === 0) {
    throw new LadingError(`${file.displayPath} is empty`, {
      hint: 'write a ZarfPackageConfig: kind, metadata (name, version) and components',
      position: where()
    });
  }
  const all: Partial<Record<ApiVersion, ParsedDocument>> = {};
  const skipped: string[] = [];
  for (const doc of file.documents) {
    const raw = versionOf(doc);
    const version = raw === undefined || raw === null || raw === '' ? V1ALPHA1 : raw;
    if (version !== V1ALPHA1 && version !== V1BETA1) {
      skipped.push(typeof version === 'string' ? version : describeValue(version));
      continue;
    }
    if (all[version] !== undefined) {
      throw new LadingError(`duplicate apiVersion "${version}" in ${file.displayPath}`, {
        hint: `keep one document of each apiVersion (a document without apiVersion is ${V1ALPHA1}): remove this one or the one before it`,
        position: doc.start
      });
    }
    all[version] = doc;
  }
  const versions = (Object.keys(all) as ApiVersion[]).sort((a, b) => PRIORITY[b] - PRIORITY[a]);
  const chosen = only !== undefined ? (all[only] !== undefined ? only : undefined) : versions[0];
  if (chosen === undefined) {
    if (only !== undefined && versions.length > 0) {
      throw new LadingError(`no "${only}" document found in ${file.displayPath}`, {
        hint: `an imported package is read as ${only}: give it a ${only} document (kind: ZarfPackageConfig, without apiVersion or with apiVersion: ${only})`,
        position: where(file.documents[0])
      });
    }
    throw new LadingError(`no supported apiVersion found in ${file.displayPath}${skipped.length > 0 ? ` (found ${skipped.map((s) => `"${s}"`).join(', ')})` : ''}`, {
      hint: `use apiVersion: ${V1ALPHA1} (or leave it out) or apiVersion: ${V1BETA1}`,
      position: where(file.documents[0])
    });
  }
  const document = all[chosen] as ParsedDocument;
  return { apiVersion: chosen, data: asMapping(document, file), document, all };
}
