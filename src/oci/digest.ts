import { createHash, type Hash } from 'node:crypto';
import { OciError } from './errors.js';

/** A validated content digest: `sha256:` + 64 lowercase hex, or `sha512:` + 128. */
export type Digest = `sha256:${string}` | `sha512:${string}`;
export type DigestAlgorithm = 'sha256' | 'sha512';

const DIGEST_RE = /^(sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$/;

export function isDigest(value: unknown): value is Digest {
  return typeof value === 'string' && DIGEST_RE.test(value);
}

/** Validates a digest before anything (a path, a URL) is built from it. */
export function parseDigest(value: string, what = 'digest'): Digest {
  if (!isDigest(value)) {
    const shown = value.length > 80 ? `${value.slice(0, 80)}...` : value;
    throw new OciError(`invalid ${what} "${shown}"`, {
      hint: 'a digest is sha256: followed by 64 lowercase hex characters (or sha512: and 128)',
      code: 'INVALID_DIGEST'
    });
  }
  return value;
}

export function digestAlgorithm(d: Digest): DigestAlgorithm {
  return d.slice(0, d.indexOf(':')) as DigestAlgorithm;
}

export function digestHex(d: Digest): string {
  return d.slice(d.indexOf(':') + 1);
}

export function sha256(data: Uint8Array | string): Digest {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

export function digestOf(data: Uint8Array, algorithm: DigestAlgorithm = 'sha256'): Digest {
  return `${algorithm}:${createHash(algorithm).update(data).digest('hex')}` as Digest;
}

/** Incremental hasher that yields a Digest. */
export class Digester {
  private readonly hash: Hash;
  readonly algorithm: DigestAlgorithm;
  constructor(algorithm: DigestAlgorithm = 'sha256') {
    this.algorithm = algorithm;
    this.hash = createHash(algorithm);
  }
  update(chunk: Uint8Array): void {
    this.hash.update(chunk);
  }
  digest(): Digest {
    return `${this.algorithm}:${this.hash.digest('hex')}` as Digest;
  }
}
