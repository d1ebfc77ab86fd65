/**
 * The zarf.yaml input schema (Zarf `zarf.dev/v1alpha1`), field for field as Zarf's published JSON
 * schema (zarf-dev/zarf `src/pkg/schema/zarf-v1alpha1-schema.json`, vendored under
 * `__tests__/fixtures/zarf-schema/`; `__tests__/definition/schema.test.ts` fails when the two differ).
 * Every object is strict: an unknown key is an error, except keys starting with `x-`, which Zarf's
 * schema allows everywhere (`patternProperties: {"^x-": {}}`) so YAML anchors can live in `x-...` keys.
 *
 * Where Lading is stricter than Zarf's schema, it says so at the field (metadata is required: a
 * package is published under metadata.name).
 *
 * What Lading does not build yet is refused after composition (not-built.ts), not here: the
 * schema only says what Zarf accepts.
 *
 * `described()` texts are noun phrases saying what a field expects; issues.ts quotes them in messages
 * ("metadata.name must be <description>", "add "name:" to components[0]: <description>").
 */
import * as z from 'zod/mini';

// ---- Strict objects that allow x- keys ---------------------------------------------------------

/** Keys Zarf's schema allows in every object besides the known ones. */
const EXTENSION_KEY = /^x-/;

/** What an object holds besides its known fields: any number of `x-...` keys, of any value. */
type ExtensionKeys = { [key: `x-${string}`]: unknown };

/** A zod object whose unknown keys are refused unless they start with `x-`. */
export type ZarfObject<S extends z.core.$ZodShape> = z.ZodMiniObject<S, { out: ExtensionKeys; in: ExtensionKeys }>;

/**
 * A strict object that lets `x-...` keys through (kept in the output). zod has no pattern for
 * allowed keys, so every unknown key is taken in (`catchall`) and a check refuses, with the same
 * `unrecognized_keys` issue a strictObject raises, the ones not starting with `x-`. The check runs even
 * when a field of the object is invalid (`when`), so every problem of a file is reported at once.
 * The type says what the check ensures: the extra keys are `x-...` keys.
 */
function zarfObject<const S extends z.core.$ZodShape>(shape: S): ZarfObject<S> {
  const known = new Set(Object.keys(shape));
  const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const onlyExtensionKeys = z.superRefine(
    (value: Record<string, unknown>, ctx) => {
      const keys = Object.keys(value).filter((k) => !known.has(k) && !EXTENSION_KEY.test(k));
      if (keys.length > 0) ctx.addIssue({ code: 'unrecognized_keys', keys, input: value, continue: true });
    },
    { when: (payload) => isMapping(payload.value) }
  );
  return z.catchall(z.object(shape), z.unknown()).check(onlyExtensionKeys) as unknown as ZarfObject<S>;
}

/**
 * `schema`, with `what` as its description (what issues.ts quotes). zod's mini API (smaller and
 * faster to build than the classic one, which a run pays for at every start) has no `.describe()`:
 * the description goes into zod's global registry, where the classic API would put it. Each schema
 * here is built fresh, so registering the instance itself is what `.describe()`'s copy was.
 */
export function described<T extends z.ZodMiniType>(schema: T, what: string): T {
  z.globalRegistry.add(schema, { description: what });
  return schema;
}

// ---- Shared field shapes -----------------------------------------------------------------------

/** Package and component names (Zarf's pattern, character for character). */
export const NAME_PATTERN = /^[a-z0-9][a-z0-9\-]*$/;
const NAME_TEXT = 'lowercase letters, digits and "-", starting with a letter or digit (e.g. my-app)';
const VARIABLE_PATTERN = /^[A-Z0-9_]+$/;
const VARIABLE_TEXT = 'uppercase letters, digits and "_" (e.g. MY_VAR)';
/** Zarf's pattern for values that become part of a file name (versions, flavors, manifest names). */
const NO_SLASH_PATTERN = /^[^/\\]*$/;
/** Zarf values paths: "." or ".key.sub" (letters, digits, "_" and "-" between the dots). */
const VALUES_PATH_PATTERN = /^(\.|\.[a-zA-Z0-9_-]+(\.[a-zA-Z0-9_-]+)*)$/;
const VALUES_SUBPATH_PATTERN = /^\.[a-zA-Z0-9_-]+(\.[a-zA-Z0-9_-]+)*$/;
const OCI_URL_PATTERN = /^oci:\/\/.*$/;

