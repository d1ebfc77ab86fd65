import { createHash } from 'node:crypto';
import { hashFile } from '../oci/hash-file.js';

/** Paths Zarf leaves out of checksums.txt: the file itself and the definition that names its hash. */
export const ZARF_YAML = 'zarf.yaml';
export const CHECKSUMS_TXT = 'checksums.txt';

export interface FileChecksum {
  /** Path relative to the package root, `/`-separated. */
  path: string;
  /** sha256, lowercase hex. */
  sha256: string;
}

/** sha256 hex and size of a file (read through src/oci/hash-file.ts). */
export async function sha256File(file: string): Promise<{ sha256: string; size: number }> {
  const { digest, size } = await hashFile(file, 'sha256');
  return { sha256: digest.slice('sha256:'.length), size };
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Renders checksums.txt the way Zarf does (layout.getChecksum): one `<sha256-hex> <relative/path>`
 * line per file except zarf.yaml and checksums.txt, the lines sorted as whole strings (bytewise, so
 * effectively by hash), joined with `\n` plus a final `\n` (an empty package gives "\n").
 * The aggregate checksum is the sha256 hex of those bytes.
 */
export function renderChecksums(files: readonly FileChecksum[]): { text: string; aggregateChecksum: string } {
  const lines: string[] = [];
  for (const f of files) {
    if (f.path === ZARF_YAML || f.path === CHECKSUMS_TXT) continue;
    if (!/^[0-9a-f]{64}$/.test(f.sha256)) throw new Error(`invalid sha256 "${f.sha256}" for ${f.path}`);
    if (/[\s]/.test(f.path)) throw new Error(`a package path cannot contain whitespace: "${f.path}"`);
    lines.push(`${f.sha256} ${f.path}`);
  }
  lines.sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
  const text = `${lines.join('\n')}\n`;
  return { text, aggregateChecksum: sha256Hex(text) };
}
