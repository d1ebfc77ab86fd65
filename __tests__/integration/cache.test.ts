/**
 * The blob cache, end to end: the action runs as the runner runs it (`node dist/index.js`), against the
 * real registry and the cache-service double driven by the real @actions/cache library.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import {
  cleanupFixtures,
  runAction,
  seedImages,
  startCacheService,
  startFaultProxy,
  startRegistry,
  type ActionRun,
  type CacheServiceFixture,
  type PushedImage,
  type RegistryFixture
} from './setup/index.js';
import { definition, listFiles, sha256File, unpack, leftInRunnerTemp } from './helpers.js';
import { blobGetDigests as registryBlobGets, entryFiles, expectSuccess, expectWarm, fresh, localCacheDir, runner, warnings, type Runner } from './cache-runner.js';

let reg: RegistryFixture;
let svc: CacheServiceFixture;
let img: Record<string, PushedImage>;

beforeAll(async () => {
  [reg, svc] = await Promise.all([startRegistry({ auth: 'anonymous' }), startCacheService()]);
  img = await seedImages(reg, 'cache');
}, 120_000);
afterAll(async () => {
  await reg?.stop();
  await svc?.stop();
  await cleanupFixtures();
});

const ref = (name: string): string => (img[name] as PushedImage).ref;
const sigRef = (): string => `${reg.host}/${(img.signature as PushedImage).repo}:${(img.signature as PushedImage).tag}`;
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
/** Blob GETs since resetCounts(), as digests. */
const blobGetDigests = (): string[] => registryBlobGets(reg);

async function build(r: Runner, cache: 'actions' | 'local' | 'off', env: Record<string, string> = svc.env, indexDigests: 'fail' | 'keep' = 'fail'): Promise<ActionRun> {
  return runAction({
    workspace: r.ws,
    runnerTemp: r.temp,
    toolCache: r.toolCache,
    env,
    inputs: { definition: '.', architecture: 'amd64', output: 'out', 'index-digests': indexDigests, 'plain-http': reg.host, cache, concurrency: '8', retries: '0' }
  });
}

