/**
 * The zarf.yaml input schema (Zarf `zarf.dev/v1alpha1`, kind ZarfPackageConfig), field names as in
 * zarf-dev/zarf `src/api/v1alpha1`. Every object is strict: an unknown key is an error (keys starting
 * with `x-` excepted, as in Zarf's own JSON schema, so YAML anchors can live in `x-...` keys).
 *
 * Fields Lading cannot build yet are still described here with their real shape, so enabling one
 * later is a matter of removing it from UNSUPPORTED_FIELDS; see there.
 *
 * `.describe()` texts are noun phrases saying what a field expects; definition.ts quotes them in
 * messages ("metadata.name must be <description>").
 */
import * as z from 'zod';

export const NAME_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const NAME_TEXT = 'lowercase letters, digits and "-", starting with a letter or digit (e.g. my-app)';
const VARIABLE_PATTERN = /^[A-Z0-9_]+$/;
const VARIABLE_TEXT = 'uppercase letters, digits and "_" (e.g. MY_VAR)';

const str = (what = 'a string') => z.string().describe(what);
const bool = () => z.boolean().describe('true or false');
const int = (what = 'a whole number') => z.number().int().describe(what);
const strings = (what = 'a list of strings') => z.array(z.string().describe('a string')).describe(what);

// ---- Package metadata ------------------------------------------------------------------------

export const MetadataSchema = z
  .strictObject({
    name: z.string().min(1).max(255).regex(NAME_PATTERN).describe(NAME_TEXT),
    description: str().optional(),
    version: str('a string (quote numbers, e.g. "1.0")').optional(),
    url: str('a URL').optional(),
    image: str('an image URL').optional(),
    uncompressed: bool().optional(),
    architecture: str('an architecture such as amd64 or arm64').optional(),
    // Accepted by the schema so they are not "unknown"; rejected in definition.ts (NOT_ALLOWED_IN_INPUT).
    yolo: bool().optional(),
    authors: str().optional(),
    documentation: str('a URL').optional(),
    source: str('a URL').optional(),
    vendor: str().optional(),
    aggregateChecksum: str().optional(),
    annotations: z.record(z.string(), z.string().describe('a string (quote numbers and true/false)')).describe('a mapping of names to string values').optional()
  })
  .describe('a mapping with name, version, description, ...');

// ---- Component filters -----------------------------------------------------------------------

const OnlyClusterSchema = z
  .strictObject({
    architecture: z.enum(['amd64', 'arm64']).optional(),
    distros: strings('a list of distribution names (e.g. [k3s, eks])').optional()
  })
  .describe('a mapping with architecture and/or distros');

const OnlySchema = z
  .strictObject({
    localOS: z.enum(['linux', 'darwin', 'windows']).optional(),
    cluster: OnlyClusterSchema.optional(),
    flavor: str().optional()
  })
  .describe('a mapping with localOS, cluster and/or flavor');

// ---- Images ----------------------------------------------------------------------------------

const ImageSchema = z.string().describe('an image reference such as ghcr.io/acme/app:1.2.3');

const ImageArchiveSchema = z
  .strictObject({
    path: z.string().min(1).describe('a path to an image archive (.tar), relative to the zarf.yaml folder'),
    images: z.array(ImageSchema).min(1).describe('a list of the image references to take from the archive')
  })
  .describe('a mapping with path and images');

// ---- Component content (shapes from Zarf v1alpha1) ---------------------------------------------
// charts, manifests and files are built by src/package/components (their unsupported parts, such as
// kustomizations, extractPath and git charts, are rejected there); the rest is in UNSUPPORTED_FIELDS.

const ChartVariableSchema = z.strictObject({
  name: z.string().regex(VARIABLE_PATTERN).describe(VARIABLE_TEXT),
  description: str(),
  path: str('a path within the chart values')
});

const ChartSchema = z
  .strictObject({
    name: str('a chart name'),
    version: str('a chart version (quote numbers, e.g. "1.0.0")').optional(),
    url: str('a chart repository, OCI or git URL').optional(),
    repoName: str().optional(),
    gitPath: str('a folder in the git repository').optional(),
    localPath: str('a path to a chart folder or .tgz, relative to the zarf.yaml folder').optional(),
    namespace: str('a Kubernetes namespace').optional(),
    releaseName: str('a Helm release name').optional(),
    noWait: bool().optional(),
    valuesFiles: strings('a list of values file paths or URLs').optional(),
    variables: z.array(ChartVariableSchema).describe('a list of chart variables').optional(),
    values: z
      .array(z.strictObject({ sourcePath: str(), targetPath: str() }))
      .describe('a list of {sourcePath, targetPath}')
      .optional(),
    schemaValidation: bool().optional()
  })
  .describe('a mapping with name, version, url or localPath, namespace, ...');

