/** The job summary section of a published skeleton: where it is, and the zarf.yaml lines that import it. */
import type { PublishSummary } from '../publish/stage.js';
import { publishSummaryLines } from '../publish/summary.js';

export function skeletonSummaryLines(p: PublishSummary): string[] {
  const lines = publishSummaryLines(p);
  const cut = lines.indexOf('Deploy it from the registry:');
  const head = cut >= 0 ? lines.slice(0, cut) : lines;
  return [
    head[0]?.replace('Published', 'Published a skeleton') ?? '',
    ...head.slice(1),
    'A skeleton holds the definition and its local content, no images: other packages import its components:',
    '',
    '```yaml',
    p.deploy,
    '```',
    ''
  ];
}
