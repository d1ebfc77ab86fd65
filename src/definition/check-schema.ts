/**
 * The schema check of one v1alpha1 document (Zarf's JSON schema, field for field, as zod): the root
 * definition strictly, as `zarf package create` lints it; an imported one too, except that an unknown
 * field there is a warning (Zarf only decodes imported files, and drops what it does not know).
 */
import type { LadingError } from '../errors.js';
import { schemaErrors } from './issues.js';
import type { PositionIndex } from './positions.js';
import { ComponentSchema, MetadataSchema, PackageSchema } from './schema.js';

const METADATA_KEYS = Object.keys(MetadataSchema.shape);
const COMPONENT_KEYS = Object.keys(ComponentSchema.shape);

export function checkV1Alpha1(data: unknown, index: PositionIndex, opts: { root: boolean }): { errors: LadingError[]; warnings: LadingError[] } {
  return schemaErrors(data, index, {
    schema: PackageSchema,
    metadataKeys: METADATA_KEYS,
    componentKeys: COMPONENT_KEYS,
    unknownKeys: opts.root ? 'error' : 'warning'
  });
}
