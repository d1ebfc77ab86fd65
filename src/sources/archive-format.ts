/**
 * The archive formats of `files[].extractPath`, known by the archive's file name as Zarf knows them.
 * Apart from extract-entry.ts (which reads them) so that zarf.yaml's checks do not load the
 * extractor and its tar reader.
 */
export type ArchiveFormat = 'tar' | 'tar.gz' | 'tar.zst' | 'tar.br' | 'tar.bz2' | 'tar.xz' | 'zip';

/** Zarf's extensions, each with the format Lading reads it as (undefined: Zarf reads it, Lading does not). */
const EXTENSIONS: ReadonlyArray<[string, ArchiveFormat | undefined]> = [
  ['.tar', 'tar'],
  ['.zip', 'zip'],
  ['.tar.gz', 'tar.gz'],
  ['.tgz', 'tar.gz'],
  ['.tar.zst', 'tar.zst'],
  ['.tzst', 'tar.zst'],
  ['.tar.br', 'tar.br'],
  ['.tbr', 'tar.br'],
  ['.tar.bz2', 'tar.bz2'],
  ['.tbz2', 'tar.bz2'],
  ['.tbz', 'tar.bz2'],
  ['.tar.xz', 'tar.xz'],
  ['.txz', 'tar.xz'],
  ['.tar.lz4', undefined],
  ['.tlz4', undefined],
  ['.tar.lz', undefined],
  ['.tar.mz', undefined],
  ['.tmz', undefined]
];

/** The extensions Lading extracts from, for messages. */
export const READABLE_EXTENSIONS = '.tar, .tar.gz (.tgz), .tar.zst (.tzst), .tar.br (.tbr), .tar.bz2 (.tbz2, .tbz), .tar.xz (.txz) or .zip';

/**
 * The format of an archive named `name` (its longest matching extension, as Zarf picks it):
 * `{ format }`, `{ extension }` for one Zarf reads but Lading does not, or undefined for none.
 */
export function archiveFormatOf(name: string): { format: ArchiveFormat; extension: string } | { format: undefined; extension: string } | undefined {
  let best: [string, ArchiveFormat | undefined] | undefined;
  for (const e of EXTENSIONS) if (name.endsWith(e[0]) && (best === undefined || e[0].length > best[0].length)) best = e;
  if (best === undefined) return undefined;
  return best[1] === undefined ? { format: undefined, extension: best[0] } : { format: best[1], extension: best[0] };
}
