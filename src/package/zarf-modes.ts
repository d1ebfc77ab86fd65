/**
 * The permission bits each kind of component content has in Zarf's component tars. Zarf tars its
 * build folder as it is on disk (assemble.go createReproducibleTarballFromDir keeps modes), so a mode
 * is whatever the step that wrote the file left, on a runner whose umask is 022:
 * - every folder Zarf creates: os.MkdirAll(..., 0o700) or helpers.CreateParentDirectory (0700);
 * - `files`: chmod 0700 when `executable` (or a folder), else 0600 (assemble.go);
 * - local manifests, values files, chart .tgz, data injections, folder content: copied with
 *   otiai10/copy, which keeps the source's mode;
 * - downloads (utils.DownloadToFile: os.Create) and Helm's writes (helm package, the chart
 *   download cache): 0644;
 * - kustomize output (kustomize/build.go: os.WriteFile 0600) and documentation.tar files: 0600.
 */
export const ZARF_DIR_MODE = 0o700;
export const ZARF_FILE_MODE = 0o600;
export const ZARF_EXECUTABLE_MODE = 0o700;
export const ZARF_DOWNLOAD_MODE = 0o644;
export const ZARF_KUSTOMIZATION_MODE = 0o600;

/** The mode a copy keeps: permission bits with setuid, setgid and sticky (Go's FileInfoHeader). */
export function copiedMode(statMode: number): number {
  return statMode & 0o7777;
}
