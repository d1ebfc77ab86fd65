/**
 * Tar headers byte for byte as Go's archive/tar Writer encodes them (Zarf writes its component tars
 * and documentation.tar with it: assemble.go createReproducibleTarballFromDir). USTAR when every field
 * fits (a long ASCII name split into prefix and name as Go splits it), else a PAX extended header
 * (`<dir>/PaxHeaders.0/<base>`, records sorted by key) before the main header. Octal fields are
 * zero-padded and NUL-terminated (`0000700\0`), the checksum is 6 digits, NUL, space.
 */

const BLOCK = 512;
const NAME_SIZE = 100;
const PREFIX_SIZE = 155;

/** The header fields this module encodes (tar-stream's header object carries them). */
export interface GoTarHeader {
  name: string;
  type: 'file' | 'directory' | 'symlink';
  mode: number;
  size: number;
  linkname?: string;
  uid?: number;
  gid?: number;
  uname?: string;
  gname?: string;
  /** Seconds since the epoch (Zarf: 0). */
  mtime?: number;
}

const TYPEFLAG: Record<GoTarHeader['type'], number> = { file: 0x30, directory: 0x35, symlink: 0x32 };

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80 || c === 0) return false;
  }
  return true;
}

/** Go's toASCII: drops every non-ASCII character (and NUL). */
function toAscii(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80 && c !== 0) out += ch;
  }
  return out;
}

const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Go's fitsInOctal for a field of `n` bytes. */
function fitsInOctal(n: number, x: number): boolean {
  return x >= 0 && (n >= 22 || x < 2 ** ((n - 1) * 3));
}

/** Go's splitUSTARPath: the longest prefix that leaves a name of at most 100 bytes. */
export function splitUstarPath(name: string): { prefix: string; suffix: string } | undefined {
  let length = name.length;
  if (length <= NAME_SIZE || !isAscii(name)) return undefined;
  if (length > PREFIX_SIZE + 1) length = PREFIX_SIZE + 1;
  else if (name[length - 1] === '/') length--;
  const i = name.slice(0, length).lastIndexOf('/');
  const nlen = name.length - i - 1;
  if (i <= 0 || nlen > NAME_SIZE || nlen === 0 || i > PREFIX_SIZE) return undefined;
  return { prefix: name.slice(0, i), suffix: name.slice(i + 1) };
}

/** Go's formatter.formatString: copied, NUL-terminated when shorter, truncated when longer. */
function putString(b: Buffer, off: number, size: number, s: string): void {
  const bytes = Buffer.from(s, 'utf8');
  bytes.copy(b, off, 0, Math.min(size, bytes.length));
  if (bytes.length < size) b[off + bytes.length] = 0;
  if (bytes.length > size && b[off + size - 1] === 0x2f) {
    // Go replaces a trailing slash of a truncated field with the NUL terminator.
    const n = bytes.subarray(0, size - 1).toString('latin1').replace(/\/+$/, '').length;
    b[off + n] = 0;
  }
}

/** Go's formatter.formatOctal: zero-padded, leaving room for a NUL; 0 when it does not fit. */
function putOctal(b: Buffer, off: number, size: number, x: number): void {
  const v = fitsInOctal(size, x) ? x : 0;
  let s = v.toString(8);
  const pad = size - s.length - 1;
  if (pad > 0) s = '0'.repeat(pad) + s;
  putString(b, off, size, s);
}

/** magic + version of USTAR/PAX, then the checksum field (6 octal digits, NUL, space). */
function finish(b: Buffer): Buffer {
  b.write('ustar\0', 257, 'latin1');
  b.write('00', 263, 'latin1');
  b.fill(0x20, 148, 156);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += b[i] as number;
  putOctal(b, 148, 7, sum);
  b[155] = 0x20;
  return b;
}

