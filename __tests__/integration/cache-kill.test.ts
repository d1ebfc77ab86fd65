/**
 * A run stopped in the middle of a download (SIGKILL: no cleanup at all; SIGTERM: the runner's
 * cancellation) leaves no partial blob visible under a blob's name, and the next run succeeds and
 * cleans up what the killed one left.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cleanupFixtures, makeTempDir, runAction, seedImages, sleep, startRegistry, type ActionRun, type PushedImage, type RegistryFixture } from './setup/index.js';
import { definition, listFiles, sha256File, leftInRunnerTemp } from './helpers.js';

let reg: RegistryFixture;
let big: PushedImage;
const LAYER = 48 * 1024 * 1024;

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' });
  big = (await seedImages(reg, 'kill', { only: ['big'], layerBytes: LAYER })).big as PushedImage;
}, 120_000);
afterAll(async () => {
  reg?.signal('SIGCONT');
  await reg?.stop();
  await cleanupFixtures();
});

interface Runner {
  ws: string;
  temp: string;
  toolCache: string;
}

function runner(): Runner {
  const root = makeTempDir('kill-runner');
  const r = { ws: path.join(root, 'ws'), temp: path.join(root, 'temp'), toolCache: path.join(root, 'tool') };
  for (const d of Object.values(r)) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(r.ws, 'zarf.yaml'), definition([big.ref]));
  return r;
}

const build = (r: Runner, onSpawn?: (c: ChildProcess) => void): Promise<ActionRun> =>
  runAction({
    workspace: r.ws,
    runnerTemp: r.temp,
    toolCache: r.toolCache,
    timeoutMs: 60_000,
    inputs: { definition: '.', architecture: 'amd64', output: 'out', 'plain-http': reg.host, cache: 'local', concurrency: '8', retries: '0' },
    ...(onSpawn !== undefined ? { onSpawn } : {})
  });

/** Files under any `blobs/` folder below `dir`: named blobs must hash to their name; the rest are temp files. */
function scan(dir: string): { blobs: string[]; temp: string[] } {
  const out = { blobs: [] as string[], temp: [] as string[] };
  for (const f of listFiles(dir).filter((p) => p.split(path.sep).includes('blobs'))) {
    const name = path.basename(f);
    if (/^[0-9a-f]{64}$/.test(name)) {
      expect({ f, hash: sha256File(path.join(dir, f)) }).toEqual({ f, hash: name });
      out.blobs.push(name);
    } else {
      expect(name).toMatch(/^\.tmp-/);
      out.temp.push(f);
    }
  }
  return out;
}

/** Stops the run once the big layer's download has started: the registry is frozen, then `signal` is sent. */
function stopMidDownload(r: Runner, signal: NodeJS.Signals, seen: { partial?: number }) {
  const layer = (big.layers[0] as string).slice(7);
  return (child: ChildProcess): void => {
    const timer = setInterval(() => {
      for (const f of listFiles(r.temp)) {
        if (!path.basename(f).startsWith(`.tmp-${layer.slice(0, 16)}-`)) continue;
        const size = fs.statSync(path.join(r.temp, f)).size;
        if (size === 0) continue;
        clearInterval(timer);
        reg.signal('SIGSTOP');
        seen.partial = size;
        child.kill(signal);
        return;
      }
    }, 2);
    child.once('exit', () => {
      clearInterval(timer);
      reg.signal('SIGCONT');
    });
  };
}

describe('a run stopped in the middle of a download', () => {
  test('SIGKILL: no partial blob is visible; the next run succeeds and removes what the killed run left', async () => {
    const r = runner();
    const seen: { partial?: number } = {};
    const killed = await build(r, stopMidDownload(r, 'SIGKILL', seen));
    expect(killed.signal).toBe('SIGKILL');
    expect(seen.partial).toBeGreaterThan(0);
    expect(seen.partial).toBeLessThan(LAYER);
    const layer = (big.layers[0] as string).slice(7);
    // The partial download is a temp file in the killed run's own folder; nothing reached the cache.
    const left = scan(r.temp);
    expect(left.blobs).not.toContain(layer);
    expect(left.temp.length).toBeGreaterThan(0);
    expect(scan(r.toolCache).blobs).not.toContain(layer);
    const runDirs = fs.readdirSync(r.temp).filter((n) => n.startsWith('lading-run-'));
    expect(runDirs).toHaveLength(1);

    // Its heartbeat stopped long ago (as far as the next run can tell).
    const old = new Date(Date.now() - 3600_000);
    fs.utimesSync(path.join(r.temp, runDirs[0] as string, '.lading-run'), old, old);
    await sleep(50);
    const next = await build(r);
    expect({ code: next.code, errors: next.annotations.filter((a) => a.level === 'error') }).toEqual({ code: 0, errors: [] });
    expect(leftInRunnerTemp(r.temp)).toEqual([]);
    const cache = scan(r.toolCache);
    expect(cache.temp).toEqual([]);
    expect(cache.blobs).toContain(layer);
  }, 120_000);

  test('SIGTERM (the runner cancelling): transfers stop, the run folder is removed, exit is non-zero', async () => {
    const r = runner();
    const seen: { partial?: number } = {};
    const cancelled = await build(r, stopMidDownload(r, 'SIGTERM', seen));
    expect(seen.partial).toBeGreaterThan(0);
    expect(cancelled.code).not.toBe(0);
    expect(cancelled.timedOut).toBe(false);
    expect(leftInRunnerTemp(r.temp)).toEqual([]);
    expect(scan(r.toolCache)).toEqual({ blobs: [], temp: [] });
    expect(listFiles(path.join(r.ws, 'out'))).toEqual([]);
    const next = await build(r);
    expect(next.code).toBe(0);
    expect(scan(r.toolCache).blobs).toContain((big.layers[0] as string).slice(7));
  }, 120_000);
});
