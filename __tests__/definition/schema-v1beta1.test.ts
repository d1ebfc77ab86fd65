/**
 * The v1beta1 zod schemas against Zarf's published JSON schemas (vendored in __tests__/fixtures/zarf-schema): the same fields,
 * the same required ones and enums, object for object; and the rules JSON schema expresses with
 * oneOf and patternProperties (x- keys) behaving as Zarf's.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type * as z from 'zod';
import {
  V1Beta1ComponentConfigSchema,
  V1Beta1PackageSchema,
  schemaIssues
} from '../../src/definition/schema-v1beta1.js';

const CORPUS = fileURLToPath(new URL('../fixtures/zarf-schema/', import.meta.url));

interface JsonSchema {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  enum?: string[];
}

interface Def {
  type: string;
  innerType?: z.core.$ZodType;
  element?: z.core.$ZodType;
  valueType?: z.core.$ZodType;
  shape?: Record<string, z.core.$ZodType>;
  entries?: Record<string, string>;
  values?: unknown[];
}

const defOf = (s: z.core.$ZodType): Def => s._zod.def as unknown as Def;

function unwrap(s: z.core.$ZodType): { schema: z.core.$ZodType; optional: boolean } {
  let cur = s;
  let optional = false;
  while (defOf(cur).type === 'optional') {
    optional = true;
    cur = defOf(cur).innerType as z.core.$ZodType;
  }
  return { schema: cur, optional };
}

/** Differences between the zod schema and the JSON schema, as readable paths. */
function compare(zs: z.core.$ZodType, js: JsonSchema, root: JsonSchema, at: string, out: string[]): void {
  const j = js.$ref !== undefined ? (root.$defs?.[js.$ref.replace('#/$defs/', '')] ?? {}) : js;
  const def = defOf(unwrap(zs).schema);
  if (j.enum !== undefined) {
    const mine = def.type === 'enum' ? Object.values(def.entries ?? {}) : (def.values ?? []).map(String);
    if ([...mine].sort().join() !== [...j.enum].sort().join()) out.push(`${at}: enum ${mine.join('|')} vs ${j.enum.join('|')}`);
    return;
  }
  switch (j.type) {
    case 'object': {
      if (j.properties === undefined) {
        if (def.type !== 'record') out.push(`${at}: expected a record, got ${def.type}`);
        else if (typeof j.additionalProperties === 'object') compare(def.valueType as z.core.$ZodType, j.additionalProperties, root, `${at}.*`, out);
        return;
      }
      if (def.type !== 'object') {
        out.push(`${at}: expected an object, got ${def.type}`);
        return;
      }
      const shape = def.shape ?? {};
      const theirs = Object.keys(j.properties).sort();
      const mine = Object.keys(shape).sort();
      if (theirs.join() !== mine.join()) out.push(`${at}: fields ${mine.join(',')} vs ${theirs.join(',')}`);
      for (const k of theirs) {
        const s = shape[k];
        if (s === undefined) continue;
        const required = (j.required ?? []).includes(k);
        if (required === unwrap(s).optional) out.push(`${at}.${k}: ${required ? 'required' : 'optional'} in Zarf`);
        compare(s, j.properties[k] as JsonSchema, root, `${at}.${k}`, out);
      }
      return;
    }
    case 'array':
      if (def.type !== 'array') out.push(`${at}: expected an array, got ${def.type}`);
      else compare(def.element as z.core.$ZodType, j.items ?? {}, root, `${at}[]`, out);
      return;
    case 'string':
    case 'boolean':
      if (def.type !== j.type) out.push(`${at}: expected ${j.type}, got ${def.type}`);
      return;
    case 'integer':
      if (def.type !== 'number') out.push(`${at}: expected a number, got ${def.type}`);
      return;
    default:
      return;
  }
}

function load(name: string): JsonSchema {
  return JSON.parse(readFileSync(`${CORPUS}/${name}`, 'utf8')) as JsonSchema;
}

describe('v1beta1 schemas follow Zarf\'s JSON schemas', () => {
  test.each([
    ['zarf-v1beta1-package-schema.json', V1Beta1PackageSchema],
    ['zarf-v1beta1-component-schema.json', V1Beta1ComponentConfigSchema]
  ] as const)('%s: same fields, required fields and enums', (file, schema) => {
    const json = load(file);
    const out: string[] = [];
    compare(schema, json, json, '', out);
    expect(out).toEqual([]);
  });
});

describe('v1beta1 schema rules', () => {
  const pkg = (component: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    apiVersion: 'zarf.dev/v1beta1',
    kind: 'ZarfPackageConfig',
    metadata: { name: 'demo' },
    components: [{ name: 'a', ...component }],
    ...extra
  });
  const codes = (data: unknown): string[] =>
    schemaIssues(V1Beta1PackageSchema, data).map((i) => `${i.path.join('.')}:${i.code}${i.code === 'unrecognized_keys' ? `:${i.keys.join(',')}` : ''}`);

  test('x- keys are allowed on every object, other unknown keys are not', () => {
    expect(codes(pkg({ 'x-anchor': { any: 1 }, images: [{ name: 'a', 'x-note': 'ok' }] }, { 'x-top': 1 }))).toEqual([]);
    expect(codes(pkg({ imagez: [] }))).toEqual(['components.0:unrecognized_keys:imagez']);
  });

  test('a chart has exactly one source', () => {
    expect(codes(pkg({ charts: [{ name: 'c', local: { path: 'x' } }] }))).toEqual([]);
    expect(codes(pkg({ charts: [{ name: 'c' }] }))).toEqual(['components.0.charts.0:custom']);
    expect(codes(pkg({ charts: [{ name: 'c', local: { path: 'x' }, oci: { url: 'oci://x', ref: { tag: '1' } } }] }))).toEqual(['components.0.charts.0.oci:custom']);
  });

  test('git and OCI refs name exactly one of their kinds', () => {
    const git = (ref: Record<string, string>) => pkg({ charts: [{ name: 'c', git: { url: 'https://x/y.git', ref } }] });
    expect(codes(git({ tag: 'v1' }))).toEqual([]);
    expect(codes(git({}))).toEqual(['components.0.charts.0.git.ref:custom']);
    expect(codes(git({ tag: 'v1', branch: 'main' }))).toEqual(['components.0.charts.0.git.ref.branch:custom']);
    expect(codes(pkg({ charts: [{ name: 'c', oci: { url: 'oci://x', ref: { tag: '1', digest: 'sha256:a' } } }] }))).toEqual([
      'components.0.charts.0.oci.ref.digest:custom'
    ]);
  });

  test('v1alpha1 fields are not v1beta1 fields', () => {
    expect(codes(pkg({ required: true, only: {} }))).toEqual(['components.0:unrecognized_keys:required,only']);
    expect(codes(pkg({}, { variables: [] }))).toEqual([':unrecognized_keys:variables']);
  });

  test('a component config needs kind ZarfComponentConfig, metadata and component', () => {
    const ok = { apiVersion: 'zarf.dev/v1beta1', kind: 'ZarfComponentConfig', metadata: { name: 'c' }, component: {} };
    expect(schemaIssues(V1Beta1ComponentConfigSchema, ok)).toEqual([]);
    expect(schemaIssues(V1Beta1ComponentConfigSchema, { ...ok, kind: 'ZarfPackageConfig' }).map((i) => i.path.join('.'))).toEqual(['kind']);
    expect(schemaIssues(V1Beta1ComponentConfigSchema, { ...ok, component: { name: 'c' } }).map((i) => i.code)).toEqual(['unrecognized_keys']);
  });
});
