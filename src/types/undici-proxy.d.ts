/** The type of undici's EnvHttpProxyAgent file, loaded by src/cache/restore/http.ts instead of undici's index. */
declare module 'undici/lib/dispatcher/env-http-proxy-agent.js' {
  import { EnvHttpProxyAgent } from 'undici';
  export = EnvHttpProxyAgent;
}
