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
 * `.describe()` texts are noun phrases saying what a field expects; issues.ts quotes them in messages
 * ("metadata.name must be <description>", "add "name:" to components[0]: <description>").
 */
import * as z from 'zod';

// ---- Strict objects that allow x- keys ---------------------------------------------------------

/** Keys Zarf's schema allows in every object besides the known ones. */
const EXTENSION_KEY = /^x-/;

/** What an object holds besides its known fields: any number of `x-...` keys, of any value. */
type ExtensionKeys = { [key: `x-${string}`]: unknown };

/** A zod object whose unknown keys are refused unless they start with `x-`. */
export type ZarfObject<S extends z.core.$ZodShape> = z.ZodObject<S, { out: ExtensionKeys; in: ExtensionKeys }>;

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
  const schema = z
    .object(shape)
    .catchall(z.unknown())
    .superRefine(
      (value, ctx) => {
        const keys = Object.keys(value).filter((k) => !known.has(k) && !EXTENSION_KEY.test(k));
        if (keys.length > 0) ctx.addIssue({ code: 'unrecognized_keys', keys, input: value, continue: true });
      },
      { when: (payload) => isMapping(payload.value) }
    );
  return schema as unknown as ZarfObject<S>;
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

const str = (what = 'a string') => z.string().describe(what);
const bool = () => z.boolean().describe('true or false');
const int = (what = 'a whole number') => z.number().int().describe(what);
const strings = (what = 'a list of strings') => z.array(z.string().describe('a string')).describe(what);
const variableName = () => z.string().regex(VARIABLE_PATTERN).describe(VARIABLE_TEXT);
/** A string matching NO_SLASH_PATTERN; `what` says so (e.g. 'a version without "/" or "\\"'). */
const noSlash = (what: string) => z.string().regex(NO_SLASH_PATTERN).describe(what);
const stringMap = (what: string) =>
  z.record(z.string(), z.string().describe('a string (quote numbers and true/false)')).describe(what);
const applyMode = () =>
  z.enum(['true', 'false', 'auto']).describe('one of "true", "false" or "auto", quoted (e.g. serverSideApply: "true")');

// ---- Package metadata --------------------------------------------------------------------------

export const MetadataSchema = zarfObject({
  name: z.string().min(1).max(255).regex(NAME_PATTERN).describe(NAME_TEXT),
  description: str().optional(),
  version: noSlash('a version without "/" or "\\" (quote numbers, e.g. "1.0")').optional(),
  url: str('a URL').optional(),
  image: str('an image URL').optional(),
  uncompressed: bool().optional(),
  architecture: str('an architecture such as amd64 or arm64').optional(),
  allowNamespaceOverride: bool().optional(),
  yolo: bool().optional(),
  authors: str('a comma-separated list of authors').optional(),
  documentation: str('a URL').optional(),
  source: str('a URL').optional(),
  vendor: str().optional(),
  aggregateChecksum: str().optional(),
  annotations: stringMap('a mapping of names to string values').optional()
}).describe('a mapping with name, version, description, ...');

// ---- Build data (written by the builder) -------------------------------------------------------

const VersionRequirementSchema = zarfObject({
  version: str('a Zarf version'),
  reason: str().optional()
}).describe('a mapping with version and reason');

export const BuildDataSchema = zarfObject({
  terminal: str().optional(),
  user: str().optional(),
  architecture: str('an architecture such as amd64 or arm64'),
  timestamp: str('a timestamp'),
  version: str('a Zarf version'),
  migrations: strings('a list of migration names').optional(),
  registryOverrides: stringMap('a mapping of registries to their replacements').optional(),
  differential: bool().optional(),
  differentialPackageVersion: noSlash('a package version without "/" or "\\"').optional(),
  differentialMissing: strings('a list of component names').optional(),
  flavor: noSlash('a flavor name without "/" or "\\"').optional(),
  signed: bool().optional(),
  versionRequirements: z.array(VersionRequirementSchema).describe('a list of {version, reason}').optional(),
  provenanceFiles: strings('a list of file paths').optional()
}).describe('a mapping with architecture, timestamp, version, ...');