const ManifestSchema = z
  .strictObject({
    name: str('a manifest set name'),
    namespace: str('a Kubernetes namespace').optional(),
    files: strings('a list of manifest file paths or URLs').optional(),
    kustomizeAllowAnyDirectory: bool().optional(),
    kustomizations: strings('a list of kustomization paths or URLs').optional(),
    noWait: bool().optional(),
    template: bool().optional()
  })
  .describe('a mapping with name, namespace, files and/or kustomizations');

const FileSchema = z
  .strictObject({
    source: str('a local path or URL'),
    shasum: str('a sha256 hex checksum').optional(),
    target: str('the path to place the file at on deploy'),
    executable: bool().optional(),
    symlinks: strings('a list of symlink paths').optional(),
    extractPath: str('a path inside the source archive').optional(),
    template: bool().optional()
  })
  .describe('a mapping with source and target');

const DataInjectionSchema = z.strictObject({
  source: str(),
  target: z.strictObject({ namespace: str(), selector: str(), container: str(), path: str() }),
  compress: bool().optional()
});

const HealthCheckSchema = z.strictObject({ apiVersion: str(), kind: str(), namespace: str(), name: str() });

const ImportSchema = z
  .strictObject({ name: str().optional(), path: str().optional(), url: str().optional() })
  .describe('a mapping with name and path or url');

const ShellSchema = z.strictObject({ windows: str().optional(), linux: str().optional(), darwin: str().optional() });

const VariableSchema = z.strictObject({
  name: z.string().regex(VARIABLE_PATTERN).describe(VARIABLE_TEXT),
  sensitive: bool().optional(),
  autoIndent: bool().optional(),
  pattern: str('a regular expression').optional(),
  type: z.enum(['raw', 'file']).optional()
});

const ActionSchema = z.strictObject({
  mute: bool().optional(),
  maxTotalSeconds: int().optional(),
  maxRetries: int().optional(),
  dir: str().optional(),
  env: strings().optional(),
  cmd: str().optional(),
  shell: ShellSchema.optional(),
  setVariable: z.string().regex(VARIABLE_PATTERN).describe(VARIABLE_TEXT).optional(),
  setVariables: z.array(VariableSchema).optional(),
  description: str().optional(),
  wait: z
    .strictObject({
      cluster: z
        .strictObject({ kind: str(), name: str(), namespace: str().optional(), condition: str().optional() })
        .optional(),
      network: z
        .strictObject({ protocol: z.enum(['tcp', 'http', 'https']), address: str(), code: int().optional() })
        .optional()
    })
    .optional(),
  template: bool().optional()
});

const ActionSetSchema = z.strictObject({
  defaults: z
    .strictObject({
      mute: bool().optional(),
      maxTotalSeconds: int().optional(),
      maxRetries: int().optional(),
      dir: str().optional(),
      env: strings().optional(),
      shell: ShellSchema.optional()
    })
    .optional(),
  before: z.array(ActionSchema).optional(),
  after: z.array(ActionSchema).optional(),
  onSuccess: z.array(ActionSchema).optional(),
  onFailure: z.array(ActionSchema).optional()
});

const ActionsSchema = z
  .strictObject({ onCreate: ActionSetSchema.optional(), onDeploy: ActionSetSchema.optional(), onRemove: ActionSetSchema.optional() })
  .describe('a mapping with onCreate, onDeploy and/or onRemove');

const ScriptsSchema = z.strictObject({
  showOutput: bool().optional(),
  timeoutSeconds: int().optional(),
  retry: bool().optional(),
  prepare: strings().optional(),
  before: strings().optional(),
  after: strings().optional()
});

// ---- Component and package ---------------------------------------------------------------------

export const ComponentSchema = z
  .strictObject({
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
    // Not built by Lading yet (see UNSUPPORTED_FIELDS):
    repos: strings('a list of git repository URLs').optional(),
    actions: ActionsSchema.optional(),
    dataInjections: z.array(DataInjectionSchema).describe('a list of data injections').optional(),
    healthChecks: z.array(HealthCheckSchema).describe('a list of health checks').optional(),
    import: ImportSchema.optional(),
    // Deprecated in Zarf v1alpha1, not supported by Lading:
    group: str().optional(),
    cosignKeyPath: str().optional(),
    scripts: ScriptsSchema.optional(),
    extensions: z.record(z.string(), z.unknown()).optional()
  })
  .describe('a mapping with name, images, ...');

