export const id = 633;
export const ids = [633];
export const modules = {

/***/ 8633:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SERVICES: () => (/* binding */ SERVICES),
/* harmony export */   V1BETA1_API_VERSION: () => (/* binding */ V1BETA1_API_VERSION),
/* harmony export */   V1Beta1ComponentConfigSchema: () => (/* binding */ V1Beta1ComponentConfigSchema),
/* harmony export */   V1Beta1ComponentSchema: () => (/* binding */ V1Beta1ComponentSchema),
/* harmony export */   V1Beta1ComponentSpecSchema: () => (/* binding */ V1Beta1ComponentSpecSchema),
/* harmony export */   V1Beta1PackageSchema: () => (/* binding */ V1Beta1PackageSchema),
/* harmony export */   schemaIssues: () => (/* binding */ schemaIssues)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8816);
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
 * `.describe()` texts are noun phrases saying what a field expects, quoted in messages
 * ("components[0].optional must be <description>").
 */

const V1BETA1_API_VERSION = 'zarf.dev/v1beta1';
const NAME_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const NAME_TEXT = 'lowercase letters, digits and "-", starting with a letter or digit (e.g. my-app)';
const str = (what = 'a string') => zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().describe(what);
const bool = () => zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY().describe('true or false');
const int = (what = 'a whole number') => zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().describe(what);
const strings = (what = 'a list of strings') => zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().describe('a string')).describe(what);
const name = (what = NAME_TEXT) => zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().regex(NAME_PATTERN).describe(what);
/** Zarf's `oneOf` of `required` lists: exactly one of `keys` is set on the object. */
function exactlyOne(keys, what) {
    return (value, ctx) => {
        const set = keys.filter((k) => value[k] !== undefined);
        if (set.length === 1)
            return;
        ctx.addIssue({
            code: 'custom',
            message: set.length === 0 ? `needs one of ${keys.join(', ')}` : `sets ${set.join(' and ')}: only one is allowed`,
            path: set.length > 1 ? [set[1]] : [],
            params: { oneOf: keys, what }
        });
    };
}
// ---- Shared pieces -----------------------------------------------------------------------------
const ShellSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    windows: str('a shell for Windows (e.g. powershell)').optional(),
    linux: str('a shell for Linux (e.g. bash)').optional(),
    darwin: str('a shell for macOS (e.g. zsh)').optional()
})
    .describe('a mapping with windows, linux and/or darwin shells');
const ValuesSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    files: strings('a list of values file paths').optional(),
    schema: str('a path to a JSON schema file for the values').optional()
})
    .describe('a mapping with files and/or schema');
const VersionRequirementSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    version: str('the minimum Zarf version'),
    reason: str('the reason this version is required')
})
    .describe('a mapping with version and reason');
const GitRefSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    tag: str('a git tag').optional(),
    branch: str('a git branch').optional(),
    commit: str('a git commit SHA').optional()
})
    .superRefine(exactlyOne(['tag', 'branch', 'commit'], 'git reference'))
    .describe('a mapping with exactly one of tag, branch or commit');
const OciRefSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    tag: str('an OCI tag').optional(),
    digest: str('an OCI digest (sha256:...)').optional()
})
    .superRefine(exactlyOne(['tag', 'digest'], 'OCI reference'))
    .describe('a mapping with exactly one of tag or digest');
// ---- Component filters ---------------------------------------------------------------------------
const SelectorSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    architecture: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['amd64', 'arm64']).describe('amd64 or arm64').optional(),
    flavor: str('a flavor name').optional()
})
    .describe('a mapping with architecture and/or flavor');
const TargetSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    os: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['linux', 'darwin', 'windows']).describe('linux, darwin or windows').optional()
})
    .describe('a mapping with os');
// ---- Charts ----------------------------------------------------------------------------------
const HelmRepositorySchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    name: str('the chart name in the Helm repository').optional(),
    url: str('a Helm repository URL'),
    version: str('a chart version (quote numbers, e.g. "1.0.0")')
})
    .describe('a mapping with url, version and optionally name');
const GitSourceSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    url: str('a git repository URL without @ref'),
    path: str('a folder in the git repository').optional(),
    ref: GitRefSchema
})
    .describe('a mapping with url, ref and optionally path');
const LocalSourceSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({ path: str('a path to a chart folder or .tgz, relative to the zarf.yaml folder') })
    .describe('a mapping with path');
const OciSourceSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({ url: str('an oci:// chart URL'), ref: OciRefSchema })
    .describe('a mapping with url and ref');
const ValuesFileSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    path: str('a values file path or URL'),
    enableTemplating: bool().optional()
})
    .describe('a mapping with path and optionally enableTemplating');
const ChartValueSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    sourcePath: str('a path in the package values (e.g. .app.replicas)'),
    targetPath: str('a path in the chart values (e.g. .replicaCount)'),
    excludePaths: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().regex(/^\.[a-zA-Z0-9_-]+(\.[a-zA-Z0-9_-]+)*$/).describe('a dotted values path such as .registry.image'))
        .describe('a list of dotted values paths under sourcePath')
        .optional()
})
    .describe('a mapping with sourcePath and targetPath');
const SERVER_SIDE_APPLY = zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['true', 'false', 'auto']).describe('"true", "false" or "auto" (quoted)');
const ChartSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    name: str('a chart name'),
    helmRepository: HelmRepositorySchema.optional(),
    git: GitSourceSchema.optional(),
    local: LocalSourceSchema.optional(),
    oci: OciSourceSchema.optional(),
    namespace: str('a Kubernetes namespace').optional(),
    releaseName: str('a Helm release name').optional(),
    skipWait: bool().optional(),
    valuesFiles: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(ValuesFileSchema).describe('a list of {path, enableTemplating} entries').optional(),
    values: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(ChartValueSchema).describe('a list of {sourcePath, targetPath} entries').optional(),
    skipSchemaValidation: bool().optional(),
    serverSideApply: SERVER_SIDE_APPLY.optional()
})
    .superRefine(exactlyOne(['helmRepository', 'git', 'local', 'oci'], 'chart source'))
    .describe('a mapping with name and exactly one of helmRepository, git, local or oci');
// ---- Manifests, files, images, repositories ------------------------------------------------------
const KustomizeSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    files: strings('a list of kustomization paths or URLs').optional(),
    allowAnyDirectory: bool().optional(),
    enablePlugins: bool().optional()
})
    .describe('a mapping with files, allowAnyDirectory and/or enablePlugins');
const ManifestSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    name: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().max(40).describe('a manifest set name (at most 40 characters)'),
    namespace: str('a Kubernetes namespace').optional(),
    files: strings('a list of manifest file paths or URLs').optional(),
    kustomize: KustomizeSchema.optional(),
    skipWait: bool().optional(),
    serverSideApply: SERVER_SIDE_APPLY.optional(),
    enableTemplating: bool().optional()
})
    .describe('a mapping with name, namespace, files and/or kustomize');
const FileSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    source: str('a local path or URL'),
    checksum: str('a checksum such as sha256:<hex>').optional(),
    destination: str('the path to place the file at on deploy'),
    executable: bool().optional(),
    symlinks: strings('a list of symlink paths').optional(),
    extractPath: str('a path inside the source archive').optional(),
    enableTemplating: bool().optional()
})
    .describe('a mapping with source and destination');
const ImageSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    name: str('an image reference such as ghcr.io/acme/app:1.2.3'),
    source: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['registry', 'daemon']).describe('registry or daemon').optional()
})
    .describe('a mapping with name and optionally source');
const ImageArchiveSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    path: str('a path to an image archive (.tar), relative to the zarf.yaml folder'),
    images: strings('a list of the image references to take from the archive')
})
    .describe('a mapping with path and images');
const RepositorySchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    url: str('a git repository URL'),
    ref: GitRefSchema.optional()
})
    .describe('a mapping with url and optionally ref');
