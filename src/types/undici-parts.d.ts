/**
 * Types of the undici files src/cache/restore/http.ts loads instead of undici's index (they are
 * CommonJS modules: the default import is their module.exports).
 */
declare module 'undici/lib/api/api-request.js' {
  import type { Dispatcher } from 'undici';
  /** undici's `request` API, called on a dispatcher (undici's index puts it on Dispatcher.prototype). */
  function request(this: Dispatcher, opts: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData>;
  export = request;
}

declare module 'undici/lib/core/util.js' {
  /** The URL checks of undici's `request(url, ...)`: http(s) only, else InvalidArgumentError. */
  export function parseURL(url: string | URL): URL;
}
