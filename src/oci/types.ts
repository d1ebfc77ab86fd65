import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { isDigest, type Digest } from './digest.js';
import { OciError } from './errors.js';
import { MediaType, isIndexMediaType, isManifestMediaType, isSchema1MediaType } from './mediatypes.js';

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
  'os.version'?: string;
  'os.features'?: string[];
}

export interface Descriptor {
  mediaType: string;
  digest: Digest;
  size: number;
  annotations?: Record<string, string>;
  platform?: Platform;
  artifactType?: string;
  urls?: string[];
}

/** zod's English messages, for the one line a malformed manifest gets (zod's mini API has none of its own). */
const inEnglish = { error: en().localeError };

const digestSchema = z.pipe(
  z.string().check(z.refine(isDigest, { message: 'invalid digest' })),
  z.transform((d) => d as Digest)
);

const platformSchema = z.looseObject({
  os: z.string(),
  architecture: z.string(),
  variant: z.optional(z.string()),
  'os.version': z.optional(z.string()),
  'os.features': z.optional(z.array(z.string()))
});

export const descriptorSchema = z.looseObject({
  mediaType: z.string(),
  digest: digestSchema,
  size: z.number().check(z.int(), z.nonnegative(), z.lte(Number.MAX_SAFE_INTEGER)),
  annotations: z.optional(z.record(z.string(), z.string())),
  platform: z.optional(platformSchema),
  artifactType: z.optional(z.string()),
  urls: z.optional(z.array(z.string()))
});

const manifestSchema = z.looseObject({
  schemaVersion: z.literal(2),
  mediaType: z.optional(z.string()),
  artifactType: z.optional(z.string()),
  config: descriptorSchema,
  layers: z._default(z.array(descriptorSchema), []),
  subject: z.optional(descriptorSchema),
  annotations: z.optional(z.record(z.string(), z.string()))
});

const indexSchema = z.looseObject({
  schemaVersion: z.literal(2),
  mediaType: z.optional(z.string()),
  artifactType: z.optional(z.string()),
  manifests: z.array(descriptorSchema),
  subject: z.optional(descriptorSchema),
  annotations: z.optional(z.record(z.string(), z.string()))
});

export type ImageManifest = z.infer<typeof manifestSchema>;
export type ImageIndex = z.infer<typeof indexSchema>;

export type ParsedManifest =
  | { kind: 'index'; mediaType: string; index: ImageIndex }
  | { kind: 'manifest'; mediaType: string; manifest: ImageManifest };

/**
 * Parses manifest bytes. The media type comes from the body when present, else from the
 * Content-Type the registry sent. Docker schema 1 is rejected with a clear message.
 */
export function parseManifest(bytes: Uint8Array, contentType: string | undefined, what: string): ParsedManifest {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw new OciError(`${what}: the manifest is not valid JSON`, { code: 'BAD_MANIFEST' });
  }
  if (typeof json !== 'object' || json === null) {
    throw new OciError(`${what}: the manifest is not a JSON object`, { code: 'BAD_MANIFEST' });
  }
  const obj = json as Record<string, unknown>;
  const bodyType = typeof obj.mediaType === 'string' ? obj.mediaType : undefined;
  const ct = contentType?.split(';')[0]?.trim();
  if (obj.schemaVersion === 1 || isSchema1MediaType(bodyType) || (bodyType === undefined && ct !== undefined && isSchema1MediaType(ct) && !('manifests' in obj) && !('config' in obj))) {
    throw new OciError(`${what} is a Docker schema 1 manifest, which is deprecated and not supported`, {
      hint: 'push the image again with a current client (docker push, skopeo copy, crane copy) to get an OCI or Docker v2 manifest',
      code: 'SCHEMA1'
    });
  }
  let mediaType = bodyType ?? ct;
  if (mediaType === undefined || (!isIndexMediaType(mediaType) && !isManifestMediaType(mediaType))) {
    // OCI allows mediaType to be absent: tell the two shapes apart by their fields.
    mediaType = Array.isArray(obj.manifests) ? MediaType.OciIndex : MediaType.OciManifest;
  }
  if (isIndexMediaType(mediaType)) {
    const r = indexSchema.safeParse(obj, inEnglish);
    if (!r.success) throw new OciError(`${what}: malformed image index (${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message})`, { code: 'BAD_MANIFEST' });
    return { kind: 'index', mediaType, index: r.data };
  }
  const r = manifestSchema.safeParse(obj, inEnglish);
  if (!r.success) throw new OciError(`${what}: malformed image manifest (${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message})`, { code: 'BAD_MANIFEST' });
  return { kind: 'manifest', mediaType, manifest: r.data };
}