// ---- Actions -----------------------------------------------------------------------------------
const SetValueSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    key: str('a values path to set (e.g. .app.token)').optional(),
    type: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['yaml', 'json', 'string']).describe('yaml, json or string').optional()
})
    .describe('a mapping with key and optionally type');
const WaitSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    cluster: zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
        kind: str('a resource kind (e.g. Deployment)'),
        name: str('a resource name or selector'),
        namespace: str('a Kubernetes namespace').optional(),
        condition: str('a condition or jsonpath state (e.g. Available)').optional()
    })
        .describe('a mapping with kind, name and optionally namespace and condition')
        .optional(),
    network: zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
        protocol: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['tcp', 'http', 'https']).describe('tcp, http or https'),
        address: str('an address such as localhost:8080'),
        code: int('an HTTP status code').optional()
    })
        .describe('a mapping with protocol, address and optionally code')
        .optional()
})
    .describe('a mapping with cluster or network');
const ActionSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    silent: bool().optional(),
    maxTotalSeconds: int('a number of seconds').optional(),
    retries: int('a number of retries').optional(),
    dir: str('a working directory').optional(),
    env: strings('a list of NAME=value entries').optional(),
    cmd: str('a command').optional(),
    shell: ShellSchema.optional(),
    setValues: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(SetValueSchema).describe('a list of {key, type} entries').optional(),
    description: str('a description shown instead of the command').optional(),
    wait: WaitSchema.optional(),
    enableTemplating: bool().optional()
})
    .describe('a mapping with cmd or wait');
/** An action set's defaults: the fields of an action that every action of the set inherits. */
const ActionDefaultsSchema = ActionSchema.pick({ silent: true, maxTotalSeconds: true, retries: true, dir: true, env: true, shell: true }).describe('a mapping with silent, maxTotalSeconds, retries, dir, env and/or shell');
const actionList = () => zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(ActionSchema).describe('a list of actions');
const ActionSetSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    defaults: ActionDefaultsSchema.optional(),
    before: actionList().optional(),
    onSuccess: actionList().optional(),
    onFailure: actionList().optional()
})
    .describe('a mapping with defaults, before, onSuccess and/or onFailure');
const ActionsSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    onCreate: ActionSetSchema.optional(),
    onDeploy: ActionSetSchema.optional(),
    onRemove: ActionSetSchema.optional()
})
    .describe('a mapping with onCreate, onDeploy and/or onRemove');
// ---- Imports -----------------------------------------------------------------------------------
const ImportSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    local: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({ path: str('a path to a ZarfComponentConfig file') }).describe('a mapping with path'))
        .describe('a list of {path} entries')
        .optional(),
    remote: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({ url: str('an oci:// URL of a component config') }).describe('a mapping with url'))
        .describe('a list of {url} entries')
        .optional()
})
    .describe('a mapping with local and/or remote');
// ---- Component ---------------------------------------------------------------------------------
const SERVICES = ['registry', 'seed-registry', 'injector', 'agent', 'git-server'];
/** What a component holds besides its name, description and optional: a ZarfComponentConfig's `component`. */
const specShape = {
    import: ImportSchema.optional(),
    target: TargetSchema.optional(),
    selector: SelectorSchema.optional(),
    manifests: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(ManifestSchema).describe('a list of manifest sets').optional(),
    charts: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(ChartSchema).describe('a list of charts').optional(),
    files: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(FileSchema).describe('a list of files').optional(),
    images: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(ImageSchema).describe('a list of {name, source} entries').optional(),
    imageArchives: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(ImageArchiveSchema).describe('a list of {path, images} entries').optional(),
    repositories: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(RepositorySchema).describe('a list of {url, ref} entries').optional(),
    actions: ActionsSchema.optional(),
    service: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(SERVICES).describe(`one of ${SERVICES.join(', ')}`).optional(),
    stateAccess: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['registryCredentials', 'gitCredentials', 'agentCerts']).describe('registryCredentials, gitCredentials or agentCerts'))
        .describe('a list of state field groups')
        .optional()
};
const V1Beta1ComponentSpecSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej(specShape).describe('a mapping with the component content (charts, images, ...)');
const V1Beta1ComponentSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    name: name(),
    description: str('a description').optional(),
    optional: bool().optional(),
    ...specShape
})
    .describe('a mapping with name, images, charts, ...');
