import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tc from '@actions/tool-cache';
import { Lease } from '../../src/cache/lease.js';
import { ensureLocalCacheDir, localCacheDir } from '../../src/cache/local.js';
import { createRunDir, sweepStaleRunDirs } from '../../src/cache/rundir.js';

let tmp: string;
beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lading-lease-'));
});
afterEach(async () => rm(tmp, { recursive: true, force: true }));

const hourAgo = (): Date => new Date(Date.now() - 3_600_000);
/** A pid that surely belongs to no live process: a child that has exited. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid as number;

describe('leases on the local cache', () => {
  test('a job sees the other live leases; stale ones (a job that died) are removed', async () => {
    const a = await Lease.take(tmp);
    const b = await Lease.take(tmp);
    expect(await a.others()).toBe(1);
    const dead = path.join(tmp, 'leases', '12345-dead');
    await writeFile(dead, '12345\n');
    await utimes(dead, hourAgo(), hourAgo());
    expect(await b.others()).toBe(1);
    expect((await readdir(path.join(tmp, 'leases'))).includes('12345-dead')).toBe(false);
    await b.release();
    expect(await a.others()).toBe(0);
    await a.release();
    expect(await readdir(path.join(tmp, 'leases'))).toEqual([]);
  });
});

describe('the local cache folder', () => {
  test('follows the tool-cache layout, so tc.find finds it', async () => {
    const where = localCacheDir({ RUNNER_TOOL_CACHE: tmp });
    expect(where).toEqual({ dir: path.join(tmp, 'lading-blobs', '1.0.0', os.arch()) });
    await ensureLocalCacheDir((where as { dir: string }).dir);
    const saved = process.env.RUNNER_TOOL_CACHE;
    process.env.RUNNER_TOOL_CACHE = tmp;
    try {
      expect(tc.find('lading-blobs', '1.0.0')).toBe((where as { dir: string }).dir);
    } finally {
      if (saved === undefined) delete process.env.RUNNER_TOOL_CACHE;
      else process.env.RUNNER_TOOL_CACHE = saved;
    }
    expect(localCacheDir({})).toEqual({ problem: expect.stringContaining('RUNNER_TOOL_CACHE is not set') });
  });
});

describe('run folders', () => {
  test('only the folder of a dead run whose heartbeat stopped is removed', async () => {
    const live = await createRunDir(tmp);
    const mk = async (name: string, pid: number, old: boolean): Promise<string> => {
      const dir = path.join(tmp, name);
      await mkdir(dir);
      await writeFile(path.join(dir, '.lading-run'), `${pid}\n`);
      if (old) await utimes(path.join(dir, '.lading-run'), hourAgo(), hourAgo());
      return dir;
    };
    const pid = deadPid();
    await mk('lading-run-dead', pid, true);
    await mk('lading-run-recent', pid, false);
    await mk('lading-run-alive', process.pid, true);
    await mkdir(path.join(tmp, 'lading-run-not-ours'));
    await mkdir(path.join(tmp, 'lading-blobs'));
    await utimes(path.join(live.path, '.lading-run'), hourAgo(), hourAgo());
    expect(await sweepStaleRunDirs(tmp)).toBe(1);
    expect((await readdir(tmp)).sort()).toEqual(['lading-blobs', 'lading-run-alive', 'lading-run-not-ours', 'lading-run-recent', path.basename(live.path)].sort());
    live.stop();
  });
});
