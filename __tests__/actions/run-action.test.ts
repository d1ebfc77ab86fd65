/**
 * One onCreate action run as Zarf runs it, with real processes: the shell and its arguments per OS,
 * defaults merged with the action, the environment (later entries win, the action's inputs left
 * out), retries, one deadline over every attempt that stops the command and what it started, a
 * failing command's exit code and last lines, a missing folder, mute, and network waits against
 * real listeners on loopback.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { actionEnv, actionSpec, runnerEnv, truncateCommand } from '../../src/actions/config.js';
import { ActionCancelled, ActionFailure, runAction } from '../../src/actions/run-action.js';
import { adaptCommand, shellFor } from '../../src/actions/shell.js';
import { alive } from '../helpers/processes.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'lading-action-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function run(action: Parameters<typeof actionSpec>[0], defaults: Parameters<typeof actionSpec>[1] = {}, dir = tempDir(), signal?: AbortSignal) {
  const lines: string[] = [];
  const spec = actionSpec(action, defaults, dir);
  const done = runAction(spec, { log: (l) => lines.push(l), env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, ...(signal !== undefined ? { signal } : {}) });
  return { lines, done, dir };
}

describe('shell', () => {
  test('sh -e -c on Linux and macOS, shell.linux / shell.darwin, PowerShell arguments for pwsh', () => {
    expect(shellFor(undefined, 'linux')).toEqual({ program: 'sh', args: ['-e', '-c'] });
    expect(shellFor({ linux: 'bash' }, 'linux')).toEqual({ program: 'bash', args: ['-e', '-c'] });
    expect(shellFor({ linux: 'bash', darwin: 'zsh' }, 'darwin')).toEqual({ program: 'zsh', args: ['-e', '-c'] });
    expect(shellFor({ linux: 'pwsh' }, 'linux')).toEqual({ program: 'pwsh', args: ['-Command', "$ErrorActionPreference = 'Stop';"] });
  });

  test('Windows: powershell by default, cmd /c, other shells -e -c; touch and $ZARF_VAR_ rewritten for PowerShell only', () => {
    expect(shellFor(undefined, 'win32')).toEqual({ program: 'powershell', args: ['-Command', "$ErrorActionPreference = 'Stop';"] });
    expect(shellFor({ windows: 'cmd' }, 'win32')).toEqual({ program: 'cmd', args: ['/c'] });
    expect(shellFor({ windows: 'bash' }, 'win32')).toEqual({ program: 'bash', args: ['-e', '-c'] });
    expect(adaptCommand('touch a-${ZARF_VAR_X}-$TF_VAR_y-$ZARF_CONST_Z', undefined, 'win32')).toBe('New-Item a-$Env:ZARF_VAR_X-$Env:TF_VAR_y-$Env:ZARF_CONST_Z');
    expect(adaptCommand('touch $ZARF_VAR_X', { windows: 'bash' }, 'win32')).toBe('touch $ZARF_VAR_X');
    expect(adaptCommand('touch $ZARF_VAR_X', undefined, 'linux')).toBe('touch $ZARF_VAR_X');
  });
});

describe('configuration', () => {
  test('the action overrides the defaults; env is the defaults then the action; dir is joined, absolute too', () => {
    const spec = actionSpec(
      { cmd: 'make', dir: '/abs', env: ['B=2'], maxRetries: 0, mute: false },
      { dir: 'x', env: ['A=1', 'B=1'], maxRetries: 3, maxTotalSeconds: 9, mute: true, shell: { linux: 'bash' } },
      '/pkg'
    );
    expect(spec).toMatchObject({ title: 'make', cmd: 'make', dir: '/pkg/abs', env: ['A=1', 'B=1', 'B=2'], maxRetries: 0, maxTotalSeconds: 9, mute: false, shell: { linux: 'bash' } });
    expect(actionSpec({ cmd: 'make' }, { dir: 'build' }, '/pkg').dir).toBe('/pkg/build');
    expect(actionSpec({ cmd: 'make', description: 'Build it' }, undefined, '/pkg').title).toBe('Build it');
  });

  test("a title is the command's first 60 characters, line breaks read as '; ' (Zarf's Truncate)", () => {
    expect(truncateCommand('echo a\necho b')).toBe('echo a; echo b');
    expect(truncateCommand('x'.repeat(61))).toBe(`${'x'.repeat(57)}...`);
    expect(truncateCommand('x'.repeat(60))).toBe('x'.repeat(60));
  });

  test('the environment: later entries win, entries without = are left out; the action step\'s inputs and runtime token are not passed', () => {
    expect(actionEnv({ A: '0', PATH: '/bin' }, ['A=1', 'B=x=y', 'NOEQ', 'A=2'])).toEqual({ A: '2', B: 'x=y', PATH: '/bin' });
    expect(runnerEnv({ INPUT_PASSWORD: 's', STATE_x: '1', ACTIONS_RUNTIME_TOKEN: 't', GITHUB_WORKSPACE: '/w', HOME: '/h' })).toEqual({ GITHUB_WORKSPACE: '/w', HOME: '/h' });
  });
});

describe('running', () => {
  test('runs in its folder with the merged environment, its output logged line by line', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'sub'));
    const r = run({ cmd: 'pwd; echo "$A $B"; echo to-stderr >&2', dir: 'sub', env: ['B=action'] }, { env: ['A=defaults', 'B=defaults'] }, dir);
    await expect(r.done).resolves.toMatchObject({ attempts: 1 });
    expect(r.lines).toEqual(expect.arrayContaining([fs.realpathSync(path.join(dir, 'sub')), 'defaults action', 'to-stderr']));
  });

  test('sh -e: a failing line fails the command; the error has the exit code and the last lines', async () => {
    const r = run({ cmd: 'echo one; echo two >&2; false; echo never' });
    const e = (await r.done.catch((x: unknown) => x)) as ActionFailure;
    expect(e).toBeInstanceOf(ActionFailure);
    expect(e.message).toBe('command "echo one; echo two >&2; false; echo never" failed after 0 retries');
    expect(e.details).toMatchObject({ exitCode: 1, attempts: 1, lastLines: ['one', 'two'] });
    expect(r.lines).not.toContain('never');
  });

  test('maxRetries: attempts until one succeeds', async () => {
    const r = run({ cmd: 'n=$(cat n 2>/dev/null || echo 0); echo $((n+1)) > n; [ "$n" -ge 2 ]', maxRetries: 3 });
    await expect(r.done).resolves.toMatchObject({ attempts: 3 });
    expect(fs.readFileSync(path.join(r.dir, 'n'), 'utf8').trim()).toBe('3');
  });

  test('maxRetries used up: Zarf\'s words, every attempt made', async () => {
    const r = run({ cmd: 'echo x >> tries; exit 7', maxRetries: 2 });
    const e = (await r.done.catch((x: unknown) => x)) as ActionFailure;
    expect(e.message).toBe('command "echo x >> tries; exit 7" failed after 2 retries');
    expect(e.details.exitCode).toBe(7);
    expect(fs.readFileSync(path.join(r.dir, 'tries'), 'utf8').split('\n').filter(Boolean)).toHaveLength(3);
  });

  test('maxTotalSeconds: one deadline over every attempt stops the command and what it started', async () => {
    const r = run({ cmd: 'sleep 300 & echo $! >> pids; wait', maxTotalSeconds: 1, maxRetries: 5, description: 'hangs' });
    const e = (await r.done.catch((x: unknown) => x)) as ActionFailure;
    expect(e.message).toBe('command "hangs" timed out after 1 seconds');
    expect(e.details.timedOut).toBe(true);
    const pids = fs.readFileSync(path.join(r.dir, 'pids'), 'utf8').split('\n').filter(Boolean).map(Number);
    expect(pids).toHaveLength(1); // the deadline spans the retries: none started after it
    await until(() => !alive(pids[0] as number));
  });

  test('cancelled: the command and its children are stopped', async () => {
    const controller = new AbortController();
    const r = run({ cmd: 'sleep 300 & echo $! > pid; wait' }, {}, tempDir(), controller.signal);
    await until(() => fs.existsSync(path.join(r.dir, 'pid')) && fs.readFileSync(path.join(r.dir, 'pid'), 'utf8').trim() !== '');
    controller.abort(new Error('cancelled by SIGTERM'));
    await expect(r.done).rejects.toBeInstanceOf(ActionCancelled);
    await until(() => !alive(Number(fs.readFileSync(path.join(r.dir, 'pid'), 'utf8'))));
  });

  test('mute: nothing of the output is logged or kept', async () => {
    const r = run({ cmd: 'echo secret; exit 1', mute: true });
    const e = (await r.done.catch((x: unknown) => x)) as ActionFailure;
    expect(e.details.lastLines).toEqual([]);
    expect(r.lines.join('\n')).not.toContain('secret');
  });

  test('a folder that does not exist, a shell that is not there: one clear failure, no retries', async () => {
    const missing = run({ cmd: 'true', dir: 'nope', maxRetries: 3 });
    await expect(missing.done).rejects.toThrow(/cannot run: its folder .*nope does not exist/);
    const noShell = run({ cmd: 'true', shell: { linux: 'no-such-shell-here' }, maxRetries: 3 });
    await expect(noShell.done).rejects.toThrow('command "true" cannot run: no-such-shell-here was not found on PATH');
  });
});

describe('wait.network', () => {
  test('tcp: waits until the port accepts, then succeeds', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const server = net.createServer((c) => c.end());
    const r = run({ wait: { network: { protocol: 'tcp', address: `127.0.0.1:${port}` } }, maxTotalSeconds: 20 });
    setTimeout(() => server.listen(port, '127.0.0.1'), 1200);
    try {
      await expect(r.done).resolves.toMatchObject({ attempts: 1 });
    } finally {
      server.close();
    }
  });

  test('http: waits for the code (200 when none is given); times out after maxTotalSeconds', async () => {
    let status = 503;
    const server = http.createServer((_req, res) => {
      res.statusCode = status;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    try {
      const ok = run({ wait: { network: { protocol: 'http', address } }, maxTotalSeconds: 20 });
      setTimeout(() => (status = 200), 1200);
      await expect(ok.done).resolves.toMatchObject({ attempts: 1 });
      status = 204;
      const late = run({ wait: { network: { protocol: 'http', address } }, maxTotalSeconds: 2 });
      await expect(late.done).rejects.toThrow(`wait for http/${address} timed out after 2 seconds`);
      const code = run({ wait: { network: { protocol: 'http', address, code: 204 } }, maxTotalSeconds: 5 });
      await expect(code.done).resolves.toMatchObject({ attempts: 1 });
    } finally {
      server.close();
    }
  });
});
