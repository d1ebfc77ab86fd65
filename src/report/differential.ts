/** The job summary section of a differential build: what was left out and how many bytes that saved. */
import type { DifferentialSummary } from '../package/differential-stage.js';
import { cell, formatBytes } from './format.js';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function differentialSummaryLines(d: DifferentialSummary): string[] {
  const out = [
    '### Differential package',
    '',
    `Built against \`${cell(d.reference)}\` (version \`${cell(d.previousVersion)}\`): ${plural(d.images.length, 'image')} and ${plural(d.repos.length, 'repository', 'repositories')} it already holds were left out, saving ${formatBytes(d.savedBytes)}.`,
    ''
  ];
  if (d.images.length + d.repos.length > 0) {
    out.push('| left out | kind |', '| --- | --- |');
    for (const i of d.images) out.push(`| \`${cell(i)}\` | image |`);
    for (const r of d.repos) out.push(`| \`${cell(r)}\` | repository |`);
    out.push('');
  }
  return out;
}
