/** An HTTP status worth another attempt: 408, 429 and 5xx (for every client: registry, downloads, cache). */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** The first `code` on an error or its causes (a wrapped socket error's is on its cause). */
export function errCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur !== undefined && cur !== null; i++) {
    const c = (cur as { code?: unknown }).code;
    if (typeof c === 'string') return c;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

const TRANSIENT_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/** A connection failure worth another attempt (a reset, a refusal, a timeout, node's "socket hang up"), for the registry client and downloads. */
export function isTransientNetworkFailure(code: string, message: string): boolean {
  return TRANSIENT_NETWORK_CODES.has(code) || /socket/i.test(message);
}

/**
 * The one error type of the OCI library. `hint` tells the user what to do;
 * `retriable` marks transient failures (connection resets, 5xx, 429) for the retry loop.
 */
export class OciError extends Error {
  readonly hint: string | undefined;
  readonly status: number | undefined;
  readonly retriable: boolean;
  /** Seconds the server asked us to wait (Retry-After), when it said so. */
  readonly retryAfter: number | undefined;
  readonly code: string;

  constructor(
    message: string,
    opts: { hint?: string; status?: number; retriable?: boolean; retryAfter?: number; code?: string; cause?: unknown } = {}
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'OciError';
    this.hint = opts.hint;
    this.status = opts.status;
    this.retriable = opts.retriable ?? false;
    this.retryAfter = opts.retryAfter;
    this.code = opts.code ?? 'OCI_ERROR';
  }
}
