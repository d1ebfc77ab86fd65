import { cell, formatBytes } from '../report/format.js';
import type { PublishSummary } from './stage.js';

/** The job summary's section for a publish: reference, digest, bytes sent and skipped, how to deploy. */
export function publishSummaryLines(p: PublishSummary): string[] {
  const sent = p.uploaded.blobs === 0 ? 'nothing' : `${p.uploaded.blobs} blob${p.uploaded.blobs === 1 ? '' : 's'}, ${formatBytes(p.uploaded.bytes)}`;
  const skippedBlobs = p.skipped.blobs + p.mounted.blobs;
  const skippedBytes = p.skipped.bytes + p.mounted.bytes;
  const skipped = `${skippedBlobs} blob${skippedBlobs === 1 ? '' : 's'}, ${formatBytes(skippedBytes)}${p.mounted.blobs > 0 ? ` (${p.mounted.blobs} mounted from other repositories)` : ''}`;
  return [
    `### 🚀 Published${p.unchanged ? ' (unchanged)' : ''}`,
    '',
    '| | |',
    '| --- | --- |',
    `| reference | \`${cell(p.reference)}\` |`,
    `| digest | \`${p.digest}\` |`,
    `| architectures in the tag | ${p.architectures.map((a) => (a === p.architecture ? `**${cell(a)}**` : cell(a))).join(', ')} |`,
    `| uploaded | ${sent} |`,
    `| skipped (already there) | ${skipped} |`,
    '',
    '```sh',
    p.deploy,
    '```',
    ''
  ];
}
