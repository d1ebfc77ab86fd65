/**
 * Checks a document (e.g. a built zarf.yaml, parsed) against Zarf's published JSON schemas, vendored in
 * `__tests__/fixtures/zarf-schema/` (see its README): what `zarf package create` and `zarf package
 * deploy` validate a zarf.yaml against. Ajv reads them as JSON Schema 2020-12, as Zarf publishes them
 * ($defs and $ref, patternProperties for x- keys, additionalProperties: false, oneOf).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020Module, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

export type ZarfSchemaName = 'v1alpha1' | 'v1beta1-package' | 'v1beta1-component';

const FILES: Record<ZarfSchemaName, string> = {
  v1alpha1: 'zarf-v1alpha1-schema.json',
  'v1beta1-package': 'zarf-v1beta1-package-schema.json',
  'v1beta1-component': 'zarf-v1beta1-component-schema.json'
};

const SCHEMA_DIR = new URL('../fixtures/zarf-schema/', import.meta.url);

/** The vendored schema itself, parsed. */
export function zarfJsonSchema(which: ZarfSchemaName): Record<string, unknown> {
  return JSON.parse(readFileSync(fileURLToPath(new URL(FILES[which], SCHEMA_DIR)), 'utf8')) as Record<string, unknown>;
}

// ajv is CommonJS: under Node's ESM loader the default import is module.exports, whose `default` is the class too.
const Ajv2020 = Ajv2020Module.default;
const validators = new Map<ZarfSchemaName, ValidateFunction>();

function validatorFor(which: ZarfSchemaName): ValidateFunction {
  let v = validators.get(which);
  if (v === undefined) {
    const ajv = new Ajv2020({ allErrors: true });
    v = ajv.compile(zarfJsonSchema(which));
    validators.set(which, v);
  }
  return v;
}

function describe(e: ErrorObject): string {
  const where = e.instancePath === '' ? '/' : e.instancePath;
  const params = e.params as Record<string, unknown>;
  let detail = '';
  if (typeof params['additionalProperty'] === 'string') detail = ` (${params['additionalProperty']})`;
  else if (Array.isArray(params['allowedValues'])) detail = ` (${params['allowedValues'].map((x) => JSON.stringify(x)).join(', ')})`;
  return `${where} ${e.message ?? e.keyword}${detail}`;
}

/**
 * What Zarf's JSON schema `which` finds wrong with `doc`, one line each ("<JSON pointer> <problem>"),
 * sorted; empty when it is valid.
 */
export function zarfSchemaErrors(doc: unknown, which: ZarfSchemaName): string[] {
  const validate = validatorFor(which);
  if (validate(doc)) return [];
  return (validate.errors ?? []).map(describe).sort();
}
