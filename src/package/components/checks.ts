/**
 * What can be checked about files, manifests and charts without the network, run with the rest of
 * zarf.yaml's validation so every problem of the file comes in one run, each at its line: local
 * paths inside the folder of zarf.yaml, URL schemes, shasum shapes, names that become file names in
 * the package, archives extractPath reads, kustomization folders, and repository URLs (Zarf's form,
 * a scheme, one folder each). Zarf's own rules for charts and manifests (name length and
 * uniqueness, namespace, url or localPath, version, files) are in src/definition/validate.ts.
 */
import { LadingError, type SourcePosition } from '../../errors.js';
import { splitUrlChecksum } from '../../sources/url-checksum.js';
import { formatPath, goBase, isUrl, MissingLocalPath, resolveLocalPath, shorten, type LocalPathContext, type PathSegment } from './paths.js';
import { ociChartReference } from '../../sources/oci-chart.js';
import { gitRef, maskUrls, parseGitUrl, type GitUrl } from '../../sources/git-url.js';
import { archiveFormatOf, READABLE_EXTENSIONS } from '../../sources/archive-format.js';

export interface CheckContext extends LocalPathContext {
  positionOf(p: ReadonlyArray<PathSegment>): SourcePosition;
  /** The key's own position (for a field that should not be there); defaults to positionOf. */
  keyPositionOf?(p: ReadonlyArray<PathSegment>): SourcePosition;
  /**
   * Let local paths that do not exist pass (the package has onCreate actions, which may create
   * them): collection, after the actions ran, refuses one still missing, at its line.
   */
  deferMissing?: boolean;
}

const ZARF_CLI = 'or build this package with `zarf package create`';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The base name Zarf gives a file's `target` (`\` read as `/`, trailing `/` dropped). */
export function targetBaseName(target: string): string {
  const t = target.replace(/\\/g, '/').replace(/\/+$/, '');
  return t.slice(t.lastIndexOf('/') + 1);
}

/** A name that becomes part of a file name in the package: no separators, not `.` or `..`. */
function badFileNamePart(s: string): boolean {
  return s === '' || s === '.' || s === '..' || /[/\\\0]/.test(s);
}

