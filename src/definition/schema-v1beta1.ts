/**
 * The `zarf.dev/v1beta1` input schemas, field for field with Zarf's published JSON schemas
 * (`zarf-v1beta1-package-schema.json`, kind ZarfPackageConfig, and
 * `zarf-v1beta1-component-schema.json`, kind ZarfComponentConfig: the files a v1beta1 component
 * imports with `import.local[].path`).
 *
 * Every object is strict, as Zarf's are (`additionalProperties: false`). Zarf also allows keys
 * matching `^x-` on every object (`patternProperties`): zod reports them as unrecognized keys like any
 * other, and the message layer drops them (see `schemaIssues` below and load.ts), so anchors can live
 * in `x-...` keys. Zarf's `oneOf` rules (exactly one chart source, exactly one git or OCI reference)
 * are checks on the object holding them.
 *
 * `described()` texts (schema.ts) are noun phrases saying what a field expects, quoted in messages
 * ("components[0].optional must be <description>").
 */
import * as z from 'zod/mini';
import { described } from './schema.js';

export const V1BETA1_API_VERSION = 'zarf.dev/v1beta1';

const NAME_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const NAME_TEXT = 'lowercase letters, digits and "-", starting with a letter or digit (e.g. my-app)';

const str = (what = 'a string') => described(z.string(), what);
const bool = () => described(z.boolean(), 'true or false');
const int = (what = 'a whole number') => described(z.number().check(z.int()), what);
const strings = (what = 'a list of strings') => described(z.array(described(z.string(), 'a string')), what);
const annotations = () =>
  described(z.record(z.string(), described(z.string(), 'a string (quote numbers and true/false)')), 'a mapping of names to string values');
const name = (what = NAME_TEXT) => described(z.string().check(z.regex(NAME_PATTERN)), what);

/** Zarf's `oneOf` of `required` lists: exactly one of `keys` is set on the object. */
function exactlyOne(keys: readonly string[], what: string) {
  return (value: Record<string, unknown>, ctx: z.core.$RefinementCtx): void => {
    const set = keys.filter((k) => value[k] !== undefined);
    if (set.length === 1) return;
    ctx.addIssue({
      code: 'custom',
      message: set.length === 0 ? `needs one of ${keys.join(', ')}` : `sets ${set.join(' and ')}: only one is allowed`,
      path: set.length > 1 ? [set[1] as string] : [],
      params: { oneOf: keys, what }
    });
  };
}

// ---- Shared pieces -----------------------------------------------------------------------------

const ShellSchema = described(z.strictObject({
  windows: z.optional(str('a shell for Windows (e.g. powershell)')),
  linux: z.optional(str('a shell for Linux (e.g. bash)')),
  darwin: z.optional(str('a shell for macOS (e.g. zsh)'))
}), 'a mapping with windows, linux and/or darwin shells');

const ValuesSchema = described(z.strictObject({
  files: z.optional(strings('a list of values file paths')),
  schema: z.optional(str('a path to a JSON schema file for the values'))
}), 'a mapping with files and/or schema');

const VersionRequirementSchema = described(z.strictObject({
  version: str('the minimum Zarf version'),
  reason: str('the reason this version is required')
}), 'a mapping with version and reason');

const GitRefSchema = described(z.strictObject({
  tag: z.optional(str('a git tag')),
  branch: z.optional(str('a git branch')),
  commit: z.optional(str('a git commit SHA'))
}).check(z.superRefine(exactlyOne(['tag', 'branch', 'commit'], 'git reference'))), 'a mapping with exactly one of tag, branch or commit');

const OciRefSchema = described(z.strictObject({
  tag: z.optional(str('an OCI tag')),
  digest: z.optional(str('an OCI digest (sha256:...)'))
}).check(z.superRefine(exactlyOne(['tag', 'digest'], 'OCI reference'))), 'a mapping with exactly one of tag or digest');

// ---- Component filters ---------------------------------------------------------------------------

const SelectorSchema = described(z.strictObject({
  architecture: z.optional(described(z.enum(['amd64', 'arm64']), 'amd64 or arm64')),
  flavor: z.optional(str('a flavor name'))
}), 'a mapping with architecture and/or flavor');

const TargetSchema = described(z.strictObject({
  os: z.optional(described(z.enum(['linux', 'darwin', 'windows']), 'linux, darwin or windows'))
}), 'a mapping with os');

// ---- Charts ----------------------------------------------------------------------------------

const HelmRepositorySchema = described(z.strictObject({
  name: z.optional(str('the chart name in the Helm repository')),
  url: str('a Helm repository URL'),
  version: str('a chart version (quote numbers, e.g. "1.0.0")')
}), 'a mapping with url, version and optionally name');

