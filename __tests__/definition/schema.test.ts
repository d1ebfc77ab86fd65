/**
 * The zod schema of zarf.yaml (src/definition/schema.ts) against Zarf's published JSON schema: the
 * same fields everywhere (a field Zarf adds, or one we lack, fails here), strict objects that let x-
 * keys through, and the helper other tests use to check a built zarf.yaml with Zarf's own schemas.
 */
import { describe, expect, test } from '@jest/globals';
import * as z from 'zod';
import { PackageSchema } from '../../src/definition/schema.js';
import { zarfJsonSchema, zarfSchemaErrors } from '../helpers/zarf-schema.js';

type Json = Record<string, unknown>;

const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Where Lading's schema is deliberately stricter than Zarf's in what it requires, by JSON path of the
 * object ('' is the top level). Anything else that differs is a failure.
 */
const STRICTER_REQUIRED: Record<string, string[]> = {
  // A package is published under metadata.name; Zarf's schema leaves metadata optional.
  '': ['metadata']
};

/** Follows a local `$ref` ("#/$defs/Name") of `root`; other nodes are returned as they are. */
function resolve(node: unknown, root: Json): Json {
  if (!isJson(node)) return {};
  const ref = node['$ref'];
  if (typeof ref !== 'string') return node;
  const m = /^#\/\$defs\/(.+)$/.exec(ref);
  const defs = root['$defs'];
  const target = m !== null && isJson(defs) ? defs[m[1] ?? ''] : undefined;
  if (!isJson(target)) throw new Error(`cannot resolve ${ref}`);
  return resolve(target, root);
}

const sorted = (v: unknown): string[] => (Array.isArray(v) ? v.map(String).sort() : []);
const normalizePattern = (p: unknown): string | undefined => (typeof p === 'string' ? new RegExp(p).source : undefined);

/**
 * Every difference between Zarf's JSON schema node and ours, walking properties, array items and
 * map values: property names, required names, type, enum and pattern. Sorted.
 */
function differences(zarfRoot: Json, ourRoot: Json): string[] {
  const out: string[] = [];
  const walk = (zarfNode: unknown, ourNode: unknown, where: string): void => {
    const zn = resolve(zarfNode, zarfRoot);
    const on = resolve(ourNode, ourRoot);
    const at = where === '' ? 'the top level' : where;
    if (zn['type'] !== on['type']) out.push(`${at}: type ${String(zn['type'])} in Zarf, ${String(on['type'])} here`);
    if (zn['enum'] !== undefined || on['enum'] !== undefined) {
      const [a, b] = [sorted(zn['enum']), sorted(on['enum'])];
      if (a.join('|') !== b.join('|')) out.push(`${at}: enum [${a.join(', ')}] in Zarf, [${b.join(', ')}] here`);
    }
    const [zp, op] = [normalizePattern(zn['pattern']), normalizePattern(on['pattern'])];
    if (zp !== op) out.push(`${at}: pattern ${String(zp)} in Zarf, ${String(op)} here`);
    const zprops = isJson(zn['properties']) ? zn['properties'] : undefined;
    const oprops = isJson(on['properties']) ? on['properties'] : undefined;
    if (zprops !== undefined || oprops !== undefined) {
      const zkeys = Object.keys(zprops ?? {});
      const okeys = Object.keys(oprops ?? {});
      for (const k of zkeys) if (!okeys.includes(k)) out.push(`${where === '' ? k : `${where}.${k}`}: in Zarf's schema, missing here`);
      for (const k of okeys) if (!zkeys.includes(k)) out.push(`${where === '' ? k : `${where}.${k}`}: not in Zarf's schema`);
      const zreq = sorted(zn['required']);
      const oreq = sorted(on['required']).filter((k) => !(STRICTER_REQUIRED[where] ?? []).includes(k));
      if (zreq.join('|') !== oreq.join('|')) out.push(`${at}: required [${zreq.join(', ')}] in Zarf, [${oreq.join(', ')}] here`);
      for (const k of zkeys) {
        if (okeys.includes(k)) walk(zprops?.[k], oprops?.[k], where === '' ? k : `${where}.${k}`);
      }
    }
    if (zn['items'] !== undefined || on['items'] !== undefined) walk(zn['items'], on['items'], `${where}[]`);
    const [za, oa] = [zn['additionalProperties'], on['additionalProperties']];
    // A map (additionalProperties is a schema with a type): its values must agree too.
    if (isJson(za) && za['type'] !== undefined) walk(za, oa, `${where}.*`);
  };
  walk(zarfRoot, ourRoot, '');
  return out.sort();
}

const ours = (): Json => z.toJSONSchema(PackageSchema) as Json;