// ---- Component filters -------------------------------------------------------------------------

const OnlyClusterSchema = zarfObject({
  architecture: z.enum(['amd64', 'arm64']).optional(),
  distros: strings('a list of distribution names (e.g. [k3s, eks])').optional()
}).describe('a mapping with architecture and/or distros');

const OnlySchema = zarfObject({
  localOS: z.enum(['linux', 'darwin', 'windows']).optional(),
  cluster: OnlyClusterSchema.optional(),
  flavor: str('a flavor name').optional()
}).describe('a mapping with localOS, cluster and/or flavor');

// ---- Images ------------------------------------------------------------------------------------

const ImageSchema = z.string().describe('an image reference such as ghcr.io/acme/app:1.2.3');

export const ImageArchiveSchema = zarfObject({
  path: z.string().min(1).describe('a path to an image archive (.tar), relative to the zarf.yaml folder'),
  images: z.array(ImageSchema).min(1).describe('a list of the image references to take from the archive')
}).describe('a mapping with path and images');

// ---- Charts, manifests, files, data injections, health checks -----------------------------------
// charts, manifests (with kustomizations), files and data injections are built by
// src/package/components (charts from git are rejected there); not-built.ts refuses the rest.

const ChartVariableSchema = zarfObject({
  name: variableName(),
  description: str('a description of what the variable controls'),
  path: str('a path within the chart values')
}).describe('a mapping with name, description and path');

const ChartValueSchema = zarfObject({
  sourcePath: z.string().regex(VALUES_PATH_PATTERN).describe('a Zarf values path such as .registry ("." for the root)'),
  targetPath: z.string().regex(VALUES_PATH_PATTERN).describe('a chart values path such as .distribution ("." for the root)'),
  excludePaths: z
    .array(z.string().regex(VALUES_SUBPATH_PATTERN).describe('a values path under sourcePath, such as .registry.image'))
    .describe('a list of values paths under sourcePath')
    .optional()
}).describe('a mapping with sourcePath and targetPath');

export const ChartSchema = zarfObject({
  name: noSlash('a chart name without "/" or "\\"'),
  version: noSlash('a chart version without "/" or "\\" (quote numbers, e.g. "1.0.0")').optional(),
  url: str('a chart repository, OCI or git URL').optional(),
  repoName: str('a chart name in the repository').optional(),
  gitPath: str('a folder in the git repository').optional(),
  localPath: str('a path to a chart folder or .tgz, relative to the zarf.yaml folder').optional(),
  namespace: str('a Kubernetes namespace').optional(),
  releaseName: str('a Helm release name').optional(),
  noWait: bool().optional(),
  valuesFiles: strings('a list of values file paths or URLs').optional(),
  templatedValuesFiles: strings('a list of values file paths or URLs templated at deploy').optional(),
  values: z.array(ChartValueSchema).describe('a list of {sourcePath, targetPath}').optional(),
  variables: z.array(ChartVariableSchema).describe('a list of chart variables').optional(),
  schemaValidation: bool().optional(),
  serverSideApply: applyMode().optional()
}).describe('a mapping with name, version, url or localPath, namespace, ...');

export const ManifestSchema = zarfObject({
  name: noSlash('a manifest set name without "/" or "\\"'),
  namespace: str('a Kubernetes namespace').optional(),
  files: strings('a list of manifest file paths or URLs').optional(),
  kustomizeAllowAnyDirectory: bool().optional(),
  kustomizations: strings('a list of kustomization paths or URLs').optional(),
  enableKustomizePlugins: bool().optional(),
  noWait: bool().optional(),
  template: bool().optional(),
  serverSideApply: applyMode().optional()
}).describe('a mapping with name, namespace, files and/or kustomizations');

export const FileSchema = zarfObject({
  source: str('a local path or URL'),
  shasum: str('a sha256 hex checksum').optional(),
  target: str('the path to place the file at on deploy'),
  executable: bool().optional(),
  symlinks: strings('a list of symlink paths').optional(),
  extractPath: str('a path inside the source archive').optional(),
  template: bool().optional()
}).describe('a mapping with source and target');

