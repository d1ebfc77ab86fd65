/**
 * The job summary's view of components: what each one carries (images, charts, manifests,
 * kustomizations, data injections, files, values files) and how big it is, the onCreate actions that
 * ran (with their time), then every piece of content with where it came from (a kustomization: its
 * folder or URL, and the tool that built it).
 */
import type { ResolvedImage } from '../model.js';
import type { ContentItem } from '../package/components/collect.js';
import { cell, formatBytes, formatDuration } from './format.js';

/** An onCreate action that ran. */
export interface ActionRow {
  when: 'before' | 'after';
  title: string;
  durationMs: number;
  attempts: number;
}

export interface ComponentRow {
  name: string;
  images: Array<{ written: string; size: number }>;
  content: ContentItem[];
  /** Size of `components/<name>.tar`, when the component has one. */
  tarSize?: number;
  /** onCreate actions run for it, in order. */
  actions?: ActionRow[];
}

function imageBytes(img: ResolvedImage): number {
  return img.blobs.reduce((n, b) => n + b.size, 0);
}

/** One row per component of zarf.yaml, in its order. */
export function componentReport(
  components: ReadonlyArray<{ name: string }>,
  images: readonly ResolvedImage[],
  content: Readonly<Record<string, ContentItem[]>>,
  files: ReadonlyArray<{ path: string; size: number }>,
  actions: Readonly<Record<string, ActionRow[]>> = {}
): ComponentRow[] {
  return components.map((c) => {
    const tar = files.find((f) => f.path === `components/${c.name}.tar`);
    const ran = actions[c.name] ?? [];
    return {
      name: c.name,
      images: images.filter((i) => i.component === c.name).map((i) => ({ written: i.written, size: imageBytes(i) })),
      content: content[c.name] ?? [],
      ...(tar !== undefined ? { tarSize: tar.size } : {}),
      ...(ran.length > 0 ? { actions: ran } : {})
    };
  });
}

function count(items: readonly ContentItem[], kind: ContentItem['kind']): string {
  const n = items.filter((i) => i.kind === kind).length;
  return n === 0 ? '' : String(n);
}

/** Markdown lines for the summary (nothing when there are no components). */
export function componentSummaryLines(rows: readonly ComponentRow[]): string[] {
  if (rows.length === 0) return [];
  // Columns for kustomizations and data injections only when some component has them.
  const all = rows.flatMap((r) => r.content);
  const extra = (['kustomization', 'data'] as const).filter((k) => all.some((i) => i.kind === k));
  const heads = { kustomization: 'kustomizations', data: 'data injections' } as const;
  const out = [
    '### Components',
    '',
    `| component | images | charts | manifests | ${extra.map((k) => `${heads[k]} | `).join('')}files | values | size |`,
    `| --- | ---: | ---: | ---: | ${extra.map(() => '---: | ').join('')}---: | ---: | ---: |`
  ];
  for (const r of rows) {
    const imageSize = r.images.reduce((n, i) => n + i.size, 0);
    const size = [r.tarSize !== undefined ? `${formatBytes(r.tarSize)} tar` : '', r.images.length > 0 ? `${formatBytes(imageSize)} images` : ''].filter((s) => s !== '').join(' + ');
    out.push(
      `| \`${cell(r.name)}\` | ${r.images.length === 0 ? '' : r.images.length} | ${count(r.content, 'chart')} | ${count(r.content, 'manifest')} | ${extra.map((k) => `${count(r.content, k)} | `).join('')}${count(r.content, 'file')} | ${count(r.content, 'values')} | ${size === '' ? 'empty' : size} |`
    );
  }
  out.push('');
  const actions = rows.flatMap((r) => (r.actions ?? []).map((a) => ({ component: r.name, ...a })));
  if (actions.length > 0) {
    out.push('#### onCreate actions', '', '| component | when | action | time |', '| --- | --- | --- | ---: |');
    for (const a of actions) {
      out.push(`| \`${cell(a.component)}\` | ${a.when} | ${cell(a.title)} | ${formatDuration(a.durationMs)}${a.attempts > 1 ? ` (${a.attempts} attempts)` : ''} |`);
    }
    out.push('');
  }
  const items = rows.flatMap((r) => r.content.map((i) => ({ component: r.name, ...i })));
  if (items.length > 0) {
    out.push('#### Component content', '', '| component | in the package | from | size | check |', '| --- | --- | --- | ---: | --- |');
    for (const i of items) {
      out.push(`| \`${cell(i.component)}\` | \`components/${cell(i.component)}.tar\`: \`${cell(i.path)}\` | \`${cell(i.source)}\` | ${formatBytes(i.size)} | ${i.verified ?? ''} |`);
    }
    out.push('');
  }
  return out;
}