const str = (what = 'a string') => described(z.string(), what);
const bool = () => described(z.boolean(), 'true or false');
const int = (what = 'a whole number') => described(z.number().check(z.int()), what);
const strings = (what = 'a list of strings') => described(z.array(described(z.string(), 'a string')), what);
const variableName = () => described(z.string().check(z.regex(VARIABLE_PATTERN)), VARIABLE_TEXT);
/** A string matching NO_SLASH_PATTERN; `what` says so (e.g. 'a version without "/" or "\\"'). */
const noSlash = (what: string) => described(z.string().check(z.regex(NO_SLASH_PATTERN)), what);
const stringMap = (what: string) =>
  described(z.record(z.string(), described(z.string(), 'a string (quote numbers and true/false)')), what);
const applyMode = () =>
  described(z.enum(['true', 'false', 'auto']), 'one of "true", "false" or "auto", quoted (e.g. serverSideApply: "true")');

// ---- Package metadata --------------------------------------------------------------------------

export const MetadataSchema = described(zarfObject({
  name: described(z.string().check(z.minLength(1), z.maxLength(255), z.regex(NAME_PATTERN)), NAME_TEXT),
  description: z.optional(str()),
  version: z.optional(noSlash('a version without "/" or "\\" (quote numbers, e.g. "1.0")')),
  url: z.optional(str('a URL')),
  image: z.optional(str('an image URL')),
  uncompressed: z.optional(bool()),
  architecture: z.optional(str('an architecture such as amd64 or arm64')),
  allowNamespaceOverride: z.optional(bool()),
  yolo: z.optional(bool()),
  authors: z.optional(str('a comma-separated list of authors')),
  documentation: z.optional(str('a URL')),
  source: z.optional(str('a URL')),
  vendor: z.optional(str()),
  aggregateChecksum: z.optional(str()),
  annotations: z.optional(stringMap('a mapping of names to string values'))
}), 'a mapping with name, version, description, ...');

// ---- Build data (written by the builder) -------------------------------------------------------

const VersionRequirementSchema = described(zarfObject({
  version: str('a Zarf version'),
  reason: z.optional(str())
}), 'a mapping with version and reason');

export const BuildDataSchema = described(zarfObject({
  terminal: z.optional(str()),
  user: z.optional(str()),
  architecture: str('an architecture such as amd64 or arm64'),
  timestamp: str('a timestamp'),
  version: str('a Zarf version'),
  migrations: z.optional(strings('a list of migration names')),
  registryOverrides: z.optional(stringMap('a mapping of registries to their replacements')),
  differential: z.optional(bool()),
  differentialPackageVersion: z.optional(noSlash('a package version without "/" or "\\"')),
  differentialMissing: z.optional(strings('a list of component names')),
  flavor: z.optional(noSlash('a flavor name without "/" or "\\"')),
  signed: z.optional(bool()),
  versionRequirements: z.optional(described(z.array(VersionRequirementSchema), 'a list of {version, reason}')),
  provenanceFiles: z.optional(strings('a list of file paths'))
}), 'a mapping with architecture, timestamp, version, ...');

// ---- Component filters -------------------------------------------------------------------------

const OnlyClusterSchema = described(zarfObject({
  architecture: z.optional(z.enum(['amd64', 'arm64'])),
  distros: z.optional(strings('a list of distribution names (e.g. [k3s, eks])'))
}), 'a mapping with architecture and/or distros');

const OnlySchema = described(zarfObject({
  localOS: z.optional(z.enum(['linux', 'darwin', 'windows'])),
  cluster: z.optional(OnlyClusterSchema),
  flavor: z.optional(str('a flavor name'))
}), 'a mapping with localOS, cluster and/or flavor');

// ---- Images ------------------------------------------------------------------------------------

const ImageSchema = described(z.string(), 'an image reference such as ghcr.io/acme/app:1.2.3');

export const ImageArchiveSchema = described(zarfObject({
  path: described(z.string().check(z.minLength(1)), 'a path to an image archive (.tar), relative to the zarf.yaml folder'),
  images: described(z.array(ImageSchema).check(z.minLength(1)), 'a list of the image references to take from the archive')
}), 'a mapping with path and images');

// ---- Charts, manifests, files, data injections, health checks -----------------------------------
// charts, manifests (with kustomizations), files and data injections are built by
// src/package/components (charts from git are rejected there); not-built.ts refuses the rest.

const ChartVariableSchema = described(zarfObject({
  name: variableName(),
  description: str('a description of what the variable controls'),
  path: str('a path within the chart values')
}), 'a mapping with name, description and path');