const ContainerTargetSchema = zarfObject({
  namespace: str('a Kubernetes namespace'),
  selector: str('a label selector such as app=data-injection'),
  container: str('a container name'),
  path: str('a path inside the container')
}).describe('a mapping with namespace, selector, container and path');

export const DataInjectionSchema = zarfObject({
  source: str('a local path or URL'),
  target: ContainerTargetSchema,
  compress: bool().optional()
}).describe('a mapping with source and target');

export const HealthCheckSchema = zarfObject({
  apiVersion: str('a Kubernetes API version such as apps/v1'),
  kind: str('a Kubernetes kind such as Deployment'),
  namespace: str('a Kubernetes namespace'),
  name: str('a resource name')
}).describe('a mapping with apiVersion, kind, namespace and name');

export const ComponentImportSchema = zarfObject({
  name: str('a component name').optional(),
  path: str('a path to a folder holding a zarf.yaml').optional(),
  url: z.string().regex(OCI_URL_PATTERN).describe('an oci:// URL of a skeleton package').optional()
}).describe('a mapping with name and path or url');

// ---- Variables, constants, values --------------------------------------------------------------

const variableType = () => z.enum(['raw', 'file']);

const variableFields = {
  name: variableName(),
  sensitive: bool().optional(),
  autoIndent: bool().optional(),
  pattern: str('a regular expression').optional(),
  type: variableType().optional()
};

/** A variable an action sets from its output (`setVariables`). */
export const SetVariableSchema = zarfObject(variableFields).describe('a mapping with name, sensitive, autoIndent, pattern, type');

/** A package variable, set or prompted for at deploy. */
export const VariableSchema = zarfObject({
  ...variableFields,
  description: str().optional(),
  default: str().optional(),
  prompt: bool().optional()
}).describe('a mapping with name, description, default, prompt, ...');

export const ConstantSchema = zarfObject({
  name: variableName(),
  value: str(),
  description: str().optional(),
  autoIndent: bool().optional(),
  pattern: str('a regular expression').optional()
}).describe('a mapping with name and value');

export const SetValueSchema = zarfObject({
  key: str('a values path such as .app.replicas').optional(),
  value: z.unknown().optional(),
  type: str('a value type such as string, json or yaml').optional()
}).describe('a mapping with key, value and type');

export const ValuesSchema = zarfObject({
  files: strings('a list of values file paths').optional(),
  schema: str('a path to a .schema.json file').optional()
}).describe('a mapping with files and schema');

// ---- Actions -----------------------------------------------------------------------------------

const ShellSchema = zarfObject({
  windows: str('a shell name such as powershell').optional(),
  linux: str('a shell name such as bash').optional(),
  darwin: str('a shell name such as zsh').optional()
}).describe('a mapping with windows, linux and/or darwin');

const WaitClusterSchema = zarfObject({
  kind: str('a Kubernetes kind such as Deployment'),
  name: str('a resource name or selector'),
  namespace: str('a Kubernetes namespace').optional(),
  condition: str('a condition or jsonpath state such as Ready').optional()
}).describe('a mapping with kind, name, namespace and condition');

const WaitNetworkSchema = zarfObject({
  protocol: z.enum(['tcp', 'http', 'https']),
  address: str('an address such as localhost:8080'),
  code: int('an HTTP status code').optional()
}).describe('a mapping with protocol, address and code');

const ActionWaitSchema = zarfObject({
  cluster: WaitClusterSchema.optional(),
  network: WaitNetworkSchema.optional()
}).describe('a mapping with cluster or network');

export const ActionSchema = zarfObject({
  mute: bool().optional(),
  maxTotalSeconds: int('a whole number of seconds').optional(),
  maxRetries: int().optional(),
  dir: str('a folder').optional(),
  env: strings('a list of NAME=value strings').optional(),
  cmd: str('a command').optional(),
  shell: ShellSchema.optional(),
  setVariable: variableName().optional(),
  setVariables: z.array(SetVariableSchema).describe('a list of variables').optional(),
  setValues: z.array(SetValueSchema).describe('a list of {key, value, type}').optional(),
  description: str().optional(),
  wait: ActionWaitSchema.optional(),
  template: bool().optional()
}).describe('a mapping with cmd or wait, and options');

