/**
 * The `registry-override` input (Zarf's `--registry-override source=replacement`): where a pull of an
 * image or OCI chart actually goes. Applied as Zarf applies it: the source is a plain string prefix of
 * the normalized reference (`docker.io/library/nginx:1.27`, `ghcr.io/acme/app:1@sha256:…`), the
 * longest matching source wins, and that prefix is replaced once. Only the pull is redirected: the
 * package keeps every name as written and records the mapping in `build.registryOverrides`.
 */
import { LadingError } from '../errors.js';
import { Reference } from '../oci/reference.js';

export interface RegistryOverride {
  source: string;
  replacement: string;
  /** Line of the input (1-based, counting blank lines), for messages. */
  line: number;
}

export interface Redirect {
  /** The reference actually pulled (at the replacement). */
  ref: Reference;
  override: RegistryOverride;
}

// host[:port] with a dot, a port, `localhost` or an IPv6 literal (what makes the first path segment
// of a reference a registry), then optional lowercase repository path components.
const HOST = /^(?:\[[0-9a-fA-F:.]+\](?::\d{1,5})?|localhost(?::\d{1,5})?|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*:\d{1,5}|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

function bad(line: number, text: string, why: string, hint: string): LadingError {
  return new LadingError(`input registry-override, line ${line} "${text}": ${why}`, { hint });
}

const FORMAT_HINT = 'write one source=replacement a line, e.g. docker.io=mirror.example.com/dockerhub';

/** Why `replacement` is not a registry host with an optional path, or undefined when it is one. */
function replacementProblem(replacement: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(replacement)) return `the replacement "${replacement}" has a scheme; give the registry host without it`;
  const trimmed = replacement.replace(/\/+$/, '');
  const slash = trimmed.indexOf('/');
  const host = slash >= 0 ? trimmed.slice(0, slash) : trimmed;
  const path = slash >= 0 ? trimmed.slice(slash + 1) : '';
  if (!HOST.test(host)) return `the replacement "${replacement}" is not a registry host (a host has a dot or a port, or is localhost, e.g. mirror.example.com or localhost:5000)`;
  if (path !== '' && !path.split('/').every((c) => PATH_COMPONENT.test(c))) return `the replacement "${replacement}" has a path that is not a lowercase repository path`;
  return undefined;
}

export class RegistryOverrides {
  /** Longest source first (Zarf sorts sources in descending order, which puts a longer prefix first). */
  readonly list: readonly RegistryOverride[];
  private readonly used = new Set<RegistryOverride>();

  private constructor(list: RegistryOverride[]) {
    this.list = list.sort((a, b) => (a.source < b.source ? 1 : a.source > b.source ? -1 : 0));
  }

  static none(): RegistryOverrides {
    return new RegistryOverrides([]);
  }

  /** The input's text: one `source=replacement` a line, blank lines ignored. Throws at the first bad line. */
  static parse(text: string): RegistryOverrides {
    const list: RegistryOverride[] = [];
    text.split(/\r?\n/).forEach((raw, i) => {
      const line = i + 1;
      const entry = raw.trim();
      if (entry === '') return;
      const eq = entry.indexOf('=');
      if (eq < 0) throw bad(line, entry, 'there is no "=" between source and replacement', FORMAT_HINT);
      const source = entry.slice(0, eq).trim();
      const replacement = entry.slice(eq + 1).trim();
      if (source === '') throw bad(line, entry, 'the source (left of "=") is empty', FORMAT_HINT);
      if (replacement === '') throw bad(line, entry, 'the replacement (right of "=") is empty', FORMAT_HINT);
      if (/\s/.test(source) || /\s/.test(replacement)) throw bad(line, entry, 'a side contains whitespace', FORMAT_HINT);
      const problem = replacementProblem(replacement);
      if (problem !== undefined) throw bad(line, entry, problem, FORMAT_HINT);
      const twin = list.find((o) => o.source === source);
      if (twin !== undefined) throw bad(line, entry, `the source "${source}" is already overridden on line ${twin.line}`, 'keep one replacement per source');
      list.push({ source, replacement, line });
    });
    return new RegistryOverrides(list);
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  /** For `build.registryOverrides`: source -> replacement, as the user wrote them. */
  record(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const o of this.list) out[o.source] = o.replacement;
    return out;
  }

  /**
   * Where `ref` is pulled from: undefined when no source is a prefix of its normalized form. Marks
   * the override as used (see `unused`).
   */
  redirect(ref: Reference): Redirect | undefined {
    const full = ref.toString();
    const override = this.list.find((o) => full.startsWith(o.source));
    if (override === undefined) return undefined;
    this.used.add(override);
    const text = override.replacement.replace(/\/+$/, '') + full.slice(override.source.length);
    let mirrored: Reference;
    try {
      mirrored = Reference.parse(text);
    } catch (e) {
      throw new LadingError(`registry-override "${override.source}=${override.replacement}" turns "${ref.original}" into "${text}", which is not a valid reference: ${(e as Error).message}`, {
        hint: 'make the source end where a registry or path component ends, e.g. docker.io or docker.io/library'
      });
    }
    return { ref: mirrored, override };
  }

  /** Overrides no reference has matched so far. */
  unused(): RegistryOverride[] {
    return this.list.filter((o) => !this.used.has(o)).sort((a, b) => a.line - b.line);
  }
}

/** `source=replacement` as written, for messages. */
export function describeOverride(o: RegistryOverride): string {
  return `${o.source}=${o.replacement}`;
}