const GitSourceSchema = described(z.strictObject({
  url: str('a git repository URL without @ref'),
  path: z.optional(str('a folder in the git repository')),
  ref: GitRefSchema
}), 'a mapping with url, ref and optionally path');

const LocalSourceSchema = described(z.strictObject({ path: str('a path to a chart folder or .tgz, relative to the zarf.yaml folder') }), 'a mapping with path');

const OciSourceSchema = described(z.strictObject({ url: str('an oci:// chart URL'), ref: OciRefSchema }), 'a mapping with url and ref');

const ValuesFileSchema = described(z.strictObject({
  path: str('a values file path or URL'),
  enableTemplating: z.optional(bool())
}), 'a mapping with path and optionally enableTemplating');

const ChartValueSchema = described(z.strictObject({
  sourcePath: str('a path in the package values (e.g. .app.replicas)'),
  targetPath: str('a path in the chart values (e.g. .replicaCount)'),
  excludePaths: z.optional(
    described(
      z.array(described(z.string().check(z.regex(/^\.[a-zA-Z0-9_-]+(\.[a-zA-Z0-9_-]+)*$/)), 'a dotted values path such as .registry.image')),
      'a list of dotted values paths under sourcePath'
    )
  )
}), 'a mapping with sourcePath and targetPath');

const SERVER_SIDE_APPLY = described(z.enum(['true', 'false', 'auto']), '"true", "false" or "auto" (quoted)');

const ChartSchema = described(z.strictObject({
  name: str('a chart name'),
  helmRepository: z.optional(HelmRepositorySchema),
  git: z.optional(GitSourceSchema),
  local: z.optional(LocalSourceSchema),
  oci: z.optional(OciSourceSchema),
  namespace: z.optional(str('a Kubernetes namespace')),
  releaseName: z.optional(str('a Helm release name')),
  skipWait: z.optional(bool()),
  valuesFiles: z.optional(described(z.array(ValuesFileSchema), 'a list of {path, enableTemplating} entries')),
  values: z.optional(described(z.array(ChartValueSchema), 'a list of {sourcePath, targetPath} entries')),
  skipSchemaValidation: z.optional(bool()),
  serverSideApply: z.optional(SERVER_SIDE_APPLY)
}).check(z.superRefine(exactlyOne(['helmRepository', 'git', 'local', 'oci'], 'chart source'))),
  'a mapping with name and exactly one of helmRepository, git, local or oci'
);

// ---- Manifests, files, images, repositories ------------------------------------------------------

const KustomizeSchema = described(z.strictObject({
  files: z.optional(strings('a list of kustomization paths or URLs')),
  allowAnyDirectory: z.optional(bool()),
  enablePlugins: z.optional(bool())
}), 'a mapping with files, allowAnyDirectory and/or enablePlugins');

const ManifestSchema = described(z.strictObject({
  name: described(z.string().check(z.maxLength(40)), 'a manifest set name (at most 40 characters)'),
  namespace: z.optional(str('a Kubernetes namespace')),
  files: z.optional(strings('a list of manifest file paths or URLs')),
  kustomize: z.optional(KustomizeSchema),
  skipWait: z.optional(bool()),
  serverSideApply: z.optional(SERVER_SIDE_APPLY),
  enableTemplating: z.optional(bool())
}), 'a mapping with name, namespace, files and/or kustomize');

const FileSchema = described(z.strictObject({
  source: str('a local path or URL'),
  checksum: z.optional(str('a checksum such as sha256:<hex>')),
  destination: str('the path to place the file at on deploy'),
  executable: z.optional(bool()),
  symlinks: z.optional(strings('a list of symlink paths')),
  extractPath: z.optional(str('a path inside the source archive')),
  enableTemplating: z.optional(bool())
}), 'a mapping with source and destination');

const ImageSchema = described(z.strictObject({
  name: str('an image reference such as ghcr.io/acme/app:1.2.3'),
  source: z.optional(described(z.enum(['registry', 'daemon']), 'registry or daemon'))
}), 'a mapping with name and optionally source');

const ImageArchiveSchema = described(z.strictObject({
  path: str('a path to an image archive (.tar), relative to the zarf.yaml folder'),
  images: strings('a list of the image references to take from the archive')
}), 'a mapping with path and images');

const RepositorySchema = described(z.strictObject({
  url: str('a git repository URL'),
  ref: z.optional(GitRefSchema)
}), 'a mapping with url and optionally ref');

// ---- Actions -----------------------------------------------------------------------------------

