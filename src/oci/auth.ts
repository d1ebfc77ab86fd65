/** Parsing of `WWW-Authenticate` challenges (RFC 7235) as registries send them. */
export interface Challenge {
  scheme: 'basic' | 'bearer' | string;
  params: Record<string, string>;
}

/**
 * Parses one or more challenges: `Bearer realm="https://auth",service="reg",scope="repository:a:pull"`.
 * Quoted values may contain commas.
 */
export function parseChallenges(header: string | string[] | undefined): Challenge[] {
  if (header === undefined) return [];
  const text = Array.isArray(header) ? header.join(', ') : header;
  const out: Challenge[] = [];
  let i = 0;
  let current: Challenge | undefined;
  const skipWs = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === ',')) i++;
  };
  while (i < text.length) {
    skipWs();
    const m = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)/.exec(text.slice(i));
    if (m === null || m[1] === undefined) break;
    const token = m[1];
    i += token.length;
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    if (text[i] === '=') {
      // a parameter of the current challenge
      i++;
      let value = '';
      if (text[i] === '"') {
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === '\\' && i + 1 < text.length) i++;
          value += text[i];
          i++;
        }
        i++;
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== ' ') value += text[i++];
      }
      if (current !== undefined) current.params[token.toLowerCase()] = value;
    } else {
      current = { scheme: token.toLowerCase(), params: {} };
      out.push(current);
    }
  }
  return out;
}

/** A repository scope for the token endpoint: `repository:acme/app:pull,push`. */
export function repositoryScope(repository: string, actions: readonly string[]): string {
  return `repository:${repository}:${actions.join(',')}`;
}
