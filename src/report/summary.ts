import path from 'node:path';
import type { LadingError } from '../errors.js';
import type { ResolvedImage } from '../model.js';
import { formatPlatform } from '../oci/platform.js';
import type { PullStats } from '../sources/pull.js';
import type { CacheReport } from '../cache/blob-cache.js';
import { cacheSummaryLines } from '../cache/summary.js';
import { componentSummaryLines, type ComponentRow } from './components.js';
import { cell, formatBytes, formatDuration } from './format.js';
import { publishSummaryLines } from '../publish/summary.js';
import type { DifferentialSummary } from '../package/differential-stage.js';
import { differentialSummaryLines } from './differential.js';
import type { ImageScanResult } from '../package/components/image-scan.js';
import { imageScanSummaryLines } from './image-scan.js';
import { skeletonSummaryLines } from './skeleton.js';
import type { PublishSummary } from '../publish/stage.js';
import { checkSummaryLines, type CheckReport } from './diff.js';

export interface RunReport {
  /** Paths in the summary are shown relative to it. */
  workspace?: string;
  errors: LadingError[];
  warnings: string[];
  packageInfo?: {
    name: string;
    version?: string;
    architecture: string;
    path: string;
    size: number;
    checksum: string;
    /** zarf.yaml as shown to the user */
    definition?: string;
    /** Set when max-package-size split the file: data parts, bytes per part, sha256 of the whole, the limit in MB. */
    split?: { count: number; partSize: number; sha256: string; maxMB: number };
  };
  images?: ResolvedImage[];
  /** Each component with its images, charts, manifests, files and size. */
  components?: ComponentRow[];
  /** Signatures, attestations and referrers carried with the images (input `signatures`). */
  signatures?: Array<{ reference: string; digest: string; kind: string; foundBy: string; subject: string; size: number }>;
  pull?: PullStats;
  /** Where the blobs came from (blob cache, registries) and what the cache saved. */
  cache?: CacheReport;
  /** The published package (input `publish`). */
  publish?: PublishSummary;
  /** The composed definition (imports resolved, flavor and templates applied), as written to the `definition` output. */
  definition?: { path: string; yaml: string };
  /** A differential build (input `differential`): what was left out and the bytes saved. */
  differential?: DifferentialSummary;
  /** A published skeleton (input `skeleton`); `deploy` holds the zarf.yaml lines that import it. */
  skeleton?: PublishSummary;
  /** The images the package's manifests run (find-images), and the charts that were not scanned. */
  imageScan?: Omit<ImageScanResult, 'warnings'>;
  /** Wall-clock milliseconds: the whole run, and the pull and publish stages when they ran. */
  timing?: { totalMs?: number; pullMs?: number; publishMs?: number };
  /** The check stage (`mode: check`, or a comparison with the published package or `compare`). */
  check?: CheckReport;
}

/** GitHub refuses a step summary over 1 MiB; stay under it with room for the note that says so. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024 - 4 * 1024;
/** Rows shown per table; the rest is counted in a note (the log and the `images` output have them all). */
export const MAX_TABLE_ROWS = 250;

export function imageSize(img: ResolvedImage): number {
  return img.blobs.reduce((n, b) => n + b.size, 0);
}

function layerCount(img: ResolvedImage): number {
  return img.blobs.filter((b) => /layer|tar|chart\.content|cosign|\.blob/.test(b.mediaType) && !/manifest|index|config/.test(b.mediaType)).length;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export { formatDuration } from './format.js';

/**
 * Keeps every Markdown table to `maxRows` rows (a table is a run of lines starting with `|`: header,
 * separator, rows) and says how many were left out.
 */
export function capTables(lines: readonly string[], maxRows = MAX_TABLE_ROWS): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (!line.startsWith('|')) {
      out.push(line);
      i++;
      continue;
    }
    let end = i;
    while (end < lines.length && (lines[end] as string).startsWith('|')) end++;
    const table = lines.slice(i, end);
    const rows = table.length - 2;
    if (rows > maxRows) {
      out.push(...table.slice(0, 2 + maxRows), '', `_… and ${plural(rows - maxRows, 'more row')} not shown (the summary keeps ${maxRows} per table; the log lists everything)._`);
    } else out.push(...table);
    i = end;
  }
  return out;
}

