// Hand-made archives for the safety tests: a tar writer that writes exactly the headers it is given
// (any type, link target, or a declared size the data does not have — what no well-behaved tool
// writes), and a patch of a zip's central directory.
import { gzipSync } from 'node:zlib';

export interface RawTarEntry {
  path: string;
  /** tar type flag: '0' file (default), '1' hard link, '2' symbolic link, '5' folder. */
  type?: '0' | '1' | '2' | '5';
  data?: Buffer | string;
  linkpath?: string;
  mode?: number;
  /** The size written in the header (default the data's length); the data written is `data` only. */
  declaredSize?: number;
}

const octal = (n: number, width: number) => n.toString(8).padStart(width - 1, '0') + '\0';

function header(e: RawTarEntry, size: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(e.path, 0, 100, 'utf8');
  h.write(octal(e.mode ?? 0o644, 8), 100);
  h.write(octal(0, 8), 108);
  h.write(octal(0, 8), 116);
  h.write(octal(e.declaredSize ?? size, 12), 124);
  h.write(octal(946684800, 12), 136);
  h.write(' '.repeat(8), 148);
  h.write(e.type ?? '0', 156);
  if (e.linkpath) h.write(e.linkpath, 157, 100, 'utf8');
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(octal(sum, 7) + ' ', 148);
  return h;
}

/** A .tar.gz of exactly `entries`, in order (duplicates and lies included). */
export function rawTarGz(entries: RawTarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const data = Buffer.from(e.data ?? '');
    parts.push(header(e, data.length), data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(parts), { level: 1 });
}

/** Sets the uncompressed size the central directory declares for every entry of `zip` to `size`. */
export function declareZipSizes(zip: Uint8Array, size: number): Buffer {
  const b = Buffer.from(zip);
  for (let at = b.indexOf(Buffer.from([0x50, 0x4b, 1, 2])); at >= 0; at = b.indexOf(Buffer.from([0x50, 0x4b, 1, 2]), at + 4)) {
    b.writeUInt32LE(size, at + 24);
  }
  return b;
}

/** Makes every entry of `zip` a Unix symbolic link (its data the link target), as `zip --symlinks` writes them. */
export function zipAsSymlinks(zip: Uint8Array): Buffer {
  const b = Buffer.from(zip);
  for (let at = b.indexOf(Buffer.from([0x50, 0x4b, 1, 2])); at >= 0; at = b.indexOf(Buffer.from([0x50, 0x4b, 1, 2]), at + 4)) {
    b[at + 5] = 3;
    b.writeUInt32LE((0o120777 << 16) >>> 0, at + 38);
  }
  return b;
}
