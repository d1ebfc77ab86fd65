/**
 * The HTTP client of a cache restore: undici's EnvHttpProxyAgent, so the cache service and the
 * storage it hands out are reached through HTTP_PROXY / HTTPS_PROXY unless NO_PROXY lists the host,
 * as @actions/cache reaches them (self-hosted runners behind a proxy). undici is loaded from its own
 * files, not its index (which loads fetch, WebSocket, caches and mocks), and only by a run that
 * restores a cache (this module is a chunk of its own).
 */
import type { Dispatcher } from 'undici';
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js';
import requestApi from 'undici/lib/api/api-request.js';
import { parseURL } from 'undici/lib/core/util.js';

export { isTransientStatus } from '../../oci/errors.js';
export type { Dispatcher };

export type RequestOptions = Omit<Dispatcher.RequestOptions, 'origin' | 'path' | 'method'> & Partial<Pick<Dispatcher.RequestOptions, 'method'>> & { dispatcher: Dispatcher };

/** undici's `request(url, { dispatcher, ... })`: its request API on the given dispatcher, the URL split into origin and path. */
export function request(url: string | URL, opts: RequestOptions): Promise<Dispatcher.ResponseData> {
  const u = parseURL(url);
  const { dispatcher, ...rest } = opts;
  return requestApi.call(dispatcher, { ...rest, origin: u.origin, path: u.search ? `${u.pathname}${u.search}` : u.pathname, method: opts.method || (opts.body ? 'PUT' : 'GET') });
}

export function restoreDispatcher(): Dispatcher & { close(): Promise<void> } {
  // Bodies are read as they come; a storage read that stalls this long is a failure to retry.
  return new EnvHttpProxyAgent({ connections: 16, headersTimeout: 60_000, bodyTimeout: 60_000 });
}