describe("the zod schema has Zarf's v1alpha1 fields", () => {
  test('every object has the same fields, required fields, types, enums and patterns', () => {
    expect(differences(zarfJsonSchema('v1alpha1'), ours())).toEqual([]);
  });

  test('the comparison reports a field Zarf adds, one it drops, and a changed enum or pattern', () => {
    const zarf = structuredClone(zarfJsonSchema('v1alpha1'));
    const defs = zarf['$defs'] as Record<string, Json>;
    const chart = defs['ZarfChart'] as { properties: Record<string, Json>; required: string[] };
    chart.properties['postRenderers'] = { type: 'array', items: { type: 'string' } };
    delete chart.properties['repoName'];
    chart.required.push('namespace');
    (chart.properties['serverSideApply'] as Json)['enum'] = ['true', 'false'];
    ((defs['ZarfComponentImport'] as { properties: Record<string, Json> }).properties['url'] as Json)['pattern'] = '^oci://.+$';
    expect(differences(zarf, ours())).toEqual([
      'components[].charts[].postRenderers: in Zarf\'s schema, missing here',
      'components[].charts[].repoName: not in Zarf\'s schema',
      'components[].charts[].serverSideApply: enum [false, true] in Zarf, [auto, false, true] here',
      'components[].charts[]: required [name, namespace] in Zarf, [name] here',
      'components[].import.url: pattern ^oci:\\/\\/.+$ in Zarf, ^oci:\\/\\/.*$ here'
    ]);
  });
});

/** Every distinct object schema reachable from `root`, with its path. */
function objectSchemas(root: z.core.$ZodType): Array<{ path: string; schema: z.core.$ZodType }> {
  const out: Array<{ path: string; schema: z.core.$ZodType }> = [];
  const seen = new Set<z.core.$ZodType>();
  const visit = (s: z.core.$ZodType, path: string): void => {
    const def = s._zod.def as unknown as {
      type: string;
      innerType?: z.core.$ZodType;
      element?: z.core.$ZodType;
      valueType?: z.core.$ZodType;
      shape?: Record<string, z.core.$ZodType>;
    };
    if (def.type === 'optional' && def.innerType !== undefined) return visit(def.innerType, path);
    if (def.type === 'array' && def.element !== undefined) return visit(def.element, `${path}[]`);
    if (def.type === 'record' && def.valueType !== undefined) return visit(def.valueType, `${path}.*`);
    if (def.type !== 'object' || seen.has(s)) return;
    seen.add(s);
    out.push({ path: path === '' ? 'the top level' : path, schema: s });
    for (const [k, v] of Object.entries(def.shape ?? {})) visit(v, path === '' ? k : `${path}.${k}`);
  };
  visit(root, '');
  return out;
}

describe('strict objects with x- keys, as in Zarf', () => {
  test('every object refuses an unknown key and lets x- keys through, even beside an invalid field', () => {
    const objects = objectSchemas(PackageSchema);
    // As many as Zarf's schema has: its object definitions and the top level.
    const zarfDefs = Object.values(zarfJsonSchema('v1alpha1')['$defs'] as Record<string, Json>).filter((d) => d['type'] === 'object');
    expect(objects).toHaveLength(zarfDefs.length + 1);
    for (const { path, schema } of objects) {
      const result = z.safeParse(schema, { 'x-anchors': { a: [1] }, 'not-a-field': 1, 'x-': null });
      const unknown = result.error?.issues.filter((i) => i.code === 'unrecognized_keys' && i.path.length === 0) ?? [];
      expect({ path, keys: unknown.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys : [])) }).toEqual({ path, keys: ['not-a-field'] });
    }
  });

  test('x- keys at the top level and in components are accepted and kept', () => {
    const doc = {
      kind: 'ZarfPackageConfig',
      'x-shared': { images: ['nginx:1.25'] },
      metadata: { name: 'demo', 'x-owner': 'platform' },
      components: [{ name: 'web', 'x-note': 'anchors live here', images: ['nginx:1.25'] }]
    };
    const parsed = PackageSchema.parse(doc);
    expect(parsed['x-shared']).toEqual({ images: ['nginx:1.25'] });
    expect(parsed.metadata['x-owner']).toBe('platform');
    expect(parsed.components[0]?.['x-note']).toBe('anchors live here');
  });

  test('a key that only looks like an x- key is still unknown', () => {
    const result = PackageSchema.safeParse({ kind: 'ZarfPackageConfig', metadata: { name: 'a' }, components: [{ name: 'c', X_note: 1, xnote: 2 }] });
    expect(result.error?.issues.map((i) => [i.code, i.path, i.code === 'unrecognized_keys' ? i.keys : []])).toEqual([
      ['unrecognized_keys', ['components', 0], ['X_note', 'xnote']]
    ]);
  });
});

