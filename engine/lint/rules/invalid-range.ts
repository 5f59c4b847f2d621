/**
 * packs/invalid-range: dependency ranges, marketplace template versions, min_ggen_version (the ggen
 * pack format) and min_engine_version (this engine) must be semver ranges.
 */
import semver from 'semver';
import type { Issue } from '../../../protocol';
import type { KeyPath } from '../../manifest/locate';
import type { LintRule } from '../types';

/** Every semver range the manifest writes, with its key path. */
export function rangesOf(raw: Record<string, unknown>): { range: string; path: KeyPath; what: string }[] {
  const out: { range: string; path: KeyPath; what: string }[] = [];
  const deps = raw.dependencies;
  if (deps && typeof deps === 'object') {
    for (const [name, spec] of Object.entries(deps as Record<string, unknown>)) {
      if (typeof spec === 'string') out.push({ range: spec, path: ['dependencies', name], what: `dependency \`${name}\`` });
      else if (spec && typeof (spec as { version?: unknown }).version === 'string') {
        out.push({ range: (spec as { version: string }).version, path: ['dependencies', name, 'version'], what: `dependency \`${name}\`` });
      }
    }
  }
  const templates = Array.isArray(raw.templates) ? raw.templates : [];
  templates.forEach((t, i) => {
    const src = (t as { source?: { type?: unknown; version?: unknown } })?.source;
    if (src?.type === 'marketplace' && typeof src.version === 'string')
      out.push({ range: src.version, path: ['templates', i, 'source', 'version'], what: 'marketplace template version' });
  });
  return out;
}

export const rule: LintRule = {
  meta: {
    id: 'invalid-range',
    severity: 'error',
    category: 'dependencies',
    description: 'A version range that semver cannot parse',
    fixable: false,
  },
  check(ctx) {
    const issues: Issue[] = [];
    for (const r of rangesOf(ctx.raw)) {
      if (semver.validRange(r.range) === null) {
        issues.push(
          ctx.issue(
            this.meta,
            `Invalid semver range ${JSON.stringify(r.range)} for ${r.what} (e.g. \`^1.2.0\`, \`~2.0\`, \`>=1.0.0 <2.0.0\`)`,
            r.path,
          ),
        );
      }
    }
    const md = (ctx.raw.metadata ?? {}) as Record<string, unknown>;
    const keys = [
      { key: 'min_ggen_version', what: 'the ggen pack format version this pack needs', example: '>=3.0.0' },
      { key: 'min_engine_version', what: 'the engine version this pack needs', example: '>=0.1.0' },
    ];
    for (const { key, what, example } of keys) {
      const v = md[key];
      if (typeof v === 'string' && semver.validRange(v) === null) {
        issues.push(
          ctx.issue(
            this.meta,
            `Invalid semver range ${JSON.stringify(v)} in metadata.${key}, ${what} (e.g. \`${example}\`)`,
            ['metadata', key],
            { category: 'metadata' },
          ),
        );
      }
    }
    return issues;
  },
};