const ChartValueSchema = described(zarfObject({
  sourcePath: described(z.string().check(z.regex(VALUES_PATH_PATTERN)), 'a Zarf values path such as .registry ("." for the root)'),
  targetPath: described(z.string().check(z.regex(VALUES_PATH_PATTERN)), 'a chart values path such as .distribution ("." for the root)'),
  excludePaths: z.optional(
    described(
      z.array(described(z.string().check(z.regex(VALUES_SUBPATH_PATTERN)), 'a values path under sourcePath, such as .registry.image')),
      'a list of values paths under sourcePath'
    )
  )
}), 'a mapping with sourcePath and targetPath');

export const ChartSchema = described(zarfObject({
  name: noSlash('a chart name without "/" or "\\"'),
  version: z.optional(noSlash('a chart version without "/" or "\\" (quote numbers, e.g. "1.0.0")')),
  url: z.optional(str('a chart repository, OCI or git URL')),
  repoName: z.optional(str('a chart name in the repository')),
  gitPath: z.optional(str('a folder in the git repository')),
  localPath: z.optional(str('a path to a chart folder or .tgz, relative to the zarf.yaml folder')),
  namespace: z.optional(str('a Kubernetes namespace')),
  releaseName: z.optional(str('a Helm release name')),
  noWait: z.optional(bool()),
  valuesFiles: z.optional(strings('a list of values file paths or URLs')),
  templatedValuesFiles: z.optional(strings('a list of values file paths or URLs templated at deploy')),
  values: z.optional(described(z.array(ChartValueSchema), 'a list of {sourcePath, targetPath}')),
  variables: z.optional(described(z.array(ChartVariableSchema), 'a list of chart variables')),
  schemaValidation: z.optional(bool()),
  serverSideApply: z.optional(applyMode())
}), 'a mapping with name, version, url or localPath, namespace, ...');

export const ManifestSchema = described(zarfObject({
  name: noSlash('a manifest set name without "/" or "\\"'),
  namespace: z.optional(str('a Kubernetes namespace')),
  files: z.optional(strings('a list of manifest file paths or URLs')),
  kustomizeAllowAnyDirectory: z.optional(bool()),
  kustomizations: z.optional(strings('a list of kustomization paths or URLs')),
  enableKustomizePlugins: z.optional(bool()),
  noWait: z.optional(bool()),
  template: z.optional(bool()),
  serverSideApply: z.optional(applyMode())
}), 'a mapping with name, namespace, files and/or kustomizations');

export const FileSchema = described(zarfObject({
  source: str('a local path or URL'),
  shasum: z.optional(str('a sha256 hex checksum')),
  target: str('the path to place the file at on deploy'),
  executable: z.optional(bool()),
  symlinks: z.optional(strings('a list of symlink paths')),
  extractPath: z.optional(str('a path inside the source archive')),
  template: z.optional(bool())
}), 'a mapping with source and target');

const ContainerTargetSchema = described(zarfObject({
  namespace: str('a Kubernetes namespace'),
  selector: str('a label selector such as app=data-injection'),
  container: str('a container name'),
  path: str('a path inside the container')
}), 'a mapping with namespace, selector, container and path');

export const DataInjectionSchema = described(zarfObject({
  source: str('a local path or URL'),
  target: ContainerTargetSchema,
  compress: z.optional(bool())
}), 'a mapping with source and target');

export const HealthCheckSchema = described(zarfObject({
  apiVersion: str('a Kubernetes API version such as apps/v1'),
  kind: str('a Kubernetes kind such as Deployment'),
  namespace: str('a Kubernetes namespace'),
  name: str('a resource name')
}), 'a mapping with apiVersion, kind, namespace and name');

export const ComponentImportSchema = described(zarfObject({
  name: z.optional(str('a component name')),
  path: z.optional(str('a path to a folder holding a zarf.yaml')),
  url: z.optional(described(z.string().check(z.regex(OCI_URL_PATTERN)), 'an oci:// URL of a skeleton package'))
}), 'a mapping with name and path or url');

// ---- Variables, constants, values --------------------------------------------------------------

const variableType = () => z.enum(['raw', 'file']);

const variableFields = {
  name: variableName(),
  sensitive: z.optional(bool()),
  autoIndent: z.optional(bool()),
  pattern: z.optional(str('a regular expression')),
  type: z.optional(variableType())
};

/** A variable an action sets from its output (`setVariables`). */
export const SetVariableSchema = described(zarfObject(variableFields), 'a mapping with name, sensitive, autoIndent, pattern, type');

