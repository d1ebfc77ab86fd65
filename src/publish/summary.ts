import { cell, formatBytes } from '../report/format.js';
import type { PublishSummary } from './stage.js';

/** The job summary's section for a publish: reference, digest, bytes sent and skipped, how to deploy. */
export function publishSummaryLines(p: PublishSummary): string[] {
  const sent = p.uploaded.blobs === 0 ? 'nothing' : `${p.uploaded.blobs} blob${p.uploaded.blobs === 1 ? '' : 's'}, ${formatBytes(p.uploaded.bytes)}`;
  const blobs = (v: { blobs: number; bytes: number }): string => (v.blobs === 0 ? 'none' : `${v.blobs} blob${v.blobs === 1 ? '' : 's'}, ${formatBytes(v.bytes)}`);
  return [
    `### 🚀 Published${p.unchanged ? ' (unchanged)' : ''}`,
    '',
    '| | |',
    '| --- | --- |',
    `| reference | \`${cell(p.reference)}\` |`,
    `| digest | \`${p.digest}\` |`,
    `| architectures in the tag | ${p.architectures.map((a) => (a === p.architecture ? `**${cell(a)}**` : cell(a))).join(', ')} |`,
    `| uploaded | ${sent} |`,
    ...(p.mounted.blobs > 0 ? [`| mounted from other repositories (not sent) | ${blobs(p.mounted)} |`] : []),
    `| already in the repository (not sent) | ${blobs(p.skipped)} |`,
    '',
    'Deploy it from the registry:',
    '',
    '```sh',
    p.deploy,
    '```',
    ''
  ];
}
