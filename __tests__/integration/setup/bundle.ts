/**
 * The action bundle the integration tests run: built from `src/` as it is now, with the flags of
 * `npm run build`, into a folder of the OS temp dir named by a hash of what goes into it (every file
 * of `src/`, package.json, package-lock.json, tsconfig.json). So a `dist/` older than `src/` cannot
 * hide a regression, and the working tree's `dist/` is never written (CI checks that one is fresh).
 *
 * Built once per content and shared by every jest worker: the first one to take the lock builds
 * into a scratch folder and renames it into place; the others wait for that folder to appear.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What the bundle is made of, besides `src/`. */
const BUILD_FILES = ['package.json', 'package-lock.json', 'tsconfig.json'];
/** A lock older than this is from a build that died: taken over. */
const STALE_LOCK_MS = 5 * 60_000;
/** Bundles of other content not used for this long are removed when a new one is built. */
const KEEP_OLD_MS = 24 * 3600_000;

export const BUNDLES_DIR = path.join(os.tmpdir(), 'lading-test-bundles');

function filesUnder(root: string, dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(root, rel));
    else if (e.isFile()) out.push(rel);
  }
  return out;
}

/** The hash that names the bundle of the repository at `root`: any change to src/ or the build files changes it. */
export function bundleKey(root: string): string {
  const h = crypto.createHash('sha256');
  const files = [...filesUnder(root, 'src'), ...BUILD_FILES.filter((f) => fs.existsSync(path.join(root, f)))].sort();
  for (const f of files) {
    const data = fs.readFileSync(path.join(root, f));
    h.update(`${f}\0${data.length}\0`);
    h.update(data);
  }
  return h.digest('hex').slice(0, 20);
}

/** `npm run build`'s ncc arguments, writing to `out` instead of dist/. */
function nccArgs(root: string, out: string): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const words = (pkg.scripts?.build ?? '').trim().split(/\s+/);
  if (words[0] !== 'ncc' || !words.includes('-o')) throw new Error(`package.json's build script is not "ncc build ... -o <dir> ...": ${pkg.scripts?.build ?? '(none)'}`);
  const args = words.slice(1);
  args[args.indexOf('-o') + 1] = out;
  return args;
}

async function build(root: string, out: string): Promise<void> {
  const ncc = fs.realpathSync(path.join(root, 'node_modules', '.bin', 'ncc'));
  const { code, output } = await new Promise<{ code: number; output: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [ncc, ...nccArgs(root, out)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.stderr.on('data', (d: Buffer) => chunks.push(d));
    child.once('error', reject);
    child.once('close', (c) => resolve({ code: c ?? 1, output: Buffer.concat(chunks).toString('utf8') }));
  });
  if (code !== 0 || !fs.existsSync(path.join(out, 'index.js'))) throw new Error(`building the action bundle for the tests failed (ncc exit ${code}):\n${output}`);
}

function removeOldBundles(keep: string): void {
  const now = Date.now();
  for (const name of fs.readdirSync(BUNDLES_DIR)) {
    const p = path.join(BUNDLES_DIR, name);
    if (p === keep || name.endsWith('.lock')) continue;
    try {
      if (now - fs.statSync(p).mtimeMs > KEEP_OLD_MS) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      /* another worker removed it */
    }
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The bundle of `root` as it is now: its index.js, built when no build of this content exists yet. */
export async function ensureBundle(root: string): Promise<string> {
  const dir = path.join(BUNDLES_DIR, bundleKey(root));
  const script = path.join(dir, 'index.js');
  const lock = `${dir}.lock`;
  fs.mkdirSync(BUNDLES_DIR, { recursive: true });
  for (;;) {
    if (fs.existsSync(script)) {
      const now = new Date();
      fs.utimesSync(dir, now, now);
      return script;
    }
    try {
      fs.mkdirSync(lock);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > STALE_LOCK_MS) fs.rmSync(lock, { recursive: true, force: true });
      } catch {
        /* released meanwhile */
      }
      await sleep(250);
      continue;
    }
    const scratch = `${dir}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
    try {
      await build(root, scratch);
      fs.renameSync(scratch, dir);
      removeOldBundles(dir);
      return script;
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
}
