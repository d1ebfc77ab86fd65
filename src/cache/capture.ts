import { AsyncLocalStorage } from 'node:async_hooks';

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

interface Sink {
  problems: string[];
  debug: string[];
  lines: string[];
}

/**
 * Whose write it is: the call's own async context (its awaits, timers and sockets) carries its sink.
 * The rest of the run goes on meanwhile (the restore overlaps with resolving tags) and its writes, with
 * no sink, pass straight through: its own warnings and errors must reach the runner.
 */
const sinks = new AsyncLocalStorage<Sink>();
let active = 0;
let original: typeof process.stdout.write | undefined;

function divert(this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
  const sink = sinks.getStore();
  const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : undefined;
  if (sink !== undefined && text !== undefined) {
    const m = /^::(warning|error)(?: [^:]*)?::(.*)$/s.exec(text.replace(/\r?\n$/, ''));
    if (m !== null) {
      sink.problems.push(unescapeData(m[2] ?? '').split('\n')[0]?.trim() ?? '');
      const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      cb?.();
      return true;
    }
    const d = /^::debug::(.*)$/s.exec(text.replace(/\r?\n$/, ''));
    if (d !== null) sink.debug.push(unescapeData(d[1] ?? ''));
    else if (!text.startsWith('::')) sink.lines.push(...text.split(/\r?\n/).filter((l) => l !== ''));
  }
  return (original as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
}

/**
 * Runs `fn` with the workflow-command annotations (`::warning`, `::error`) that `fn` itself writes
 * diverted from stdout; writes from elsewhere in the process pass through untouched.
 */
export async function captureAnnotations<T>(fn: () => Promise<T>): Promise<Captured<T>> {
  const sink: Sink = { problems: [], debug: [], lines: [] };
  if (active++ === 0) {
    original = process.stdout.write;
    process.stdout.write = divert as typeof process.stdout.write;
  }
  try {
    const value = await sinks.run(sink, fn);
    return { value, ...sink };
  } finally {
    if (--active === 0 && original !== undefined) {
      process.stdout.write = original;
      original = undefined;
    }
  }
}
