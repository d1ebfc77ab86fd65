/**
 * The lookup of the Actions cache service (v2: twirp JSON at ACTIONS_RESULTS_URL, the service
 * GitHub.com runners use), as @actions/cache 6 sends it: `GetCacheEntryDownloadURL` with the key, the
 * restore keys and the entry's version, the runtime token as a bearer token. It answers with the
 * matched key and a signed URL of the entry's archive. GHES runs the older service (v1), which
 * @actions/cache keeps handling (src/cache/actions.ts).
 */
import pRetry, { AbortError } from 'p-retry';
import { request, isTransientStatus, type HttpPool } from './http.js';

export const CACHE_SERVICE = 'github.actions.results.api.v1.CacheService';

export interface LookupRequest {
  key: string;
  restoreKeys: string[];
  version: string;
}

export interface FoundEntry {
  matchedKey: string;
  /** The signed URL of the archive (a secret: never logged). */
  url: string;
}

/** Thrown for a refusal of the service, with its status (the caller reports one line). */
export class CacheServiceError extends Error {
  constructor(
    message: string,
    readonly status?: number
  ) {
    super(message);
    this.name = 'CacheServiceError';
  }
}

/**
 * Looks the keys up; undefined when no entry matches. Transient failures are retried (5 attempts in
 * all, as @actions/cache); 429 is not retried.
 */
export async function lookupEntry(
  env: NodeJS.ProcessEnv,
  req: LookupRequest,
  o: { pool: HttpPool; userAgent: string; signal?: AbortSignal; retryDelayMs?: number }
): Promise<FoundEntry | undefined> {
  const url = new URL(`/twirp/${CACHE_SERVICE}/GetCacheEntryDownloadURL`, env.ACTIONS_RESULTS_URL);
  const body = JSON.stringify({ key: req.key, restore_keys: req.restoreKeys, version: req.version });
  const answer = await pRetry(
    async () => {
      const res = await request(o.pool, url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${env.ACTIONS_RUNTIME_TOKEN ?? ''}`, 'user-agent': o.userAgent, accept: 'application/json' },
        body,
        ...(o.signal !== undefined ? { signal: o.signal } : {})
      });
      const text = await res.body.text();
      if (res.statusCode >= 200 && res.statusCode < 300) {
        try {
          return JSON.parse(text) as Record<string, unknown>;
        } catch {
          throw new CacheServiceError(`the cache service answered ${res.statusCode} with a body that is not JSON`, res.statusCode);
        }
      }
      let msg = '';
      try {
        msg = String((JSON.parse(text) as { msg?: unknown }).msg ?? '');
      } catch {
        // not a twirp error body
      }
      const e = new CacheServiceError(`the cache service refused the lookup (${res.statusCode}${msg !== '' ? `: ${msg}` : ''})`, res.statusCode);
      if (isTransientStatus(res.statusCode) && res.statusCode !== 429) throw e;
      throw new AbortError(e);
    },
    { retries: 4, minTimeout: o.retryDelayMs ?? 1000, factor: 1.5, ...(o.signal !== undefined ? { signal: o.signal } : {}) }
  );
  if (answer.ok !== true) return undefined;
  const matchedKey = typeof answer.matched_key === 'string' ? answer.matched_key : '';
  const signed = typeof answer.signed_download_url === 'string' ? answer.signed_download_url : '';
  if (matchedKey === '' || signed === '') throw new CacheServiceError('the cache service found an entry but gave no key or no download URL');
  return { matchedKey, url: signed };
}
