/**
 * The README cannot drift from the action: its input and output tables are what scripts/docs.mjs
 * makes from action.yml; every YAML snippet in it parses (whole workflows with GitHub's parser) and
 * passes Lading only inputs action.yml declares; the top keeps the commands a new user runs first.
 */
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import YAML from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const README = path.join(ROOT, 'README.md');
const ACTION = path.join(ROOT, 'action.yml');
const SCRIPT = path.join(ROOT, 'scripts', 'docs.mjs');

function docs(args: string[]): { code: number; out: string } {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

const readme = (): string => fs.readFileSync(README, 'utf8');
const action = (): { inputs: Record<string, { default?: unknown; description?: string }>; outputs: Record<string, { description?: string }> } =>
  YAML.parse(fs.readFileSync(ACTION, 'utf8')) as ReturnType<typeof action>;

/** Fenced ```yaml blocks of the README, with the line each starts at. */
function yamlBlocks(text: string): Array<{ line: number; body: string }> {
  const out: Array<{ line: number; body: string }> = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ya?ml\s*$/.test(lines[i] as string)) continue;
    const start = i + 1;
    let j = start;
    while (j < lines.length && !(lines[j] as string).startsWith('```')) j++;
    out.push({ line: start + 1, body: lines.slice(start, j).join('\n') });
    i = j;
  }
  return out;
}

/** `with:` of every step using Lading in a parsed snippet (a workflow, a list of steps, or one step). */
function ladingWith(doc: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.uses === 'string' && /^[\w.-]+\/lading@|^\.\/?$/.test(o.uses)) out.push((o.with ?? {}) as Record<string, unknown>);
      Object.values(o).forEach(visit);
    }
  };
  visit(doc);
  return out;
}

describe('README', () => {
  test('the input and output tables are what scripts/docs.mjs makes from action.yml', () => {
    const r = docs(['--check']);
    expect(r).toEqual({ code: 0, out: expect.stringContaining('up to date') });
  });

  test('every input and output of action.yml has its row, with its default', () => {
    const text = readme();
    const a = action();
    for (const [name, spec] of Object.entries(a.inputs)) {
      const def = spec.default === undefined || spec.default === '' ? '' : `\`${String(spec.default)}\``;
      expect(text).toContain(`| \`${name}\` | ${def} | `);
    }
    for (const name of Object.keys(a.outputs)) expect(text).toMatch(new RegExp(`^\\| \`${name}\` \\| `, 'm'));
  });

  test('--check fails and names the table when action.yml changes; a plain run rewrites it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lading-docs-'));
    try {
      const r = path.join(dir, 'README.md');
      const a = path.join(dir, 'action.yml');
      fs.copyFileSync(README, r);
      const doc = YAML.parse(fs.readFileSync(ACTION, 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> };
      doc.inputs['new-input'] = { description: 'Something new | with a pipe.', required: false, default: 'x' };
      fs.writeFileSync(a, YAML.stringify(doc));
      const check = docs(['--readme', r, '--action', a, '--check']);
      expect(check.code).toBe(1);
      expect(check.out).toContain('the inputs table is out of date');
      expect(docs(['--readme', r, '--action', a]).code).toBe(0);
      expect(fs.readFileSync(r, 'utf8')).toContain('| `new-input` | `x` | Something new \\| with a pipe. |');
      expect(docs(['--readme', r, '--action', a, '--check']).code).toBe(0);
      // The rest of the README is untouched.
      expect(fs.readFileSync(r, 'utf8').replace(/\n\| `new-input` .*\|/, '')).toBe(readme());

      doc.outputs['extra'] = { description: 'More.' };
      fs.writeFileSync(a, YAML.stringify(doc));
      expect(docs(['--readme', r, '--action', a, '--check']).out).toContain('the outputs table is out of date');

      fs.writeFileSync(r, '# no markers\n');
      expect(docs(['--readme', r, '--action', a]).out).toContain('README has no <!-- inputs:start -->');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the top shows what Lading is and the commands to try it: npm ci && npm start, npm test', () => {
    const top = readme().split('\n').slice(0, 20).join('\n');
    expect(top).toMatch(/Zarf/);
    expect(top).toContain('npm ci && npm start');
    expect(top).toContain('npm test');
  });

  test('every YAML snippet parses; whole workflows pass GitHub\'s parser; Lading gets only declared inputs', async () => {
    const inputs = new Set(Object.keys(action().inputs));
    const blocks = yamlBlocks(readme());
    expect(blocks.length).toBeGreaterThan(3);
    let workflows = 0;
    let steps = 0;
    for (const b of blocks) {
      const where = `README.md:${b.line}`;
      let doc: unknown;
      try {
        doc = YAML.parse(b.body);
      } catch (e) {
        throw new Error(`${where}: ${(e as Error).message}`);
      }
      for (const w of ladingWith(doc)) {
        steps++;
        expect({ where, unknown: Object.keys(w).filter((k) => !inputs.has(k)) }).toEqual({ where, unknown: [] });
      }
      if (doc !== null && typeof doc === 'object' && 'jobs' in doc && 'on' in doc) {
        workflows++;
        const parsed = parseWorkflow({ name: where, content: b.body }, new NoOperationTraceWriter());
        const template = await convertWorkflowTemplate(parsed.context, parsed.value!);
        expect([...new Set([...parsed.context.errors.getErrors().map((e) => e.message), ...(template.errors ?? []).map((e) => e.Message)])]).toEqual([]);
      }
    }
    expect(workflows).toBeGreaterThan(0);
    expect(steps).toBeGreaterThan(1);
  });

  test('links to files in the repository point at files that exist', () => {
    const links = [...readme().matchAll(/\]\(((?!https?:|#)[^)\s]+)\)/g)].map((m) => m[1] as string);
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) expect({ link: l, exists: fs.existsSync(path.join(ROOT, l.split('#')[0] as string)) }).toEqual({ link: l, exists: true });
  });

  test('links to sections point at headings that exist', () => {
    const text = readme();
    const slug = (h: string): string =>
      h
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-');
    const anchors = new Set(text.split('\n').filter((l) => /^#{1,6} /.test(l)).map((l) => slug(l.replace(/^#+ /, ''))));
    for (const m of text.matchAll(/\]\(#([^)]+)\)/g)) expect({ anchor: m[1], exists: anchors.has(m[1] as string) }).toEqual({ anchor: m[1], exists: true });
  });
});
