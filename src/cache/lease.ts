import { mkdir, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/**
 * Leases on a shared (local) cache folder: each job using it holds a file `leases/<pid>-<random>`
 * that it touches every minute while it runs. A job prunes the folder only when it holds the only
 * live lease, so blobs are never pruned while another job may still be about to use them.
 */

export const LEASE_HEARTBEAT_MS = 60_000;
export const LEASE_STALE_MS = 10 * 60_000;

export class Lease {
  private timer: NodeJS.Timeout | undefined;

  private constructor(readonly dir: string, readonly file: string) {}

  static async take(cacheRoot: string): Promise<Lease> {
    const dir = path.join(cacheRoot, 'leases');
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `${process.pid}-${randomBytes(6).toString('hex')}`);
    await writeFile(file, `${process.pid}\n`);
    const lease = new Lease(dir, file);
    lease.timer = setInterval(() => {
      const now = new Date();
      utimes(file, now, now).catch(() => undefined);
    }, LEASE_HEARTBEAT_MS);
    lease.timer.unref();
    return lease;
  }

  /** Other live leases (stale ones, of jobs that died, are removed). */
  async others(now = Date.now()): Promise<number> {
    let n = 0;
    for (const name of await readdir(this.dir).catch(() => [] as string[])) {
      const p = path.join(this.dir, name);
      if (p === this.file) continue;
      try {
        const s = await stat(p);
        if (now - s.mtimeMs > LEASE_STALE_MS) await rm(p, { force: true });
        else n++;
      } catch {
        // released meanwhile
      }
    }
    return n;
  }

  async release(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await rm(this.file, { force: true });
  }
}
