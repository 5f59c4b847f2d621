/** Argument parsing and table printing shared by the verbs (list, search, show, info, install, generate, …). */
import type { PackSummary } from '../../protocol';
import { ValidationError, type SourceFilter, toText } from '../index';
import type { VerbOption } from './types';

const SOURCES: SourceFilter[] = ['bundled', 'local', 'remote', 'all'];

/** `--source <source>`, parsed by `parseSource`: the sources, then what the verb adds (`note`). */
export function sourceOption(note = ''): VerbOption {
  return { flags: '--source <source>', description: `${SOURCES.join('|')}${note}` };
}

/** `--source`; default all. Exit 2 on anything else. */
export function parseSource(v: unknown): SourceFilter {
  if (v === undefined) return 'all';
  if (typeof v === 'string' && (SOURCES as string[]).includes(v)) return v as SourceFilter;
  throw new ValidationError(`--source must be one of ${SOURCES.join(', ')} (got "${toText(v)}")`, { hint: 'e.g. --source local' });
}

/** A repeatable option's values. */
export const optionList = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : []);

/** `--version <range>` of the verbs that take a pack name, parsed by `versionRange`. */
export const VERSION_OPTION: VerbOption = { flags: '--version <range>', description: 'pack version or range' };

/** The `--version` range, if given. */
export function versionRange(opts: Record<string, unknown>): string | undefined {
  return typeof opts.version === 'string' ? opts.version : undefined;
}

/** Positional argument `index`. Commander already rejects a missing `<name>`; this guards calls of a verb's run() that bypass it. */
export function requiredArg(args: string[], index: number, name: string): string {
  const v = args[index];
  if (v === undefined) throw new ValidationError(`Missing required argument <${name}>`);
  return v;
}

/** A positive integer option such as `--limit` or `--depth`; exit 2 when it is not one. */
export function parseCount(flag: string, v: unknown, dflt: number, min = 1): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min)
    throw new ValidationError(`${flag} must be a whole number ≥ ${min} (got "${toText(v)}")`, { hint: `e.g. ${flag} ${dflt}` });
  return n;
}

/** A numeric option such as `--min-rating`. */
export function parseNumber(flag: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new ValidationError(`${flag} must be a number (got "${toText(v)}")`);
  return n;
}

/** Fixed-width columns; the last column is not padded. */
export function table(rows: string[][]): string {
  const [first] = rows;
  if (!first) return '';
  const widths = first.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

/** The human listing of pack summaries (list, search). */
export function summaryTable(rows: PackSummary[]): string {
  return table([
    ['NAME', 'VERSION', 'CATEGORY', 'SOURCE', 'DESCRIPTION'],
    ...rows.map((s) => {
      // A remote row names its registry's host, so two registries' packs are told apart.
      const source = s.source === 'remote' && s.registry ? `remote ${new URL(s.registry).host}` : s.source;
      return [s.name, s.version, s.category, s.installed ? `${source} (installed)` : source, clip(s.description, 60)];
    }),
  ]);
}

/** `--registry` / `--token` of the verbs that talk to remote registries (SPEC §5). */
export const REGISTRY_OPTIONS: VerbOption[] = [
  { flags: '--registry <url>', description: 'use this npm-compatible registry instead of $GGEN_HOME/config.toml [registries]' },
  { flags: '--token <token>', description: 'registry auth token (default: from .npmrc / NPM_CONFIG_*)' },
];

/** The `--registry` / `--token` values, as the engine's remote functions take them. */
export function registryArgs(
  opts: Record<string, unknown>,
  log: (m: string) => void,
): { registry?: string; token?: string; log: (m: string) => void } {
  return {
    ...(typeof opts.registry === 'string' && { registry: opts.registry }),
    ...(typeof opts.token === 'string' && { token: opts.token }),
    log,
  };
}
