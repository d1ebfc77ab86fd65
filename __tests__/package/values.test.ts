import { describe, test, expect, beforeAll, afterAll } from '@jest/globals';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { LadingError } from '../../src/errors.js';
import { goJsonIndent, mergeValuesFiles, renderValuesYaml, writePackageValues } from '../../src/package/values.js';

let tmp: string;
let n = 0;

async function file(name: string, text: string): Promise<string> {
  const dir = path.join(tmp, String(n++));
  await mkdir(dir, { recursive: true });
  const p = path.join(dir, name);
  await writeFile(p, text);
  return p;
}

async function out(): Promise<string> {
  const dir = path.join(tmp, `out-${n++}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

async function failure(p: Promise<unknown>): Promise<LadingError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(LadingError);
    return e as LadingError;
  }
  throw new Error('expected a failure');
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lading-values-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('values.yaml: the deep merge of the values files', () => {
  test('later files win; mappings merge key by key; lists, scalars and null replace', async () => {
    const a = await file(
      'a.yaml',
      'app:\n  replicas: 1\n  image: {repo: nginx, tag: "1.0"}\n  ports: [80, 443]\n  extra: {keep: me}\nlogging: verbose\ngone: here\nonlyA: true\n'
    );
    const b = await file('b.yml', 'app:\n  replicas: 3\n  image: {tag: "2.0"}\n  ports: [8080]\n  extra: flat\nlogging: {level: debug}\ngone: null\nonlyB: 1\n');
    const merged = await mergeValuesFiles([a, b]);
    const parsed = YAML.parse(renderValuesYaml(merged)) as unknown;
    expect(parsed).toEqual({
      app: { replicas: 3, image: { repo: 'nginx', tag: '2.0' }, ports: [8080], extra: 'flat' },
      logging: { level: 'debug' },
      gone: null,
      onlyA: true,
      onlyB: 1
    });
    // The other order gives the other winner.
    const reversed = YAML.parse(renderValuesYaml(await mergeValuesFiles([b, a]))) as Record<string, unknown>;
    expect(reversed.logging).toBe('verbose');
    expect((reversed.app as Record<string, unknown>).replicas).toBe(1);
    expect((reversed.app as Record<string, unknown>).image).toEqual({ repo: 'nginx', tag: '1.0' });
  });

  test('keys are written sorted bytewise at every level, as Go writes a map', async () => {
    const a = await file('sort.yaml', 'zeta: 1\nalpha:\n  9: nine\n  10: ten\n  B: upper\n  a: lower\nMid: x\n');
    expect(renderValuesYaml(await mergeValuesFiles([a]))).toBe('Mid: x\nalpha:\n  "10": ten\n  "9": nine\n  B: upper\n  a: lower\nzeta: 1\n');
  });

  test('an empty file, a comment-only file and a null document are empty mappings; only the first document counts', async () => {
    const empty = await file('empty.yaml', '');
    const comments = await file('comments.yaml', '# nothing here\n');
    const nul = await file('null.yaml', '~\n');
    expect(renderValuesYaml(await mergeValuesFiles([empty, comments, nul]))).toBe('{}\n');
    const multi = await file('multi.yaml', 'first: 1\n---\nsecond: 2\n');
    expect(YAML.parse(renderValuesYaml(await mergeValuesFiles([multi])))).toEqual({ first: 1 });
  });

  test('anchors, aliases and merge keys are resolved; big integers keep every digit', async () => {
    const a = await file('anchors.yaml', 'base: &b {cpu: 1, mem: 2}\nderived:\n  <<: *b\n  mem: 4\ncopy: *b\nbig: 12345678901234567890\n');
    const text = renderValuesYaml(await mergeValuesFiles([a]));
    expect(YAML.parse(text, { intAsBigInt: true })).toEqual({ base: { cpu: 1n, mem: 2n }, big: 12345678901234567890n, copy: { cpu: 1n, mem: 2n }, derived: { cpu: 1n, mem: 4n } });
    expect(text).not.toContain('*');
  });

  test('a file that is not YAML, not a mapping, not .yaml/.yml or missing is one error naming it', async () => {
    const bad = await file('bad.yaml', 'a: 1\nb: [unclosed\n');
    const e1 = await failure(mergeValuesFiles([bad]));
    expect(e1.message).toContain(bad);
    expect(e1.message).toContain('not valid YAML');
    expect(e1.position?.file).toBe(bad);

    const list = await file('list.yaml', '- a\n- b\n');
    const e2 = await failure(mergeValuesFiles([list]));
    expect(e2.message).toBe(`values file ${list} holds a list, not a mapping`);

    const scalar = await file('scalar.yml', 'just text\n');
    expect((await failure(mergeValuesFiles([scalar]))).message).toBe(`values file ${scalar} holds a string, not a mapping`);

    const json = await file('values.json', '{"a": 1}');
    expect((await failure(mergeValuesFiles([json]))).message).toContain('is not a .yaml or .yml file');

    const missing = path.join(tmp, 'missing.yaml');
    expect((await failure(mergeValuesFiles([missing]))).message).toBe(`cannot read values file ${missing}: it does not exist`);
  });

  test('writePackageValues writes values.yaml only when there are values files', async () => {
    const dir = await out();
    expect(await writePackageValues({ files: [], schemas: [] }, dir)).toEqual([]);
    const a = await file('v.yaml', 'x: 1\n');
    expect(await writePackageValues({ files: [a], schemas: [] }, dir)).toEqual(['values.yaml']);
    expect(await readFile(path.join(dir, 'values.yaml'), 'utf8')).toBe('x: 1\n');
  });
});

const DRAFT7 = 'http://json-schema.org/draft-07/schema#';

describe('values.schema.json', () => {
  test("the package's own schema alone is copied byte for byte", async () => {
    const text = `{ "$schema": "${DRAFT7}",\n\t"type":"object", "properties": {"b": {"type": "string"}, "a": {"$ref": "#/$defs/x"}}, "$defs": {"x": {}} }\n\n`;
    const own = await file('schema.json', text);
    const dir = await out();
    expect(await writePackageValues({ files: [], schemas: [own] }, dir)).toEqual(['values.schema.json']);
    expect(await readFile(path.join(dir, 'values.schema.json'), 'utf8')).toBe(text);
  });

  test('schemas merge with the parent winning, then earlier children; maps of schemas merge; required is a union', async () => {
    const parent = await file(
      'parent.json',
      JSON.stringify({
        $schema: DRAFT7,
        type: 'object',
        title: 'Parent <app> & co',
        required: ['name'],
        properties: { name: { type: 'string', maxLength: 10 }, port: { type: 'integer' } },
        $defs: { shared: { type: 'string' } }
      })
    );
    const child1 = await file(
      'child1.json',
      JSON.stringify({
        $schema: DRAFT7,
        type: 'array',
        description: 'first child',
        required: ['port', 'name', 'tls'],
        properties: { name: { type: 'number', minLength: 1 }, tls: { type: 'boolean' } },
        $defs: { shared: { type: 'number', format: 'x' }, own: { const: 1 } },
        patternProperties: { '^x-': { type: 'string' } }
      })
    );
    const child2 = await file(
      'child2.json',
      JSON.stringify({ $schema: DRAFT7, description: 'second child', required: ['extra'], properties: { tls: { type: 'string', default: false } }, definitions: { d: { type: 'null' } } })
    );
    const dir = await out();
    await writePackageValues({ files: [], schemas: [parent, child1, child2] }, dir);
    const written = await readFile(path.join(dir, 'values.schema.json'), 'utf8');
    expect(written).toBe(
      [
        '{',
        '  "$defs": {',
        '    "own": {',
        '      "const": 1',
        '    },',
        '    "shared": {',
        '      "format": "x",',
        '      "type": "string"',
        '    }',
        '  },',
        `  "$schema": "${DRAFT7}",`,
        '  "definitions": {',
        '    "d": {',
        '      "type": "null"',
        '    }',
        '  },',
        '  "description": "first child",',
        '  "patternProperties": {',
        '    "^x-": {',
        '      "type": "string"',
        '    }',
        '  },',
        '  "properties": {',
        '    "name": {',
        '      "maxLength": 10,',
        '      "minLength": 1,',
        '      "type": "string"',
        '    },',
        '    "port": {',
        '      "type": "integer"',
        '    },',
        '    "tls": {',
        '      "default": false,',
        '      "type": "boolean"',
        '    }',
        '  },',
        '  "required": [',
        '    "name",',
        '    "port",',
        '    "tls",',
        '    "extra"',
        '  ],',
        '  "title": "Parent \\u003capp\\u003e \\u0026 co",',
        '  "type": "object"',
        '}'
      ].join('\n')
    );
  });

  test('a lone imported schema (no own schema) is re-written as Zarf writes a merge', async () => {
    const child = await file('only-child.json', '{"type": "object", "$schema": "x"}\n');
    const dir = await out();
    await writePackageValues({ files: [], schemas: [child], parentSchema: false }, dir);
    expect(await readFile(path.join(dir, 'values.schema.json'), 'utf8')).toBe('{\n  "$schema": "x",\n  "type": "object"\n}');
  });

  test('merged schemas must all declare one $schema', async () => {
    const a = await file('a.json', JSON.stringify({ $schema: DRAFT7 }));
    const b = await file('b.json', JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema' }));
    const none = await file('none.json', JSON.stringify({ type: 'object' }));
    const e1 = await failure(writePackageValues({ files: [], schemas: [a, b] }, await out()));
    expect(e1.message).toBe(`values schema ${b} declares "$schema" "https://json-schema.org/draft/2020-12/schema", but ${a} declares "${DRAFT7}"`);
    const e2 = await failure(writePackageValues({ files: [], schemas: [a, none] }, await out()));
    expect(e2.message).toContain(`values schema ${none} has no "$schema"`);
    // A single schema needs none.
    await writePackageValues({ files: [], schemas: [none] }, await out());
  });

  test('an external $ref is refused, alone or merged; internal ones are fine', async () => {
    const ext = await file('ext.json', JSON.stringify({ $schema: DRAFT7, properties: { a: { items: [{ $ref: 'other.json#/x' }] } } }));
    const e1 = await failure(writePackageValues({ files: [], schemas: [ext] }, await out()));
    expect(e1.message).toBe(`values schema ${ext} has an external $ref "other.json#/x" (at properties.a.items[0].$ref)`);
    const ok = await file('ok.json', JSON.stringify({ $schema: DRAFT7, properties: { a: { $ref: '#/$defs/a' } }, $defs: { a: {} } }));
    await failure(writePackageValues({ files: [], schemas: [ok, ext] }, await out()));
    await writePackageValues({ files: [], schemas: [ok] }, await out());
  });

  test('a schema that is not a JSON object is refused, naming the file', async () => {
    const notJson = await file('broken.json', '{"a": ');
    expect((await failure(writePackageValues({ files: [], schemas: [notJson] }, await out()))).message).toContain(`values schema ${notJson} is not valid JSON`);
    const arr = await file('arr.json', '[]');
    expect((await failure(writePackageValues({ files: [], schemas: [arr] }, await out()))).message).toBe(`values schema ${arr} is not a JSON object`);
  });

  test("goJsonIndent writes numbers and strings as Go's encoding/json does", () => {
    expect(goJsonIndent({ big: 1e21, small: 1e-7, neg: -0, frac: 1.5, int: 100000000000000000000, e: [], o: {} })).toBe(
      '{\n  "big": 1e+21,\n  "e": [],\n  "frac": 1.5,\n  "int": 100000000000000000000,\n  "neg": -0,\n  "o": {},\n  "small": 1e-7\n}'
    );
    expect(goJsonIndent('a<b>&c\u2028\u0001\n\b\f\t"\\')).toBe('"a\\u003cb\\u003e\\u0026c\\u2028\\u0001\\n\\b\\f\\t\\"\\\\"');
    expect(goJsonIndent({ é: 1, z: 2, '\u{1F600}': 3, '\uFF01': 4 })).toBe('{\n  "z": 2,\n  "é": 1,\n  "！": 4,\n  "😀": 3\n}');
  });
});
