/**
 * @actions/cache reports its own trouble with `core.warning` / `core.error` (several lines, some of
 * them error annotations for a 5xx of the cache service). Cache trouble must never look like a failed
 * build, so while a library call runs its annotations are held back (everything else it prints goes
 * through) and the caller turns them into one warning line of its own.
 */

export interface Captured<T> {
  value: T;
  /** Messages of the warning and error annotations the call tried to write, first line each. */
  problems: string[];
  /** ::debug:: messages (still written through). */
  debug: string[];
  /** Other lines written (still written through). */
  lines: string[];
}

function unescapeData(s: string): string {
  return s.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
}

/** Runs `fn` with workflow-command annotations (`::warning`, `::error`) diverted from stdout. */
export async function captureAnnotations<T>(fn: () => Promise<T>): Promise<Captured<T>> {
  const problems: string[] = [];
  const debug: string[] = [];
  const lines: string[] = [];
  const original = process.stdout.write;
  const patched = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : undefined;
    if (text !== undefined) {
      const m = /^::(warning|error)(?: [^:]*)?::(.*)$/s.exec(text.replace(/\r?\n$/, ''));
      if (m !== null) {
        problems.push(unescapeData(m[2] ?? '').split('\n')[0]?.trim() ?? '');
        const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
        cb?.();
        return true;
      }
      const d = /^::debug::(.*)$/s.exec(text.replace(/\r?\n$/, ''));
      if (d !== null) debug.push(unescapeData(d[1] ?? ''));
      else if (!text.startsWith('::')) lines.push(...text.split(/\r?\n/).filter((l) => l !== ''));
    }
    return (original as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  };
  process.stdout.write = patched as typeof process.stdout.write;
  try {
    const value = await fn();
    return { value, problems, debug, lines };
  } finally {
    process.stdout.write = original;
  }
}
