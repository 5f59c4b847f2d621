/** Content-based binary detection (SPEC §2: binaries are copied verbatim, whatever their name). */

const SAMPLE = 8000;

/** True when the buffer looks binary: a NUL byte in the first 8 KB, or bytes that are not UTF-8. */
export function isBinary(buf: Buffer): boolean {
  const sample = buf.subarray(0, SAMPLE);
  if (sample.includes(0)) return true;
  // A cut in the middle of a multi-byte character at the sample end is fine; trim up to 3 bytes.
  let end = sample.length;
  if (buf.length > SAMPLE) while (end > sample.length - 3 && (sample.readUInt8(end - 1) & 0xc0) === 0x80) end--;
  if (buf.length > SAMPLE && end > 0 && sample.readUInt8(end - 1) >= 0xc0) end--;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return false;
  } catch {
    return true;
  }
}
