/**
 * Property tests of the image reference parser: random text and structured, nearly valid references.
 * Whatever the input, the parser either accepts it (and its canonical form parses back to the same
 * reference) or rejects it with a one-line OciError naming the text; it never throws anything else.
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { OciError } from '../../src/oci/errors.js';
import { Reference } from '../../src/oci/reference.js';

const RUNS = 400;

type Outcome = { ok: true; ref: Reference } | { ok: false; error: OciError };

function parse(text: string): Outcome {
  try {
    return { ok: true, ref: Reference.parse(text) };
  } catch (e) {
    // Anything but an OciError is a crash.
    if (!(e instanceof OciError)) throw new Error(`Reference.parse(${JSON.stringify(text)}) threw ${String(e)}`);
    return { ok: false, error: e };
  }
}

const fields = (r: Reference): Record<string, unknown> => ({ registry: r.registry, repository: r.repository, tag: r.tag, digest: r.digest, endpoint: r.endpoint, name: r.name, selector: r.selector });

/** The invariant every input must satisfy. */
function check(text: string): Outcome {
  const out = parse(text);
  if (out.ok) {
    const canonical = out.ref.toString();
    const again = parse(canonical);
    expect(again.ok).toBe(true);
    if (again.ok) {
      expect(fields(again.ref)).toEqual(fields(out.ref));
      expect(again.ref.toString()).toBe(canonical);
    }
    // Canonical means fully qualified: the registry is always written out, the tag or digest too.
    expect(canonical.startsWith(`${out.ref.registry}/`)).toBe(true);
    expect(out.ref.tag !== undefined || out.ref.digest !== undefined).toBe(true);
    expect(out.ref.original).toBe(text);
  } else {
    const e = out.error;
    expect(e.code).toBe('INVALID_REFERENCE');
    // The text is quoted whole, then why.
    expect(e.message.startsWith(`invalid image reference "${text}": `)).toBe(true);
    expect(e.message.length).toBeGreaterThan(`invalid image reference "${text}": `.length);
    expect(e.message.length).toBeGreaterThan(25);
    expect(typeof e.hint).toBe('string');
    expect((e.hint ?? '').length).toBeGreaterThan(0);
    expect(e.retriable).toBe(false);
  }
  return out;
}

// ---- Structured generators -------------------------------------------------------------------

const lowerAlnum = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), minLength: 1, maxLength: 8 });
const separator = fc.constantFrom('.', '_', '__', '-', '--', '---');
/** A valid repository path component: alnum runs joined by separators. */
const component = fc.tuple(lowerAlnum, fc.array(fc.tuple(separator, lowerAlnum), { maxLength: 2 })).map(([head, rest]) => head + rest.map(([s, a]) => s + a).join(''));
const repoPath = fc.array(component, { minLength: 1, maxLength: 4 }).map((cs) => cs.join('/'));
const domainLabel = fc.tuple(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'), maxLength: 6 }), fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789')).map(([a, m, z]) => (m === '' ? a : `${a}${m}${z}`));
const port = fc.integer({ min: 0, max: 99999 }).map(String);
const registry = fc.oneof(
  fc.constantFrom('docker.io', 'index.docker.io', 'registry-1.docker.io', 'ghcr.io', 'quay.io', 'localhost', 'localhost:5000', '127.0.0.1:5000', '[::1]', '[::1]:5000', 'Registry.Example.COM'),
  fc.tuple(fc.array(domainLabel, { minLength: 2, maxLength: 3 }), fc.option(port, { nil: undefined })).map(([ls, p]) => `${ls.join('.')}${p !== undefined ? `:${p}` : ''}`),
  fc.tuple(domainLabel, port).map(([l, p]) => `${l}:${p}`)
);
const tag = fc.tuple(fc.constantFrom(...'abcXYZ019_'), fc.string({ unit: fc.constantFrom(...'abcXYZ019_.-'), maxLength: 20 })).map(([a, b]) => a + b);
const hex = (n: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });
const digest = fc.oneof(hex(64).map((h) => `sha256:${h}`), hex(128).map((h) => `sha512:${h}`));

/** A valid reference by construction, with the fields it must parse to. */
const validRef = fc.record({ registry: fc.option(registry, { nil: undefined }), path: repoPath, tag: fc.option(tag, { nil: undefined }), digest: fc.option(digest, { nil: undefined }) }).filter(({ registry: r, path }) => {
  // Without a registry, a first component that looks like a host would be read as one.
  if (r !== undefined) return (r.length + path.length) < 200;
  const first = path.split('/')[0] as string;
  return !(path.includes('/') && (first.includes('.') || first === 'localhost'));
});

function written(v: { registry: string | undefined; path: string; tag: string | undefined; digest: string | undefined }): string {
  return `${v.registry !== undefined ? `${v.registry}/` : ''}${v.path}${v.tag !== undefined ? `:${v.tag}` : ''}${v.digest !== undefined ? `@${v.digest}` : ''}`;
}

/** Small edits that push a valid reference near (or over) the edge of the grammar. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom('/', ':', '@', '.', '-', '_', '__', ' ', '\t', 'A', '//', '::', '@@', '[', ']', '%', '\u00e9', '\n', '..', 'sha256:'), fc.string({ maxLength: 3 })) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('upper' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('repeat' as const), times: fc.integer({ min: 2, max: 40 }) })
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : ('at' in m ? m.at % (text.length + 1) : 0);
  switch (m.kind) {
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.n);
    case 'upper':
      return text.slice(0, at) + text.slice(at, at + 1).toUpperCase() + text.slice(at + 1);
    case 'truncate':
      return text.slice(0, at);
    case 'repeat':
      return text.repeat(m.times);
  }
}

describe('Reference.parse, property based', () => {
  test('random text: accepted and canonical, or an OciError with a message', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: fc.constantFrom(...'abc019:/@.-_[]ABsha256'), maxLength: 90 })), (text) => {
        check(text);
      }),
      { numRuns: RUNS }
    );
  });

  test('references valid by construction are accepted with the fields they were written with', () => {
    fc.assert(
      fc.property(validRef, (v) => {
        const out = check(written(v));
        expect(out.ok).toBe(true);
        if (!out.ok) return;
        const r = out.ref;
        const hub = v.registry === undefined || ['docker.io', 'index.docker.io', 'registry-1.docker.io'].includes(v.registry);
        expect(r.registry).toBe(hub ? 'docker.io' : v.registry);
        expect(r.endpoint).toBe(hub ? 'registry-1.docker.io' : v.registry);
        expect(r.repository).toBe(hub && !v.path.includes('/') ? `library/${v.path}` : v.path);
        expect(r.digest).toBe(v.digest);
        expect(r.tag).toBe(v.tag ?? (v.digest === undefined ? 'latest' : undefined));
        expect(r.selector).toBe(v.digest ?? v.tag ?? 'latest');
      }),
      { numRuns: RUNS }
    );
  });

  test('nearly valid references (one to three small edits): never a crash, canonical when accepted', () => {
    fc.assert(
      fc.property(validRef, fc.array(mutation, { minLength: 1, maxLength: 3 }), (v, ms) => {
        check(ms.reduce(mutate, written(v)));
      }),
      { numRuns: RUNS }
    );
  });

  test('a valid reference with a broken ending is rejected', () => {
    fc.assert(
      fc.property(validRef, fc.constantFrom(' x', '@sha256:12', '@sha256:' + 'A'.repeat(64), ':-bad', '/', '//x', ':', '@', '/UPPER'), (v, bad) => {
        expect(check(`${written(v)}${bad}`).ok).toBe(false);
      }),
      { numRuns: 200 }
    );
  });
});
