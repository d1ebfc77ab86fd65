#!/usr/bin/env node
/**
 * Writes the README's input and output tables from action.yml, so they cannot drift from it. Each
 * table lives between markers in README.md:
 *
 *   <!-- inputs:start --> ... <!-- inputs:end -->
 *   <!-- outputs:start --> ... <!-- outputs:end -->
 *
 *   node scripts/docs.mjs            # rewrites those regions of README.md
 *   node scripts/docs.mjs --check    # exit 1 (and say which table) when README.md is out of date
 *   node scripts/docs.mjs --readme <file> --action <file> [--check]   # other files (tests)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Escapes text for a Markdown table cell (one line, no bare `|`). */
function cell(text) {
  return String(text).replace(/\r?\n/g, ' ').replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');
}

function defaultCell(value) {
  if (value === undefined || value === null || String(value) === '') return '';
  return `\`${cell(value)}\``;
}

/** The Markdown table of action.yml's inputs: name, default, required, description. */
export function inputsTable(action) {
  const inputs = Object.entries(action.inputs ?? {});
  const lines = ['| input | default | description |', '| --- | --- | --- |'];
  for (const [name, spec] of inputs) {
    const required = spec?.required === true ? ' **(required)**' : '';
    lines.push(`| \`${name}\`${required} | ${defaultCell(spec?.default)} | ${cell(spec?.description ?? '')} |`);
  }
  return lines.join('\n');
}

/** The Markdown table of action.yml's outputs: name, description. */
export function outputsTable(action) {
  const lines = ['| output | description |', '| --- | --- |'];
  for (const [name, spec] of Object.entries(action.outputs ?? {})) lines.push(`| \`${name}\` | ${cell(spec?.description ?? '')} |`);
  return lines.join('\n');
}

/** README text with the region between `<!-- name:start -->` and `<!-- name:end -->` replaced by `body`. */
export function replaceRegion(readme, name, body) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = readme.indexOf(start);
  const j = readme.indexOf(end);
  if (i < 0 || j < i) throw new Error(`README has no ${start} ... ${end} region`);
  return `${readme.slice(0, i + start.length)}\n${body}\n${readme.slice(j)}`;
}

/** The README as it should be for this action.yml. */
export function renderReadme(readme, actionText) {
  const action = YAML.parse(actionText);
  let out = replaceRegion(readme, 'inputs', inputsTable(action));
  out = replaceRegion(out, 'outputs', outputsTable(action));
  return out;
}

function main(argv) {
  const arg = (flag, fallback) => {
    const k = argv.indexOf(flag);
    return k >= 0 && argv[k + 1] !== undefined ? path.resolve(argv[k + 1]) : fallback;
  };
  const readmePath = arg('--readme', path.join(root, 'README.md'));
  const actionPath = arg('--action', path.join(root, 'action.yml'));
  const readme = readFileSync(readmePath, 'utf8');
  const wanted = renderReadme(readme, readFileSync(actionPath, 'utf8'));
  if (argv.includes('--check')) {
    if (wanted !== readme) {
      const stale = ['inputs', 'outputs'].filter((n) => regionOf(readme, n) !== regionOf(wanted, n));
      console.error(`${path.relative(process.cwd(), readmePath) || readmePath}: the ${stale.join(' and ') || 'input/output'} table${stale.length > 1 ? 's are' : ' is'} out of date with ${path.relative(process.cwd(), actionPath) || actionPath}; run: node scripts/docs.mjs`);
      return 1;
    }
    console.log(`${path.relative(process.cwd(), readmePath) || readmePath} is up to date with action.yml`);
    return 0;
  }
  if (wanted !== readme) {
    writeFileSync(readmePath, wanted);
    console.log(`updated the input and output tables of ${path.relative(process.cwd(), readmePath) || readmePath}`);
  } else console.log('README.md already up to date');
  return 0;
}

function regionOf(text, name) {
  const i = text.indexOf(`<!-- ${name}:start -->`);
  const j = text.indexOf(`<!-- ${name}:end -->`);
  return i < 0 || j < i ? '' : text.slice(i, j);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  }
}