const SetValueSchema = described(z.strictObject({
  key: z.optional(str('a values path to set (e.g. .app.token)')),
  type: z.optional(described(z.enum(['yaml', 'json', 'string']), 'yaml, json or string'))
}), 'a mapping with key and optionally type');

const WaitSchema = described(z.strictObject({
  cluster: z.optional(described(z.strictObject({
    kind: str('a resource kind (e.g. Deployment)'),
    name: str('a resource name or selector'),
    namespace: z.optional(str('a Kubernetes namespace')),
    condition: z.optional(str('a condition or jsonpath state (e.g. Available)'))
  }), 'a mapping with kind, name and optionally namespace and condition')),
  network: z.optional(described(z.strictObject({
    protocol: described(z.enum(['tcp', 'http', 'https']), 'tcp, http or https'),
    address: str('an address such as localhost:8080'),
    code: z.optional(int('an HTTP status code'))
  }), 'a mapping with protocol, address and optionally code'))
}), 'a mapping with cluster or network');

const ActionSchema = described(z.strictObject({
  silent: z.optional(bool()),
  maxTotalSeconds: z.optional(int('a number of seconds')),
  retries: z.optional(int('a number of retries')),
  dir: z.optional(str('a working directory')),
  env: z.optional(strings('a list of NAME=value entries')),
  cmd: z.optional(str('a command')),
  shell: z.optional(ShellSchema),
  setValues: z.optional(described(z.array(SetValueSchema), 'a list of {key, type} entries')),
  description: z.optional(str('a description shown instead of the command')),
  wait: z.optional(WaitSchema),
  enableTemplating: z.optional(bool())
}), 'a mapping with cmd or wait');

/** An action set's defaults: the fields of an action that every action of the set inherits. */
const ActionDefaultsSchema = described(z.pick(ActionSchema, { silent: true, maxTotalSeconds: true, retries: true, dir: true, env: true, shell: true }),
  'a mapping with silent, maxTotalSeconds, retries, dir, env and/or shell'
);

const actionList = () => described(z.array(ActionSchema), 'a list of actions');

const ActionSetSchema = described(z.strictObject({
  defaults: z.optional(ActionDefaultsSchema),
  before: z.optional(actionList()),
  onSuccess: z.optional(actionList()),
  onFailure: z.optional(actionList())
}), 'a mapping with defaults, before, onSuccess and/or onFailure');

const ActionsSchema = described(z.strictObject({
  onCreate: z.optional(ActionSetSchema),
  onDeploy: z.optional(ActionSetSchema),
  onRemove: z.optional(ActionSetSchema)
}), 'a mapping with onCreate, onDeploy and/or onRemove');

// ---- Imports -----------------------------------------------------------------------------------

const ImportSchema = described(z.strictObject({
  local: z.optional(
    described(z.array(described(z.strictObject({ path: str('a path to a ZarfComponentConfig file') }), 'a mapping with path')), 'a list of {path} entries')
  ),
  remote: z.optional(
    described(z.array(described(z.strictObject({ url: str('an oci:// URL of a component config') }), 'a mapping with url')), 'a list of {url} entries')
  )
}), 'a mapping with local and/or remote');

// ---- Component ---------------------------------------------------------------------------------

export const SERVICES = ['registry', 'seed-registry', 'injector', 'agent', 'git-server'] as const;

/** What a component holds besides its name, description and optional: a ZarfComponentConfig's `component`. */
const specShape = {
  import: z.optional(ImportSchema),
  target: z.optional(TargetSchema),
  selector: z.optional(SelectorSchema),
  manifests: z.optional(described(z.array(ManifestSchema), 'a list of manifest sets')),
  charts: z.optional(described(z.array(ChartSchema), 'a list of charts')),
  files: z.optional(described(z.array(FileSchema), 'a list of files')),
  images: z.optional(described(z.array(ImageSchema), 'a list of {name, source} entries')),
  imageArchives: z.optional(described(z.array(ImageArchiveSchema), 'a list of {path, images} entries')),
  repositories: z.optional(described(z.array(RepositorySchema), 'a list of {url, ref} entries')),
  actions: z.optional(ActionsSchema),
  service: z.optional(described(z.enum(SERVICES), `one of ${SERVICES.join(', ')}`)),
  stateAccess: z.optional(
    described(
      z.array(described(z.enum(['registryCredentials', 'gitCredentials', 'agentCerts']), 'registryCredentials, gitCredentials or agentCerts')),
      'a list of state field groups'
    )
  )
};

export const V1Beta1ComponentSpecSchema = described(z.strictObject(specShape), 'a mapping with the component content (charts, images, ...)');

export const V1Beta1ComponentSchema = described(z.strictObject({
  name: name(),
  description: z.optional(str('a description')),
  optional: z.optional(bool()),
  ...specShape
}), 'a mapping with name, images, charts, ...');

