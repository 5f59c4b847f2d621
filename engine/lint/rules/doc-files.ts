/** Finding README / LICENSE / CHANGELOG files in a pack root, case-insensitively. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Absolute path of the first root file whose name matches, or null. */
export function findDocFile(packDir: string, pattern: RegExp): string | null {
  try {
    const hit = readdirSync(packDir).find((n) => pattern.test(n));
    return hit ? join(packDir, hit) : null;
  } catch {
    return null;
  }
}
