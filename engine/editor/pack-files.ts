/**
 * The files of a pack, relative to its root with `/` separators, for path completion and links.
 * Skips VCS folders, node_modules and dot-folders; capped so a pack inside a huge folder stays fast.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const SKIP = new Set(['.git', 'node_modules', '.packs', 'dist']);

/** Pack-relative file paths under `packDir` (at most `limit`). */
export function listPackFiles(packDir: string, limit = 5000): string[] {
  const out: string[] = [];
  const visit = (dir: string, rel: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (out.length >= limit) return;
      if (SKIP.has(e.name) || (e.isDirectory() && e.name.startsWith('.'))) continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) visit(join(dir, e.name), r);
      else if (e.isFile()) out.push(r);
    }
  };
  visit(packDir, '');
  return out;
}