// ---- Package -----------------------------------------------------------------------------------

const MetadataSchema = described(z.strictObject({
  name: name(),
  description: z.optional(str('a description')),
  version: z.optional(str('a string (quote numbers, e.g. "1.0")')),
  uncompressed: z.optional(bool()),
  architecture: z.optional(str('an architecture such as amd64 or arm64')),
  annotations: z.optional(annotations()),
  preventNamespaceOverride: z.optional(bool())
}), 'a mapping with name, version, description, ...');

const BuildSchema = described(z.strictObject({
  hostname: z.optional(str('a machine name')),
  user: z.optional(str('a user name')),
  timestamp: z.optional(str('a timestamp')),
  architecture: str('an architecture'),
  version: str('a Zarf version'),
  migrations: z.optional(strings('a list of migration names')),
  registryOverrides: z.optional(described(z.record(z.string(), described(z.string(), 'a registry')), 'a mapping of registries')),
  differential: z.optional(bool()),
  differentialPackageVersion: z.optional(str('a package version')),
  flavor: z.optional(str('a flavor name')),
  signed: z.optional(bool()),
  versionRequirements: z.optional(described(z.array(VersionRequirementSchema), 'a list of {version, reason} entries')),
  provenanceFiles: z.optional(strings('a list of file names')),
  aggregateChecksum: str('a checksum')
}), 'a mapping written by zarf package create');

export const V1Beta1PackageSchema = described(z.strictObject({
  apiVersion: described(z.literal(V1BETA1_API_VERSION), V1BETA1_API_VERSION),
  kind: described(z.literal('ZarfPackageConfig'), 'ZarfPackageConfig'),
  metadata: z.optional(MetadataSchema),
  build: z.optional(BuildSchema),
  components: described(z.array(V1Beta1ComponentSchema).check(z.minLength(1)), 'a list of components, each with a name'),
  values: z.optional(ValuesSchema),
  documentation: z.optional(described(z.record(z.string(), described(z.string(), 'a file path')), 'a mapping of names to file paths'))
}), 'a mapping with apiVersion, kind, metadata and components');

// ---- Component config (the file a v1beta1 import names) --------------------------------------------

export const V1Beta1ComponentConfigSchema = described(z.strictObject({
  apiVersion: described(z.literal(V1BETA1_API_VERSION), V1BETA1_API_VERSION),
  kind: described(z.literal('ZarfComponentConfig'), 'ZarfComponentConfig'),
  metadata: described(z.strictObject({
    name: name(),
    description: z.optional(str('a description')),
    version: z.optional(str('a string (quote numbers, e.g. "1.0")')),
    annotations: z.optional(annotations())
  }), 'a mapping with name and optionally description, version, annotations'),
  component: V1Beta1ComponentSpecSchema,
  values: z.optional(ValuesSchema),
  publishData: z.optional(described(z.strictObject({
    zarfVersion: str('a Zarf version'),
    migrations: z.optional(strings('a list of migration names')),
    versionRequirements: z.optional(described(z.array(VersionRequirementSchema), 'a list of {version, reason} entries'))
  }), 'a mapping written by zarf when publishing'))
}), 'a mapping with apiVersion, kind: ZarfComponentConfig, metadata and component');

export type V1Beta1Package = z.infer<typeof V1Beta1PackageSchema>;
export type V1Beta1Component = z.infer<typeof V1Beta1ComponentSchema>;
export type V1Beta1ComponentSpec = z.infer<typeof V1Beta1ComponentSpecSchema>;
export type V1Beta1ComponentConfig = z.infer<typeof V1Beta1ComponentConfigSchema>;
export type V1Beta1Chart = z.infer<typeof ChartSchema>;
export type V1Beta1Manifest = z.infer<typeof ManifestSchema>;
export type V1Beta1Action = z.infer<typeof ActionSchema>;
export type V1Beta1ActionSet = z.infer<typeof ActionSetSchema>;
export type V1Beta1GitRef = z.infer<typeof GitRefSchema>;

/**
 * The issues of `schema` for `data`, minus what Zarf allows: keys matching `^x-` (dropped from each
 * unrecognized-keys issue, and the issue with them when none is left). Empty when `data` is valid.
 */
export function schemaIssues(schema: z.ZodMiniType, data: unknown): z.core.$ZodIssue[] {
  const result = schema.safeParse(data);
  if (result.success) return [];
  const out: z.core.$ZodIssue[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.filter((k) => !k.startsWith('x-'));
    if (keys.length > 0) out.push({ ...issue, keys });
    } else {
    out.push(issue);
    }
  }
  return out;
}
