/**
 * The publish plan, known before anything is pulled: the target reference (checked first), the
 * credentials of the `username`/`password` inputs and SOURCE_DATE_EPOCH. Apart from stage.ts, which
 * does the publishing, so a run loads what publishes only when it publishes.
 */
import { LadingError, type SourcePosition } from '../errors.js';
import type { Credential } from '../oci/credentials.js';
import { Reference } from '../oci/reference.js';
import { parsePublishInput, publishReference } from './target.js';

export interface PublishPlan {
  /** `<registry>/<repo>/<name>:<tag>` */
  reference: Reference;
  /** The host requests go to (registry-1.docker.io for docker.io). */
  endpoint: string;
}

/**
 * The publish target from the inputs and the definition, or undefined when not publishing. Fails
 * (at metadata in zarf.yaml) when metadata.version is missing: Zarf requires it to publish.
 */
export function planPublish(
  inputs: { publish: string; tag: string },
  def: { config: { metadata: { name: string; version?: string | undefined } }; flavor?: string; positionOf(p: ReadonlyArray<string | number>): SourcePosition }
): PublishPlan | undefined {
  if (inputs.publish === '') return undefined;
  const repo = parsePublishInput(inputs.publish);
  const reference = publishReference(repo, def.config.metadata.name, def.config.metadata.version, inputs.tag, def.positionOf(['metadata', 'version']), def.flavor ?? '');
  return { reference, endpoint: reference.endpoint };
}

/**
 * Explicit credentials (the username/password inputs) for the publish host. Known from the inputs
 * alone, so the one registry client of the run exists before the definition is loaded (skeleton
 * imports read registries too).
 */
export function publishCredentials(inputs: { publish: string; username: string; password: string }): { explicit?: Record<string, Omit<Credential, 'source'>> } {
  if (inputs.publish === '' || inputs.username === '' || inputs.password === '') return {};
  const repo = parsePublishInput(inputs.publish);
  const endpoint = Reference.parse(`${repo.registry}/${repo.path}/x:x`).endpoint;
  return { explicit: { [endpoint]: { username: inputs.username, password: inputs.password } } };
}

/** SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds convention) when set. */
export function sourceDateEpoch(env: NodeJS.ProcessEnv = process.env): Date | undefined {
  const raw = env.SOURCE_DATE_EPOCH?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,12}$/.test(raw)) throw new LadingError(`SOURCE_DATE_EPOCH "${raw}" is not a whole number of seconds`, { hint: 'set it to a Unix time such as $(git log -1 --format=%ct), or unset it' });
  return new Date(Number(raw) * 1000);
}
