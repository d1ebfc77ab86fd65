/**
 * Looking at processes a test started (or that what it ran started): whether one still runs, for the
 * tests that check a command and its children were stopped.
 */
import fs from 'node:fs';

/** Whether process `pid` still runs (a zombie not yet reaped by its parent counts as gone). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}
