/**
 * Locate: the `definition` input (or an `import.path`) to the definition file, as Zarf resolves a
 * package path: a folder means its zarf.yaml (zarf.gen.yaml when there is none), a file means that
 * file, whatever its name. Nothing outside the workspace is read.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { LadingError, type SourcePosition } from '../errors.js';

export const DEFINITION_FILE = 'zarf.yaml';
const GENERATED_FILE = 'zarf.gen.yaml';

/** `p` relative to the workspace with `/` (absolute when outside it); `.` for the workspace itself. */
export function displayPathOf(root: string, p: string): string {
  const rel = path.relative(root, p);
  if (rel === '') return '.';
  if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return p.split(path.sep).join('/');
  return rel.split(path.sep).join('/');
}

export function isInside(dir: string, target: string): boolean {
  const rel = path.relative(dir, target);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

async function kindOf(p: string): Promise<'file' | 'dir' | 'missing'> {
  try {
    const s = await stat(p);
    return s.isDirectory() ? 'dir' : 'file';
  } catch {
    return 'missing';
  }
}

export interface LocateFor {
  /** Where the path was written (an import), for the annotation. */
  position?: SourcePosition;
  /** What the path is, in messages ('import path'). */
  what?: string;
  /** The folder the file must be inside (symbolic links followed); none for the root definition. */
  boundary?: string;
}

/**
 * The definition file for `input` (relative to `workspace`, or absolute). An import must stay
 * inside `at.boundary` (the workspace), symbolic links followed.
 */
export async function locateDefinition(input: string, workspace: string, at: LocateFor = {}): Promise<string> {
  const root = path.resolve(workspace);
  const display = (p: string): string => displayPathOf(root, p);
  const given = input.trim() === '' ? '.' : input.trim();
  const target = path.resolve(root, given);
  const what = at.what ?? 'definition';
  const position = at.position !== undefined ? { position: at.position } : {};
  const hint =
    at.what === undefined
      ? `set the definition input to the folder holding ${DEFINITION_FILE} or to the file itself, relative to the workspace (${root})`
      : `give the ${what} of a folder holding ${DEFINITION_FILE} (or of the file), relative to the folder of the importing zarf.yaml`;
  const kind = await kindOf(target);
  if (kind === 'missing') throw new LadingError(`${what} not found: ${display(target)} does not exist`, { hint, ...position });
  let file = target;
  if (kind === 'dir') {
    file = path.join(target, DEFINITION_FILE);
    if ((await kindOf(file)) !== 'file') {
      const generated = path.join(target, GENERATED_FILE);
      if ((await kindOf(generated)) === 'file') file = generated;
      else if ((await kindOf(path.join(target, 'zarf.yml'))) === 'file') {
        throw new LadingError(`no ${DEFINITION_FILE} in ${display(target)} (found zarf.yml)`, {
          hint: `rename zarf.yml to ${DEFINITION_FILE} (Zarf reads only ${DEFINITION_FILE}), or point the ${what} at the file`,
          ...position
        });
      } else throw new LadingError(`no ${DEFINITION_FILE} in ${display(target)}`, { hint, ...position });
    }
  }
  if (at.boundary === undefined) return file;
  const [realBoundary, realFile] = await Promise.all([realpath(at.boundary), realpath(file)]);
  if (!isInside(at.boundary, file) || !isInside(realBoundary, realFile)) {
    throw new LadingError(`${what} ${display(file)} is outside the workspace${isInside(at.boundary, file) ? ' (through a symbolic link)' : ''}`, {
      hint: `keep the definition and what it imports inside the repository checkout (${at.boundary})`,
      ...position
    });
  }
  return file;
}