const ConstantSchema = z.strictObject({
  name: z.string().regex(VARIABLE_PATTERN).describe(VARIABLE_TEXT),
  value: str(),
  description: str().optional(),
  autoIndent: bool().optional(),
  pattern: str('a regular expression').optional()
});

const InteractiveVariableSchema = VariableSchema.extend({
  description: str().optional(),
  default: str().optional(),
  prompt: bool().optional()
});

export const PackageSchema = z
  .strictObject({
    apiVersion: z.literal('zarf.dev/v1alpha1').optional(),
    kind: z.literal('ZarfPackageConfig'),
    metadata: MetadataSchema,
    // Written by the builder; rejected in input (NOT_ALLOWED_IN_INPUT).
    build: z.record(z.string(), z.unknown()).optional(),
    components: z.array(ComponentSchema).min(1).describe('a list of components, each with a name'),
    constants: z.array(ConstantSchema).describe('a list of constants').optional(),
    variables: z.array(InteractiveVariableSchema).describe('a list of variables').optional()
  })
  .describe('a mapping with kind, metadata and components');

export type ZarfPackageConfig = z.infer<typeof PackageSchema>;
export type ZarfComponent = z.infer<typeof ComponentSchema>;
export type ZarfMetadata = z.infer<typeof MetadataSchema>;
export type ZarfImageArchive = z.infer<typeof ImageArchiveSchema>;

/** Where a field lives: at the top level of zarf.yaml, in `metadata`, or in every component. */
export type FieldScope = 'package' | 'metadata' | 'component';

export interface FieldRule {
  scope: FieldScope;
  key: string;
  /** Shown in parentheses after "<path> is not supported by Lading yet" / "is not allowed in zarf.yaml". */
  why: string;
  /** Deprecated in Zarf itself: the message says so instead of "yet". */
  deprecated?: boolean;
  hint: string;
}

const ZARF_CLI = 'remove it, or build this package with `zarf package create`';

/**
 * Fields of Zarf v1alpha1 that Lading does not build (yet). Their shape is validated by the schema,
 * then each present one is rejected at its key. Enabling e.g. repos = removing its entry here and
 * building it.
 */
export const UNSUPPORTED_FIELDS: readonly FieldRule[] = [
  { scope: 'component', key: 'repos', why: 'git repositories are not packaged yet', hint: ZARF_CLI },
  { scope: 'component', key: 'actions', why: 'Lading runs no actions', hint: ZARF_CLI },
  { scope: 'component', key: 'dataInjections', why: 'data injections are not packaged yet', hint: ZARF_CLI },
  { scope: 'component', key: 'healthChecks', why: 'health checks are not packaged yet', hint: ZARF_CLI },
  { scope: 'component', key: 'import', why: 'imported components are not resolved', hint: 'copy the component into this zarf.yaml, or build with `zarf package create`' },
  { scope: 'component', key: 'group', why: 'use only.flavor instead', hint: 'remove it; use only.flavor to select components', deprecated: true },
  { scope: 'component', key: 'cosignKeyPath', why: 'signed online resources are not fetched', hint: 'remove it', deprecated: true },
  { scope: 'component', key: 'scripts', why: 'replaced by actions, which Lading does not run', hint: ZARF_CLI, deprecated: true },
  { scope: 'component', key: 'extensions', why: 'Zarf extensions are not packaged', hint: ZARF_CLI },
  { scope: 'package', key: 'variables', why: 'package variables are not packaged yet', hint: ZARF_CLI },
  { scope: 'package', key: 'constants', why: 'package constants are not packaged yet', hint: ZARF_CLI }
];

/** Fields Zarf writes into a built package; a definition must not set them. */
export const NOT_ALLOWED_IN_INPUT: readonly FieldRule[] = [
  { scope: 'package', key: 'build', why: 'the builder writes it into the package', hint: 'remove the build section from zarf.yaml' },
  { scope: 'metadata', key: 'aggregateChecksum', why: 'it is computed when the package is built', hint: 'remove metadata.aggregateChecksum from zarf.yaml' },
  {
    scope: 'metadata',
    key: 'yolo',
    why: 'a YOLO package cannot carry images, and Lading packages are image packages',
    hint: 'remove metadata.yolo'
  }
];