/** `oci` | `helm-repo` | `git` | undefined (another scheme) for a chart `url`. */
export function chartUrlKind(url: string): 'oci' | 'helm-repo' | 'git' | undefined {
  if (url.startsWith('oci://')) return 'oci';
  // Zarf's test: the URL without its @ref ends in .git (any scheme; gitUrlProblem then checks it).
  if (parseGitUrl(url)?.cloneUrl.endsWith('.git') === true) return 'git';
  if (!/^https?:\/\//i.test(url)) return undefined;
  return 'helm-repo';
}

/** Schemes a repository may be cloned over (file:// would read the runner's disk outside the workspace). */
const GIT_SCHEMES = ['https', 'http', 'ssh', 'git'];

/** What is wrong with a repository URL (Zarf's parse, a scheme, a ref Zarf cannot check out), or undefined. */
export function gitUrlProblem(url: string): { message: string; hint: string } | undefined {
  const g = parseGitUrl(url);
  if (g === undefined) return { message: 'is not a Git repository URL Zarf can read', hint: 'write it as https://host/path/repo.git, with @ref after it for a tag, refs/heads/<branch> or a commit' };
  const scheme = g.cloneUrl.slice(0, g.cloneUrl.indexOf(':'));
  if (!GIT_SCHEMES.includes(scheme)) return { message: `uses the ${scheme}:// scheme, which is not supported for Git repositories`, hint: 'use https://, ssh:// or git://' };
  if (gitRef(g.ref).kind === 'other') return { message: `names the ref "${g.ref}", which is neither a tag, a branch (refs/heads/…) nor a commit`, hint: 'name a tag (v1.2.3 or refs/tags/v1.2.3), a branch (refs/heads/main) or a commit (its 40-character sha)' };
  return undefined;
}

/** A `gitPath` that stays inside the repository: relative, no `..` segment. */
export function gitPathInside(p: string): boolean {
  const parts = p.replace(/\\/g, '/').split('/');
  return !p.startsWith('/') && !/^[A-Za-z]:/.test(p) && !parts.includes('..');
}

export const SHASUM_PATTERN = /^[A-Fa-f0-9]{64}$/;

/** Every problem of components[].files, manifests, kustomizations, charts and data injections that needs no network. */
export async function componentContentErrors(data: unknown, ctx: CheckContext): Promise<LadingError[]> {
  const errors: Array<LadingError | Promise<LadingError | undefined>> = [];
  const components = isRecord(data) && Array.isArray(data['components']) ? (data['components'] as unknown[]) : [];

  /** A local path or URL at `p`: URLs must be http(s); local paths must be inside the folder. */
  const source = (value: unknown, p: PathSegment[], what: string, opts: { dirOk: boolean }): Promise<LadingError | undefined> | LadingError | undefined => {
    if (typeof value !== 'string') return undefined;
    const where = formatPath(p);
    const position = ctx.positionOf(p);
    if (isUrl(value)) {
      if (/^https?:\/\//i.test(value)) return undefined;
      const scheme = value.slice(0, value.indexOf(':'));
      return new LadingError(`${where} "${shorten(value)}": the ${scheme}:// scheme is not supported here`, {
        hint: `give a path relative to the folder of zarf.yaml or an https:// URL`,
        position
      });
    }
    return resolveLocalPath(value, where, position, ctx, what).then((r) => {
      if (r instanceof LadingError) return r;
      if (r.isDir && !opts.dirOk) {
        return new LadingError(`${where} "${shorten(value)}" is a folder`, { hint: `give the path of ${what}, not of a folder`, position });
      }
      return undefined;
    });
  };

  components.forEach((c, i) => {
    if (!isRecord(c)) return;
    const base: PathSegment[] = ['components', i];

    // ---- files
    if (Array.isArray(c['files'])) {
      c['files'].forEach((f, j) => {
        if (!isRecord(f)) return;
        const p: PathSegment[] = [...base, 'files', j];
        const extractPath = f['extractPath'];
        if (typeof extractPath === 'string' && extractPath !== '') {
          const ep: PathSegment[] = [...p, 'extractPath'];
          if (extractPath.startsWith('/') || extractPath.includes('\\') || extractPath.split('/').includes('..')) {
            errors.push(new LadingError(`${formatPath(ep)} "${shorten(extractPath)}" is not a path inside an archive`, { hint: 'give the name of the entry as the archive stores it, e.g. linux-amd64/helm', position: ctx.positionOf(ep) }));
          }
          const src = f['source'];
          if (typeof src === 'string') {
            let archiveName = src;
            if (isUrl(src)) {
              try {
                archiveName = new URL(splitUrlChecksum(src).url).pathname.replace(/^.*\//, '');
              } catch {
                archiveName = src;
              }
            }
            const kind = archiveFormatOf(archiveName);
            if (kind === undefined) {
              errors.push(new LadingError(`${formatPath([...p, 'source'])} "${shorten(src)}" is not an archive: unsupported archive extension for "${shorten(archiveName)}"`, { hint: `extractPath takes a file out of a ${READABLE_EXTENSIONS} archive, known by its extension`, position: ctx.positionOf([...p, 'source']) }));
            } else if (kind.format === undefined) {
              errors.push(new LadingError(`${formatPath(ep)}: Lading does not extract from ${kind.extension} archives yet`, { hint: `extract the file in a step before this one and point source at it (Lading reads ${READABLE_EXTENSIONS}), ${ZARF_CLI}`, position: ctx.positionOf(ep) }));
            }
          }
        }
        if (typeof f['shasum'] === 'string' && !SHASUM_PATTERN.test(f['shasum'])) {
          errors.push(
            new LadingError(`${formatPath([...p, 'shasum'])} "${shorten(f['shasum'])}" is not a sha256 checksum`, {
              hint: 'give the 64 hexadecimal characters of the sha256 (`sha256sum <file>`)',
              position: ctx.positionOf([...p, 'shasum'])
            })
          );
        }
        if (typeof f['target'] === 'string' && badFileNamePart(targetBaseName(f['target']))) {
          errors.push(
            new LadingError(`${formatPath([...p, 'target'])} "${shorten(f['target'])}" does not end in a file name`, {
              hint: 'give the full path the file gets on deploy, e.g. /usr/local/bin/tool',
              position: ctx.positionOf([...p, 'target'])
            })
          );
        }
        const src = f['source'];
        if (typeof src === 'string' && !isUrl(src) && typeof f['shasum'] === 'string') {
          // A shasum checks one file: a folder cannot have one.
          errors.push(
            resolveLocalPath(src, formatPath([...p, 'source']), ctx.positionOf([...p, 'source']), ctx).then((r) =>
              !(r instanceof LadingError) && r.isDir
                ? new LadingError(`${formatPath([...p, 'shasum'])} is given for the folder "${shorten(src)}"`, {
                    hint: 'a shasum checks a single file: remove it, or point source at a file',
                    position: ctx.positionOf([...p, 'shasum'])
                  })
                : undefined
            )
          );
        }
        const e = source(src, [...p, 'source'], typeof f['extractPath'] === 'string' && f['extractPath'] !== '' ? 'the archive' : 'the file', { dirOk: !(typeof f['extractPath'] === 'string' && f['extractPath'] !== '') });
        if (e !== undefined) errors.push(e);
      });
    }

    // ---- repos: URLs Zarf can read, one clone folder each
    if (Array.isArray(c['repos'])) {
      const folders = new Map<string, number>();
      c['repos'].forEach((u, j) => {
        if (typeof u !== 'string') return;
        const p: PathSegment[] = [...base, 'repos', j];
        const e = gitUrlProblem(u);
        if (e !== undefined) {
          errors.push(new LadingError(`${formatPath(p)} "${shorten(maskUrls(u))}" ${e.message}`, { hint: e.hint, position: ctx.positionOf(p) }));
          return;
        }
        const folder = (parseGitUrl(u) as GitUrl).folder;
        const first = folders.get(folder);
        if (first !== undefined) {
          errors.push(new LadingError(`${formatPath(p)} "${shorten(maskUrls(u))}" is already cloned by ${formatPath([...base, 'repos', first])} (both go to repos/${folder})`, { hint: 'list each repository and ref once', position: ctx.positionOf(p) }));
        } else folders.set(folder, j);
      });
    }

    // ---- manifests
    if (Array.isArray(c['manifests'])) {
      c['manifests'].forEach((m, j) => {
        if (!isRecord(m)) return;
        const p: PathSegment[] = [...base, 'manifests', j];
        const name = m['name'];
        if (typeof name === 'string' && badFileNamePart(name)) {
          errors.push(new LadingError(`${formatPath([...p, 'name'])} "${shorten(name)}" cannot name files in the package`, { hint: 'use letters, digits and "-" (no "/" or "\\")', position: ctx.positionOf([...p, 'name']) }));
        }
        const kustomizations = m['kustomizations'];
        if (Array.isArray(kustomizations)) {
          kustomizations.forEach((v, k) => {
            if (typeof v !== 'string' || isUrl(v)) return; // a remote kustomization goes to kustomize as written
            const kp: PathSegment[] = [...p, 'kustomizations', k];
            errors.push(
              resolveLocalPath(v, formatPath(kp), ctx.positionOf(kp), ctx, 'the kustomization folder').then((r) => {
                if (r instanceof LadingError) {
                  if (/^[\w.-]+\.[a-z]{2,}\/[^/]+\/[^/]+/i.test(v) && /does not exist/.test(r.message)) {
                    return new MissingLocalPath(r.message, { hint: `a remote kustomization needs its scheme, as Zarf reads it: https://${shorten(v)}`, position: ctx.positionOf(kp) });
                  }
                  return r;
                }
                if (!r.isDir) return new LadingError(`${formatPath(kp)} "${shorten(v)}" is a file, not a kustomization folder`, { hint: 'give the folder that holds kustomization.yaml', position: ctx.positionOf(kp) });
                return undefined;
              })
            );
          });
        }
        const files = m['files'];
        if (Array.isArray(files)) {
          files.forEach((v, k) => {
            const e = source(v, [...p, 'files', k], 'the manifest', { dirOk: false });
            if (e !== undefined) errors.push(e);
          });
        }
      });
    }

    // ---- data injections
    if (Array.isArray(c['dataInjections'])) {
      c['dataInjections'].forEach((d, j) => {
        if (!isRecord(d)) return;
        const p: PathSegment[] = [...base, 'dataInjections', j];
        const target = d['target'];
        const tp = isRecord(target) ? target['path'] : undefined;
        if (typeof tp === 'string' && badFileNamePart(goBase(tp))) {
          errors.push(new LadingError(`${formatPath([...p, 'target', 'path'])} "${shorten(tp)}" does not end in a file or folder name`, { hint: 'give the path inside the container, e.g. /data', position: ctx.positionOf([...p, 'target', 'path']) }));
        }
        const e = source(d['source'], [...p, 'source'], 'the data', { dirOk: true });
        if (e !== undefined) errors.push(e);
      });
    }

    // ---- charts
    if (Array.isArray(c['charts'])) {
      c['charts'].forEach((ch, j) => {
        if (!isRecord(ch)) return;
        const p: PathSegment[] = [...base, 'charts', j];
        const name = ch['name'];
        if (typeof name === 'string' && badFileNamePart(name)) {
          errors.push(new LadingError(`${formatPath([...p, 'name'])} "${shorten(name)}" cannot name a file in the package`, { hint: 'use letters, digits and "-" (no "/" or "\\")', position: ctx.positionOf([...p, 'name']) }));
        }
        const version = ch['version'];
        // A local chart may have no version (Zarf names it charts/<name>.tgz); a chart from a
        // repository needs one (validate.ts).
        if (typeof version === 'string' && version !== '' && badFileNamePart(version)) {
          errors.push(new LadingError(`${formatPath([...p, 'version'])} "${shorten(version)}" is not a chart version`, { hint: 'give the version as in Chart.yaml, e.g. 1.2.3', position: ctx.positionOf([...p, 'version']) }));
        }
        const gitPath = ch['gitPath'];
        if (typeof gitPath === 'string' && !gitPathInside(gitPath)) {
          errors.push(new LadingError(`${formatPath([...p, 'gitPath'])} "${shorten(gitPath)}" leads outside the repository`, { hint: 'give the chart folder relative to the root of the repository, e.g. charts/app', position: ctx.positionOf([...p, 'gitPath']) }));
        }
        const url = ch['url'];
        const local = ch['localPath'];
        if (typeof url === 'string') {
          const up: PathSegment[] = [...p, 'url'];
          const kind = chartUrlKind(url);
          if (kind === undefined) {
            errors.push(new LadingError(`${formatPath(up)} "${shorten(url)}" is not a chart repository URL`, { hint: 'use oci://host/path/chart or the https:// URL of a Helm repository', position: ctx.positionOf(up) }));
          } else if (kind === 'git') {
            const e = gitUrlProblem(url);
            if (e !== undefined) errors.push(new LadingError(`${formatPath(up)} "${shorten(maskUrls(url))}" ${e.message}`, { hint: e.hint, position: ctx.positionOf(up) }));
          } else if (kind === 'oci' && typeof version === 'string') {
            try {
              ociChartReference(url, version);
            } catch (e) {
              errors.push(new LadingError(`${formatPath(up)}: ${(e as Error).message}`, { hint: 'write it as oci://host/path/chart, with the version in version', position: ctx.positionOf(up) }));
            }
          }
        }
        if (typeof local === 'string') {
          const lp: PathSegment[] = [...p, 'localPath'];
          errors.push(
            resolveLocalPath(local, formatPath(lp), ctx.positionOf(lp), ctx, 'the chart folder').then((r) => {
              if (r instanceof LadingError) return r;
              if (!r.isDir && !/\.(tgz|tar\.gz)$/.test(r.real)) {
                return new LadingError(`${formatPath(lp)} "${shorten(local)}" is a file, not a chart folder or packaged chart (.tgz)`, { hint: 'point localPath at the folder that holds Chart.yaml', position: ctx.positionOf(lp) });
              }
              return undefined;
            })
          );
        }
        for (const key of ['valuesFiles', 'templatedValuesFiles'] as const) {
          const list = ch[key];
          if (!Array.isArray(list)) continue;
          list.forEach((v, k) => {
            const e = source(v, [...p, key, k], 'the values file', { dirOk: false });
            if (e !== undefined) errors.push(e);
          });
        }
      });
    }
  });
  const settled = await Promise.all(errors);
  return settled.filter((e): e is LadingError => e !== undefined && !(ctx.deferMissing === true && e instanceof MissingLocalPath));
}
