import { cell, formatBytes } from '../report/format.js';
import type { CacheReport } from './blob-cache.js';

/** The job summary's "Transfers" section with the blob cache: where every blob came from, and what the cache saved. */
export function cacheSummaryLines(c: CacheReport, shown: (source: string) => string = (s) => s): string[] {
  const mode = c.mode === 'actions' ? 'Actions cache' : c.mode === 'local' ? 'runner tool cache' : 'off';
  const out = ['### Transfers', ''];
  const facts: string[] = [`blob cache: **${mode}**${c.mode !== 'off' && !c.active ? ' (not available here: blobs kept for this run only)' : ''}`, `cache-hit: **${c.hit}**`];
  if (c.restored.length > 0) facts.push(`restored ${c.restored.map((k) => `\`${cell(k)}\``).join(', ')}`);
  if (c.saved !== undefined) facts.push(`saved \`${cell(c.saved)}\``);
  else if (c.saveNote !== undefined) facts.push(cell(c.saveNote));
  if (c.corrupt > 0) facts.push(`${c.corrupt} corrupt cached blob${c.corrupt === 1 ? '' : 's'} removed and fetched again`);
  if (c.pruned !== undefined && c.pruned.blobs > 0) facts.push(`pruned ${c.pruned.blobs} unused blob${c.pruned.blobs === 1 ? '' : 's'} (${formatBytes(c.pruned.bytes)})`);
  out.push(facts.join(' · '), '', '| from | blobs | bytes |', '| --- | ---: | ---: |');
  // A cache that was off or unavailable served nothing: no row for it.
  if (c.active || c.fromCache.blobs > 0) out.push(`| blob cache | ${c.fromCache.blobs} | ${formatBytes(c.fromCache.bytes)} |`);
  let blobs = c.fromCache.blobs;
  let bytes = c.fromCache.bytes;
  for (const [name, v] of Object.entries(c.fromSources).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    out.push(`| ${cell(shown(name))} | ${v.blobs} | ${formatBytes(v.bytes)} |`);
    blobs += v.blobs;
    bytes += v.bytes;
  }
  out.push(`| **total** | ${blobs} | ${formatBytes(bytes)} |`, '');
  return out;
}
