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
/* harmony import */ var zod_mini__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8395);
/* harmony import */ var zod_mini__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3759);
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(182);
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


const V1BETA1_API_VERSION = 'zarf.dev/v1beta1';
const NAME_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const NAME_TEXT = 'lowercase letters, digits and "-", starting with a letter or digit (e.g. my-app)';
const str = (what = 'a string') => (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), what);
const bool = () => (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(), 'true or false');
const int = (what = 'a whole number') => (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().check(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .int */ .Whr()), what);
const strings = (what = 'a list of strings') => (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), 'a string')), what);
const annotations = () => (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), 'a string (quote numbers and true/false)')), 'a mapping of names to string values');
const name = (what = NAME_TEXT) => (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().check(zod_mini__WEBPACK_IMPORTED_MODULE_2__/* ._regex */ .Fk(NAME_PATTERN)), what);
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
const ShellSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    windows: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('a shell for Windows (e.g. powershell)')),
    linux: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('a shell for Linux (e.g. bash)')),
    darwin: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('a shell for macOS (e.g. zsh)'))
}), 'a mapping with windows, linux and/or darwin shells');
const ValuesSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    files: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(strings('a list of values file paths')),
    schema: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('a path to a JSON schema file for the values'))
}), 'a mapping with files and/or schema');
const VersionRequirementSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    version: str('the minimum Zarf version'),
    reason: str('the reason this version is required')
}), 'a mapping with version and reason');
const GitRefSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    tag: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('a git tag')),
    branch: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('a git branch')),
    commit: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('a git commit SHA'))
}).check(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .superRefine */ .zni(exactlyOne(['tag', 'branch', 'commit'], 'git reference'))), 'a mapping with exactly one of tag, branch or commit');
const OciRefSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    tag: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('an OCI tag')),
    digest: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('an OCI digest (sha256:...)'))
}).check(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .superRefine */ .zni(exactlyOne(['tag', 'digest'], 'OCI reference'))), 'a mapping with exactly one of tag or digest');
// ---- Component filters ---------------------------------------------------------------------------
const SelectorSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    architecture: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['amd64', 'arm64']), 'amd64 or arm64')),
    flavor: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('a flavor name'))
}), 'a mapping with architecture and/or flavor');
const TargetSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    os: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['linux', 'darwin', 'windows']), 'linux, darwin or windows'))
}), 'a mapping with os');
// ---- Charts ----------------------------------------------------------------------------------
const HelmRepositorySchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    name: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('the chart name in the Helm repository')),
    url: str('a Helm repository URL'),
    version: str('a chart version (quote numbers, e.g. "1.0.0")')
}), 'a mapping with url, version and optionally name');
const GitSourceSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    url: str('a git repository URL without @ref'),
    path: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('a folder in the git repository')),
    ref: GitRefSchema
}), 'a mapping with url, ref and optionally path');
const LocalSourceSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({ path: str('a path to a chart folder or .tgz, relative to the zarf.yaml folder') }), 'a mapping with path');
const OciSourceSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({ url: str('an oci:// chart URL'), ref: OciRefSchema }), 'a mapping with url and ref');
const ValuesFileSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    path: str('a values file path or URL'),
    enableTemplating: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(bool())
}), 'a mapping with path and optionally enableTemplating');
const ChartValueSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    sourcePath: str('a path in the package values (e.g. .app.replicas)'),
    targetPath: str('a path in the chart values (e.g. .replicaCount)'),
    excludePaths: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().check(zod_mini__WEBPACK_IMPORTED_MODULE_2__/* ._regex */ .Fk(/^\.[a-zA-Z0-9_-]+(\.[a-zA-Z0-9_-]+)*$/)), 'a dotted values path such as .registry.image')), 'a list of dotted values paths under sourcePath'))
}), 'a mapping with sourcePath and targetPath');
const SERVER_SIDE_APPLY = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['true', 'false', 'auto']), '"true", "false" or "auto" (quoted)');
const ChartSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    name: str('a chart name'),
    helmRepository: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(HelmRepositorySchema),
    git: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(GitSourceSchema),
    local: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(LocalSourceSchema),
    oci: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(OciSourceSchema),
    namespace: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('a Kubernetes namespace')),
    releaseName: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('a Helm release name')),
    skipWait: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(bool()),
    valuesFiles: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(ValuesFileSchema), 'a list of {path, enableTemplating} entries')),
    values: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(ChartValueSchema), 'a list of {sourcePath, targetPath} entries')),
    skipSchemaValidation: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(bool()),
    serverSideApply: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(SERVER_SIDE_APPLY)
}).check(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .superRefine */ .zni(exactlyOne(['helmRepository', 'git', 'local', 'oci'], 'chart source'))), 'a mapping with name and exactly one of helmRepository, git, local or oci');
// ---- Manifests, files, images, repositories ------------------------------------------------------
const KustomizeSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    files: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(strings('a list of kustomization paths or URLs')),
    allowAnyDirectory: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(bool()),
    enablePlugins: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(bool())
}), 'a mapping with files, allowAnyDirectory and/or enablePlugins');
const ManifestSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    name: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().check(zod_mini__WEBPACK_IMPORTED_MODULE_2__/* ._maxLength */ .Eb(40)), 'a manifest set name (at most 40 characters)'),
    namespace: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('a Kubernetes namespace')),
    files: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(strings('a list of manifest file paths or URLs')),
    kustomize: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(KustomizeSchema),
    skipWait: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(bool()),
    serverSideApply: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(SERVER_SIDE_APPLY),
    enableTemplating: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(bool())
}), 'a mapping with name, namespace, files and/or kustomize');
const FileSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    source: str('a local path or URL'),
    checksum: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('a checksum such as sha256:<hex>')),
    destination: str('the path to place the file at on deploy'),
    executable: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(bool()),
    symlinks: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(strings('a list of symlink paths')),
    extractPath: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('a path inside the source archive')),
    enableTemplating: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(bool())
}), 'a mapping with source and destination');
const ImageSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    name: str('an image reference such as ghcr.io/acme/app:1.2.3'),
    source: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['registry', 'daemon']), 'registry or daemon'))
}), 'a mapping with name and optionally source');
const ImageArchiveSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    path: str('a path to an image archive (.tar), relative to the zarf.yaml folder'),
    images: strings('a list of the image references to take from the archive')
}), 'a mapping with path and images');
const RepositorySchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    url: str('a git repository URL'),
    ref: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(GitRefSchema)
}), 'a mapping with url and optionally ref');
// ---- Actions -----------------------------------------------------------------------------------
const SetValueSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    key: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('a values path to set (e.g. .app.token)')),
    type: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['yaml', 'json', 'string']), 'yaml, json or string'))
}), 'a mapping with key and optionally type');
const WaitSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    cluster: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
        kind: str('a resource kind (e.g. Deployment)'),
        name: str('a resource name or selector'),
        namespace: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('a Kubernetes namespace')),
        condition: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('a condition or jsonpath state (e.g. Available)'))
    }), 'a mapping with kind, name and optionally namespace and condition')),
    network: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
        protocol: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['tcp', 'http', 'https']), 'tcp, http or https'),
        address: str('an address such as localhost:8080'),
        code: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(int('an HTTP status code'))
    }), 'a mapping with protocol, address and optionally code'))
}), 'a mapping with cluster or network');
const ActionSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    silent: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(bool()),
    maxTotalSeconds: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(int('a number of seconds')),
    retries: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(int('a number of retries')),
    dir: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('a working directory')),
    env: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(strings('a list of NAME=value entries')),
    cmd: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('a command')),
    shell: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(ShellSchema),
    setValues: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(SetValueSchema), 'a list of {key, type} entries')),
    description: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('a description shown instead of the command')),
    wait: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(WaitSchema),
    enableTemplating: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(bool())
}), 'a mapping with cmd or wait');
/** An action set's defaults: the fields of an action that every action of the set inherits. */
const ActionDefaultsSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .pick */ .UpN(ActionSchema, { silent: true, maxTotalSeconds: true, retries: true, dir: true, env: true, shell: true }), 'a mapping with silent, maxTotalSeconds, retries, dir, env and/or shell');
const actionList = () => (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(ActionSchema), 'a list of actions');
const ActionSetSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    defaults: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(ActionDefaultsSchema),
    before: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(actionList()),
    onSuccess: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(actionList()),
    onFailure: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(actionList())
}), 'a mapping with defaults, before, onSuccess and/or onFailure');
const ActionsSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    onCreate: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(ActionSetSchema),
    onDeploy: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(ActionSetSchema),
    onRemove: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(ActionSetSchema)
}), 'a mapping with onCreate, onDeploy and/or onRemove');
// ---- Imports -----------------------------------------------------------------------------------
const ImportSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    local: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({ path: str('a path to a ZarfComponentConfig file') }), 'a mapping with path')), 'a list of {path} entries')),
    remote: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({ url: str('an oci:// URL of a component config') }), 'a mapping with url')), 'a list of {url} entries'))
}), 'a mapping with local and/or remote');
// ---- Component ---------------------------------------------------------------------------------
const SERVICES = ['registry', 'seed-registry', 'injector', 'agent', 'git-server'];
/** What a component holds besides its name, description and optional: a ZarfComponentConfig's `component`. */
const specShape = {
    import: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(ImportSchema),
    target: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(TargetSchema),
    selector: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(SelectorSchema),
    manifests: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(ManifestSchema), 'a list of manifest sets')),
    charts: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(ChartSchema), 'a list of charts')),
    files: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(FileSchema), 'a list of files')),
    images: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(ImageSchema), 'a list of {name, source} entries')),
    imageArchives: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(ImageArchiveSchema), 'a list of {path, images} entries')),
    repositories: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(RepositorySchema), 'a list of {url, ref} entries')),
    actions: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(ActionsSchema),
    service: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(SERVICES), `one of ${SERVICES.join(', ')}`)),
    stateAccess: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['registryCredentials', 'gitCredentials', 'agentCerts']), 'registryCredentials, gitCredentials or agentCerts')), 'a list of state field groups'))
};
const V1Beta1ComponentSpecSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej(specShape), 'a mapping with the component content (charts, images, ...)');
const V1Beta1ComponentSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    name: name(),
    description: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('a description')),
    optional: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(bool()),
    ...specShape
}), 'a mapping with name, images, charts, ...');
// ---- Package -----------------------------------------------------------------------------------
const MetadataSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    name: name(),
    description: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('a description')),
    version: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('a string (quote numbers, e.g. "1.0")')),
    uncompressed: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(bool()),
    architecture: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('an architecture such as amd64 or arm64')),
    annotations: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(annotations()),
    preventNamespaceOverride: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(bool())
}), 'a mapping with name, version, description, ...');
const BuildSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    hostname: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('a machine name')),
    user: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('a user name')),
    timestamp: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('a timestamp')),
    architecture: str('an architecture'),
    version: str('a Zarf version'),
    migrations: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(strings('a list of migration names')),
    registryOverrides: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), 'a registry')), 'a mapping of registries')),
    differential: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(bool()),
    differentialPackageVersion: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('a package version')),
    flavor: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('a flavor name')),
    signed: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(bool()),
    versionRequirements: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(VersionRequirementSchema), 'a list of {version, reason} entries')),
    provenanceFiles: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(strings('a list of file names')),
    aggregateChecksum: str('a checksum')
}), 'a mapping written by zarf package create');
const V1Beta1PackageSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    apiVersion: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz(V1BETA1_API_VERSION), V1BETA1_API_VERSION),
    kind: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz('ZarfPackageConfig'), 'ZarfPackageConfig'),
    metadata: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(MetadataSchema),
    build: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(BuildSchema),
    components: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(V1Beta1ComponentSchema).check(zod_mini__WEBPACK_IMPORTED_MODULE_2__/* ._minLength */ .m9(1)), 'a list of components, each with a name'),
    values: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(ValuesSchema),
    documentation: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), 'a file path')), 'a mapping of names to file paths'))
}), 'a mapping with apiVersion, kind, metadata and components');
// ---- Component config (the file a v1beta1 import names) --------------------------------------------
const V1Beta1ComponentConfigSchema = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    apiVersion: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz(V1BETA1_API_VERSION), V1BETA1_API_VERSION),
    kind: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz('ZarfComponentConfig'), 'ZarfComponentConfig'),
    metadata: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
        name: name(),
        description: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('a description')),
        version: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(str('a string (quote numbers, e.g. "1.0")')),
        annotations: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(annotations())
    }), 'a mapping with name and optionally description, version, annotations'),
    component: V1Beta1ComponentSpecSchema,
    values: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(ValuesSchema),
    publishData: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
        zarfVersion: str('a Zarf version'),
        migrations: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(strings('a list of migration names')),
        versionRequirements: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .described */ .WY)(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(VersionRequirementSchema), 'a list of {version, reason} entries'))
    }), 'a mapping written by zarf when publishing'))
}), 'a mapping with apiVersion, kind: ZarfComponentConfig, metadata and component');
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
