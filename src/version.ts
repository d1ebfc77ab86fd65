/** Lading's version, written to build.version of every package (kept equal to package.json by a test). */
export const VERSION = '0.1.0';
