/**
 * Loopback helpers for the integration fixtures: free ports, waiting for a server to answer.
 * Everything here talks to 127.0.0.1 only.
 */
import net from 'node:net';

export const LOOPBACK = '127.0.0.1';

/** A port that was free a moment ago: bind 127.0.0.1:0, read the port, close the socket. */
export async function freePort(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, LOOPBACK, () => {
      const addr = srv.address();
      if (addr === null || typeof addr === 'string') {
        srv.close();
        reject(new Error('could not read the bound port'));
        return;
      }
      const port = addr.port;
      srv.close((err) => (err ? reject(err) : resolve(port)));
    });
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Poll `url` until it answers with a status that `accept` likes (default: any HTTP answer).
 * `alive` lets the caller stop early when the server process has died.
 */
export async function waitForHttp(
  url: string,
  opts: { timeoutMs?: number; accept?: (status: number) => boolean; alive?: () => string | undefined } = {}
): Promise<number> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  const accept = opts.accept ?? (() => true);
  let last: unknown;
  while (Date.now() < deadline) {
    const dead = opts.alive?.();
    if (dead !== undefined) throw new Error(`server exited before answering ${url}: ${dead}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (accept(res.status)) return res.status;
      last = `status ${res.status}`;
    } catch (err) {
      last = err;
    }
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${url}: ${String(last)}`);
}
