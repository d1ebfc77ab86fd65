/**
 * The README's troubleshooting section quotes the messages users actually see. The action is run
 * (`node dist/index.js`, as the runner does) into the common failures against real registries; every
 * message it prints must match a message the section quotes (`<…>` stands for what varies). And
 * every quoted message either matched such a run or still has its wording in src/.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { cleanupFixtures, REPO_ROOT, runAction, seedImages, startRegistry, type PushedImage, type RegistryFixture } from './integration/setup/index.js';
import { definition, workspaceWith } from './integration/helpers.js';

let reg: RegistryFixture;
let auth: RegistryFixture;
let img: Record<string, PushedImage>;

beforeAll(async () => {
  [reg, auth] = await Promise.all([startRegistry({ auth: 'anonymous' }), startRegistry({ auth: 'token' })]);
  img = await seedImages(reg, 'acme', { only: ['multi', 'single'] });
}, 120_000);
afterAll(async () => {
  await reg?.stop();
  await auth?.stop();
  await cleanupFixtures();
});

/** The code spans quoted at the head of each bullet of the troubleshooting region (before the line break). */
function quotedMessages(readme: string): string[] {
  const start = readme.indexOf('<!-- troubleshooting:start -->');
  const end = readme.indexOf('<!-- troubleshooting:end -->');
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  const lines = readme.slice(start, end).split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!(lines[i] as string).startsWith('- ')) continue;
    let head = (lines[i] as string).slice(2);
    while (!head.endsWith('  ') && i + 1 < lines.length && (lines[i + 1] as string).startsWith('  ')) head += ` ${(lines[++i] as string).trim()}`;
    for (const m of head.matchAll(/``(.+?)``|`([^`]+)`/g)) out.push((m[1] ?? m[2]) as string);
  }
  return out;
}

/** `<anything>` placeholders match any text, `…` any tail. */
function patternOf(quoted: string): RegExp {
  const parts = quoted.split(/(<[^<>]+>|…)/);
  return new RegExp(`^${parts.map((p) => (p === '…' ? '.*' : /^<[^<>]+>$/.test(p) ? '.+?' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('')}$`);
}

function sourceText(): string {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) out.push(fs.readFileSync(p, 'utf8'));
    }
  };
  walk(path.join(REPO_ROOT, 'src'));
  return out.join('\n');
}

interface Scenario {
  name: string;
  images?: string[];
  extra?: string;
  inputs?: Record<string, string>;
  files?: Record<string, string>;
}

describe('README troubleshooting', () => {
  test('every error of the common failures is quoted there; every quote is real', async () => {
    const single = img.single as PushedImage;
    const multi = img.multi as PushedImage;
    const scenarios: Scenario[] = [
      { name: 'no definition', inputs: { definition: 'nothere' } },
      { name: 'no zarf.yaml in the folder', inputs: { definition: 'empty' }, files: { 'empty/README': 'x' } },
      { name: 'a misspelt field', extra: '  descripton: x' },
      { name: 'a value of the wrong type', extra: '  uncompressed: [1]' },
      { name: 'an invalid reference', images: ['ghcr.io/Acme/App:1'] },
      { name: 'publishing without a version', inputs: { publish: `oci://${reg.host}/pkgs` }, extra: 'VERSIONLESS' },
      { name: 'publish without oci://', inputs: { publish: 'ghcr.io/acme' } },
      { name: 'tag without publish', inputs: { tag: 'x' } },
      { name: 'password without username', inputs: { publish: `oci://${reg.host}/pkgs`, password: 'p' } },
      { name: 'a bad choice', inputs: { cache: 'sometimes' } },
      { name: 'a bad number', inputs: { concurrency: '0' } },
      { name: 'an index digest', images: [`${reg.host}/${multi.repo}@${multi.digest}`] },
      { name: 'no image for the architecture', images: [multi.ref], inputs: { architecture: 's390x' } },
      { name: 'a single-platform image of another architecture', images: [single.ref], inputs: { architecture: 'arm64' } },
      { name: 'a tag that does not exist', images: [`${reg.host}/acme/single:nope`] },
      { name: 'an HTTP registry not listed in plain-http', images: [single.ref], inputs: { 'plain-http': '' } },
      { name: 'a registry that does not answer', images: ['127.0.0.1:1/acme/x:1'] },
      { name: 'a private registry and no credentials', images: [`${auth.host}/private/x:1`] },
      { name: 'wrong publish credentials', inputs: { publish: `oci://${auth.host}/pkgs`, username: 'lading', password: 'wrong' } }
    ];
    const seen: Array<{ scenario: string; message: string }> = [];
    await Promise.all(
      scenarios.map(async (s) => {
        let yaml = definition(s.images ?? [single.ref], s.extra === 'VERSIONLESS' ? '' : (s.extra ?? ''));
        if (s.extra === 'VERSIONLESS') yaml = yaml.replace(/^ {2}version: .*\n/m, '');
        const ws = workspaceWith(yaml, s.files ?? {});
        const run = await runAction({
          workspace: ws,
          inputs: { architecture: 'amd64', output: 'out', 'plain-http': `${reg.host}\n${auth.host}`, cache: 'off', retries: '0', ...s.inputs },
          timeoutMs: 30_000
        });
        expect({ scenario: s.name, code: run.code }).toEqual({ scenario: s.name, code: 1 });
        const errors = run.annotations.filter((a) => a.level === 'error');
        expect({ scenario: s.name, errors: errors.length > 0 }).toEqual({ scenario: s.name, errors: true });
        // The message is what comes before the hint (" — ").
        for (const e of errors) seen.push({ scenario: s.name, message: e.message.split(' — ')[0] as string });
      })
    );

    const quoted = quotedMessages(fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8'));
    expect(quoted.length).toBeGreaterThan(20);
    const patterns = quoted.map((q) => ({ q, re: patternOf(q) }));
    const unquoted = seen.filter((s) => !patterns.some((p) => p.re.test(s.message)));
    expect(unquoted).toEqual([]);

    // A quote no run produced must still have its wording in the source (its longest fixed part).
    const src = sourceText();
    const stale = patterns
      .filter((p) => !seen.some((s) => p.re.test(s.message)))
      .map((p) => ({ quote: p.q, fixed: p.q.split(/<[^<>]+>|…/).sort((a, b) => b.length - a.length)[0] as string }))
      .filter((x) => x.fixed.trim().length < 8 || !src.includes(x.fixed));
    expect(stale).toEqual([]);
  }, 90_000);
});
