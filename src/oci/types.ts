import { z } from 'zod';
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

const digestSchema = z.string().refine(isDigest, { message: 'invalid digest' }).transform((d) => d as Digest);

const platformSchema = z.looseObject({
  os: z.string(),
  architecture: z.string(),
  variant: z.string().optional(),
  'os.version': z.string().optional(),
  'os.features': z.array(z.string()).optional()
});

export const descriptorSchema = z.looseObject({
  mediaType: z.string(),
  digest: digestSchema,
  size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  annotations: z.record(z.string(), z.string()).optional(),
  platform: platformSchema.optional(),
  artifactType: z.string().optional(),
  urls: z.array(z.string()).optional()
});

const manifestSchema = z.looseObject({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  artifactType: z.string().optional(),
  config: descriptorSchema,
  layers: z.array(descriptorSchema).default([]),
  subject: descriptorSchema.optional(),
  annotations: z.record(z.string(), z.string()).optional()
});

const indexSchema = z.looseObject({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  artifactType: z.string().optional(),
  manifests: z.array(descriptorSchema),
  subject: descriptorSchema.optional(),
  annotations: z.record(z.string(), z.string()).optional()
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
    const r = indexSchema.safeParse(obj);
    if (!r.success) throw new OciError(`${what}: malformed image index (${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message})`, { code: 'BAD_MANIFEST' });
    return { kind: 'index', mediaType, index: r.data };
  }
  const r = manifestSchema.safeParse(obj);
  if (!r.success) throw new OciError(`${what}: malformed image manifest (${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message})`, { code: 'BAD_MANIFEST' });
  return { kind: 'manifest', mediaType, manifest: r.data };
}