/** A package using most of Zarf's v1alpha1 fields, valid for Zarf. */
function richPackage(): Json {
  return {
    kind: 'ZarfPackageConfig',
    apiVersion: 'zarf.dev/v1alpha1',
    'x-anchors': { tag: '1.25' },
    metadata: { name: 'demo', version: '1.0.0', allowNamespaceOverride: false, annotations: { team: 'platform' } },
    values: { files: ['values.yaml'], schema: 'values.schema.json' },
    documentation: { readme: 'README.md' },
    variables: [{ name: 'DOMAIN', default: 'example.com', prompt: true, type: 'raw' }],
    constants: [{ name: 'REGION', value: 'eu', autoIndent: true }],
    components: [
      {
        name: 'web',
        required: true,
        only: { flavor: 'upstream', cluster: { architecture: 'amd64' } },
        images: ['nginx:1.25'],
        stateAccess: ['registryCredentials'],
        charts: [
          {
            name: 'podinfo',
            version: '6.4.0',
            url: 'oci://ghcr.io/stefanprodan/charts/podinfo',
            namespace: 'podinfo',
            valuesFiles: ['values.yaml'],
            templatedValuesFiles: ['templated.yaml'],
            serverSideApply: 'auto',
            values: [{ sourcePath: '.app', targetPath: '.', excludePaths: ['.app.secret'] }],
            variables: [{ name: 'REPLICAS', description: 'how many', path: 'replicaCount' }]
          }
        ],
        manifests: [{ name: 'config', files: ['cm.yaml'], serverSideApply: 'true', enableKustomizePlugins: false }],
        files: [{ source: 'bin/tool', target: '/usr/local/bin/tool', executable: true }],
        healthChecks: [{ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'podinfo', name: 'podinfo' }],
        actions: {
          onDeploy: {
            defaults: { maxRetries: 1, shell: { linux: 'bash' } },
            after: [
              { cmd: 'echo hi', setVariables: [{ name: 'GREETING', sensitive: false }], setValues: [{ key: '.greeting', value: { a: 1 }, type: 'json' }] },
              { wait: { network: { protocol: 'https', address: 'example.com', code: 200 } } }
            ]
          }
        },
        'x-note': 'kept'
      },
      { name: 'imported', import: { path: 'common', name: 'base' } },
      { name: 'remote', import: { url: 'oci://ghcr.io/acme/skeleton:1.0.0' } }
    ]
  };
}

describe('zarfSchemaErrors: a document against Zarf\'s published JSON schema', () => {
  test('a valid v1alpha1 package has no errors, and the zod schema accepts it too', () => {
    expect(zarfSchemaErrors(richPackage(), 'v1alpha1')).toEqual([]);
    expect(PackageSchema.safeParse(richPackage()).error?.issues).toBeUndefined();
  });

  test('an unknown field, a wrong type and a bad pattern are errors at their JSON pointer', () => {
    const doc = richPackage();
    const [web] = doc['components'] as Json[];
    const metadata = doc['metadata'] as Json;
    if (web === undefined) throw new Error('no component');
    web['imags'] = ['nginx'];
    web['required'] = 'yes';
    metadata['name'] = 'My_App';
    expect(zarfSchemaErrors(doc, 'v1alpha1')).toEqual([
      '/components/0 must NOT have additional properties (imags)',
      '/components/0/required must be boolean',
      '/metadata/name must match pattern "^[a-z0-9][a-z0-9\\-]*$"'
    ]);
  });

  test('an enum and a pattern Zarf checks, and a missing required field', () => {
    const doc = richPackage();
    const [web, , remote] = doc['components'] as Json[];
    ((web?.['charts'] as Json[])[0] as Json)['serverSideApply'] = true;
    (remote?.['import'] as Json)['url'] = 'https://example.com/pkg';
    delete doc['kind'];
    expect(zarfSchemaErrors(doc, 'v1alpha1')).toEqual([
      "/ must have required property 'kind'",
      '/components/0/charts/0/serverSideApply must be equal to one of the allowed values ("true", "false", "auto")',
      '/components/0/charts/0/serverSideApply must be string',
      '/components/2/import/url must match pattern "^oci://.*$"'
    ]);
  });

  test('v1beta1 packages and component configs are checked with their own schemas', () => {
    const beta = {
      apiVersion: 'zarf.dev/v1beta1',
      kind: 'ZarfPackageConfig',
      metadata: { name: 'demo', preventNamespaceOverride: true },
      components: [{ name: 'web', charts: [{ name: 'podinfo', local: { path: 'chart' } }], 'x-note': 1 }]
    };
    expect(zarfSchemaErrors(beta, 'v1beta1-package')).toEqual([]);
    // v1alpha1 knows neither the apiVersion nor a chart's `local`.
    expect(zarfSchemaErrors(beta, 'v1alpha1')).toEqual([
      '/apiVersion must be equal to one of the allowed values ("zarf.dev/v1alpha1")',
      '/components/0/charts/0 must NOT have additional properties (local)',
      '/metadata must NOT have additional properties (preventNamespaceOverride)'
    ]);
    // A v1beta1 chart needs exactly one source.
    const noSource = structuredClone(beta);
    delete (noSource.components[0]?.charts[0] as Partial<(typeof noSource.components)[0]['charts'][0]>).local;
    expect(zarfSchemaErrors(noSource, 'v1beta1-package')).toContain('/components/0/charts/0 must match exactly one schema in oneOf');

    const componentConfig = {
      apiVersion: 'zarf.dev/v1beta1',
      kind: 'ZarfComponentConfig',
      metadata: { name: 'base' },
      component: { images: [{ name: 'nginx:1.25' }] }
    };
    expect(zarfSchemaErrors(componentConfig, 'v1beta1-component')).toEqual([]);
    expect(zarfSchemaErrors({ ...componentConfig, kind: 'ZarfPackageConfig' }, 'v1beta1-component')).toEqual([
      '/kind must be equal to one of the allowed values ("ZarfComponentConfig")'
    ]);
  });
});

