import * as core from './workflow-commands.js';
import { LadingError } from './errors.js';
import { checkTagInput, parsePublishInput } from './publish/target.js';
import { parseCompareInput } from './check/compare-input.js';
import { parseSetInput } from './definition/template.js';
import { RegistryOverrides } from './sources/overrides.js';

export interface Inputs {
  definition: string;
  architecture: string;
  output: string;
  indexDigests: 'fail' | 'keep';
  plainHttp: string[];
  publish: string;
  tag: string;
  username: string;
  password: string;
  cache: 'actions' | 'local' | 'off';
  concurrency: number;
  retries: number;
  /** Carry each image's cosign signatures, attestations and OCI referrers. */
  signatures: boolean;
  /** Zarf's --flavor: components whose only.flavor is another are left out ('' for none). */
  flavor: string;
  /** Zarf's --set: values of the ###ZARF_PKG_TMPL_<NAME>### create-time templates, by upper-case name. */
  set: Record<string, string>;
  /** Zarf's --registry-override: `source=replacement` lines, where images and OCI charts are pulled from. */
  registryOverrides: RegistryOverrides;
  /** `build` (today's run) or `check` (resolve everything, download no layer, write no package). */
  mode: 'build' | 'check';
  /** A package to compare with: `oci://…/name:tag` or a local package file ('' for the publish target, if any). */
  compare: string;
  /** Zarf's --differential: an earlier package (file or oci://) whose pinned images and repos are left out ('' for none). */
  differential: string;
  /** Publish the definition and its local content as a Zarf skeleton instead of building a package. */
  skeleton: boolean;
  /** Zarf's --max-package-size, in MB (1,000,000 bytes): split a larger package file into parts; 0: never. */
  maxPackageSize: number;
}

const ARCHS = new Set(['amd64', 'arm64', 'arm', '386', 'ppc64le', 's390x', 'riscv64']);

function runnerArchitecture(): string {
  const a = (process.env.RUNNER_ARCH ?? process.arch).toLowerCase();
  if (a === 'arm64' || a === 'aarch64') return 'arm64';
  return 'amd64';
}

/** Empty means the action.yml default (the runner fills defaults in, other callers may not). */
function intInput(name: string, min: number, max: number, fallback: number): number {
  const raw = core.getInput(name).trim();
  if (raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new LadingError(`input ${name} must be a whole number from ${min} to ${max}, got "${raw}"`, { hint: `set ${name} to a number such as ${min === 0 ? 3 : 8}` });
  }
  return n;
}

/** input max-package-size: a whole number of MB, 0 (or empty) for one file. */
function maxPackageSizeInput(): number {
  const raw = core.getInput('max-package-size').trim();
  if (raw === '') return 0;
  const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n) || n > 1_000_000_000) {
    throw new LadingError(`input max-package-size must be a whole number of megabytes (0 for one file), got "${raw}"`, {
      hint: 'set max-package-size to the most one part may hold, in MB of 1,000,000 bytes (4000 fits a DVD), or to 0 for one file'
    });
  }
  return n;
}

function oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const raw = core.getInput(name).trim();
  if (raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new LadingError(`input ${name} must be one of ${allowed.join(', ')}, got "${raw}"`, { hint: `set ${name} to ${allowed.map((a) => `\`${a}\``).join(' or ')}` });
  }
  return raw as T;
}

/**
 * Reads and checks the action inputs. Inputs a later release implements fail clearly when set, so a
 * workflow never believes something happened that did not.
 */
export function readInputs(): Inputs {
  const architecture = (core.getInput('architecture').trim() || runnerArchitecture()).toLowerCase();
  if (!ARCHS.has(architecture)) {
    throw new LadingError(`input architecture "${architecture}" is not a known architecture`, { hint: `use one of ${[...ARCHS].join(', ')}` });
  }
  const password = core.getInput('password');
  if (password !== '') core.setSecret(password);
  const inputs: Inputs = {
    definition: core.getInput('definition').trim() || '.',
    architecture,
    output: core.getInput('output').trim() || '.',
    indexDigests: oneOf('index-digests', ['fail', 'keep'] as const, 'fail'),
    plainHttp: core
      .getInput('plain-http')
      .split(/[\n,]/)
      .map((s) => s.trim())
      .filter((s) => s !== ''),
    publish: core.getInput('publish').trim(),
    tag: core.getInput('tag').trim(),
    username: core.getInput('username').trim(),
    password,
    cache: oneOf('cache', ['actions', 'local', 'off'] as const, 'actions'),
    concurrency: intInput('concurrency', 1, 64, 8),
    retries: intInput('retries', 0, 10, 3),
    signatures: oneOf('signatures', ['true', 'false'] as const, 'false') === 'true',
    flavor: core.getInput('flavor').trim(),
    set: parseSetInput(core.getInput('set')),
    registryOverrides: RegistryOverrides.parse(core.getInput('registry-override', { trimWhitespace: false })),
    mode: oneOf('mode', ['build', 'check'] as const, 'build'),
    compare: core.getInput('compare').trim(),
    differential: core.getInput('differential').trim(),
    skeleton: oneOf('skeleton', ['true', 'false'] as const, 'false') === 'true',
    maxPackageSize: maxPackageSizeInput()
  };
  if (inputs.skeleton && inputs.publish === '') {
    throw new LadingError('input skeleton is set but publish is not', { hint: 'a skeleton is published, not written to a file: set publish (oci://host/repository)' });
  }
  if (inputs.skeleton && inputs.mode === 'check') {
    throw new LadingError('inputs skeleton and mode: check cannot be combined', { hint: 'a check publishes nothing: remove skeleton, or use mode: build to publish the skeleton' });
  }
  if (inputs.skeleton && inputs.differential !== '') {
    throw new LadingError('inputs skeleton and differential cannot be combined', { hint: 'a skeleton carries no images to leave out: remove differential' });
  }
  if (/[/\\]/.test(inputs.flavor) || inputs.flavor === '.' || inputs.flavor === '..') {
    throw new LadingError(`input flavor "${inputs.flavor}" cannot name a package file`, { hint: 'use a flavor without "/" or "\\" (it is part of the package file name and tag)' });
  }
  for (const h of inputs.plainHttp) {
    if (!/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/.test(h)) {
      throw new LadingError(`input plain-http: "${h}" is not a host[:port]`, { hint: 'list one host or host:port per line, without a scheme or path' });
    }
  }
  if (inputs.publish !== '') parsePublishInput(inputs.publish);
  if (inputs.compare !== '') parseCompareInput(inputs.compare);
  checkTagInput(inputs.tag);
  if (inputs.publish === '') {
    for (const [name, value] of [['tag', inputs.tag], ['username', inputs.username], ['password', inputs.password]] as const) {
      if (value !== '') throw new LadingError(`input ${name} is set but publish is not`, { hint: `${name} is for publishing: set publish (oci://host/repository) or remove ${name}` });
    }
  }
  if ((inputs.username === '') !== (inputs.password === '')) {
    throw new LadingError(`input ${inputs.username === '' ? 'password' : 'username'} is set without ${inputs.username === '' ? 'username' : 'password'}`, { hint: 'give both username and password, or neither (then docker login credentials are used)' });
  }
  return inputs;
}
