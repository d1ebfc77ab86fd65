/**
 * Property tests of the zarf.yaml loader: random YAML-ish text, and valid definitions with random
 * edits (lines dropped, duplicated, swapped, re-indented, characters inserted, values replaced,
 * tabs, truncation). Whatever the text, the loader either accepts it or rejects it with LadingErrors
 * (or a LadingError), every one a single readable line with a hint, at a position inside the file.
 * Never another kind of error.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LadingError, LadingErrors } from '../../src/errors.js';
import { loadPackage } from '../../src/definition/index.js';

const RUNS = 250;
let dir: string;

/** A definition using most of what Lading builds; the files it names exist in `dir`. */
const VALID = [
  '# every kind of content',
  'kind: ZarfPackageConfig',
  'metadata:',
  '  name: demo-app',
  '  description: "A demo: with a colon"',
  '  version: 1.0.0',
  '  url: https://example.com',
  '  annotations:',
  '    org.example/team: platform',
  'x-shared: &shared',
  '  - ghcr.io/acme/sidecar:2.1',
  'components:',
  '  - name: web',
  '    required: true',
  '    only:',
  '      cluster:',
  '        architecture: amd64',
  '    images:',
  '      - nginx:1.25',
  `      - ghcr.io/acme/app@sha256:${'0'.repeat(64)}`,
  '    files:',
  '      - source: bin/tool',
  '        target: /usr/local/bin/tool',
  '        executable: true',
  `        shasum: ${'ab'.repeat(32)}`,
  '    manifests:',
  '      - name: app',
  '        namespace: app',
  '        files:',
  '          - manifests/app.yaml',
  '    charts:',
  '      - name: local',
  '        version: 1.0.0',
  '        namespace: local',
  '        localPath: chart',
  '        valuesFiles: [values.yaml]',
  '  - name: tools',
  '    default: true',
  '    images: *shared',
  '    imageArchives:',
  '      - path: images/app.tar',
  '        images:',
  '          - localhost/acme/app:dev',
  ''
].join('\n');

const FILES: Record<string, string> = {
  'bin/tool': '#!/bin/sh\n',
  'manifests/app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n',
  'chart/Chart.yaml': 'apiVersion: v2\nname: local\nversion: 1.0.0\n',
  'values.yaml': 'a: 1\n',
  'images/app.tar': ''
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lading-prop-def-'));
  for (const [rel, text] of Object.entries(FILES)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The text as zarf.yaml of the workspace `dir`, loaded as the action loads it. */
async function load(text: string): ReturnType<typeof loadPackage> {
  await writeFile(path.join(dir, 'zarf.yaml'), text);
  return loadPackage({ definition: '.', workspace: dir, architecture: 'amd64' });
}

/** The invariant: accepted, or LadingError(s) each a line with a hint at a position inside the text. */
async function check(text: string): Promise<'accepted' | LadingError[]> {
  let thrown: unknown;
  try {
    const d = await load(text);
    expect(typeof d.config.metadata.name).toBe('string');
    expect(Array.isArray(d.config.components)).toBe(true);
    // Every position it hands out is inside the file too.
    for (let i = 0; i < d.config.components.length; i++) inside(text, d.positionOf(['components', i, 'images', 0]));
    return 'accepted';
  } catch (e) {
    thrown = e;
  }
  let errors: LadingError[];
  if (thrown instanceof LadingErrors) errors = thrown.errors;
  else if (thrown instanceof LadingError) errors = [thrown];
  else throw new Error(`the loader threw ${thrown instanceof Error ? `${thrown.name}: ${thrown.message}\n${thrown.stack}` : String(thrown)} for:\n${text}`);
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(e).toBeInstanceOf(LadingError);
    expect(e.message).not.toBe('');
    expect(e.message).not.toMatch(/\n/);
    expect(e.message).not.toMatch(/\bat .+:\d+:\d+\)?$/);
    expect(typeof e.hint).toBe('string');
    expect(e.hint).not.toBe('');
    expect(e.position).toBeDefined();
    inside(text, e.position as NonNullable<LadingError['position']>);
  }
  return errors;
}

function inside(text: string, pos: { file: string; line: number; col: number }): void {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = source.split('\n');
  const where = `${pos.file}:${pos.line}:${pos.col} in a file of ${lines.length} lines`;
  expect({ where, file: pos.file }).toEqual({ where, file: 'zarf.yaml' });
  expect({ where, ok: Number.isInteger(pos.line) && pos.line >= 1 && pos.line <= lines.length }).toEqual({ where, ok: true });
  const line = lines[pos.line - 1] ?? '';
  expect({ where, ok: Number.isInteger(pos.col) && pos.col >= 1 && pos.col <= line.length + 1 }).toEqual({ where, ok: true });
}

// ---- Generators ------------------------------------------------------------------------------

