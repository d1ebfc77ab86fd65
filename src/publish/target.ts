import { LadingError, type SourcePosition } from '../errors.js';
import { OciError } from '../oci/errors.js';
import { Reference } from '../oci/reference.js';

const TAG = /^[\w][\w.-]{0,127}$/;

/** `oci://host[:port]/path` of the `publish` input, checked. */
export interface PublishRepository {
  /** As written. */
  input: string;
  /** Registry host (with port), as written (`docker.io` for Docker Hub). */
  registry: string;
  /** The repository path under which packages are published (`acme/packages`). */
  path: string;
}

/** Checks the `publish` input: `oci://` scheme, a registry host, a repository path, no tag or digest. */
export function parsePublishInput(text: string): PublishRepository {
  const hint = 'write it as oci://<registry host>/<repository>, e.g. oci://ghcr.io/acme/packages';
  const m = /^oci:\/\/(.*)$/i.exec(text);
  if (m === null) throw new LadingError(`input publish must start with oci://, got "${text}"`, { hint });
  const rest = (m[1] ?? '').replace(/\/+$/, '');
  const slash = rest.indexOf('/');
  const host = slash >= 0 ? rest.slice(0, slash) : rest;
  if (host === '' || !(host.includes('.') || host.includes(':') || host === 'localhost' || host.startsWith('['))) {
    throw new LadingError(`input publish "${text}" does not name a registry host`, { hint });
  }
  if (slash < 0 || rest.slice(slash + 1) === '') throw new LadingError(`input publish "${text}" names no repository on ${host}`, { hint });
  const path = rest.slice(slash + 1);
  if (path.includes('@') || /:[^/]*$/.test(path)) {
    throw new LadingError(`input publish "${text}" has a tag or digest`, { hint: 'give only the repository in publish; the tag is the package version, or the tag input' });
  }
  let ref: Reference;
  try {
    ref = Reference.parse(`${rest}/x:x`);
  } catch (e) {
    throw new LadingError(`input publish "${text}" is not a valid repository: ${e instanceof OciError ? e.message.replace(/^invalid image reference "[^"]*": /, '') : String(e)}`, { hint });
  }
  return { input: text, registry: ref.registry, path };
}

/** Checks the `tag` input (empty is fine: the version is used). */
export function checkTagInput(tag: string): void {
  if (tag !== '' && !TAG.test(tag)) {
    throw new LadingError(`input tag "${tag}" is not a valid OCI tag`, { hint: 'a tag is up to 128 letters, digits, "_", "." and "-", not starting with "." or "-"' });
  }
}

/**
 * The published reference: `<registry>/<path>/<metadata.name>:<tag or metadata.version>`. The version
 * is required to publish (Zarf's rule); a version that is not a valid tag needs the tag input.
 */
/** The published reference: `<repository>/<name>:<version>[-<flavor>]` (Zarf's), or the tag input when set. */
export function publishReference(repo: PublishRepository, name: string, version: string | undefined, tag: string, versionPosition?: SourcePosition, flavor = ''): Reference {
  if (version === undefined || version === '') {
    throw new LadingError('metadata.version is required to publish a package', {
      hint: 'add a version under metadata (e.g. version: 1.0.0): the package is published as <name>:<version>',
      ...(versionPosition !== undefined ? { position: versionPosition } : {})
    });
  }
  const chosen = tag !== '' ? tag : flavor !== '' ? `${version}-${flavor}` : version;
  if (!TAG.test(chosen)) {
    throw new LadingError(`metadata.version "${version}" is not a valid OCI tag`, {
      hint: 'use a version of letters, digits, ".", "_" and "-" (no "+"), or set the tag input',
      ...(versionPosition !== undefined ? { position: versionPosition } : {})
    });
  }
  return Reference.parse(`${repo.registry}/${repo.path}/${name}:${chosen}`);
}
