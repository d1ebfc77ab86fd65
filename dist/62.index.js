export const id = 62;
export const ids = [62];
export const modules = {

/***/ 3062:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  composeV1Beta1: () => (/* binding */ composeV1Beta1),
  v1beta1PackageErrors: () => (/* binding */ v1beta1PackageErrors)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var src_errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/definition/origin.ts
var definition_origin = __webpack_require__(9815);
// EXTERNAL MODULE: ./src/definition/positions.ts
var positions = __webpack_require__(189);
// EXTERNAL MODULE: ./node_modules/zod/v4/mini/schemas.js + 5 modules
var schemas = __webpack_require__(8395);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/api.js
var api = __webpack_require__(3759);
// EXTERNAL MODULE: ./src/definition/schema.ts
var schema = __webpack_require__(182);
;// CONCATENATED MODULE: ./src/definition/schema-v1beta1.ts
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
const str = (what = 'a string') => (0,schema/* described */.WY)(schemas/* string */.YjP(), what);
const bool = () => (0,schema/* described */.WY)(schemas/* boolean */.zMY(), 'true or false');
const schema_v1beta1_int = (what = 'a whole number') => (0,schema/* described */.WY)(schemas/* number */.aig().check(schemas/* int */.Whr()), what);
const strings = (what = 'a list of strings') => (0,schema/* described */.WY)(schemas/* array */.YOg((0,schema/* described */.WY)(schemas/* string */.YjP(), 'a string')), what);
const annotations = () => (0,schema/* described */.WY)(schemas/* record */.g1P(schemas/* string */.YjP(), (0,schema/* described */.WY)(schemas/* string */.YjP(), 'a string (quote numbers and true/false)')), 'a mapping of names to string values');
const schema_v1beta1_name = (what = NAME_TEXT) => (0,schema/* described */.WY)(schemas/* string */.YjP().check(api/* _regex */.Fk(NAME_PATTERN)), what);
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
const ShellSchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({
    windows: schemas/* optional */.lqM(str('a shell for Windows (e.g. powershell)')),
    linux: schemas/* optional */.lqM(str('a shell for Linux (e.g. bash)')),
    darwin: schemas/* optional */.lqM(str('a shell for macOS (e.g. zsh)'))
}), 'a mapping with windows, linux and/or darwin shells');
const ValuesSchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({
    files: schemas/* optional */.lqM(strings('a list of values file paths')),
    schema: schemas/* optional */.lqM(str('a path to a JSON schema file for the values'))
}), 'a mapping with files and/or schema');
const VersionRequirementSchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({
    version: str('the minimum Zarf version'),
    reason: str('the reason this version is required')
}), 'a mapping with version and reason');
const GitRefSchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({
    tag: schemas/* optional */.lqM(str('a git tag')),
    branch: schemas/* optional */.lqM(str('a git branch')),
    commit: schemas/* optional */.lqM(str('a git commit SHA'))
}).check(schemas/* superRefine */.zni(exactlyOne(['tag', 'branch', 'commit'], 'git reference'))), 'a mapping with exactly one of tag, branch or commit');
const OciRefSchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({
    tag: schemas/* optional */.lqM(str('an OCI tag')),
    digest: schemas/* optional */.lqM(str('an OCI digest (sha256:...)'))
}).check(schemas/* superRefine */.zni(exactlyOne(['tag', 'digest'], 'OCI reference'))), 'a mapping with exactly one of tag or digest');
// ---- Component filters ---------------------------------------------------------------------------
const SelectorSchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({
    architecture: schemas/* optional */.lqM((0,schema/* described */.WY)(schemas/* enum */.k5n(['amd64', 'arm64']), 'amd64 or arm64')),
    flavor: schemas/* optional */.lqM(str('a flavor name'))
}), 'a mapping with architecture and/or flavor');
const TargetSchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({
    os: schemas/* optional */.lqM((0,schema/* described */.WY)(schemas/* enum */.k5n(['linux', 'darwin', 'windows']), 'linux, darwin or windows'))
}), 'a mapping with os');
// ---- Charts ----------------------------------------------------------------------------------
const HelmRepositorySchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({
    name: schemas/* optional */.lqM(str('the chart name in the Helm repository')),
    url: str('a Helm repository URL'),
    version: str('a chart version (quote numbers, e.g. "1.0.0")')
}), 'a mapping with url, version and optionally name');
const GitSourceSchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({
    url: str('a git repository URL without @ref'),
    path: schemas/* optional */.lqM(str('a folder in the git repository')),
    ref: GitRefSchema
}), 'a mapping with url, ref and optionally path');
const LocalSourceSchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({ path: str('a path to a chart folder or .tgz, relative to the zarf.yaml folder') }), 'a mapping with path');
const OciSourceSchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({ url: str('an oci:// chart URL'), ref: OciRefSchema }), 'a mapping with url and ref');
const ValuesFileSchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({
    path: str('a values file path or URL'),
    enableTemplating: schemas/* optional */.lqM(bool())
}), 'a mapping with path and optionally enableTemplating');
const ChartValueSchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({
    sourcePath: str('a path in the package values (e.g. .app.replicas)'),
    targetPath: str('a path in the chart values (e.g. .replicaCount)'),
    excludePaths: schemas/* optional */.lqM((0,schema/* described */.WY)(schemas/* array */.YOg((0,schema/* described */.WY)(schemas/* string */.YjP().check(api/* _regex */.Fk(/^\.[a-zA-Z0-9_-]+(\.[a-zA-Z0-9_-]+)*$/)), 'a dotted values path such as .registry.image')), 'a list of dotted values paths under sourcePath'))
}), 'a mapping with sourcePath and targetPath');
const SERVER_SIDE_APPLY = (0,schema/* described */.WY)(schemas/* enum */.k5n(['true', 'false', 'auto']), '"true", "false" or "auto" (quoted)');
const ChartSchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({
    name: str('a chart name'),
    helmRepository: schemas/* optional */.lqM(HelmRepositorySchema),
    git: schemas/* optional */.lqM(GitSourceSchema),
    local: schemas/* optional */.lqM(LocalSourceSchema),
    oci: schemas/* optional */.lqM(OciSourceSchema),
    namespace: schemas/* optional */.lqM(str('a Kubernetes namespace')),
    releaseName: schemas/* optional */.lqM(str('a Helm release name')),
    skipWait: schemas/* optional */.lqM(bool()),
    valuesFiles: schemas/* optional */.lqM((0,schema/* described */.WY)(schemas/* array */.YOg(ValuesFileSchema), 'a list of {path, enableTemplating} entries')),
    values: schemas/* optional */.lqM((0,schema/* described */.WY)(schemas/* array */.YOg(ChartValueSchema), 'a list of {sourcePath, targetPath} entries')),
    skipSchemaValidation: schemas/* optional */.lqM(bool()),
    serverSideApply: schemas/* optional */.lqM(SERVER_SIDE_APPLY)
}).check(schemas/* superRefine */.zni(exactlyOne(['helmRepository', 'git', 'local', 'oci'], 'chart source'))), 'a mapping with name and exactly one of helmRepository, git, local or oci');
// ---- Manifests, files, images, repositories ------------------------------------------------------
const KustomizeSchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({
    files: schemas/* optional */.lqM(strings('a list of kustomization paths or URLs')),
    allowAnyDirectory: schemas/* optional */.lqM(bool()),
    enablePlugins: schemas/* optional */.lqM(bool())
}), 'a mapping with files, allowAnyDirectory and/or enablePlugins');
const ManifestSchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({
    name: (0,schema/* described */.WY)(schemas/* string */.YjP().check(api/* _maxLength */.Eb(40)), 'a manifest set name (at most 40 characters)'),
    namespace: schemas/* optional */.lqM(str('a Kubernetes namespace')),
    files: schemas/* optional */.lqM(strings('a list of manifest file paths or URLs')),
    kustomize: schemas/* optional */.lqM(KustomizeSchema),
    skipWait: schemas/* optional */.lqM(bool()),
    serverSideApply: schemas/* optional */.lqM(SERVER_SIDE_APPLY),
    enableTemplating: schemas/* optional */.lqM(bool())
}), 'a mapping with name, namespace, files and/or kustomize');
const FileSchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({
    source: str('a local path or URL'),
    checksum: schemas/* optional */.lqM(str('a checksum such as sha256:<hex>')),
    destination: str('the path to place the file at on deploy'),
    executable: schemas/* optional */.lqM(bool()),
    symlinks: schemas/* optional */.lqM(strings('a list of symlink paths')),
    extractPath: schemas/* optional */.lqM(str('a path inside the source archive')),
    enableTemplating: schemas/* optional */.lqM(bool())
}), 'a mapping with source and destination');
const ImageSchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({
    name: str('an image reference such as ghcr.io/acme/app:1.2.3'),
    source: schemas/* optional */.lqM((0,schema/* described */.WY)(schemas/* enum */.k5n(['registry', 'daemon']), 'registry or daemon'))
}), 'a mapping with name and optionally source');
const ImageArchiveSchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({
    path: str('a path to an image archive (.tar), relative to the zarf.yaml folder'),
    images: strings('a list of the image references to take from the archive')
}), 'a mapping with path and images');
const RepositorySchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({
    url: str('a git repository URL'),
    ref: schemas/* optional */.lqM(GitRefSchema)
}), 'a mapping with url and optionally ref');
// ---- Actions -----------------------------------------------------------------------------------
const SetValueSchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({
    key: schemas/* optional */.lqM(str('a values path to set (e.g. .app.token)')),
    type: schemas/* optional */.lqM((0,schema/* described */.WY)(schemas/* enum */.k5n(['yaml', 'json', 'string']), 'yaml, json or string'))
}), 'a mapping with key and optionally type');
const WaitSchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({
    cluster: schemas/* optional */.lqM((0,schema/* described */.WY)(schemas/* strictObject */.rej({
        kind: str('a resource kind (e.g. Deployment)'),
        name: str('a resource name or selector'),
        namespace: schemas/* optional */.lqM(str('a Kubernetes namespace')),
        condition: schemas/* optional */.lqM(str('a condition or jsonpath state (e.g. Available)'))
    }), 'a mapping with kind, name and optionally namespace and condition')),
    network: schemas/* optional */.lqM((0,schema/* described */.WY)(schemas/* strictObject */.rej({
        protocol: (0,schema/* described */.WY)(schemas/* enum */.k5n(['tcp', 'http', 'https']), 'tcp, http or https'),
        address: str('an address such as localhost:8080'),
        code: schemas/* optional */.lqM(schema_v1beta1_int('an HTTP status code'))
    }), 'a mapping with protocol, address and optionally code'))
}), 'a mapping with cluster or network');
const ActionSchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({
    silent: schemas/* optional */.lqM(bool()),
    maxTotalSeconds: schemas/* optional */.lqM(schema_v1beta1_int('a number of seconds')),
    retries: schemas/* optional */.lqM(schema_v1beta1_int('a number of retries')),
    dir: schemas/* optional */.lqM(str('a working directory')),
    env: schemas/* optional */.lqM(strings('a list of NAME=value entries')),
    cmd: schemas/* optional */.lqM(str('a command')),
    shell: schemas/* optional */.lqM(ShellSchema),
    setValues: schemas/* optional */.lqM((0,schema/* described */.WY)(schemas/* array */.YOg(SetValueSchema), 'a list of {key, type} entries')),
    description: schemas/* optional */.lqM(str('a description shown instead of the command')),
    wait: schemas/* optional */.lqM(WaitSchema),
    enableTemplating: schemas/* optional */.lqM(bool())
}), 'a mapping with cmd or wait');
/** An action set's defaults: the fields of an action that every action of the set inherits. */
const ActionDefaultsSchema = (0,schema/* described */.WY)(schemas/* pick */.UpN(ActionSchema, { silent: true, maxTotalSeconds: true, retries: true, dir: true, env: true, shell: true }), 'a mapping with silent, maxTotalSeconds, retries, dir, env and/or shell');
const actionList = () => (0,schema/* described */.WY)(schemas/* array */.YOg(ActionSchema), 'a list of actions');
const ActionSetSchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({
    defaults: schemas/* optional */.lqM(ActionDefaultsSchema),
    before: schemas/* optional */.lqM(actionList()),
    onSuccess: schemas/* optional */.lqM(actionList()),
    onFailure: schemas/* optional */.lqM(actionList())
}), 'a mapping with defaults, before, onSuccess and/or onFailure');
const ActionsSchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({
    onCreate: schemas/* optional */.lqM(ActionSetSchema),
    onDeploy: schemas/* optional */.lqM(ActionSetSchema),
    onRemove: schemas/* optional */.lqM(ActionSetSchema)
}), 'a mapping with onCreate, onDeploy and/or onRemove');
// ---- Imports -----------------------------------------------------------------------------------
const ImportSchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({
    local: schemas/* optional */.lqM((0,schema/* described */.WY)(schemas/* array */.YOg((0,schema/* described */.WY)(schemas/* strictObject */.rej({ path: str('a path to a ZarfComponentConfig file') }), 'a mapping with path')), 'a list of {path} entries')),
    remote: schemas/* optional */.lqM((0,schema/* described */.WY)(schemas/* array */.YOg((0,schema/* described */.WY)(schemas/* strictObject */.rej({ url: str('an oci:// URL of a component config') }), 'a mapping with url')), 'a list of {url} entries'))
}), 'a mapping with local and/or remote');
// ---- Component ---------------------------------------------------------------------------------
const SERVICES = ['registry', 'seed-registry', 'injector', 'agent', 'git-server'];
/** What a component holds besides its name, description and optional: a ZarfComponentConfig's `component`. */
const specShape = {
    import: schemas/* optional */.lqM(ImportSchema),
    target: schemas/* optional */.lqM(TargetSchema),
    selector: schemas/* optional */.lqM(SelectorSchema),
    manifests: schemas/* optional */.lqM((0,schema/* described */.WY)(schemas/* array */.YOg(ManifestSchema), 'a list of manifest sets')),
    charts: schemas/* optional */.lqM((0,schema/* described */.WY)(schemas/* array */.YOg(ChartSchema), 'a list of charts')),
    files: schemas/* optional */.lqM((0,schema/* described */.WY)(schemas/* array */.YOg(FileSchema), 'a list of files')),
    images: schemas/* optional */.lqM((0,schema/* described */.WY)(schemas/* array */.YOg(ImageSchema), 'a list of {name, source} entries')),
    imageArchives: schemas/* optional */.lqM((0,schema/* described */.WY)(schemas/* array */.YOg(ImageArchiveSchema), 'a list of {path, images} entries')),
    repositories: schemas/* optional */.lqM((0,schema/* described */.WY)(schemas/* array */.YOg(RepositorySchema), 'a list of {url, ref} entries')),
    actions: schemas/* optional */.lqM(ActionsSchema),
    service: schemas/* optional */.lqM((0,schema/* described */.WY)(schemas/* enum */.k5n(SERVICES), `one of ${SERVICES.join(', ')}`)),
    stateAccess: schemas/* optional */.lqM((0,schema/* described */.WY)(schemas/* array */.YOg((0,schema/* described */.WY)(schemas/* enum */.k5n(['registryCredentials', 'gitCredentials', 'agentCerts']), 'registryCredentials, gitCredentials or agentCerts')), 'a list of state field groups'))
};
const V1Beta1ComponentSpecSchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej(specShape), 'a mapping with the component content (charts, images, ...)');
const V1Beta1ComponentSchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({
    name: schema_v1beta1_name(),
    description: schemas/* optional */.lqM(str('a description')),
    optional: schemas/* optional */.lqM(bool()),
    ...specShape
}), 'a mapping with name, images, charts, ...');
// ---- Package -----------------------------------------------------------------------------------
const MetadataSchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({
    name: schema_v1beta1_name(),
    description: schemas/* optional */.lqM(str('a description')),
    version: schemas/* optional */.lqM(str('a string (quote numbers, e.g. "1.0")')),
    uncompressed: schemas/* optional */.lqM(bool()),
    architecture: schemas/* optional */.lqM(str('an architecture such as amd64 or arm64')),
    annotations: schemas/* optional */.lqM(annotations()),
    preventNamespaceOverride: schemas/* optional */.lqM(bool())
}), 'a mapping with name, version, description, ...');
const BuildSchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({
    hostname: schemas/* optional */.lqM(str('a machine name')),
    user: schemas/* optional */.lqM(str('a user name')),
    timestamp: schemas/* optional */.lqM(str('a timestamp')),
    architecture: str('an architecture'),
    version: str('a Zarf version'),
    migrations: schemas/* optional */.lqM(strings('a list of migration names')),
    registryOverrides: schemas/* optional */.lqM((0,schema/* described */.WY)(schemas/* record */.g1P(schemas/* string */.YjP(), (0,schema/* described */.WY)(schemas/* string */.YjP(), 'a registry')), 'a mapping of registries')),
    differential: schemas/* optional */.lqM(bool()),
    differentialPackageVersion: schemas/* optional */.lqM(str('a package version')),
    flavor: schemas/* optional */.lqM(str('a flavor name')),
    signed: schemas/* optional */.lqM(bool()),
    versionRequirements: schemas/* optional */.lqM((0,schema/* described */.WY)(schemas/* array */.YOg(VersionRequirementSchema), 'a list of {version, reason} entries')),
    provenanceFiles: schemas/* optional */.lqM(strings('a list of file names')),
    aggregateChecksum: str('a checksum')
}), 'a mapping written by zarf package create');
const V1Beta1PackageSchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({
    apiVersion: (0,schema/* described */.WY)(schemas/* literal */.euz(V1BETA1_API_VERSION), V1BETA1_API_VERSION),
    kind: (0,schema/* described */.WY)(schemas/* literal */.euz('ZarfPackageConfig'), 'ZarfPackageConfig'),
    metadata: schemas/* optional */.lqM(MetadataSchema),
    build: schemas/* optional */.lqM(BuildSchema),
    components: (0,schema/* described */.WY)(schemas/* array */.YOg(V1Beta1ComponentSchema).check(api/* _minLength */.m9(1)), 'a list of components, each with a name'),
    values: schemas/* optional */.lqM(ValuesSchema),
    documentation: schemas/* optional */.lqM((0,schema/* described */.WY)(schemas/* record */.g1P(schemas/* string */.YjP(), (0,schema/* described */.WY)(schemas/* string */.YjP(), 'a file path')), 'a mapping of names to file paths'))
}), 'a mapping with apiVersion, kind, metadata and components');
// ---- Component config (the file a v1beta1 import names) --------------------------------------------
const V1Beta1ComponentConfigSchema = (0,schema/* described */.WY)(schemas/* strictObject */.rej({
    apiVersion: (0,schema/* described */.WY)(schemas/* literal */.euz(V1BETA1_API_VERSION), V1BETA1_API_VERSION),
    kind: (0,schema/* described */.WY)(schemas/* literal */.euz('ZarfComponentConfig'), 'ZarfComponentConfig'),
    metadata: (0,schema/* described */.WY)(schemas/* strictObject */.rej({
        name: schema_v1beta1_name(),
        description: schemas/* optional */.lqM(str('a description')),
        version: schemas/* optional */.lqM(str('a string (quote numbers, e.g. "1.0")')),
        annotations: schemas/* optional */.lqM(annotations())
    }), 'a mapping with name and optionally description, version, annotations'),
    component: V1Beta1ComponentSpecSchema,
    values: schemas/* optional */.lqM(ValuesSchema),
    publishData: schemas/* optional */.lqM((0,schema/* described */.WY)(schemas/* strictObject */.rej({
        zarfVersion: str('a Zarf version'),
        migrations: schemas/* optional */.lqM(strings('a list of migration names')),
        versionRequirements: schemas/* optional */.lqM((0,schema/* described */.WY)(schemas/* array */.YOg(VersionRequirementSchema), 'a list of {version, reason} entries'))
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

// EXTERNAL MODULE: ./src/definition/data.ts
var definition_data = __webpack_require__(1789);
// EXTERNAL MODULE: ./src/definition/paths.ts
var paths = __webpack_require__(7841);
// EXTERNAL MODULE: ./src/definition/issues.ts
var issues = __webpack_require__(3693);
;// CONCATENATED MODULE: ./src/definition/compose-v1beta1.ts
/**
 * Composition of a `zarf.dev/v1beta1` package: each component's `import.local[]` names
 * `kind: ZarfComponentConfig` files (variants: exactly one must match the package's architecture and
 * flavor through its `selector`), resolved recursively, rebased onto the importing file's folder and
 * merged under the importing component by Zarf's v1beta1 rules (ZARF-CREATE.md §2 "v1beta1";
 * zarf-dev/zarf src/pkg/packager/load/import_v1beta1*.go).
 *
 * Pure over plain data: files are read through `readComponentConfig` (given by the caller, who parses
 * them with positions, origin.ts `attachIndex`), nothing else touches the disk. Components whose
 * `selector` does not match are dropped, as Zarf drops them before importing. Every value of the
 * result keeps the position of the file and line that wrote it, and every error points there too.
 */








const SPEC_KEYS = [
    'import',
    'target',
    'selector',
    'manifests',
    'charts',
    'files',
    'images',
    'imageArchives',
    'repositories',
    'actions',
    'service',
    'stateAccess'
];
const ACTION_SETS = ['onCreate', 'onDeploy', 'onRemove'];
const ACTION_LISTS = ['before', 'onSuccess', 'onFailure'];
function put(target, key, value, source, sourceKey) {
    target[key] = value;
    (0,definition_origin/* take */.s)(target, key, source, sourceKey);
}
/** `target[key]`, made an object (standing where `like` was written) when it is not one yet. */
function objIn(target, key, like) {
    const existing = (0,definition_data/* objAt */.rk)(target, key);
    if (existing !== undefined)
        return existing;
    const o = {};
    if (like !== undefined)
        (0,definition_origin/* sameOrigin */.Nm)(o, like);
    target[key] = o;
    return o;
}
/**
 * `target[key]` followed by copies of the items of `source[key]` (only item `only` when given), each
 * keeping its position.
 */
function append(target, key, source, only) {
    const all = (0,definition_data/* listAt */.gT)(source, key);
    const extra = only === undefined ? all : all.slice(only, only + 1);
    if (extra.length === 0 || source === undefined)
        return;
    const srcList = source[key];
    const first = only ?? 0;
    const base = (0,definition_data/* listAt */.gT)(target, key);
    const out = [];
    const origin = target[key];
    (0,definition_origin/* sameOrigin */.Nm)(out, (0,definition_origin/* isContainer */.u_)(origin) ? origin : srcList);
    base.forEach((v, i) => {
        out.push(v);
        (0,definition_origin/* take */.s)(out, i, base, i);
    });
    extra.forEach((v, i) => {
        out.push((0,definition_origin/* copyTree */.EL)(v));
        (0,definition_origin/* take */.s)(out, base.length + i, srcList, first + i);
    });
    target[key] = out;
}
// ---- Paths ---------------------------------------------------------------------------------------
function rebaseAt(container, key, relDir) {
    if (container === undefined)
        return;
    const c = container;
    const v = c[key];
    if (typeof v === 'string')
        c[key] = (0,paths/* rebasePath */.u)(v, relDir);
}
/** Rebases an imported spec's local paths onto the importer's folder (`spec` is a copy: changed in place). */
function rebaseSpec(spec, relDir) {
    for (const f of (0,definition_data/* listAt */.gT)(spec, 'files'))
        if ((0,definition_data/* isObj */.sA)(f))
            rebaseAt(f, 'source', relDir);
    for (const a of (0,definition_data/* listAt */.gT)(spec, 'imageArchives'))
        if ((0,definition_data/* isObj */.sA)(a))
            rebaseAt(a, 'path', relDir);
    for (const ch of (0,definition_data/* listAt */.gT)(spec, 'charts')) {
        if (!(0,definition_data/* isObj */.sA)(ch))
            continue;
        rebaseAt((0,definition_data/* objAt */.rk)(ch, 'local'), 'path', relDir);
        for (const vf of (0,definition_data/* listAt */.gT)(ch, 'valuesFiles'))
            if ((0,definition_data/* isObj */.sA)(vf))
                rebaseAt(vf, 'path', relDir);
    }
    for (const m of (0,definition_data/* listAt */.gT)(spec, 'manifests')) {
        if (!(0,definition_data/* isObj */.sA)(m))
            continue;
        const files = (0,definition_data/* listAt */.gT)(m, 'files');
        files.forEach((_, i) => rebaseAt(files, i, relDir));
        const kfiles = (0,definition_data/* listAt */.gT)((0,definition_data/* objAt */.rk)(m, 'kustomize'), 'files');
        kfiles.forEach((_, i) => rebaseAt(kfiles, i, relDir));
    }
    // Every onCreate action gets an explicit dir: its own, else the set's default, rebased.
    const onCreate = (0,definition_data/* objAt */.rk)((0,definition_data/* objAt */.rk)(spec, 'actions'), 'onCreate');
    if (onCreate === undefined)
        return;
    const defaults = (0,definition_data/* objAt */.rk)(onCreate, 'defaults');
    const defaultDir = (0,definition_data/* strAt */.zj)(defaults, 'dir');
    for (const list of ACTION_LISTS) {
        for (const a of (0,definition_data/* listAt */.gT)(onCreate, list)) {
            if (!(0,definition_data/* isObj */.sA)(a))
                continue;
            if (typeof a['dir'] === 'string')
                rebaseAt(a, 'dir', relDir);
            else if (defaults !== undefined && defaults['dir'] !== undefined)
                put(a, 'dir', (0,paths/* rebasePath */.u)(defaultDir, relDir), defaults, 'dir');
            else
                a['dir'] = (0,paths/* rebasePath */.u)(defaultDir, relDir);
        }
    }
}
function rebaseRef(r, relDir) {
    return { ...r, value: (0,paths/* rebasePath */.u)(r.value, relDir) };
}
/** Cleaned (`./a/../b` -> `b`), the first of equal paths kept. */
function dedupe(refs) {
    const seen = new Set();
    const out = [];
    for (const r of refs) {
        const value = (0,paths/* rebasePath */.u)(r.value, '.');
        if (seen.has(value))
            continue;
        seen.add(value);
        out.push({ ...r, value });
    }
    return out;
}
// ---- Merge ---------------------------------------------------------------------------------------
/** Overlays the importing spec `head` onto the imported (rebased, copied) spec `base`, in place. */
function mergeSpec(base, head) {
    const target = (0,definition_data/* objAt */.rk)(head, 'target');
    if (target !== undefined && (0,definition_data/* strAt */.zj)(target, 'os') !== '')
        put(objIn(base, 'target', target), 'os', target['os'], target, 'os');
    const selector = (0,definition_data/* objAt */.rk)(head, 'selector');
    for (const k of ['architecture', 'flavor']) {
        if (selector !== undefined && (0,definition_data/* strAt */.zj)(selector, k) !== '')
            put(objIn(base, 'selector', selector), k, selector[k], selector, k);
    }
    if ((0,definition_data/* strAt */.zj)(head, 'service') !== '')
        put(base, 'service', head['service'], head, 'service');
    for (const k of ['files', 'imageArchives', 'repositories', 'stateAccess'])
        append(base, k, head);
    mergeImages(base, head);
    mergeCharts(base, head);
    mergeManifests(base, head);
    mergeActions(base, head);
}
/**
 * Items of `head[key]` matched by name against `base[key]`: `merge` into the match, or appended (so a
 * later head item of the same name merges into it, as in Zarf).
 */
function byName(base, head, key, merge) {
    const heads = (0,definition_data/* listAt */.gT)(head, key);
    heads.forEach((h, i) => {
        if (!(0,definition_data/* isObj */.sA)(h))
            return;
        const into = (0,definition_data/* listAt */.gT)(base, key).find((b) => (0,definition_data/* isObj */.sA)(b) && b['name'] === h['name']);
        if (into !== undefined)
            merge(into, h);
        else
            append(base, key, head, i);
    });
}
function mergeImages(base, head) {
    byName(base, head, 'images', (into, from) => {
        if ((0,definition_data/* strAt */.zj)(from, 'source') !== '')
            put(into, 'source', from['source'], from, 'source');
    });
}
const CHART_SOURCES = ['helmRepository', 'git', 'local', 'oci'];
function mergeCharts(base, head) {
    byName(base, head, 'charts', (into, from) => {
        for (const k of ['namespace', 'releaseName'])
            if ((0,definition_data/* strAt */.zj)(from, k) !== '')
                put(into, k, from[k], from, k);
        // A source in the importing chart replaces the imported one.
        if (CHART_SOURCES.some((s) => from[s] !== undefined)) {
            for (const s of CHART_SOURCES)
                delete into[s];
            for (const s of CHART_SOURCES)
                if (from[s] !== undefined)
                    put(into, s, (0,definition_origin/* copyTree */.EL)(from[s]), from, s);
        }
        if ((0,definition_data/* strAt */.zj)(from, 'serverSideApply') !== '')
            put(into, 'serverSideApply', from['serverSideApply'], from, 'serverSideApply');
        for (const k of ['skipWait', 'skipSchemaValidation'])
            if (from[k] === true)
                put(into, k, true, from, k);
        append(into, 'valuesFiles', from);
        append(into, 'values', from);
    });
}
function mergeManifests(base, head) {
    byName(base, head, 'manifests', (into, from) => {
        if ((0,definition_data/* strAt */.zj)(from, 'namespace') !== '')
            put(into, 'namespace', from['namespace'], from, 'namespace');
        append(into, 'files', from);
        const k = (0,definition_data/* objAt */.rk)(from, 'kustomize');
        if (k !== undefined) {
            const mine = (0,definition_data/* objAt */.rk)(into, 'kustomize');
            if (mine === undefined)
                put(into, 'kustomize', (0,definition_origin/* copyTree */.EL)(k), from, 'kustomize');
            else {
                append(mine, 'files', k);
                for (const flag of ['allowAnyDirectory', 'enablePlugins'])
                    if (k[flag] === true)
                        put(mine, flag, true, k, flag);
            }
        }
        if ((0,definition_data/* strAt */.zj)(from, 'serverSideApply') !== '')
            put(into, 'serverSideApply', from['serverSideApply'], from, 'serverSideApply');
        for (const flag of ['skipWait', 'enableTemplating'])
            if (from[flag] === true)
                put(into, flag, true, from, flag);
    });
}
function mergeActions(base, head) {
    const actions = (0,definition_data/* objAt */.rk)(head, 'actions');
    if (actions === undefined)
        return;
    const into = objIn(base, 'actions', actions);
    for (const setName of ACTION_SETS) {
        const set = (0,definition_data/* objAt */.rk)(actions, setName);
        if (set === undefined)
            continue;
        const mine = objIn(into, setName, set);
        // The importing set's defaults replace the imported ones only when written.
        if (set['defaults'] !== undefined)
            put(mine, 'defaults', (0,definition_origin/* copyTree */.EL)(set['defaults']), set, 'defaults');
        for (const list of ACTION_LISTS)
            append(mine, list, set);
    }
}
// ---- Resolution ----------------------------------------------------------------------------------
function compatible(selector, architecture, flavor) {
    const arch = (0,definition_data/* strAt */.zj)(selector, 'architecture');
    const fl = (0,definition_data/* strAt */.zj)(selector, 'flavor');
    return (arch === '' || arch === architecture) && (fl === '' || fl === flavor);
}
class Composer {
    opts;
    schemas = [];
    display;
    constructor(opts) {
        this.opts = opts;
        this.display = opts.display ?? ((p) => external_node_path_default().relative(opts.baseDir, p).split((external_node_path_default()).sep).join('/') || '.');
    }
    /**
     * The spec of `holder` (a package component, or a config's `component`) with its imports merged in,
     * and the values the imports bring, relative to `dir`. Unchanged (the same object) without imports.
     */
    async resolve(holder, dir, stack, who) {
        const imp = (0,definition_data/* objAt */.rk)(holder, 'import');
        const none = { spec: holder, values: { files: [], schemas: [] } };
        if (imp === undefined)
            return none;
        if ((0,definition_data/* listAt */.gT)(imp, 'remote').length > 0) {
            throw new src_errors/* LadingError */.c3(`${who}: remote component imports are not yet supported for v1beta1 packages`, {
                hint: 'copy the component config next to the package and import it with import.local[].path',
                position: (0,definition_origin/* positionIn */.Nu)(imp, 'remote', true) ?? (0,definition_origin/* positionIn */.Nu)(imp)
            });
        }
        const entries = (0,definition_data/* listAt */.gT)(imp, 'local').filter(definition_data/* isObj */.sA);
        if (entries.length === 0)
            return none;
        const chosen = await this.select(imp, entries, dir, stack, who);
        const deeper = await this.resolve((0,definition_data/* objAt */.rk)(chosen.config, 'component') ?? {}, external_node_path_default().dirname(chosen.file), [...stack, { file: chosen.file, display: chosen.display }], who);
        const relDir = external_node_path_default().posix.dirname((0,definition_data/* strAt */.zj)(chosen.entry, 'path').split((external_node_path_default()).sep).join('/'));
        const merged = (0,definition_origin/* copyTree */.EL)(deeper.spec);
        rebaseSpec(merged, relDir);
        const values = ownValues((0,definition_data/* objAt */.rk)(chosen.config, 'values'), deeper.values, relDir);
        mergeSpec(merged, holder);
        delete merged['import'];
        return { spec: merged, values };
    }
    async select(imp, entries, dir, stack, who) {
        const loaded = [];
        for (const entry of entries) {
            const rel = (0,definition_data/* strAt */.zj)(entry, 'path');
            const position = (0,definition_origin/* positionIn */.Nu)(entry, 'path') ?? (0,definition_origin/* positionIn */.Nu)(entry);
            if (rel === '') {
                throw new src_errors/* LadingError */.c3(`${who}: an import.local entry has no path`, { hint: 'give the entry the path of a ZarfComponentConfig file', position });
            }
            if (external_node_path_default().isAbsolute(rel) || external_node_path_default().posix.isAbsolute(rel)) {
                throw new src_errors/* LadingError */.c3(`${who}: import path "${rel}" cannot be absolute`, {
                    hint: 'write the path relative to the folder of the file that imports it',
                    position
                });
            }
            const file = external_node_path_default().resolve(dir, rel);
            const seen = stack.find((s) => s.file === file);
            if (seen !== undefined) {
                const chain = [...stack.slice(stack.indexOf(seen)).map((s) => s.display), seen.display].join(' -> ');
                throw new src_errors/* LadingError */.c3(`${who}: component config ${seen.display} imported in cycle (${chain})`, {
                    hint: 'remove one of the imports in this chain',
                    position
                });
            }
            const { data, displayPath, index } = await this.read(file, rel, position, who);
            checkConfig(data, displayPath, index);
            loaded.push({ entry, file, display: displayPath, config: data });
        }
        const { architecture, flavor } = this.opts;
        const matching = loaded.filter((l) => compatible((0,definition_data/* objAt */.rk)((0,definition_data/* objAt */.rk)(l.config, 'component'), 'selector'), architecture, flavor));
        const target = `architecture ${architecture}${flavor === '' ? ', no flavor' : `, flavor ${flavor}`}`;
        const position = (0,definition_origin/* positionIn */.Nu)(imp, 'local', true) ?? (0,definition_origin/* positionIn */.Nu)(imp);
        if (matching.length === 0) {
            throw new src_errors/* LadingError */.c3(`${who}: no imported component variant is compatible with the package target (${target})`, {
                hint: `give one of ${loaded.map((l) => l.display).join(', ')} a component.selector matching ${target}, or build another flavor`,
                position
            });
        }
        if (matching.length > 1) {
            throw new src_errors/* LadingError */.c3(`${who}: multiple imported component variants are compatible with the package target (${target}): ${matching.map((l) => l.display).join(', ')}`, {
                hint: 'give the variants component.selector values (architecture, flavor) so exactly one matches',
                position
            });
        }
        return matching[0];
    }
    async read(file, rel, position, who) {
        try {
            return await this.opts.readComponentConfig(file);
        }
        catch (e) {
            if (e instanceof src_errors/* LadingErrors */.Jk)
                throw e;
            if (e instanceof src_errors/* LadingError */.c3) {
                // A problem of the file as a whole (outside the workspace, unreadable): at the line that imports it.
                if (e.position !== undefined || position === undefined)
                    throw e;
                throw new src_errors/* LadingError */.c3(e.message, { position, cause: e, ...(e.hint !== undefined ? { hint: e.hint } : {}) });
            }
            const code = e.code;
            const shown = this.display(file);
            if (code === 'ENOENT') {
                throw new src_errors/* LadingError */.c3(`${who}: imported component config ${shown} not found`, {
                    hint: `check the path "${rel}" (relative to the folder of the file that imports it)`,
                    position,
                    cause: e
                });
            }
            if (code === 'EISDIR') {
                throw new src_errors/* LadingError */.c3(`${who}: import path ${shown} is a directory; v1beta1 imports must name a ZarfComponentConfig file`, {
                    hint: 'name the component config file itself (e.g. common/component.yaml)',
                    position,
                    cause: e
                });
            }
            throw new src_errors/* LadingError */.c3(`${who}: cannot read imported component config ${shown}: ${e instanceof Error ? e.message : String(e)}`, {
                hint: 'check that the file is readable',
                position,
                cause: e
            });
        }
    }
}
/** The values an import brings, relative to the importer: deeper files first, then the config's own; its own schema first. */
function ownValues(values, inherited, relDir) {
    const files = inherited.files.map((r) => rebaseRef(r, relDir));
    const list = (0,definition_data/* listAt */.gT)(values, 'files');
    list.forEach((f, i) => {
        if (typeof f === 'string')
            files.push(rebaseRef({ value: f, from: list, key: i }, relDir));
    });
    const schemas = [];
    if (values !== undefined && (0,definition_data/* strAt */.zj)(values, 'schema') !== '')
        schemas.push(rebaseRef({ value: (0,definition_data/* strAt */.zj)(values, 'schema'), from: values, key: 'schema' }, relDir));
    schemas.push(...inherited.schemas.map((r) => rebaseRef(r, relDir)));
    return { files, schemas };
}
/** A component config must say `kind: ZarfComponentConfig` and follow its schema; errors at its own lines. */
function checkConfig(data, displayPath, index) {
    if (data['kind'] !== 'ZarfComponentConfig') {
        const kind = typeof data['kind'] === 'string' ? `kind ${data['kind']}` : 'no kind';
        throw new src_errors/* LadingError */.c3(`${displayPath} has ${kind}: a v1beta1 import must be a ZarfComponentConfig; components cannot be imported from packages`, {
            hint: 'import a file with "kind: ZarfComponentConfig", metadata and component',
            position: (0,definition_origin/* positionIn */.Nu)(data, 'kind') ?? (0,definition_origin/* positionIn */.Nu)(data)
        });
    }
    if (index !== undefined) {
        const found = (0,issues/* schemaErrors */.d)(data, index, { schema: V1Beta1ComponentConfigSchema }).errors;
        if (found.length > 0)
            throw new src_errors/* LadingErrors */.Jk(found);
        return;
    }
    const errors = schemaIssues(V1Beta1ComponentConfigSchema, data).flatMap((issue) => {
        const p = issue.path.filter((s) => typeof s === 'string' || typeof s === 'number');
        if (issue.code === 'unrecognized_keys') {
            return issue.keys.map((k) => new src_errors/* LadingError */.c3(`${(0,positions/* formatPath */.j)([...p, k])} is not a field of a ZarfComponentConfig`, {
                hint: 'remove it (keys starting with x- are allowed for anchors)',
                position: (0,definition_origin/* positionAt */.t$)(data, [...p, k], true)
            }));
        }
        return [new src_errors/* LadingError */.c3(`${(0,positions/* formatPath */.j)(p)} is not valid: ${issue.message}`, { hint: `fix ${(0,positions/* formatPath */.j)(p)} in ${displayPath}`, position: (0,definition_origin/* positionAt */.t$)(data, p) })];
    });
    if (errors.length > 0)
        throw new src_errors/* LadingErrors */.Jk(errors);
}
/** A package component whose spec is `spec`: name, description and optional stay the component's. */
function withSpec(component, spec) {
    const out = {};
    (0,definition_origin/* sameOrigin */.Nm)(out, component);
    for (const k of ['name', 'description', 'optional'])
        if (component[k] !== undefined)
            put(out, k, component[k], component, k);
    for (const k of SPEC_KEYS)
        if (spec[k] !== undefined)
            put(out, k, spec[k], spec, k);
    return out;
}
/** The schema problems of a v1beta1 package document, each at its line (checked before composing). */
function v1beta1PackageErrors(data, index) {
    return (0,issues/* schemaErrors */.d)(data, index, { schema: V1Beta1PackageSchema }).errors;
}
/**
 * Resolves the imports of v1beta1 package `pkg` (validated with v1beta1PackageErrors). Throws a
 * LadingError (or LadingErrors for a component config's schema problems) at the line that caused it.
 * `pkg` and the configs read are not changed.
 */
async function composeV1Beta1(pkg, opts) {
    const composer = new Composer(opts);
    const root = {
        file: external_node_path_default().resolve(opts.packageFile ?? external_node_path_default().join(opts.baseDir, 'zarf.yaml')),
        display: (0,definition_origin/* positionIn */.Nu)(pkg)?.file ?? 'zarf.yaml'
    };
    const out = {};
    (0,definition_origin/* sameOrigin */.Nm)(out, pkg);
    for (const [k, v] of Object.entries(pkg))
        put(out, k, v, pkg, k);
    const srcList = (0,definition_data/* listAt */.gT)(pkg, 'components');
    const components = [];
    (0,definition_origin/* sameOrigin */.Nm)(components, srcList);
    const files = [];
    const schemas = [];
    for (const [i, c] of srcList.entries()) {
        if (!(0,definition_data/* isObj */.sA)(c) || !compatible((0,definition_data/* objAt */.rk)(c, 'selector'), opts.architecture, opts.flavor))
            continue;
        const who = `component "${(0,definition_data/* strAt */.zj)(c, 'name')}"`;
        const { spec, values } = await composer.resolve(c, opts.baseDir, [root], who);
        components.push(spec === c ? c : withSpec(c, spec));
        (0,definition_origin/* take */.s)(components, components.length - 1, srcList, i);
        files.push(...values.files);
        schemas.push(...values.schemas);
    }
    out['components'] = components;
    (0,definition_origin/* take */.s)(out, 'components', pkg, 'components');
    // Imported values files first, so the package's own win (later files override earlier ones).
    const values = (0,definition_data/* objAt */.rk)(pkg, 'values');
    const ownFiles = (0,definition_data/* listAt */.gT)(values, 'files');
    ownFiles.forEach((f, i) => {
        if (typeof f === 'string')
            files.push({ value: f, from: ownFiles, key: i });
    });
    if (files.length > 0) {
        const v = {};
        if (values !== undefined) {
            (0,definition_origin/* sameOrigin */.Nm)(v, values);
            for (const [k, x] of Object.entries(values))
                put(v, k, x, values, k);
        }
        const list = [];
        if (ownFiles.length > 0)
            (0,definition_origin/* sameOrigin */.Nm)(list, ownFiles);
        for (const r of dedupe(files)) {
            list.push(r.value);
            (0,definition_origin/* take */.s)(list, list.length - 1, r.from, r.key);
        }
        v['files'] = list;
        out['values'] = v;
        if (values !== undefined)
            (0,definition_origin/* take */.s)(out, 'values', pkg, 'values');
    }
    return {
        pkg: out,
        importedSchemas: dedupe(schemas).map((r) => ({ path: r.value, position: (0,definition_origin/* positionIn */.Nu)(r.from, r.key) }))
    };
}


/***/ })

};