/** A package variable, set or prompted for at deploy. */
export const VariableSchema = described(zarfObject({
  ...variableFields,
  description: z.optional(str()),
  default: z.optional(str()),
  prompt: z.optional(bool())
}), 'a mapping with name, description, default, prompt, ...');

export const ConstantSchema = described(zarfObject({
  name: variableName(),
  value: str(),
  description: z.optional(str()),
  autoIndent: z.optional(bool()),
  pattern: z.optional(str('a regular expression'))
}), 'a mapping with name and value');

export const SetValueSchema = described(zarfObject({
  key: z.optional(str('a values path such as .app.replicas')),
  value: z.optional(z.unknown()),
  type: z.optional(str('a value type such as string, json or yaml'))
}), 'a mapping with key, value and type');

export const ValuesSchema = described(zarfObject({
  files: z.optional(strings('a list of values file paths')),
  schema: z.optional(str('a path to a .schema.json file'))
}), 'a mapping with files and schema');

// ---- Actions -----------------------------------------------------------------------------------

const ShellSchema = described(zarfObject({
  windows: z.optional(str('a shell name such as powershell')),
  linux: z.optional(str('a shell name such as bash')),
  darwin: z.optional(str('a shell name such as zsh'))
}), 'a mapping with windows, linux and/or darwin');

const WaitClusterSchema = described(zarfObject({
  kind: str('a Kubernetes kind such as Deployment'),
  name: str('a resource name or selector'),
  namespace: z.optional(str('a Kubernetes namespace')),
  condition: z.optional(str('a condition or jsonpath state such as Ready'))
}), 'a mapping with kind, name, namespace and condition');

const WaitNetworkSchema = described(zarfObject({
  protocol: z.enum(['tcp', 'http', 'https']),
  address: str('an address such as localhost:8080'),
  code: z.optional(int('an HTTP status code'))
}), 'a mapping with protocol, address and code');

const ActionWaitSchema = described(zarfObject({
  cluster: z.optional(WaitClusterSchema),
  network: z.optional(WaitNetworkSchema)
}), 'a mapping with cluster or network');

export const ActionSchema = described(zarfObject({
  mute: z.optional(bool()),
  maxTotalSeconds: z.optional(int('a whole number of seconds')),
  maxRetries: z.optional(int()),
  dir: z.optional(str('a folder')),
  env: z.optional(strings('a list of NAME=value strings')),
  cmd: z.optional(str('a command')),
  shell: z.optional(ShellSchema),
  setVariable: z.optional(variableName()),
  setVariables: z.optional(described(z.array(SetVariableSchema), 'a list of variables')),
  setValues: z.optional(described(z.array(SetValueSchema), 'a list of {key, value, type}')),
  description: z.optional(str()),
  wait: z.optional(ActionWaitSchema),
  template: z.optional(bool())
}), 'a mapping with cmd or wait, and options');

export const ActionDefaultsSchema = described(zarfObject({
  mute: z.optional(bool()),
  maxTotalSeconds: z.optional(int('a whole number of seconds')),
  maxRetries: z.optional(int()),
  dir: z.optional(str('a folder')),
  env: z.optional(strings('a list of NAME=value strings')),
  shell: z.optional(ShellSchema)
}), 'a mapping with mute, maxTotalSeconds, maxRetries, dir, env and/or shell');

const actions = () => described(z.array(ActionSchema), 'a list of actions');

export const ActionSetSchema = described(zarfObject({
  defaults: z.optional(ActionDefaultsSchema),
  before: z.optional(actions()),
  after: z.optional(actions()),
  onSuccess: z.optional(actions()),
  onFailure: z.optional(actions())
}), 'a mapping with defaults, before, after, onSuccess and/or onFailure');

export const ActionsSchema = described(zarfObject({
  onCreate: z.optional(ActionSetSchema),
  onDeploy: z.optional(ActionSetSchema),
  onRemove: z.optional(ActionSetSchema)
}), 'a mapping with onCreate, onDeploy and/or onRemove');

const ScriptsSchema = described(zarfObject({
  showOutput: z.optional(bool()),
  timeoutSeconds: z.optional(int('a whole number of seconds')),
  retry: z.optional(bool()),
  prepare: z.optional(strings('a list of commands')),
  before: z.optional(strings('a list of commands')),
  after: z.optional(strings('a list of commands'))
}), 'a mapping with prepare, before and/or after');

// ---- Component and package ---------------------------------------------------------------------

