/**
 * The job summary's sections of the check stage: what a check found (no package built), whether a
 * publish was left out because nothing changed, and the table of changes against the package
 * compared with.
 */
import type { PackageDiff } from '../check/diff.js';
import { cell, formatBytes } from './format.js';

/** What the summary shows of the check stage. */
export interface CheckReport {
  mode: 'build' | 'check';
  name: string;
  version?: string;
  architecture: string;
  images: number;
  charts: number;
  files: number;
  /** Sources that had to be downloaded to be known (no digest before reading). */
  downloaded: string[];
  /** The published package left as it is (nothing changed). */
  unchanged?: { reference: string; digest: string };
  diff?: PackageDiff;
}

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

function signed(n: number): string {
  return `${n >= 0 ? '+' : '−'}${formatBytes(Math.abs(n))}`;
}

export function diffSummaryLines(d: PackageDiff): string[] {
  const out = [`### Changes since \`${cell(d.against)}\``, ''];
  if (!d.found) return [...out, 'Nothing is published there yet: everything in this package is new.', ''];
  if (d.rows.length === 0 && d.notCompared.length === 0) out.push('No change: the published package holds exactly this content (images, charts, files and manifests).', '');
  if (d.rows.length > 0) {
    out.push('| change | what | component | published | now | at |', '| --- | --- | --- | --- | --- | --- |');
    for (const r of d.rows) {
      const at = r.position !== undefined ? `\`${cell(r.position.file)}:${r.position.line}\`` : '';
      const what = `${r.kind} \`${cell(r.what)}\`${r.note !== undefined ? `<br>_${cell(r.note)}_` : ''}`;
      out.push(`| ${r.change} | ${what} | ${cell(r.component)} | ${r.old !== undefined ? `\`${cell(r.old)}\`` : ''} | ${r.new !== undefined ? `\`${cell(r.new)}\`` : ''} | ${at} |`);
    }
    out.push('');
  }
  for (const n of d.notCompared) out.push(`- Not compared: ${cell(n)}`);
  if (d.notCompared.length > 0) out.push('');
  const delta = d.size.new - d.size.old;
  out.push(`Size (image blobs and component files, uncompressed): ${formatBytes(d.size.old)} published, ${formatBytes(d.size.new)} now (${signed(delta)})${d.size.unknown > 0 ? `, not counting ${plural(d.size.unknown, 'file')} known only by digest` : ''}.`, '');
  return out;
}

export function checkSummaryLines(c: CheckReport): string[] {
  const out: string[] = [];
  const title = `${c.name}${c.version !== undefined ? ` ${c.version}` : ''} (${c.architecture})`;
  const counts = `${plural(c.images, 'image')} resolved to their digests, ${plural(c.charts, 'chart')} to their versions and digests, ${plural(c.files, 'file')} and manifests hashed`;
  if (c.mode === 'check') {
    out.push(`## 🔎 ${title}: checked`, '', `${counts}; no layer was downloaded and no package was written (\`mode: check\`).`, '');
  } else if (c.unchanged !== undefined) {
    out.push(`## ✅ ${title}: unchanged`, '', `\`${cell(c.unchanged.reference)}\` (\`${c.unchanged.digest}\`) already holds exactly this content: nothing was downloaded or published and the tag was left as it is.`, '');
  }
  if (c.downloaded.length > 0) out.push(`Downloaded to be known (nothing gives their digest beforehand): ${c.downloaded.map((d) => `\`${cell(d)}\``).join(', ')}.`, '');
  if (c.diff !== undefined) out.push(...diffSummaryLines(c.diff));
  return out;
}
