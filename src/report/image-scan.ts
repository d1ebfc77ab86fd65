/** The job summary line of the image scan: manifests scanned, images found and missing, charts not scanned. */
import type { ImageScanResult } from '../package/components/image-scan.js';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function imageScanSummaryLines(s: Omit<ImageScanResult, 'warnings'>): string[] {
  if (s.manifests === 0 && s.charts === 0) return [];
  const parts: string[] = [];
  if (s.manifests > 0) {
    parts.push(
      `${plural(s.manifests, 'manifest')} scanned for the images they run (as \`zarf dev find-images\` does): ${plural(s.found, 'image')} found, ${s.missing === 0 ? 'all carried by the package' : `${s.missing} not carried by the package (warnings at their lines)`}.`
    );
  }
  if (s.charts > 0) parts.push(`${plural(s.charts, 'chart')} ${s.charts === 1 ? 'was' : 'were'} not scanned: Lading does not render Helm templates, so list the images a chart runs yourself.`);
  return ['### Images in manifests', '', ...parts, ''];
}