export const ComponentSchema = described(zarfObject({
  name: described(z.string().check(z.minLength(1), z.maxLength(250), z.regex(NAME_PATTERN)), NAME_TEXT),
  description: z.optional(str()),
  default: z.optional(bool()),
  required: z.optional(bool()),
  only: z.optional(OnlySchema),
  images: z.optional(described(z.array(ImageSchema), 'a list of image references (one "- ghcr.io/acme/app:1.2.3" per line)')),
  imageArchives: z.optional(described(z.array(ImageArchiveSchema), 'a list of {path, images} entries')),
  // Built by src/package/components (checks.ts rejects the parts not supported yet):
  charts: z.optional(described(z.array(ChartSchema), 'a list of charts')),
  manifests: z.optional(described(z.array(ManifestSchema), 'a list of manifest sets')),
  files: z.optional(described(z.array(FileSchema), 'a list of files')),
  // Deploy-time only: carried into the built zarf.yaml.
  stateAccess: z.optional(strings('a list of state groups (registryCredentials, gitCredentials, agentCerts)')),
  // actions, healthChecks and import are carried or composed.
  repos: z.optional(strings('a list of git repository URLs')),
  actions: z.optional(ActionsSchema),
  dataInjections: z.optional(described(z.array(DataInjectionSchema), 'a list of data injections')),
  healthChecks: z.optional(described(z.array(HealthCheckSchema), 'a list of health checks')),
  import: z.optional(ComponentImportSchema),
  // Deprecated in Zarf v1alpha1, migrated (scripts) or carried (group):
  group: z.optional(str('a group name')),
  scripts: z.optional(ScriptsSchema)
}), 'a mapping with name, images, ...');

export const PackageSchema = described(zarfObject({
  apiVersion: z.optional(z.enum(['zarf.dev/v1alpha1'])),
  // Zarf's schema accepts both kinds; not-built.ts refuses ZarfInitConfig (init packages are out of scope).
  kind: z.enum(['ZarfInitConfig', 'ZarfPackageConfig']),
  // Optional in Zarf's schema; required here: a package is published under metadata.name.
  metadata: MetadataSchema,
  // Written by the builder; fields create does not set survive from a hand-written one.
  build: z.optional(BuildDataSchema),
  components: described(z.array(ComponentSchema).check(z.minLength(1)), 'a list of components, each with a name'),
  constants: z.optional(described(z.array(ConstantSchema), 'a list of constants')),
  variables: z.optional(described(z.array(VariableSchema), 'a list of variables')),
  values: z.optional(ValuesSchema),
  documentation: z.optional(stringMap('a mapping of names to documentation file paths'))
}), 'a mapping with kind, metadata and components');

export type ZarfPackageConfig = z.infer<typeof PackageSchema>;
export type ZarfMetadata = z.infer<typeof MetadataSchema>;
export type ZarfBuildData = z.infer<typeof BuildDataSchema>;
export type ZarfComponent = z.infer<typeof ComponentSchema>;
export type ZarfComponentOnly = z.infer<typeof OnlySchema>;
export type ZarfComponentImport = z.infer<typeof ComponentImportSchema>;
export type ZarfImageArchive = z.infer<typeof ImageArchiveSchema>;
export type ZarfChart = z.infer<typeof ChartSchema>;
export type ZarfChartValue = z.infer<typeof ChartValueSchema>;
export type ZarfChartVariable = z.infer<typeof ChartVariableSchema>;
export type ZarfManifest = z.infer<typeof ManifestSchema>;
export type ZarfFile = z.infer<typeof FileSchema>;
export type ZarfDataInjection = z.infer<typeof DataInjectionSchema>;
export type ZarfHealthCheck = z.infer<typeof HealthCheckSchema>;
export type ZarfActions = z.infer<typeof ActionsSchema>;
export type ZarfActionSet = z.infer<typeof ActionSetSchema>;
export type ZarfActionDefaults = z.infer<typeof ActionDefaultsSchema>;
export type ZarfAction = z.infer<typeof ActionSchema>;
export type ZarfActionWait = z.infer<typeof ActionWaitSchema>;
export type ZarfShell = z.infer<typeof ShellSchema>;
export type ZarfScripts = z.infer<typeof ScriptsSchema>;
/** A package variable (Zarf's InteractiveVariable). */
export type ZarfVariable = z.infer<typeof VariableSchema>;
/** A variable set by an action (Zarf's Variable). */
export type ZarfSetVariable = z.infer<typeof SetVariableSchema>;
export type ZarfSetValue = z.infer<typeof SetValueSchema>;
export type ZarfConstant = z.infer<typeof ConstantSchema>;
export type ZarfValues = z.infer<typeof ValuesSchema>;
