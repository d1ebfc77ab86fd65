/**
 * What the action uses of undici, an Agent and `request()`, loaded from undici's own files instead
 * of its index: the index loads all of undici (fetch, WebSocket, EventSource, caches, mocks; about
 * 1.5 MB of the 3.4 MB bundle), which every run compiled before its first request. `request()` is
 * the index's own: undici's request API called on the given dispatcher, the URL split into origin
 * and path. Every call names its dispatcher (the global one is never used).
 */
import type { Dispatcher } from 'undici';
import UndiciAgent from 'undici/lib/dispatcher/agent.js';
import requestApi from 'undici/lib/api/api-request.js';
import { parseURL } from 'undici/lib/core/util.js';

export const Agent = UndiciAgent;
export type Agent = UndiciAgent;
export type { Dispatcher };

export type RequestOptions = Omit<Dispatcher.RequestOptions, 'origin' | 'path' | 'method'> & Partial<Pick<Dispatcher.RequestOptions, 'method'>> & { dispatcher: Dispatcher };

/** undici's `request(url, { dispatcher, ... })`. */
export function request(url: string | URL, opts: RequestOptions): Promise<Dispatcher.ResponseData> {
  const u = parseURL(url);
  const { dispatcher, ...rest } = opts;
  return requestApi.call(dispatcher, { ...rest, origin: u.origin, path: u.search ? `${u.pathname}${u.search}` : u.pathname, method: opts.method || (opts.body ? 'PUT' : 'GET') });
}
