import path from 'node:path';
import type { LadingError } from '../errors.js';
import type { ResolvedImage } from '../model.js';
import { formatPlatform } from '../oci/platform.js';
import type { PullStats } from '../sources/pull.js';
import type { CacheReport } from '../cache/blob-cache.js';
import { cacheSummaryLines } from '../cache/summary.js';
import { componentSummaryLines, type ComponentRow } from './components.js';
import { cell, formatBytes } from './format.js';
import { publishSummaryLines } from '../publish/summary.js';
import type { PublishSummary } from '../publish/stage.js';

export interface RunReport {
  /** Paths in the summary are shown relative to it. */
  workspace?: string;
  errors: LadingError[];
  warnings: string[];
  packageInfo?: { name: string; version?: string; architecture: string; path: string; size: number; checksum: string };
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
}

export function imageSize(img: ResolvedImage): number {
  return img.blobs.reduce((n, b) => n + b.size, 0);
}

function layerCount(img: ResolvedImage): number {
  return img.blobs.filter((b) => /layer|tar|chart\.content|cosign|\.blob/.test(b.mediaType) && !/manifest|index|config/.test(b.mediaType)).length;
}

/** The job summary: errors first, then the package, its images and the transfer figures. */
export function renderSummary(r: RunReport): string {
  const out: string[] = [];
  const shown = (source: string): string => (r.workspace !== undefined && path.isAbsolute(source) ? path.relative(r.workspace, source) || source : source);
  if (r.errors.length > 0) {
    out.push(`## ❌ Lading failed: ${r.errors.length === 1 ? '1 problem' : `${r.errors.length} problems`}`, '');
    for (const e of r.errors) {
      const where = e.position !== undefined ? `\`${e.position.file}:${e.position.line}:${e.position.col}\` ` : '';
      out.push(`- ${where}${e.message}${e.hint !== undefined ? `  \n  _${e.hint}_` : ''}`);
    }
    out.push('');
    for (const e of r.errors) if (e.details !== undefined) out.push(e.details, '');
  }
  if (r.warnings.length > 0) {
    out.push('### ⚠️ Warnings', '', ...r.warnings.map((w) => `- ${w}`), '');
  }
  if (r.packageInfo !== undefined) {
    const p = r.packageInfo;
    out.push(
      `## 📦 ${p.name}${p.version !== undefined ? ` ${p.version}` : ''} (${p.architecture})`,
      '',
      '| | |',
      '| --- | --- |',
      `| file | \`${cell(p.path)}\` |`,
      `| size | ${formatBytes(p.size)} |`,
      `| checksum | \`${p.checksum}\` |`,
      ''
    );
  }
  if (r.publish !== undefined) out.push(...publishSummaryLines(r.publish));
  if (r.images !== undefined && r.images.length > 0) {
    out.push('### Images', '', '| reference | digest | platform | size | layers | source |', '| --- | --- | --- | ---: | ---: | --- |');
    for (const img of r.images) {
      const platform = img.keptIndex ? 'index (all platforms)' : formatPlatform(img.descriptor.platform);
      out.push(`| \`${cell(img.written)}\` | \`${img.descriptor.digest}\` | ${platform} | ${formatBytes(imageSize(img))} | ${layerCount(img)} | ${cell(img.source === 'registry' ? img.reference.registry : shown(img.source))} |`);
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
  // With the blob cache's report, its table says where every blob came from (cache, registries, archives).
  if (r.pull !== undefined && r.cache === undefined) {
    const s = r.pull;
    out.push('### Transfers', '', '| from | blobs | bytes |', '| --- | ---: | ---: |');
    out.push(`| already present | ${s.reused} | ${formatBytes(s.reusedBytes)} |`);
    for (const [name, v] of Object.entries(s.fetchedFrom).sort()) out.push(`| ${cell(shown(name))} | ${v.blobs} | ${formatBytes(v.bytes)} |`);
    out.push(`| **total** | ${s.blobs} | ${formatBytes(s.bytes)} |`, '');
  }
  if (r.cache !== undefined) out.push(...cacheSummaryLines(r.cache, shown));
  return out.join('\n');
}
