import { isDigest, type Digest } from './digest.js';
import { OciError } from './errors.js';

export const DOCKER_HUB = 'docker.io';
const DOCKER_HUB_ENDPOINT = 'registry-1.docker.io';
const DOCKER_HUB_LEGACY = new Set(['index.docker.io', 'registry-1.docker.io', 'docker.io']);

// The grammar of distribution/reference, restricted to lowercase repository paths.
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const PORT = /^[0-9]{1,5}$/;
const MAX_NAME = 255;

function invalid(text: string, why: string, hint?: string): OciError {
  return new OciError(`invalid image reference "${text}": ${why}`, {
    hint: hint ?? 'write it as [registry/]repository[:tag][@sha256:<64 hex>], e.g. ghcr.io/acme/app:1.2.3',
    code: 'INVALID_REFERENCE'
  });
}

function validDomain(domain: string): boolean {
  if (domain.startsWith('[')) {
    // IPv6 literal, optionally with a port.
    const m = /^\[([0-9a-fA-F:.]+)\](?::([0-9]{1,5}))?$/.exec(domain);
    return m !== null;
  }
  const [host, port, ...rest] = domain.split(':');
  if (rest.length > 0 || host === undefined || host === '') return false;
  if (port !== undefined && !PORT.test(port)) return false;
  return host.split('.').every((c) => DOMAIN_COMPONENT.test(c));
}

/**
 * A parsed, normalized image reference. `original` keeps the text as the user wrote it
 * so errors can quote it.
 */
export class Reference {
  readonly original: string;
  /** Registry as named in the reference, normalized: `docker.io` for Docker Hub. */
  readonly registry: string;
  readonly repository: string;
  readonly tag: string | undefined;
  readonly digest: Digest | undefined;

  private constructor(original: string, registry: string, repository: string, tag: string | undefined, digest: Digest | undefined) {
    this.original = original;
    this.registry = registry;
    this.repository = repository;
    this.tag = tag;
    this.digest = digest;
  }

  /** Parses `name[:tag][@digest]` with Docker's defaults (docker.io, library/, :latest). */
  static parse(text: string): Reference {
    if (typeof text !== 'string' || text.trim() === '') throw invalid(String(text), 'it is empty');
    if (text !== text.trim() || /\s/.test(text)) throw invalid(text, 'it contains whitespace');
    let rest = text;
    let digest: Digest | undefined;
    const at = rest.indexOf('@');
    if (at >= 0) {
      const d = rest.slice(at + 1);
      rest = rest.slice(0, at);
      if (!isDigest(d)) {
        throw invalid(text, `"${d.length > 80 ? d.slice(0, 80) + '...' : d}" is not a valid digest`, 'a digest is sha256: followed by 64 lowercase hex characters');
      }
      digest = d;
    }
    let tag: string | undefined;
    const lastSlash = rest.lastIndexOf('/');
    const colon = rest.lastIndexOf(':');
    if (colon > lastSlash) {
      tag = rest.slice(colon + 1);
      rest = rest.slice(0, colon);
      if (!TAG.test(tag)) throw invalid(text, `"${tag}" is not a valid tag`, 'a tag is up to 128 letters, digits, "_", "." and "-", not starting with "." or "-"');
    }
    if (rest === '') throw invalid(text, 'the repository name is missing');
    const slash = rest.indexOf('/');
    let registry: string;
    let path: string;
    const first = slash >= 0 ? rest.slice(0, slash) : '';
    if (slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost' || first.startsWith('['))) {
      registry = first;
      path = rest.slice(slash + 1);
      if (!validDomain(registry)) throw invalid(text, `"${registry}" is not a valid registry host`);
    } else {
      registry = DOCKER_HUB;
      path = rest;
    }
    if (DOCKER_HUB_LEGACY.has(registry.toLowerCase())) registry = DOCKER_HUB;
    if (registry === DOCKER_HUB && !path.includes('/')) path = `library/${path}`;
    for (const c of path.split('/')) {
      if (!COMPONENT.test(c)) {
        const why = /[A-Z]/.test(c) ? `repository name "${path}" must be lowercase` : `"${c}" is not a valid repository path component`;
        throw invalid(text, why);
      }
    }
    if (registry.length + 1 + path.length > MAX_NAME) throw invalid(text, `the name is longer than ${MAX_NAME} characters`);
    if (tag === undefined && digest === undefined) tag = 'latest';
    return new Reference(text, registry, path, tag, digest);
  }

  /** The host to connect to (Docker Hub's API lives on registry-1.docker.io). */
  get endpoint(): string {
    return this.registry === DOCKER_HUB ? DOCKER_HUB_ENDPOINT : this.registry;
  }

  /** registry/repository */
  get name(): string {
    return `${this.registry}/${this.repository}`;
  }

  /** The tag or digest to ask the registry for (the digest wins when both are given). */
  get selector(): string {
    return this.digest ?? this.tag ?? 'latest';
  }

  /** Fully qualified: `docker.io/library/nginx:1.25`, `ghcr.io/a/b:1@sha256:...`. */
  toString(): string {
    return `${this.name}${this.tag !== undefined ? `:${this.tag}` : ''}${this.digest !== undefined ? `@${this.digest}` : ''}`;
  }

  withDigest(digest: Digest): Reference {
    return new Reference(this.original, this.registry, this.repository, this.tag, digest);
  }

  withTag(tag: string): Reference {
    return new Reference(this.original, this.registry, this.repository, tag, undefined);
  }
}

export function parseReference(text: string): Reference {
  return Reference.parse(text);
}
