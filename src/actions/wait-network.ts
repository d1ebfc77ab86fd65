/**
 * An onCreate `wait.network`, as Zarf's wait.ForNetwork does it: every second, until the timeout
 * (the action's own maxTotalSeconds, 300 s when not above 0), `http`/`https` GET
 * `<protocol>://<address>` answering the `code` (200 when none is given), or a `tcp` connection to
 * `address` being accepted.
 */
import net from 'node:net';
import type { NetworkWait } from './config.js';

const INTERVAL_MS = 1000;
export const DEFAULT_WAIT_SECONDS = 300;

export class WaitTimeout extends Error {}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

async function probeHttp(url: string, code: number, signal: AbortSignal): Promise<boolean> {
  const request = AbortSignal.any([signal, AbortSignal.timeout(INTERVAL_MS - 5)]);
  try {
    const res = await fetch(url, { signal: request, redirect: 'follow' });
    await res.body?.cancel().catch(() => undefined);
    return res.status === code;
  } catch {
    return false;
  }
}

function probeTcp(address: string, signal: AbortSignal): Promise<boolean> {
  const at = address.lastIndexOf(':');
  const host = at > 0 ? address.slice(0, at).replace(/^\[(.*)\]$/, '$1') : address;
  const port = at > 0 ? Number(address.slice(at + 1)) : NaN;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) return Promise.resolve(false);
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, signal, timeout: INTERVAL_MS });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

/** Resolves once the address answers; rejects with WaitTimeout after `seconds`, or when `signal` aborts. */
export async function waitForNetwork(wait: NetworkWait, seconds: number, signal: AbortSignal, log: (line: string) => void): Promise<void> {
  const protocol = wait.protocol.toLowerCase();
  const http = protocol.startsWith('http');
  const code = wait.code !== undefined && wait.code !== 0 ? wait.code : 200;
  log(`waiting for ${protocol}/${wait.address}${http || wait.code ? ` to be ${code}` : ''} (up to ${seconds} s)`);
  const deadline = AbortSignal.any([signal, AbortSignal.timeout(seconds * 1000)]);
  while (!deadline.aborted) {
    const started = Date.now();
    const ok = http ? await probeHttp(`${protocol}://${wait.address}`, code, deadline) : await probeTcp(wait.address, deadline);
    if (ok) return;
    await sleep(Math.max(0, INTERVAL_MS - (Date.now() - started)), deadline);
  }
  if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('cancelled');
  throw new WaitTimeout('wait timed out');
}