/** Go's formatPAXRecord: `<len> <key>=<value>\n`, the length counting itself. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let size = byteLength(body);
  size += String(size).length;
  let record = `${size}${body}`;
  if (byteLength(record) !== size) {
    size = byteLength(record);
    record = `${size}${body}`;
  }
  return record;
}

const pad = (n: number): Buffer => Buffer.alloc((BLOCK - (n % BLOCK)) % BLOCK);

/**
 * The blocks Go's Writer.WriteHeader writes for `h`: one USTAR header, or a PAX header, its records
 * (padded to a block) and the main header.
 */
export function encodeGoTarHeader(h: GoTarHeader): Buffer[] {
  const uid = h.uid ?? 0;
  const gid = h.gid ?? 0;
  const uname = h.uname ?? '';
  const gname = h.gname ?? '';
  const linkname = h.linkname ?? '';
  const mtime = h.mtime ?? 0;
  const size = h.type === 'file' ? h.size : 0;
  const pax = new Map<string, string>();
  let ustar = true;
  const str = (s: string, fieldSize: number, key: string): void => {
    if (isAscii(s) && byteLength(s) <= fieldSize) return;
    if (key !== 'path' || splitUstarPath(s) === undefined) ustar = false;
    pax.set(key, s);
  };
  const num = (n: number, fieldSize: number, key: string | undefined): void => {
    if (fitsInOctal(fieldSize, n)) return;
    ustar = false;
    if (key !== undefined) pax.set(key, String(n));
  };
  str(h.name, NAME_SIZE, 'path');
  str(linkname, NAME_SIZE, 'linkpath');
  str(uname, 32, 'uname');
  str(gname, 32, 'gname');
  num(h.mode, 8, undefined);
  num(uid, 8, 'uid');
  num(gid, 8, 'gid');
  num(size, 12, 'size');
  num(mtime, 12, 'mtime');

  const main = (name: string, prefix: string, ascii: (s: string) => string): Buffer => {
    const b = Buffer.alloc(BLOCK);
    b[156] = TYPEFLAG[h.type];
    putString(b, 0, NAME_SIZE, ascii(name));
    putString(b, 157, NAME_SIZE, ascii(linkname));
    putOctal(b, 100, 8, h.mode);
    putOctal(b, 108, 8, uid);
    putOctal(b, 116, 8, gid);
    putOctal(b, 124, 12, size);
    putOctal(b, 136, 12, mtime);
    putString(b, 265, 32, ascii(uname));
    putString(b, 297, 32, ascii(gname));
    putOctal(b, 329, 8, 0);
    putOctal(b, 337, 8, 0);
    if (prefix !== '') putString(b, 345, PREFIX_SIZE, prefix);
    return finish(b);
  };

  if (ustar) {
    const split = splitUstarPath(h.name);
    return [main(split?.suffix ?? h.name, split?.prefix ?? '', (s) => s)];
  }
  const data = Buffer.from(
    [...pax.keys()]
      .sort()
      .map((k) => paxRecord(k, pax.get(k) as string))
      .join(''),
    'utf8'
  );
  // path.Split then path.Join(dir, "PaxHeaders.0", file); a name without "/" has no dir.
  const slash = h.name.lastIndexOf('/');
  const dir = h.name.slice(0, slash + 1).replace(/\/+$/, '');
  const base = h.name.slice(slash + 1);
  let paxName = [dir, 'PaxHeaders.0', base].filter((s) => s !== '').join('/');
  paxName = toAscii(paxName);
  if (paxName.length > NAME_SIZE) paxName = paxName.slice(0, NAME_SIZE);
  paxName = paxName.replace(/\/+$/, '');
  const x = Buffer.alloc(BLOCK);
  x[156] = 0x78; // 'x'
  putString(x, 0, NAME_SIZE, paxName);
  putOctal(x, 100, 8, 0);
  putOctal(x, 108, 8, 0);
  putOctal(x, 116, 8, 0);
  putOctal(x, 124, 12, data.length);
  putOctal(x, 136, 12, 0);
  return [finish(x), data, pad(data.length), main(h.name, '', toAscii)];
}