describe('fields Zarf knows, typos it does not', () => {
  const pkg = (component: Json): unknown => ({ kind: 'ZarfPackageConfig', metadata: { name: 'demo' }, components: [component] });
  const issues = (doc: unknown): Array<[string, PropertyKey[], string[]]> =>
    (PackageSchema.safeParse(doc).error?.issues ?? []).map((i) => [i.code, i.path, i.code === 'unrecognized_keys' ? i.keys : []]);

  test('a chart with templatedValuesFiles and serverSideApply is accepted', () => {
    const chart = { name: 'app', localPath: 'chart', namespace: 'app', templatedValuesFiles: ['values.tpl.yaml'], serverSideApply: 'true' };
    expect(issues(pkg({ name: 'web', charts: [chart] }))).toEqual([]);
  });

  test('a misspelt chart field is refused at the chart, beside an invalid serverSideApply', () => {
    const chart = { name: 'app', localPath: 'chart', templatedValueFiles: ['values.tpl.yaml'], serverSideApply: true };
    expect(issues(pkg({ name: 'web', charts: [chart] }))).toEqual([
      ['invalid_value', ['components', 0, 'charts', 0, 'serverSideApply'], []],
      ['unrecognized_keys', ['components', 0, 'charts', 0], ['templatedValueFiles']]
    ]);
  });

  test('manifests, actions, values and documentation take their Zarf fields', () => {
    const component = {
      name: 'web',
      manifests: [{ name: 'cfg', kustomizations: ['k'], enableKustomizePlugins: true, serverSideApply: 'auto' }],
      actions: { onRemove: { onFailure: [{ cmd: 'true', setValues: [{ key: '.a', value: 1 }] }] } }
    };
    const doc = { ...(pkg(component) as Json), values: { files: ['v.yaml'] }, documentation: { guide: 'docs/guide.md' } };
    expect(issues(doc)).toEqual([]);
  });

  test("Zarf's patterns and enums are enforced", () => {
    expect(issues(pkg({ name: 'web', manifests: [{ name: 'a/b', files: ['x.yaml'] }], import: { url: 'https://x' } }))).toEqual([
      ['invalid_format', ['components', 0, 'manifests', 0, 'name'], []],
      ['invalid_format', ['components', 0, 'import', 'url'], []]
    ]);
    expect(issues({ kind: 'ZarfPackageConfig', metadata: { name: 'demo', version: 'v1/2' }, components: [{ name: 'web' }] })).toEqual([
      ['invalid_format', ['metadata', 'version'], []]
    ]);
  });

  test('kind takes both of Zarf\'s kinds; components that Zarf dropped are unknown', () => {
    expect(issues({ kind: 'ZarfInitConfig', metadata: { name: 'init' }, components: [{ name: 'c' }] })).toEqual([]);
    expect(issues({ kind: 'ZarfComponentConfig', metadata: { name: 'x' }, components: [{ name: 'c' }] })).toEqual([['invalid_value', ['kind'], []]]);
    expect(issues(pkg({ name: 'web', cosignKeyPath: 'k.pub', extensions: {} }))).toEqual([
      ['unrecognized_keys', ['components', 0], ['cosignKeyPath', 'extensions']]
    ]);
  });
});