/** Every file in blobs/<alg>/ folders under `dir`: named by its hash, no temp files. */
function expectConsistent(dir: string): string[] {
  const names: string[] = [];
  for (const f of listFiles(dir).filter((p) => p.split(path.sep).includes('blobs'))) {
    const name = path.basename(f);
    expect({ f, name }).toEqual({ f, name: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect({ f, hash: sha256File(path.join(dir, f)) }).toEqual({ f, hash: name });
    names.push(`sha256:${name}`);
  }
  return names.sort();
}

function packageBlobs(dir: string): string[] {
  return listFiles(path.join(dir, 'images', 'blobs', 'sha256')).map((n) => `sha256:${n}`).sort();
}

/**
 * Runs the action with `cache: actions` and cancels it as the runner does (SIGINT, then SIGTERM) 300 ms
 * after a stdout line matches `at`; checks what every cancelled run must show: it ends on its own
 * within the runner's 7.5 s grace (SIGKILL follows 7.5 s + 2.5 s after SIGINT), not after the
 * transfer it was in nor through its own 10 s last-resort exit; exit 1 with the one cancelled error;
 * nothing in the output folder.
 */
async function cancelledRun(r: Runner, at: RegExp): Promise<ActionRun> {
  let cancelledAt: number | undefined;
  const run = await runAction({
    workspace: r.ws,
    runnerTemp: r.temp,
    toolCache: r.toolCache,
    env: svc.env,
    timeoutMs: 60_000,
    inputs: { definition: '.', architecture: 'amd64', output: 'out', 'plain-http': reg.host, cache: 'actions', retries: '0' },
    onSpawn: (child) => {
      let text = '';
      child.stdout?.on('data', (d: Buffer) => {
        text += d.toString('utf8');
        if (cancelledAt !== undefined || !at.test(text)) return;
        cancelledAt = Date.now();
        setTimeout(() => {
          child.kill('SIGINT');
          child.kill('SIGTERM');
        }, 300);
      });
    }
  });
  const endedAt = Date.now();
  expect(cancelledAt).toBeDefined();
  expect(endedAt - (cancelledAt as number)).toBeLessThan(7_500);
  expect(run.code).toBe(1);
  expect(run.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([expect.stringMatching(/^the run was cancelled by SIG(INT|TERM)/)]);
  expect(fs.existsSync(path.join(r.ws, 'out')) ? fs.readdirSync(path.join(r.ws, 'out')) : []).toEqual([]);
  return run;
}

/**
 * Slows the storage down so that the entry the next warm run restores first (the newest of the
 * package: entries() is newest first) takes about `seconds` to come down; returns its size.
 */
function paceRestore(seconds: number): number {
  const size = (svc.entries().find((e) => e.key.includes('-test-pkg.amd64.'))?.data as Buffer).length;
  svc.slowDownloads(Math.max(64, Math.floor(size / seconds)));
  return size;
}

/** Every read of the entry was cut off by the run's end: the run did not wait for the download. */
function expectDownloadsCutOff(): void {
  const downloads = svc.storage().filter((q) => q.method === 'GET');
  expect(downloads.length).toBeGreaterThan(0);
  expect(downloads.every((q) => q.aborted === true)).toBe(true);
}

describe('cache: actions', () => {
  const keyRe = /^lading-blobs-v1-Linux-X64-test-pkg\.amd64\.[0-9a-f]{16}$/;

  test('a warm run restores every blob and downloads none; a changed package restores by prefix and downloads only the new blobs; signatures and charts are cached byte for byte', async () => {
    const r = runner();
    const refs = [ref('single'), ref('multi'), ref('chart'), sigRef()];

    // Cold: nothing to restore; the entry is saved after the build.
    fresh(r, definition(refs));
    reg.resetCounts();
    const cold = await build(r, 'actions');
    expectSuccess(cold);
    expect(warnings(cold)).toEqual([]);
    expect(cold.outputs['cache-hit']).toBe('false');
    const coldGets = blobGetDigests().length;
    expect(coldGets).toBeGreaterThan(0);
    const entries1 = svc.entries();
    expect(entries1.map((e) => e.key)).toEqual([expect.stringMatching(keyRe)]);
    const key1 = entries1[0]?.key as string;
    expect(cold.stdout).toContain(`cache: saved ${key1}`);

    // The entry holds exactly the package's blobs, each the bytes its digest names: the cosign
    // signature (manifest, config, payload layer) and the Helm chart (manifest, helm config, chart tgz) too.
    const coldPkg = await unpack(cold.outputs.package as string);
    const files = await entryFiles(entries1[0]?.data as Buffer);
    const names = [...files.keys()];
    expect(names.every((n) => /(^|\/)_temp\/lading-blobs\/blobs\/sha256\/[0-9a-f]{64}$/.test(n))).toBe(true);
    for (const [n, bytes] of files) expect(sha(bytes)).toBe(path.basename(n));
    expect(names.map((n) => `sha256:${path.basename(n)}`).sort()).toEqual(packageBlobs(coldPkg));
    for (const name of ['signature', 'chart']) {
      const p = img[name] as PushedImage;
      for (const d of [p.digest, ...p.configs, ...p.layers]) expect(names.some((n) => n.endsWith(d.slice(7)))).toBe(true);
    }

    // Warm, on a fresh runner: restored, every blob from the cache, no blob GET, manifests only by tag.
    fresh(r, definition(refs));
    reg.resetCounts();
    svc.clearLog();
    const warm = await build(r, 'actions');
    expectWarm(warm, reg);
    const manifestGets = reg.requests().filter((q) => q.method === 'GET' && /\/manifests\//.test(q.path));
    expect(manifestGets.map((q) => q.path.split('/manifests/')[1]).sort()).toEqual(['0.1.0', '1.0', '1.0', (img.signature as PushedImage).tag].sort());
    expect(warm.stdout).toContain(`${key1} is up to date; not saved again`);
    expect(svc.calls('CreateCacheEntry')).toEqual([]);
    expect(warm.outputs.checksum).toBe(cold.outputs.checksum);
    expect(warm.summary).toContain('### Transfers');
    expect(warm.summary).toContain('blob cache: **Actions cache**');
    expect(warm.summary).toContain('cache-hit: **true**');
    expect(warm.summary).toMatch(/\| blob cache \| \d+ \|/);

    // Changed package (one image more): restored by the package prefix, partial, only the new blobs fetched.
    const more = [...refs, ref('uncompressed')];
    fresh(r, definition(more));
    reg.resetCounts();
    const changed = await build(r, 'actions');
    expectSuccess(changed);
    expect(changed.outputs['cache-hit']).toBe('partial');
    const u = img.uncompressed as PushedImage;
    expect(blobGetDigests().sort()).toEqual([...u.configs, ...u.layers].sort());
    expect(changed.stdout).toContain(`cache: restored ${key1}`);
    const entries2 = svc.entries();
    expect(entries2).toHaveLength(2);
    const key2 = entries2[0]?.key as string;
    expect(key2).toMatch(keyRe);
    expect(key2).not.toBe(key1);
    expect(changed.summary).toContain('cache-hit: **partial**');

    // And warm again: the newest entry of the package is the changed one.
    fresh(r, definition(more));
    reg.resetCounts();
    const warm2 = await build(r, 'actions');
    expectSuccess(warm2);
    expect(warm2.outputs['cache-hit']).toBe('true');
    expect(reg.blobGets()).toBe(0);
    expect(warm2.stdout).toContain(`cache: restored ${key2}`);

    // The older content again (the newest entry is not its own): its exact entry is restored after resolving.
    fresh(r, definition(refs));
    reg.resetCounts();
    const back = await build(r, 'actions');
    expectSuccess(back);
    expect(back.stdout).toContain(`cache: restored ${key1}, the entry of exactly this content`);
    expect(reg.blobGets()).toBe(0);
    expect(svc.entries()).toHaveLength(2);
  }, 180_000);

  test('a package that drops an image restores the entry that had it by prefix, and saves an entry of its own blobs only', async () => {
    // A package name of its own: the prefix restore finds only this test's entries.
    const named = (refs: string[]): string => definition(refs).replace('name: test-pkg', 'name: drop-pkg');
    const r = runner();
    fresh(r, named([ref('single'), ref('uncompressed')]));
    const before = await build(r, 'actions');
    expectSuccess(before);
    const old = svc.entries().find((e) => e.key.includes('-drop-pkg.amd64.'));
    expect(old).toBeDefined();
    const u = img.uncompressed as PushedImage;
    const dropped = [u.digest, ...u.configs, ...u.layers];
    const oldBlobs = [...(await entryFiles(old?.data as Buffer)).keys()].map((n) => `sha256:${path.basename(n)}`);
    for (const d of dropped) expect(oldBlobs).toContain(d);

    fresh(r, named([ref('single')]));
    reg.resetCounts();
    const after = await build(r, 'actions');
    expectSuccess(after);
    expect(warnings(after)).toEqual([]);
    expect(after.stdout).toContain(`cache: restored ${old?.key}`);
    expect(after.outputs['cache-hit']).toBe('true');
    expect(reg.blobGets()).toBe(0);
    const entries = svc.entries().filter((e) => e.key.includes('-drop-pkg.amd64.'));
    expect(entries).toHaveLength(2);
    const now = entries[0] as (typeof entries)[number];
    expect(now.key).not.toBe(old?.key);
    expect(after.stdout).toContain(`cache: saved ${now.key}`);
    // The new entry is exactly the package's blobs: the dropped image's stayed behind.
    const names = [...(await entryFiles(now.data)).keys()].map((n) => `sha256:${path.basename(n)}`).sort();
    expect(names).toEqual(packageBlobs(await unpack(after.outputs.package as string)));
    for (const d of dropped) expect(names).not.toContain(d);
  }, 90_000);

  test('content built again after other content: a blob only its own entry holds comes from that entry, not the registry (layers that start early wait for it)', async () => {
    // A (single + uncompressed), then B (single + chart): B's entry is the newest and lacks A's
    // uncompressed image. A again: the prefix restore brings B's entry; A's own entry, found once every
    // blob is known, brings the rest. No layer may be downloaded in between.
    const named = (refs: string[]): string => definition(refs).replace('name: test-pkg', 'name: again-pkg');
    const r = runner();
    fresh(r, named([ref('single'), ref('uncompressed')]));
    expectSuccess(await build(r, 'actions'));
    fresh(r, named([ref('single'), ref('chart')]));
    expectSuccess(await build(r, 'actions'));
    const mine = svc.entries().filter((e) => e.key.includes('-again-pkg.amd64.'));
    expect(mine).toHaveLength(2);
    const newest = mine[0] as (typeof mine)[number];
    const u = img.uncompressed as PushedImage;
    const inNewest = [...(await entryFiles(newest.data)).keys()].map((n) => `sha256:${path.basename(n)}`);
    for (const d of u.layers) expect(inNewest).not.toContain(d);

    fresh(r, named([ref('single'), ref('uncompressed')]));
    reg.resetCounts();
    const again = await build(r, 'actions');
    expectSuccess(again);
    expect(again.stdout).toContain(`cache: restored ${newest.key}`);
    expect(again.stdout).toMatch(/cache: restored \S+, the entry of exactly this content/);
    // Only the config, read to check the image's platform before the content (and its entry) is known.
    expect(blobGetDigests()).toEqual(u.configs);
  }, 120_000);

  test('two jobs saving the same entry: the second gets 409, says another job saved it (no warning), and one entry remains', async () => {
    // The second job looked the cache up before the first one's entry existed. Both jobs need the
    // same paths (they make up the entry's version), which two runners on one machine cannot share
    // at once: so they run one after the other, the second with its lookups missing.
    const def = definition([ref('single'), ref('chart')]).replace('name: test-pkg', 'name: twin-pkg');
    const r = runner();
    fresh(r, def);
    const first = await build(r, 'actions');
    expectSuccess(first);
    const mine = (): string[] => svc.entries().map((e) => e.key).filter((k) => k.includes('-twin-pkg.amd64.'));
    expect(mine()).toEqual([expect.stringMatching(/^lading-blobs-v1-Linux-X64-twin-pkg\.amd64\.[0-9a-f]{16}$/)]);
    const key = mine()[0] as string;
    expect(first.stdout).toContain(`cache: saved ${key}`);

    fresh(r, def);
    svc.clearLog();
    svc.hideEntries(true);
    try {
      const second = await build(r, 'actions');
      expectSuccess(second);
      expect(second.outputs['cache-hit']).toBe('false');
      expect(svc.calls('CreateCacheEntry').map((c) => [c.request.key, c.status])).toEqual([[key, 409]]);
      expect(warnings(second)).toEqual([]);
      expect(second.stdout).toContain(`cache: ${key} already exists (saved by another job); not saved again`);
      expect(second.summary).not.toContain('could not save');
    } finally {
      svc.hideEntries(false);
    }
    expect(mine()).toEqual([key]);
  }, 90_000);

  test('a kept index pinned by digest: the warm run asks the registry for nothing at all (manifests by digest come from the cache)', async () => {
    const r = runner();
    const multi = img.multi as PushedImage;
    const refs = [`${reg.host}/${multi.repo}@${multi.digest}`];
    fresh(r, definition(refs));
    const cold = await build(r, 'actions', svc.env, 'keep');
    expectSuccess(cold);
    fresh(r, definition(refs));
    reg.resetCounts();
    const warm = await build(r, 'actions', svc.env, 'keep');
    expectSuccess(warm);
    expect(warm.outputs['cache-hit']).toBe('true');
    expect(reg.requests().filter((q) => q.path !== '/v2/')).toEqual([]);
    expect(warm.outputs.checksum).toBe(cold.outputs.checksum);
  }, 60_000);

  test('a corrupt blob in a restored entry is removed, fetched again and never packaged; a repaired entry replaces it', async () => {
    const r = runner();
    const refs = [ref('single'), ref('docker')];
    fresh(r, definition(refs));
    const cold = await build(r, 'actions');
    expectSuccess(cold);
    const entry = svc.entries()[0];
    expect(entry?.key).toMatch(/^lading-blobs-v1-Linux-X64-test-pkg\.amd64\./);

    // Flip one byte of the single image's own layer inside the stored archive.
    const single = img.single as PushedImage;
    const layer = single.layers[1] as string;
    const raw = spawnSync('zstd', ['-dc'], { input: entry?.data as Buffer, maxBuffer: 1 << 30 }).stdout;
    const coldPkg = await unpack(cold.outputs.package as string);
    const bytes = fs.readFileSync(path.join(coldPkg, 'images', 'blobs', 'sha256', layer.slice(7)));
    const at = raw.indexOf(bytes);
    expect(at).toBeGreaterThan(0);
    raw[at + 100] = (raw[at + 100] as number) ^ 0x55;
    svc.setEntryData(entry?.key as string, spawnSync('zstd', ['-q', '-c'], { input: raw, maxBuffer: 1 << 30 }).stdout);

    fresh(r, definition(refs));
    reg.resetCounts();
    const run = await build(r, 'actions');
    expectSuccess(run);
    expect(warnings(run)).toEqual([expect.stringMatching(new RegExp(`blob ${layer} in the cache did not match its digest; it was removed and is fetched again`))]);
    expect(blobGetDigests()).toEqual([layer]);
    expect(run.outputs['cache-hit']).toBe('partial');
    expect(run.outputs.checksum).toBe(cold.outputs.checksum);
    const pkg = await unpack(run.outputs.package as string);
    expect(sha256File(path.join(pkg, 'images', 'blobs', 'sha256', layer.slice(7)))).toBe(layer.slice(7));
    // The entry of this content was incomplete: a repair entry (same content, newer) is saved.
    const repaired = svc.entries()[0]?.key as string;
    expect(repaired.startsWith(`${entry?.key}.r`)).toBe(true);

    fresh(r, definition(refs));
    reg.resetCounts();
    const after = await build(r, 'actions');
    expectSuccess(after);
    expect(after.stdout).toContain(`cache: restored ${repaired}`);
    expect(after.outputs['cache-hit']).toBe('true');
    expect(reg.blobGets()).toBe(0);
  }, 120_000);

  test('an entry that cannot be restored (a damaged archive) is one warning, and a good entry replaces it', async () => {
    const r = runner();
    const refs = [ref('uncompressed'), ref('chart')];
    fresh(r, definition(refs));
    expectSuccess(await build(r, 'actions'));
    const entry = svc.entries()[0];
    svc.setEntryData(entry?.key as string, (entry?.data as Buffer).subarray(0, Math.floor((entry?.data as Buffer).length / 2)));

    fresh(r, definition(refs));
    const run = await build(r, 'actions');
    expectSuccess(run);
    expect(warnings(run)).toEqual([expect.stringMatching(new RegExp(`^cache: could not restore ${entry?.key.replace(/\./g, '\\.')} from the Actions cache \\(.+\\); blobs come from their registries$`))]);
    expect(run.stdout).toMatch(/cache: saved \S+\.r[0-9a-z]+ .*replacing an entry that could not be restored/);
    const repaired = svc.entries()[0]?.key as string;
    expect(repaired.startsWith(`${entry?.key}.r`)).toBe(true);
    // Every file of the new entry is the bytes its name says.
    for (const [n, bytes] of await entryFiles(svc.entries()[0]?.data as Buffer)) expect(sha(bytes)).toBe(path.basename(n));

    fresh(r, definition(refs));
    reg.resetCounts();
    const after = await build(r, 'actions');
    expectSuccess(after);
    expect(warnings(after)).toEqual([]);
    expect(after.outputs['cache-hit']).toBe('true');
    expect(reg.blobGets()).toBe(0);
  }, 60_000);

  test('a cache service that cannot be reached is one warning; the build succeeds from the registry', async () => {
    const r = runner();
    fresh(r, definition([ref('single')]));
    const run = await build(r, 'actions', { ...svc.env, ACTIONS_RESULTS_URL: 'http://127.0.0.1:1/' });
    expectSuccess(run);
    expect(warnings(run)).toEqual([expect.stringMatching(/^cache: could not restore the blob cache from the Actions cache \(.*ECONNREFUSED.*\); blobs come from their registries$/)]);
    expect(run.outputs['cache-hit']).toBe('false');
    expect(run.stdout).toContain('not saved: the cache service failed when restoring');
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  test('a full cache quota when saving is one warning; the build succeeds', async () => {
    const r = runner();
    fresh(r, definition([ref('uncompressed')]));
    svc.fault({ status: 403, code: 'permission_denied', msg: 'insufficient usage to create cache entry', methods: ['CreateCacheEntry'], times: 1 });
    try {
      const run = await build(r, 'actions');
      expectSuccess(run);
      expect(warnings(run)).toEqual([expect.stringMatching(/^cache: could not save the blob cache \(Cache storage quota has been hit\..*\); the next run pulls what it misses$/)]);
      expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    } finally {
      svc.fault(undefined);
    }
  }, 60_000);

  test('a publish refused by the registry fails the run but still saves the cache: the run after the fix is warm and publishes', async () => {
    const proxy = await startFaultProxy(reg.host);
    try {
      const r = runner();
      const publishRun = (): Promise<ActionRun> =>
        runAction({
          workspace: r.ws,
          runnerTemp: r.temp,
          toolCache: r.toolCache,
          env: svc.env,
          inputs: { definition: '.', architecture: 'amd64', output: 'out', 'plain-http': `${reg.host},${proxy.host}`, cache: 'actions', concurrency: '8', retries: '0', publish: `oci://${proxy.host}/pkgs` }
        });
      // The registry refuses the package's manifest (as one does for a token without push on the tag).
      proxy.add({ method: 'PUT', path: /\/v2\/pkgs\/test-pkg\/manifests\//, fault: { kind: 'status', status: 403, body: '{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]}' }, times: 100 });
      fresh(r, definition([ref('uncompressed'), ref('single')]));
      const before = svc.entries().length;
      const refused = await publishRun();
      expect(refused.code).toBe(1);
      expect(refused.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([expect.stringMatching(/refused push access to pkgs\/test-pkg/)]);
      expect(fs.existsSync(path.join(r.ws, 'out')) ? fs.readdirSync(path.join(r.ws, 'out')) : []).toEqual([]);
      expect(svc.entries()).toHaveLength(before + 1);
      const key = svc.entries()[0]?.key as string;
      expect(key).toMatch(keyRe);
      expect(refused.stdout).toContain(`cache: saved ${key}`);

      // Fixed: a fresh runner restores the entry, downloads no blob and publishes.
      proxy.clear();
      fresh(r, definition([ref('uncompressed'), ref('single')]));
      reg.resetCounts();
      const fixed = await publishRun();
      expectSuccess(fixed);
      expect(fixed.outputs['cache-hit']).toBe('true');
      // No image blob from the source repositories (the publish check reads back the package's own),
      // but the configs of single-platform images: the comparison with the published package reads
      // them before the cache is restored (as mode: check does), to tell their platform.
      const configs = new Set(Object.values(img).flatMap((i) => i.configs));
      expect(reg.requests().filter((q) => q.method === 'GET' && q.path.startsWith('/v2/cache/') && /\/blobs\//.test(q.path) && !configs.has(q.path.slice(q.path.lastIndexOf('/') + 1)))).toEqual([]);
      expect(fixed.outputs.reference).toBe(`${proxy.host}/pkgs/test-pkg:1.0.0`);
      expect(fixed.stdout).toContain(`${key} is up to date; not saved again`);
    } finally {
      await proxy.close();
    }
  }, 90_000);

  test('cancelled while the cache entry downloads: the run stops without waiting for it, exit 1, nothing in output, nothing saved', async () => {
    const r = runner();
    fresh(r, definition([ref('single'), ref('uncompressed')]));
    expectSuccess(await build(r, 'actions'));
    const entries = svc.entries().length;
    // A slow storage account: the entry would take ~30 s to come down.
    paceRestore(30);
    svc.clearLog();
    fresh(r, definition([ref('single'), ref('uncompressed')]));
    try {
      await cancelledRun(r, /^cache: restoring /m);
      expectDownloadsCutOff();
      expect(svc.calls('CreateCacheEntry')).toEqual([]);
      expect(svc.entries()).toHaveLength(entries);
    } finally {
      svc.slowDownloads(undefined);
    }
  }, 90_000);

  test('a restore that takes a while says how far it is (size, percent, speed) every few seconds, and still ends in a warm build', async () => {
    const r = runner();
    fresh(r, definition([ref('single')]));
    expectSuccess(await build(r, 'actions'));
    // About 7 s for the whole entry: one progress line at least, after 5 s.
    const size = paceRestore(7);
    fresh(r, definition([ref('single')]));
    reg.resetCounts();
    try {
      const warm = await build(r, 'actions');
      expectWarm(warm, reg);
      const mib = (size / 1048576).toFixed(1);
      expect(warm.stdout).toMatch(new RegExp(`^cache: restoring lading-blobs-v1-\\S+: [0-9.]+ MiB of ${mib.replace('.', '\\.')} MiB \\(\\d+%\\), [0-9.]+ MiB/s$`, 'm'));
    } finally {
      svc.slowDownloads(undefined);
    }
  }, 90_000);

  test('a run that fails while the entry is still coming down stops the download instead of waiting for it', async () => {
    const r = runner();
    fresh(r, definition([ref('single'), ref('uncompressed')]));
    expectSuccess(await build(r, 'actions'));
    // The entry would take ~40 s to come down; a component file fails 1.5 s into the run.
    paceRestore(40);
    const files = http.createServer((_req, res) => setTimeout(() => res.writeHead(404).end('no such file'), 1500));
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    const filesHost = `127.0.0.1:${(files.address() as AddressInfo).port}`;
    svc.clearLog();
    const component = ['    files:', `      - source: http://${filesHost}/missing.txt`, '        target: missing.txt'].join('\n');
    fresh(r, `${definition([ref('single'), ref('uncompressed')])}\n${component}\n`);
    try {
      const run = await runAction({
        workspace: r.ws,
        runnerTemp: r.temp,
        toolCache: r.toolCache,
        env: svc.env,
        timeoutMs: 60_000,
        inputs: { definition: '.', architecture: 'amd64', output: 'out', 'plain-http': `${reg.host}\n${filesHost}`, cache: 'actions', retries: '0' }
      });
      expect(run.timedOut).toBe(false);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^cache: restoring /m);
      expect(run.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([expect.stringContaining('404')]);
      // Stopped when the run ended, and no warning about it.
      expectDownloadsCutOff();
      expect(warnings(run)).toEqual([]);
    } finally {
      svc.slowDownloads(undefined);
      await new Promise<void>((resolve) => files.close(() => resolve()));
    }
  }, 90_000);

  test('cancelled while the cache entry uploads: the run stops without waiting for it, exit 1, no package, no entry', async () => {
    const r = runner();
    fresh(r, definition([ref('single'), ref('multi')]));
    const entries = svc.entries().length;
    // A stuck upload: read, never answered.
    svc.stallUploads(true);
    svc.clearLog();
    try {
      const run = await cancelledRun(r, /^::debug::Attempting to upload cache/m);
      expect(run.stdout).toContain('not saved: the run was cancelled while the entry was uploaded');
      // The upload was cut off, never finalized: no entry.
      const uploads = svc.storage().filter((q) => q.method === 'PUT');
      expect(uploads.length).toBeGreaterThan(0);
      expect(uploads.every((q) => q.aborted === true)).toBe(true);
      expect(svc.calls('FinalizeCacheEntryUpload')).toEqual([]);
      expect(svc.entries()).toHaveLength(entries);
    } finally {
      svc.stallUploads(false);
    }
  }, 90_000);

  test('a run that may only read the cache (ACTIONS_CACHE_MODE=read) restores and does not try to save', async () => {
    const r = runner();
    fresh(r, definition([ref('single'), ref('chart')]));
    const first = await build(r, 'actions');
    expectSuccess(first);
    const entries = svc.entries().length;
    fresh(r, definition([ref('single'), ref('chart'), ref('uncompressed')]));
    svc.clearLog();
    const run = await build(r, 'actions', { ...svc.env, ACTIONS_CACHE_MODE: 'read' });
    expectSuccess(run);
    expect(warnings(run)).toEqual([]);
    expect(run.outputs['cache-hit']).toBe('partial');
    expect(run.stdout).toContain('not saved: this run may not write to the Actions cache (ACTIONS_CACHE_MODE=read)');
    expect(svc.calls('CreateCacheEntry')).toEqual([]);
    expect(svc.entries()).toHaveLength(entries);
  }, 60_000);

  test('outside GitHub Actions (no cache service) the run says so and keeps blobs for itself', async () => {
    const r = runner();
    fresh(r, definition([ref('single')]));
    const run = await build(r, 'actions', {});
    expectSuccess(run);
    expect(warnings(run)).toEqual([]);
    expect(run.stdout).toContain('cache: the Actions cache cannot be used');
    expect(run.outputs['cache-hit']).toBe('false');
    expect(leftInRunnerTemp(r.temp)).toEqual([]);
  }, 60_000);
});

describe('cache: local', () => {
  const localDir = localCacheDir;

  test('two jobs at once sharing one tool cache and layers both succeed; the cache ends consistent; a warm pair downloads nothing', async () => {
    const r1 = runner();
    const r2 = { ...runner(), toolCache: r1.toolCache };
    const a = [ref('single'), ref('chart')];
    const b = [ref('multi'), ref('chart'), ref('uncompressed')];
    fresh(r1, definition(a));
    fresh(r2, definition(b));
    const [ra, rb] = await Promise.all([build(r1, 'local'), build(r2, 'local')]);
    expectSuccess(ra);
    expectSuccess(rb);
    expect(fs.existsSync(`${localDir(r1)}.complete`)).toBe(true);
    const cached = expectConsistent(localDir(r1));
    const pa = await unpack(ra.outputs.package as string);
    const pb = await unpack(rb.outputs.package as string);
    expect(cached).toEqual([...new Set([...packageBlobs(pa), ...packageBlobs(pb)])].sort());

    // Every blob's last use is long ago. Two jobs at once (and a third one, still running, holding its
    // lease so that the two surely overlap with another job): none prunes while another may still need
    // blobs, and both find everything in the cache.
    const age = (days: number): void => {
      const old = new Date(Date.now() - days * 24 * 3600_000);
      for (const sub of ['blobs', 'used']) for (const f of listFiles(path.join(localDir(r1), sub))) fs.utimesSync(path.join(localDir(r1), sub, f), old, old);
    };
    age(30);
    const third = path.join(localDir(r1), 'leases', `${process.pid}-third-job`);
    fs.writeFileSync(third, `${process.pid}\n`);
    fresh(r1, definition(a));
    fresh(r2, definition(b));
    reg.resetCounts();
    const [wa, wb] = await Promise.all([build(r1, 'local'), build(r2, 'local')]);
    expectSuccess(wa);
    expectSuccess(wb);
    expect([wa.outputs['cache-hit'], wb.outputs['cache-hit']]).toEqual(['true', 'true']);
    for (const w of [wa, wb]) expect(w.stdout).toMatch(/cache: not pruning the local cache: [12] other jobs? (is|are) using it/);
    expect(reg.blobGets()).toBe(0);
    expect(expectConsistent(localDir(r1))).toEqual(cached);
    expect(leftInRunnerTemp(r1.temp).concat(leftInRunnerTemp(r2.temp))).toEqual([]);
    expect(listFiles(path.join(localDir(r1), 'leases'))).toEqual([path.basename(third)]);
    fs.rmSync(third);

    // A job alone prunes what nobody used for 7 days (b's blobs), and keeps its own.
    age(8);
    fresh(r1, definition(a));
    const alone = await build(r1, 'local');
    expectSuccess(alone);
    expect(alone.stdout).toMatch(/cache: pruned \d+ blobs? \(.*\) not used for 7 days/);
    expect(expectConsistent(localDir(r1))).toEqual(packageBlobs(await unpack(alone.outputs.package as string)));
  }, 120_000);

  test('a truncated blob in the local cache is removed and fetched again; a stray temp file is cleaned up', async () => {
    const r = runner();
    const refs = [ref('single')];
    fresh(r, definition(refs));
    const first = await build(r, 'local');
    expectSuccess(first);
    const layer = (img.single as PushedImage).layers[1] as string;
    const file = path.join(localDir(r), 'blobs', 'sha256', layer.slice(7));
    fs.truncateSync(file, 10);
    const stray = path.join(localDir(r), 'blobs', 'sha256', '.tmp-0123456789abcdef-999999-abcdef');
    fs.writeFileSync(stray, 'partial');
    const old = new Date(Date.now() - 3600_000);
    fs.utimesSync(stray, old, old);

    fresh(r, definition(refs));
    reg.resetCounts();
    const run = await build(r, 'local');
    expectSuccess(run);
    expect(warnings(run)).toEqual([expect.stringContaining(`blob ${layer} in the cache did not match its digest`)]);
    expect(blobGetDigests()).toEqual([layer]);
    expect(run.outputs['cache-hit']).toBe('partial');
    expect(run.outputs.checksum).toBe(first.outputs.checksum);
    expect(fs.existsSync(stray)).toBe(false);
    expectConsistent(localDir(r));
    expect(sha256File(file)).toBe(layer.slice(7));
  }, 60_000);
});

describe('cache: off', () => {
  test('keeps nothing after the run', async () => {
    const r = runner();
    fresh(r, definition([ref('single')]));
    const run = await build(r, 'off');
    expectSuccess(run);
    expect(run.outputs['cache-hit']).toBe('false');
    expect(leftInRunnerTemp(r.temp)).toEqual([]);
    expect(fs.readdirSync(r.toolCache)).toEqual([]);
  }, 60_000);
});