const KEYS = ['kind', 'metadata', 'name', 'version', 'description', 'components', 'images', 'required', 'default', 'only', 'cluster', 'architecture', 'imageArchives', 'path', 'files', 'source', 'target', 'charts', 'manifests', 'namespace', 'url', 'localPath', 'valuesFiles', 'uncompressed', 'annotations', 'actions', 'variables', 'x-extra', '<<', 'apiVersion', 'build', 'aggregateChecksum'];
const SCALARS = ['ZarfPackageConfig', 'ZarfInitConfig', 'demo', 'Demo App', '1.0.0', 'true', 'false', 'null', '~', '0', '-1', '1e400', '""', "''", '"unterminated', "'x", 'nginx:1.25', `ghcr.io/a/b@sha256:${'1'.repeat(64)}`, 'UPPER/Case:tag', '../outside', '/abs/path', 'https://example.com/x', 'oci://ghcr.io/a/c:1.0', '&anchor x', '*anchor', '*missing', '!!binary aGk=', '!custom tag', '[a, b]', '{a: 1}', '[unclosed', '{a: ', '|', '>-', '@at', '`tick', '%percent', '? complex', '- item', '#comment', 'a: b: c', '\t', '\u00e9t\u00e9', '\uFEFF'];

const scalar = fc.oneof(fc.constantFrom(...SCALARS), fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 6 }));
const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) });
const indent = fc.integer({ min: 0, max: 8 }).map((n) => ' '.repeat(n));
const yamlLine = fc.oneof(
  fc.tuple(indent, key, scalar).map(([i, k, v]) => `${i}${k}: ${v}`),
  fc.tuple(indent, key).map(([i, k]) => `${i}${k}:`),
  fc.tuple(indent, scalar).map(([i, v]) => `${i}- ${v}`),
  fc.tuple(indent, key, scalar).map(([i, k, v]) => `${i}- ${k}: ${v}`),
  fc.constantFrom('---', '...', '', '# comment', '\t- tab', '%YAML 1.2', 'kind: ZarfPackageConfig', 'components:', 'metadata:', '  name: x')
);
const yamlish = fc.array(yamlLine, { maxLength: 30 }).map((ls) => ls.join('\n'));

type Edit =
  | { kind: 'drop' | 'dup' | 'tab' | 'truncate' | 'crlf' | 'bom'; at: number }
  | { kind: 'swap'; at: number; with: number }
  | { kind: 'indent'; at: number; by: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'value'; at: number; value: string };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constantFrom('drop' as const, 'dup' as const, 'tab' as const, 'truncate' as const, 'crlf' as const, 'bom' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(':', '-', ' ', '"', "'", '[', ']', '{', '}', '&a ', '*a', '\n', '\t', '#', '?', '|', '!!str ', '<<: *shared\n'), fc.string({ maxLength: 4 })) }),
  fc.record({ kind: fc.constant('value' as const), at: fc.nat(), value: scalar })
);

function apply(text: string, e: Edit): string {
  const lines = text.split('\n');
  const i = lines.length === 0 ? 0 : e.at % lines.length;
  switch (e.kind) {
    case 'drop':
      lines.splice(i, 1);
      return lines.join('\n');
    case 'dup':
      lines.splice(i, 0, lines[i] ?? '');
      return lines.join('\n');
    case 'swap': {
      const j = e.with % lines.length;
      [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
      return lines.join('\n');
    }
    case 'indent': {
      const l = lines[i] ?? '';
      lines[i] = e.by >= 0 ? ' '.repeat(e.by) + l : l.replace(new RegExp(`^ {0,${-e.by}}`), '');
      return lines.join('\n');
    }
    case 'tab':
      lines[i] = (lines[i] ?? '').replace(/^ {2}/, '\t');
      return lines.join('\n');
    case 'value': {
      const l = lines[i] ?? '';
      const colon = l.indexOf(': ');
      lines[i] = colon >= 0 ? `${l.slice(0, colon + 2)}${e.value}` : l.replace(/- .*$/, `- ${e.value}`);
      return lines.join('\n');
    }
    case 'insert': {
      const at = e.at % (text.length + 1);
      return text.slice(0, at) + e.text + text.slice(at);
    }
    case 'truncate':
      return text.slice(0, e.at % (text.length + 1));
    case 'crlf':
      return text.replace(/\n/g, '\r\n');
    case 'bom':
      return `\uFEFF${text}`;
  }
}

describe('zarf.yaml loader, property based', () => {
  test('the valid definition loads (the base the edits start from)', async () => {
    expect(await check(VALID)).toBe('accepted');
  });

  test('random YAML-ish text: accepted, or LadingErrors each at a position inside the file', async () => {
    await fc.assert(
      fc.asyncProperty(yamlish, async (text) => {
        await check(text);
      }),
      // Found by this test: the parser's own line count missed a line break after a syntax error.
      { numRuns: RUNS, examples: [['- kind: \nkind: \u0000\n kind:\n       : ']] }
    );
  });

  test('random text of any characters: the same', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 120 })), async (text) => {
        await check(text);
      }),
      { numRuns: RUNS }
    );
  });

  test('a valid definition with one to four random edits: the same', async () => {
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), async (edits) => {
        const r = await check(edits.reduce(apply, VALID));
        if (r !== 'accepted') rejected++;
      }),
      {
        numRuns: RUNS,
        // Found by this test: "\r\r\n" line ends put positions past the end of their line; a folded
        // scalar put a line break into an error message.
        examples: [[[{ kind: 'crlf', at: 0 }, { kind: 'crlf', at: 0 }, { kind: 'value', at: 0, value: '' }]], [[{ kind: 'swap', at: 43, with: 41 }]]]
      }
    );
    // The edits do reach the error paths.
    expect(rejected).toBeGreaterThan(RUNS / 4);
  });
});
