/**
 * `.helmignore` rules as Helm applies them when it packages a chart folder (helm.sh/helm
 * pkg/ignore): one pattern per line, `#` comments, blank lines skipped; Go `filepath.Match` globs
 * (`*`, `?`, `[...]`, `\` escapes; `**` is refused as Helm refuses it); a trailing `/` matches folders
 * only; a leading `/` anchors at the chart root; a pattern without `/` matches the base name, one
 * with `/` the whole relative path; `!` negates. Rules are tried in order and the first that decides
 * wins, with Helm's own reading of a negated rule: a path that does NOT match it is ignored. Helm
 * always adds `templates/.?*` (dotfiles in templates/).
 */

interface Rule {
  raw: string;
  negate: boolean;
  mustDir: boolean;
  /** Match against the whole relative path (true) or its base name (false). */
  structural: boolean;
  re: RegExp;
}

export class HelmIgnoreError extends Error {
  constructor(
    message: string,
    readonly line: number
  ) {
    super(message);
    this.name = 'HelmIgnoreError';
  }
}

/** A Go filepath.Match pattern (separator `/`) as an anchored regular expression; throws when malformed. */
export function globToRegExp(pattern: string): RegExp {
  let out = '^';
  let i = 0;
  const n = pattern.length;
  while (i < n) {
    const c = pattern[i] as string;
    if (c === '*') {
      out += '[^/]*';
      i++;
    } else if (c === '?') {
      out += '[^/]';
      i++;
    } else if (c === '\\') {
      if (i + 1 >= n) throw new Error('the pattern ends with an escape');
      out += escapeRe(pattern[i + 1] as string);
      i += 2;
    } else if (c === '[') {
      i++;
      let cls = '[';
      if (pattern[i] === '^') {
        cls += '^';
        i++;
      }
      let count = 0;
      for (;;) {
        if (i >= n) throw new Error('a character class is not closed');
        let ch = pattern[i] as string;
        if (ch === ']' && count > 0) {
          i++;
          break;
        }
        if (ch === '-' || ch === ']') throw new Error('a character class is malformed');
        if (ch === '\\') {
          i++;
          if (i >= n) throw new Error('the pattern ends with an escape');
          ch = pattern[i] as string;
        }
        i++;
        let lo = ch;
        cls += escapeClass(lo);
        if (pattern[i] === '-') {
          i++;
          let hi = pattern[i];
          if (hi === undefined || hi === ']') throw new Error('a character range is malformed');
          if (hi === '\\') {
            i++;
            hi = pattern[i];
            if (hi === undefined) throw new Error('the pattern ends with an escape');
          }
          i++;
          if (hi < lo) throw new Error('a character range is reversed');
          cls += `-${escapeClass(hi)}`;
          lo = hi;
        }
        count++;
      }
      out += `${cls}]`;
    } else {
      out += escapeRe(c);
      i++;
    }
  }
  return new RegExp(`${out}$`, 'u');
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function escapeClass(c: string): string {
  return c.replace(/[\\\]^-]/g, '\\$&');
}

export class HelmIgnore {
  private readonly rules: Rule[] = [];

  /** Parses the text of a .helmignore file (Helm's defaults are added after its rules). */
  static parse(text: string): HelmIgnore {
    const r = new HelmIgnore();
    text.split(/\r?\n/).forEach((line, i) => r.add(line, i + 1));
    r.add('templates/.?*', 0);
    return r;
  }

  /** Only Helm's defaults (a chart without .helmignore). */
  static defaults(): HelmIgnore {
    return HelmIgnore.parse('');
  }

  private add(line: string, lineNo: number): void {
    let rule = line.trim();
    if (rule === '' || rule.startsWith('#')) return;
    if (rule.includes('**')) throw new HelmIgnoreError(`double-star (**) syntax is not supported: "${rule}"`, lineNo);
    const raw = rule;
    let negate = false;
    if (rule.startsWith('!')) {
      negate = true;
      rule = rule.slice(1);
    }
    let mustDir = false;
    if (rule.endsWith('/')) {
      mustDir = true;
      rule = rule.slice(0, -1);
    }
    let structural = rule.includes('/');
    if (rule.startsWith('/')) {
      rule = rule.slice(1);
      structural = true;
    }
    let re: RegExp;
    try {
      re = globToRegExp(rule);
    } catch (e) {
      throw new HelmIgnoreError(`bad pattern "${raw}": ${(e as Error).message}`, lineNo);
    }
    this.rules.push({ raw, negate, mustDir, structural, re });
  }

  /** Whether `rel` (a `/`-separated path relative to the chart folder) is left out. */
  ignores(rel: string, isDir: boolean): boolean {
    if (rel === '' || rel === '.' || rel === './') return false;
    for (const r of this.rules) {
      const subject = r.structural ? rel : rel.slice(rel.lastIndexOf('/') + 1);
      if (r.negate) {
        if (r.mustDir && !isDir) return true;
        if (!r.re.test(subject)) return true;
        continue;
      }
      if (r.mustDir && !isDir) continue;
      if (r.re.test(subject)) return true;
    }
    return false;
  }
}
