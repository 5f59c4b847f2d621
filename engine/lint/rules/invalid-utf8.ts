/**
 * packs/invalid-utf8: a `.mustache` template must be UTF-8 text. Generation decides by content: a
 * file with invalid UTF-8 in its first 8 KB is taken for a binary and copied unrendered (its tags
 * left as they are), and invalid bytes further on are replaced by U+FFFD — either way the output is
 * not what the template says. Files with a NUL byte are deliberate binaries and are left alone.
 */
import { isUtf8 } from 'node:buffer';
import { relative } from 'node:path';
import type { Issue } from '../../../protocol';
import type { LintRule } from '../types';

const SAMPLE = 8000; // what engine/render/binary.ts looks at

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const x = b[i + k];
      if (x === undefined || (x & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (x & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

export const rule: LintRule = {
  meta: {
    id: 'invalid-utf8',
    severity: 'error',
    category: 'templates',
    description: 'A .mustache template that is not valid UTF-8',
    fixable: false,
    needsFiles: true,
  },
  check(ctx) {
    const issues: Issue[] = [];
    for (const f of ctx.templates().files) {
      if (f.abs === ctx.file || !f.abs.endsWith('.mustache')) continue;
      const bytes = ctx.fileBytes(f.abs);
      if (bytes.subarray(0, SAMPLE).includes(0)) continue;
      if (isUtf8(bytes)) continue;
      const at = firstInvalidUtf8(bytes);
      if (at < 0) continue;
      const before = bytes.subarray(0, at);
      const line = before.filter((x) => x === 0x0a).length + 1;
      const column = at - before.lastIndexOf(0x0a);
      const effect =
        at < SAMPLE
          ? 'generation would take it for a binary and copy it unrendered'
          : 'generation would replace the invalid bytes with U+FFFD';
      issues.push(
        ctx.issue(
          this.meta,
          `Template ${relative(ctx.packDir, f.abs)} is not valid UTF-8 (byte 0x${bytes[at]!.toString(16).toUpperCase().padStart(2, '0')} at line ${line}, column ${column}): ${effect}; save it as UTF-8`,
          { file: f.abs, range: { start: { line, column }, end: { line, column: column + 1 } } },
        ),
      );
    }
    return issues;
  },
};
