/**
 * What a package carries beside its components, from the definition (Zarf's assemble): the values
 * files deep-merged into `values.yaml`, the schemas merged into `values.schema.json` (the package's
 * own first, then the imported ones), the `documentation` files for `documentation.tar`, all as
 * absolute paths; and, for a v1beta1 source, its v1beta1 document for the built zarf.yaml.
 */
import path from 'node:path';
import type { Package } from './index.js';

export interface PackageLevelFiles {
  values?: { files: string[]; schemas: string[]; parentSchema: boolean };
  documentation?: Array<{ key: string; file: string }>;
  extraDocuments?: Array<Record<string, unknown>>;
}

export function packageLevelFiles(def: Package): PackageLevelFiles {
  const abs = (p: string): string => path.resolve(def.dir, p);
  const values = def.config.values;
  const own = values?.schema !== undefined && values.schema !== '' ? [abs(values.schema)] : [];
  const schemas = [...own, ...def.importedSchemas.map(abs)];
  const files = (values?.files ?? []).map(abs);
  return {
    ...(files.length > 0 || schemas.length > 0 ? { values: { files, schemas, parentSchema: own.length > 0 } } : {}),
    ...(def.config.documentation !== undefined ? { documentation: Object.entries(def.config.documentation).map(([key, file]) => ({ key, file: abs(file) })) } : {}),
    ...(def.v1beta1 !== undefined ? { extraDocuments: [def.v1beta1] } : {})
  };
}
