/**
 * The HTTP client of a cache restore: undici's EnvHttpProxyAgent, so the cache service and the
 * storage it hands out are reached through HTTP_PROXY / HTTPS_PROXY unless NO_PROXY lists the host,
 * as @actions/cache reaches them (self-hosted runners behind a proxy).
 */
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js';
import type { Dispatcher } from '../../oci/undici.js';

export { request } from '../../oci/undici.js';
export { isTransientStatus } from '../../oci/errors.js';
export type { Dispatcher };

export function restoreDispatcher(): Dispatcher & { close(): Promise<void> } {
  // Bodies are read as they come; a storage read that stalls this long is a failure to retry.
  return new EnvHttpProxyAgent({ connections: 16, headersTimeout: 60_000, bodyTimeout: 60_000 });
}
