/**
 * The program an onCreate command runs in, as Zarf picks it (src/pkg/utils/exec/exec.go GetOSShell
 * and actions.go actionCmdMutation): `sh -e -c <cmd>` on Linux and macOS unless `shell.linux` /
 * `shell.darwin` names another (`pwsh` and `powershell` get PowerShell's arguments); `powershell` on
 * Windows unless `shell.windows` names another (`cmd` gets `/c`, a POSIX shell `-e -c`). On Windows
 * with PowerShell, a leading `touch ` becomes `New-Item ` and `$ZARF_VAR_X` / `${ZARF_VAR_X}` (also
 * `TF_VAR_`, `ZARF_CONST_`) become `$Env:ZARF_VAR_X`, as Zarf rewrites them.
 */
import type { ZarfShell } from '../definition/schema.js';

export interface ShellCommand {
  program: string;
  args: string[];
}

const POWERSHELL_ARGS = ['-Command', "$ErrorActionPreference = 'Stop';"];
const SH_ARGS = ['-e', '-c'];

export function isPowershell(shell: string): boolean {
  return shell === 'powershell' || shell === 'pwsh';
}

/** The shell and its arguments for `platform` (Node's process.platform names). */
export function shellFor(shell: ZarfShell | undefined, platform: NodeJS.Platform): ShellCommand {
  if (platform === 'win32') {
    const program = shell?.windows !== undefined && shell.windows !== '' ? shell.windows : 'powershell';
    if (program === 'cmd') return { program, args: ['/c'] };
    return { program, args: isPowershell(program) ? [...POWERSHELL_ARGS] : [...SH_ARGS] };
  }
  const chosen = platform === 'darwin' ? shell?.darwin : platform === 'linux' ? shell?.linux : undefined;
  const program = chosen !== undefined && chosen !== '' ? chosen : 'sh';
  return { program, args: isPowershell(program) ? [...POWERSHELL_ARGS] : [...SH_ARGS] };
}

/** Zarf's Windows rewrites of a command (nothing changes elsewhere). */
export function adaptCommand(cmd: string, shell: ZarfShell | undefined, platform: NodeJS.Platform): string {
  const windowsShell = shell?.windows ?? '';
  if (platform !== 'win32' || !(windowsShell === '' || isPowershell(windowsShell))) return cmd;
  return cmd.replace(/^touch /, 'New-Item ').replace(/\$\{?((ZARF|TF)_(VAR|CONST)_[a-zA-Z0-9_-]+)\}?/g, '$$Env:$1');
}

/** The command's argument list: the shell's arguments, then the command. */
export function commandLine(cmd: string, shell: ZarfShell | undefined, platform: NodeJS.Platform): ShellCommand {
  const s = shellFor(shell, platform);
  return { program: s.program, args: [...s.args, adaptCommand(cmd, shell, platform)] };
}
