/**
 * src/workflow-commands.ts writes the runner's workflow commands itself (start-up: @actions/core's
 * index loads an HTTP client). It must write exactly what @actions/core writes: the same lines on
 * stdout (escaping of data and properties), the same GITHUB_OUTPUT blocks and the same inputs. Each
 * case runs through both and compares.
 */
import { afterAll, afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import * as core from '@actions/core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ours from '../src/workflow-commands.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workflow-commands-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let written: string[] = [];
beforeEach(() => {
  written = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
});
afterEach(() => {
  jest.restoreAllMocks();
});

/** What `fn` writes to stdout. */
async function stdoutOf(fn: () => unknown): Promise<string> {
  written = [];
  await fn();
  return written.join('');
}

const awkward = ['plain', 'a%b', 'two\nlines\r\nand more', 'colon: comma, percent %25', '', '::error::not a command'];
const props: ours.AnnotationProperties[] = [
  {},
  { file: 'zarf.yaml', startLine: 12, startColumn: 5 },
  { title: 'a: title, with %', file: 'dir,with:odd/zarf.yaml', startLine: 1, endLine: 3, startColumn: 1, endColumn: 9 }
];

describe('workflow commands, as @actions/core writes them', () => {
  test('log lines, debug, masks and annotations (error, warning, notice) with awkward text and properties', async () => {
    for (const m of awkward) {
      expect(await stdoutOf(() => ours.info(m))).toBe(await stdoutOf(() => core.info(m)));
      expect(await stdoutOf(() => ours.debug(m))).toBe(await stdoutOf(() => core.debug(m)));
      expect(await stdoutOf(() => ours.setSecret(m))).toBe(await stdoutOf(() => core.setSecret(m)));
      for (const p of props) {
        expect(await stdoutOf(() => ours.error(m, p))).toBe(await stdoutOf(() => core.error(m, p)));
        expect(await stdoutOf(() => ours.warning(m, p))).toBe(await stdoutOf(() => core.warning(m, p)));
        expect(await stdoutOf(() => ours.notice(m, p))).toBe(await stdoutOf(() => core.notice(m, p)));
      }
    }
    const e = new Error('boom: it broke');
    expect(await stdoutOf(() => ours.error(e))).toBe(await stdoutOf(() => core.error(e)));
  });

  test('groups open and close around the work, also when it fails', async () => {
    const work = async (): Promise<number> => 7;
    expect(await stdoutOf(() => ours.group('a, b: c', work))).toBe(await stdoutOf(() => core.group('a, b: c', work)));
    const failing = async (): Promise<never> => {
      throw new Error('x');
    };
    expect(await stdoutOf(() => ours.group('g', failing).catch(() => undefined))).toBe(await stdoutOf(() => core.group('g', failing).catch(() => undefined)));
  });

  test('step outputs: the same GITHUB_OUTPUT block (the delimiter aside), multi-line and non-string values too', async () => {
    const saved = process.env.GITHUB_OUTPUT;
    try {
      for (const [name, value] of [
        ['package', 'out/zarf-package-a-amd64-1.0.0.tar.zst'],
        ['images', JSON.stringify([{ reference: 'x', digest: 'sha256:0' }], null, 2)],
        ['empty', ''],
        ['changed', false]
      ] as const) {
        const a = path.join(dir, `ours-${name}`);
        const b = path.join(dir, `core-${name}`);
        fs.writeFileSync(a, '');
        fs.writeFileSync(b, '');
        process.env.GITHUB_OUTPUT = a;
        ours.setOutput(name, value);
        process.env.GITHUB_OUTPUT = b;
        core.setOutput(name, value);
        const norm = (f: string): string => fs.readFileSync(f, 'utf8').replace(/ghadelimiter_[0-9a-f-]{36}/g, 'DELIMITER');
        expect(norm(a)).toBe(norm(b));
        expect(norm(a)).toContain(`${name}<<DELIMITER`);
      }
    } finally {
      if (saved === undefined) delete process.env.GITHUB_OUTPUT;
      else process.env.GITHUB_OUTPUT = saved;
    }
  });

  test('inputs: the name as the runner spells the variable, trimmed unless asked, and the same error for a required one', () => {
    process.env.INPUT_INDEX_DIGESTS = '  keep \n';
    process.env['INPUT_PLAIN HTTP'] = 'never used';
    process.env.INPUT_PLAIN_HTTP = ' host:5000 ';
    try {
      for (const name of ['index-digests', 'Index-Digests', 'plain http', 'missing']) {
        expect(ours.getInput(name)).toBe(core.getInput(name));
        expect(ours.getInput(name, { trimWhitespace: false })).toBe(core.getInput(name, { trimWhitespace: false }));
      }
      expect(() => ours.getInput('missing', { required: true })).toThrow(new Error('Input required and not supplied: missing'));
      expect(() => core.getInput('missing', { required: true })).toThrow(new Error('Input required and not supplied: missing'));
    } finally {
      delete process.env.INPUT_INDEX_DIGESTS;
      delete process.env['INPUT_PLAIN HTTP'];
      delete process.env.INPUT_PLAIN_HTTP;
    }
  });
});
