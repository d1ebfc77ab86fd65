/**
 * The images a plain Kubernetes manifest runs, found as `zarf dev find-images` finds them
 * (src/pkg/packager/find_images.go, processUnstructuredImages), without rendering or network:
 *
 * - Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job (their pod
 *   template) and CronJob (its job template): `image` of containers, initContainers and
 *   ephemeralContainers, and `image.reference` of image volumes, when it is a valid reference;
 * - a Flux OCIRepository: `spec.url` without `oci://`, with `:tag` or `@digest` from `spec.ref`;
 * - any other kind: every `image:` field whose value is a plain `[dir/]name[:tag]` (Zarf's regex on the
 *   resource's JSON);
 * - a resource annotated `helm.sh/hook: test` is skipped, as Zarf skips Helm test hooks.
 *
 * Zarf's "maybe" images (any quoted `name:tag`-looking text, confirmed by asking the registry) are
 * left out: they need the network and are often not images. `missingImages` then compares what was
 * found with what the package carries (its `images` and the images of its `imageArchives`).
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import { Reference } from '../../oci/reference.js';

export interface FoundImage {
  /** The reference as written in the manifest. */
  image: string;
  /** 1-based line of the value in the manifest. */
  line: number;
}

type Path = Array<string | number>;

/** Where each kind keeps its pod spec. */
const POD_SPEC: Record<string, Path> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec']
};

/** Zarf's imageCheck for kinds it does not know: `"image":"[dir/]name[:tag]"` (case-insensitive). */
const CUSTOM_IMAGE = /^(([a-z0-9._-]+)\/)?([a-z0-9._-]+)(:([a-z0-9._-]+))?$/i;

/** distribution/reference's ReferenceRegexp, whole string: `[domain/]path[:tag][@digest]`, lower-case path. */
const DOMAIN = '(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\\[(?:[a-fA-F0-9:]+)\\])(?::[0-9]+)?';
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const REFERENCE = new RegExp(`^((?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*)(?::([\\w][\\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$`);

/** Whether `s` is a reference Zarf's ReferenceRegexp accepts. */
export function isImageReference(s: string): boolean {
  return REFERENCE.test(s);
}

function lineOf(node: Node | undefined, lines: LineCounter): number {
  const offset = node?.range?.[0];
  return offset === undefined ? 1 : lines.linePos(offset).line;
}

function scalarAt(doc: Document, path: Path): { value: string; node: Node } | undefined {
  const node = doc.getIn(path, true) as Node | undefined;
  if (node === undefined || !isScalar(node) || typeof node.value !== 'string') return undefined;
  return { value: node.value, node };
}

function seqLength(doc: Document, path: Path): number {
  const node = doc.getIn(path, true);
  return isSeq(node) ? node.items.length : 0;
}

/** Every `image` pair (any depth) of a node whose value is a string scalar. */
function imageFields(node: unknown, out: Array<{ value: string; node: Node }>): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      if (key === 'image' && isScalar(pair.value) && typeof pair.value.value === 'string') out.push({ value: pair.value.value, node: pair.value });
      else imageFields(pair.value, out);
    }
  } else if (isSeq(node)) for (const item of node.items) imageFields(item, out);
}

/**
 * The images the manifests in `yaml` (one file, any number of documents) run, each with its line, in
 * the order written; a document that is not YAML is skipped (deploy-time templates may make it so).
 */
export function findImages(yaml: string | Uint8Array): FoundImage[] {
  const text = typeof yaml === 'string' ? yaml : Buffer.from(yaml).toString('utf8');
  const lines = new LineCounter();
  const out: FoundImage[] = [];
  for (const doc of parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false })) {
    if (doc.errors.length > 0 || !isMap(doc.contents)) continue;
    const kind = scalarAt(doc, ['kind'])?.value ?? '';
    if (scalarAt(doc, ['metadata', 'annotations', 'helm.sh/hook'])?.value === 'test') continue;
    const add = (value: string, node: Node): void => {
      out.push({ image: value, line: lineOf(node, lines) });
    };
    const spec = POD_SPEC[kind];
    if (spec !== undefined) {
      for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
        for (let i = 0; i < seqLength(doc, [...spec, list]); i++) {
          const s = scalarAt(doc, [...spec, list, i, 'image']);
          if (s !== undefined && isImageReference(s.value)) add(s.value, s.node);
        }
      }
      for (let i = 0; i < seqLength(doc, [...spec, 'volumes']); i++) {
        const s = scalarAt(doc, [...spec, 'volumes', i, 'image', 'reference']);
        if (s !== undefined && isImageReference(s.value)) add(s.value, s.node);
      }
      continue;
    }
    if (kind === 'OCIRepository') {
      const url = scalarAt(doc, ['spec', 'url']);
      if (url === undefined) continue;
      const tag = scalarAt(doc, ['spec', 'ref', 'tag'])?.value ?? '';
      const digest = scalarAt(doc, ['spec', 'ref', 'digest'])?.value ?? '';
      const semver = (scalarAt(doc, ['spec', 'ref', 'semver'])?.value ?? '') + (scalarAt(doc, ['spec', 'ref', 'semverFilter'])?.value ?? '');
      if (tag === '' && digest === '' && semver !== '') continue; // no one image to name
      const ref = `${url.value.replace(/^oci:\/\//, '')}${tag !== '' ? `:${tag}` : digest !== '' ? `@${digest}` : ''}`;
      if (isImageReference(ref)) add(ref, url.node);
      continue;
    }
    const fields: Array<{ value: string; node: Node }> = [];
    imageFields(doc.contents, fields);
    for (const f of fields) if (CUSTOM_IMAGE.test(f.value)) add(f.value, f.node);
  }
  return out;
}

/** Zarf's full form of a reference (`nginx` -> `docker.io/library/nginx:latest`); undefined when it does not parse. */
function normalized(image: string): Reference | undefined {
  try {
    return Reference.parse(image);
  } catch {
    return undefined;
  }
}

/**
 * Whether the package provides `image`: one of `provided` names the same image: the same full
 * reference, or the same repository pinned to the same digest, or with the same tag (a listed
 * `name:tag@digest` provides `name:tag`).
 */
export function isProvided(image: string, provided: readonly string[]): boolean {
  const want = normalized(image);
  if (want === undefined) return true; // not something the package could list
  return provided.some((p) => {
    const have = normalized(p);
    if (have === undefined || have.name !== want.name) return false;
    if (want.digest !== undefined) return have.digest === want.digest;
    return have.tag === want.tag;
  });
}

/** The found images the package does not provide, in the order found. */
export function missingImages<T extends FoundImage>(found: readonly T[], provided: readonly string[]): T[] {
  return found.filter((f) => !isProvided(f.image, provided));
}