// ---- Package -----------------------------------------------------------------------------------
const MetadataSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    name: name(),
    description: str('a description').optional(),
    version: str('a string (quote numbers, e.g. "1.0")').optional(),
    uncompressed: bool().optional(),
    architecture: str('an architecture such as amd64 or arm64').optional(),
    annotations: zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().describe('a string (quote numbers and true/false)'))
        .describe('a mapping of names to string values')
        .optional(),
    preventNamespaceOverride: bool().optional()
})
    .describe('a mapping with name, version, description, ...');
const BuildSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    hostname: str('a machine name').optional(),
    user: str('a user name').optional(),
    timestamp: str('a timestamp').optional(),
    architecture: str('an architecture'),
    version: str('a Zarf version'),
    migrations: strings('a list of migration names').optional(),
    registryOverrides: zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().describe('a registry')).describe('a mapping of registries').optional(),
    differential: bool().optional(),
    differentialPackageVersion: str('a package version').optional(),
    flavor: str('a flavor name').optional(),
    signed: bool().optional(),
    versionRequirements: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(VersionRequirementSchema).describe('a list of {version, reason} entries').optional(),
    provenanceFiles: strings('a list of file names').optional(),
    aggregateChecksum: str('a checksum')
})
    .describe('a mapping written by zarf package create');
const V1Beta1PackageSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    apiVersion: zod__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .euz(V1BETA1_API_VERSION).describe(V1BETA1_API_VERSION),
    kind: zod__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .euz('ZarfPackageConfig').describe('ZarfPackageConfig'),
    metadata: MetadataSchema.optional(),
    build: BuildSchema.optional(),
    components: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(V1Beta1ComponentSchema).min(1).describe('a list of components, each with a name'),
    values: ValuesSchema.optional(),
    documentation: zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().describe('a file path')).describe('a mapping of names to file paths').optional()
})
    .describe('a mapping with apiVersion, kind, metadata and components');
// ---- Component config (the file a v1beta1 import names) --------------------------------------------
const V1Beta1ComponentConfigSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    apiVersion: zod__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .euz(V1BETA1_API_VERSION).describe(V1BETA1_API_VERSION),
    kind: zod__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .euz('ZarfComponentConfig').describe('ZarfComponentConfig'),
    metadata: zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
        name: name(),
        description: str('a description').optional(),
        version: str('a string (quote numbers, e.g. "1.0")').optional(),
        annotations: zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().describe('a string (quote numbers and true/false)'))
            .describe('a mapping of names to string values')
            .optional()
    })
        .describe('a mapping with name and optionally description, version, annotations'),
    component: V1Beta1ComponentSpecSchema,
    values: ValuesSchema.optional(),
    publishData: zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
        zarfVersion: str('a Zarf version'),
        migrations: strings('a list of migration names').optional(),
        versionRequirements: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(VersionRequirementSchema).describe('a list of {version, reason} entries').optional()
    })
        .describe('a mapping written by zarf when publishing')
        .optional()
})
    .describe('a mapping with apiVersion, kind: ZarfComponentConfig, metadata and component');
/**
 * The issues of `schema` for `data`, minus what Zarf allows: keys matching `^x-` (dropped from each
 * unrecognized-keys issue, and the issue with them when none is left). Empty when `data` is valid.
 */
function schemaIssues(schema, data) {
    const result = schema.safeParse(data);
    if (result.success)
        return [];
    const out = [];
    for (const issue of result.error.issues) {
        if (issue.code === 'unrecognized_keys') {
            const keys = issue.keys.filter((k) => !k.startsWith('x-'));
            if (keys.length > 0)
                out.push({ ...issue, keys });
        }
        else {
            out.push(issue);
        }
    }
    return out;
}


/***/ })

};