/** Cuts the Markdown at a line boundary so that it, with a closing note, fits in `limit` bytes. */
export function fitSummary(markdown: string, limit = SUMMARY_LIMIT_BYTES): string {
  if (Buffer.byteLength(markdown) <= limit) return markdown;
  const note = `\n\n_The summary was cut here to stay under GitHub's 1 MiB limit for a step summary; the log has everything._\n`;
  const budget = limit - Buffer.byteLength(note);
  const lines = markdown.split('\n');
  const kept: string[] = [];
  let size = 0;
  let fence = false;
  for (const l of lines) {
    const n = Buffer.byteLength(l) + 1;
    if (size + n > budget) break;
    kept.push(l);
    size += n;
    if (l.startsWith('```')) fence = !fence;
  }
  if (fence) kept.push('```');
  return kept.join('\n') + note;
}

function errorLines(r: RunReport): string[] {
  const out = [`## ❌ Lading failed: ${r.errors.length === 1 ? '1 problem' : `${r.errors.length} problems`}`, ''];
  for (const e of r.errors) {
    const where = e.position !== undefined ? `\`${e.position.file}:${e.position.line}:${e.position.col}\` ` : '';
    out.push(`- ${where}${e.message}${e.hint !== undefined ? `  \n  ↳ _${e.hint}_` : ''}`);
  }
  out.push('', r.publish === undefined ? 'No package was written: a failed run leaves no file in `output`.' : 'The package was published, but the run failed afterwards.', '');
  for (const e of r.errors) if (e.details !== undefined) out.push(e.details, '');
  return out;
}

function packageLines(r: RunReport, p: NonNullable<RunReport['packageInfo']>): string[] {
  const images = r.images?.length ?? 0;
  const components = r.components?.length;
  const what = [plural(images, 'image'), ...(components !== undefined ? [plural(components, 'component')] : [])].join(', ');
  const took = r.timing?.totalMs !== undefined ? ` in ${formatDuration(r.timing.totalMs)}` : '';
  return [
    `## 📦 ${p.name}${p.version !== undefined ? ` ${p.version}` : ''} (${p.architecture})`,
    '',
    `Built${p.definition !== undefined ? ` from \`${cell(p.definition)}\`` : ''}${took}: ${what}.`,
    '',
    '| | |',
    '| --- | --- |',
    `| package | \`${cell(p.name)}\` |`,
    `| version | ${p.version !== undefined ? `\`${cell(p.version)}\`` : '_none_'} |`,
    `| architecture | \`${cell(p.architecture)}\` |`,
    `| file | \`${cell(p.path)}\` |`,
    ...(p.split !== undefined
      ? [`| split | ${p.split.count} parts of at most ${p.split.maxMB} MB (max-package-size) and \`.part000\`; sha256 of the whole \`${p.split.sha256}\` |`]
      : []),
    `| size | ${formatBytes(p.size)} |`,
    `| checksum | \`${p.checksum}\` (sha256 of \`checksums.txt\`) |`,
    ''
  ];
}

function timingLine(r: RunReport): string[] {
  const t = r.timing;
  if (t === undefined) return [];
  const parts: string[] = [];
  if (t.pullMs !== undefined && r.pull !== undefined) {
    const bytes = Object.values(r.pull.fetchedFrom).reduce((n, v) => n + v.bytes, 0);
    parts.push(`pull ${formatDuration(t.pullMs)}${bytes > 0 ? ` (${formatBytes(bytes)}${t.pullMs > 0 ? ` at ${formatBytes((bytes * 1000) / t.pullMs)}/s` : ''})` : ''}`);
  }
  if (t.publishMs !== undefined) parts.push(`publish ${formatDuration(t.publishMs)}`);
  if (t.totalMs !== undefined) parts.push(`total ${formatDuration(t.totalMs)}`);
  return parts.length > 0 ? [`Time: ${parts.join(' · ')}.`, ''] : [];
}

/**
 * The job summary: errors first, then the package (name, version, architecture, size, checksum), where
 * it was published and how to deploy it, its images, signatures and components, and the transfers.
 * Tables are kept to MAX_TABLE_ROWS rows and the whole to GitHub's 1 MiB limit.
 */
/** The composed definition shown whole, folded; a very long one is cut (the `definition` output has it all). */
export const DEFINITION_SHOWN_BYTES = 128 * 1024;

