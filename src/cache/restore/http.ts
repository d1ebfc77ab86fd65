/**
 * The HTTP client of a cache restore: the same transport as the registry client's
 * (src/oci/transport.ts), through HTTP_PROXY / HTTPS_PROXY unless NO_PROXY lists the host, so the
 * cache service and the storage it hands out are reached as @actions/cache reaches them
 * (self-hosted runners behind a proxy).
 */
import { HttpPool } from '../../oci/transport.js';

export { request, type HttpPool } from '../../oci/transport.js';
export { isTransientStatus } from '../../oci/errors.js';

export function restorePool(): HttpPool {
  // Bodies are read as they come; a storage read where nothing moves this long is a failure to retry.
  return new HttpPool({ connections: 16, idleTimeout: 60_000, proxy: true });
}