export const ActionDefaultsSchema = zarfObject({
  mute: bool().optional(),
  maxTotalSeconds: int('a whole number of seconds').optional(),
  maxRetries: int().optional(),
  dir: str('a folder').optional(),
  env: strings('a list of NAME=value strings').optional(),
  shell: ShellSchema.optional()
}).describe('a mapping with mute, maxTotalSeconds, maxRetries, dir, env and/or shell');

const actions = () => z.array(ActionSchema).describe('a list of actions');

export const ActionSetSchema = zarfObject({
  defaults: ActionDefaultsSchema.optional(),
  before: actions().optional(),
  after: actions().optional(),
  onSuccess: actions().optional(),
  onFailure: actions().optional()
}).describe('a mapping with defaults, before, after, onSuccess and/or onFailure');

export const ActionsSchema = zarfObject({
  onCreate: ActionSetSchema.optional(),
  onDeploy: ActionSetSchema.optional(),
  onRemove: ActionSetSchema.optional()
}).describe('a mapping with onCreate, onDeploy and/or onRemove');

const ScriptsSchema = zarfObject({
  showOutput: bool().optional(),
  timeoutSeconds: int('a whole number of seconds').optional(),
  retry: bool().optional(),
  prepare: strings('a list of commands').optional(),
  before: strings('a list of commands').optional(),
  after: strings('a list of commands').optional()
}).describe('a mapping with prepare, before and/or after');

// ---- Component and package ---------------------------------------------------------------------

export const ComponentSchema = zarfObject({
  name: z.string().min(1).max(250).regex(NAME_PATTERN).describe(NAME_TEXT),
  description: str().optional(),
  default: bool().optional(),
  required: bool().optional(),
  only: OnlySchema.optional(),
  images: z.array(ImageSchema).describe('a list of image references (one "- ghcr.io/acme/app:1.2.3" per line)').optional(),
  imageArchives: z.array(ImageArchiveSchema).describe('a list of {path, images} entries').optional(),
  // Built by src/package/components (checks.ts rejects the parts not supported yet):
  charts: z.array(ChartSchema).describe('a list of charts').optional(),
  manifests: z.array(ManifestSchema).describe('a list of manifest sets').optional(),
  files: z.array(FileSchema).describe('a list of files').optional(),
  // Deploy-time only: carried into the built zarf.yaml.
  stateAccess: strings('a list of state groups (registryCredentials, gitCredentials, agentCerts)').optional(),
  // repos are refused by not-built.ts; actions, healthChecks and import are carried or composed.
  repos: strings('a list of git repository URLs').optional(),
  actions: ActionsSchema.optional(),
  dataInjections: z.array(DataInjectionSchema).describe('a list of data injections').optional(),
  healthChecks: z.array(HealthCheckSchema).describe('a list of health checks').optional(),
  import: ComponentImportSchema.optional(),
  // Deprecated in Zarf v1alpha1, migrated (scripts) or carried (group):
  group: str('a group name').optional(),
  scripts: ScriptsSchema.optional()
}).describe('a mapping with name, images, ...');

export const PackageSchema = zarfObject({
  apiVersion: z.enum(['zarf.dev/v1alpha1']).optional(),
  // Zarf's schema accepts both kinds; not-built.ts refuses ZarfInitConfig (init packages are out of scope).
  kind: z.enum(['ZarfInitConfig', 'ZarfPackageConfig']),
  // Optional in Zarf's schema; required here: a package is published under metadata.name.
  metadata: MetadataSchema,
  // Written by the builder; fields create does not set survive from a hand-written one.
  build: BuildDataSchema.optional(),
  components: z.array(ComponentSchema).min(1).describe('a list of components, each with a name'),
  constants: z.array(ConstantSchema).describe('a list of constants').optional(),
  variables: z.array(VariableSchema).describe('a list of variables').optional(),
  values: ValuesSchema.optional(),
  documentation: stringMap('a mapping of names to documentation file paths').optional()
}).describe('a mapping with kind, metadata and components');

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