function definitionLines(d: { path: string; yaml: string }): string[] {
  // A password written into a URL (a repository's https://user:token@host/...) is not shown.
  const yaml = d.yaml.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s'"]*:[^/@\s'"]*@/gi, '$1***@');
  const cut = Buffer.byteLength(yaml) > DEFINITION_SHOWN_BYTES;
  const text = cut ? `${Buffer.from(yaml).subarray(0, DEFINITION_SHOWN_BYTES).toString('utf8').replace(/\n[^\n]*$/, '')}\n# … cut here: the file named by the definition output has the rest` : yaml.replace(/\n$/, '');
  const fence = text.includes('```') ? '~~~~' : '```';
  return ['<details>', `<summary>Composed definition (imports, flavor and templates applied): <code>${cell(path.basename(d.path))}</code>, the <code>definition</code> output</summary>`, '', `${fence}yaml`, text, fence, '', '</details>', ''];
}

/** Where an image actually came from: its registry, a registry-override's mirror, an archive or the Docker daemon. */
function imageSource(img: ResolvedImage, shown: (source: string) => string): string {
  if (img.source !== 'registry') return shown(img.source);
  if (img.pulledFrom !== undefined) return `${img.pulledFrom.registry} (registry-override of ${img.reference.registry})`;
  return img.reference.registry;
}

export function renderSummary(r: RunReport): string {
  const out: string[] = [];
  const shown = (source: string): string => (r.workspace !== undefined && path.isAbsolute(source) ? path.relative(r.workspace, source) || source : source);
  if (r.errors.length > 0) out.push(...errorLines(r));
  if (r.warnings.length > 0) {
    out.push('### ⚠️ Warnings', '', ...r.warnings.map((w) => `- ${w}`), '');
  }
  // A check (or a publish left out, nothing having changed) is what the run did: first. A build's
  // comparison follows what was built and published.
  const checkFirst = r.check !== undefined && (r.check.mode === 'check' || r.check.unchanged !== undefined || r.packageInfo === undefined);
  if (r.check !== undefined && checkFirst) out.push(...checkSummaryLines(r.check));
  if (r.packageInfo !== undefined) out.push(...packageLines(r, r.packageInfo));
  if (r.publish !== undefined) out.push(...publishSummaryLines(r.publish));
  if (r.skeleton !== undefined) out.push(...skeletonSummaryLines(r.skeleton));
  if (r.differential !== undefined) out.push(...differentialSummaryLines(r.differential));
  if (r.check !== undefined && !checkFirst) out.push(...checkSummaryLines(r.check));
  if (r.images !== undefined && r.images.length > 0) {
    out.push('### Images', '', '| reference | digest | platform | size | layers | source |', '| --- | --- | --- | ---: | ---: | --- |');
    for (const img of r.images) {
      const platform = img.keptIndex ? 'index (all platforms)' : formatPlatform(img.descriptor.platform);
      out.push(`| \`${cell(img.written)}\` | \`${img.descriptor.digest}\` | ${platform} | ${formatBytes(imageSize(img))} | ${layerCount(img)} | ${cell(imageSource(img, shown))} |`);
    }
    out.push('');
  }
  if (r.signatures !== undefined) {
    out.push('### Signatures and attestations', '');
    if (r.signatures.length === 0) out.push('None found for these images.', '');
    else {
      out.push('| reference | kind | found by | of | digest | size |', '| --- | --- | --- | --- | --- | ---: |');
      for (const a of r.signatures) out.push(`| \`${cell(a.reference)}\` | ${a.kind} | ${a.foundBy} | \`${cell(a.subject)}\` | \`${a.digest}\` | ${formatBytes(a.size)} |`);
      out.push('');
    }
  }
  if (r.components !== undefined) out.push(...componentSummaryLines(r.components));
  if (r.imageScan !== undefined) out.push(...imageScanSummaryLines(r.imageScan));
  if (r.definition !== undefined) out.push(...definitionLines(r.definition));
  // With the blob cache's report, its table says where every blob came from (cache, registries, archives).
  if (r.pull !== undefined && r.cache === undefined) {
    const s = r.pull;
    out.push('### Transfers', '', '| from | blobs | bytes |', '| --- | ---: | ---: |');
    out.push(`| already present | ${s.reused} | ${formatBytes(s.reusedBytes)} |`);
    for (const [name, v] of Object.entries(s.fetchedFrom).sort()) out.push(`| ${cell(shown(name))} | ${v.blobs} | ${formatBytes(v.bytes)} |`);
    out.push(`| **total** | ${s.blobs} | ${formatBytes(s.bytes)} |`, '');
  }
  if (r.cache !== undefined) out.push(...cacheSummaryLines(r.cache, shown));
  if (r.pull !== undefined || r.cache !== undefined) out.push(...timingLine(r));
  return fitSummary(capTables(out).join('\n'));
}
