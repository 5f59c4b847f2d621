/**
 * packs/unsafe-characters: control characters and invisible or bidirectional formatting
 * characters (U+202E RIGHT-TO-LEFT OVERRIDE, U+200B ZERO WIDTH SPACE, …) in manifest keys and
 * values. In names, aliases, paths, versions and commands they make what a reader sees differ from
 * what runs or is written ("Trojan Source"), so they are errors; in prose (descriptions, prompts,
 * defaults, examples, inline template and query text) tabs and line breaks are fine and the rest
 * is a warning.
 */
import type { Issue } from '../../../protocol';
import type { KeyPath } from '../../manifest/locate';
import { pathLabel } from '../../manifest/schema-check';
import type { LintRule } from '../types';

// C0 and C1 controls, DEL, bidi controls (ALM, LRM, RLM, LRE…RLO, LRI…PDI), zero-width characters, BOM.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/u;
// eslint-disable-next-line no-control-regex -- the same, minus tab and line breaks
const UNSAFE_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/u;
/** Keys whose values are prose or template/query text: only a warning there. */
const TEXT_KEYS = new Set(['description', 'title', 'prompt', 'expected_output', 'content', 'query', 'default', 'examples']);

const NAMES: Record<number, string> = {
  0x061c: 'ARABIC LETTER MARK',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE (BOM)',
};

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** `U+202E RIGHT-TO-LEFT OVERRIDE`, `U+0007 (a control character)`. */
function describe(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const name = NAMES[cp];
  return name ? `${hex(cp)} ${name}` : `${hex(cp)} (a control character)`;
}

/** The string with every unsafe character written as \u{…}, so the message itself shows them. */
export function showEscaped(s: string): string {
  const g = new RegExp(UNSAFE.source, 'gu');
  return JSON.stringify(s.replace(g, (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`)).replace(/\\\\u\{/g, '\\u{');
}

export const rule: LintRule = {
  meta: {
    id: 'unsafe-characters',
    severity: 'error',
    category: 'metadata',
    description: 'Control, invisible or bidirectional characters in manifest names, paths and values',
    fixable: false,
  },
  check(ctx) {
    const issues: Issue[] = [];
    const categoryOf = (path: KeyPath) => {
      const top = path[0];
      if (top === 'templates') return 'templates' as const;
      if (top === 'queries' || top === 'rdf') return 'queries' as const;
      if (top === 'variables') return 'variables' as const;
      if (top === 'dependencies') return 'dependencies' as const;
      if (top === 'examples') return 'documentation' as const;
      return 'metadata' as const;
    };
    const visit = (value: unknown, path: KeyPath, text: boolean) => {
      if (typeof value === 'string') {
        const bad = (text ? UNSAFE_IN_TEXT : UNSAFE).exec(value)?.[0];
        if (bad !== undefined) {
          const where = path.length ? `\`${pathLabel(path)}\`` : 'A value';
          issues.push(
            ctx.issue(
              this.meta,
              `${where} contains ${describe(bad)}, an invisible character that can make it read as something else: ${showEscaped(value)}; remove it`,
              path,
              { severity: text ? 'warning' : 'error', category: categoryOf(path) },
            ),
          );
        }
        return;
      }
      if (value === null || typeof value !== 'object' || value instanceof Date) return;
      if (Array.isArray(value)) {
        value.forEach((v, i) => visit(v, [...path, i], text));
        return;
      }
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const bad = UNSAFE.exec(k)?.[0];
        if (bad !== undefined) {
          issues.push(
            ctx.issue(
              this.meta,
              `The key ${showEscaped(k)}${path.length ? ` in \`${pathLabel(path)}\`` : ''} contains ${describe(bad)}; rename it`,
              { path: [...path, k], which: 'key' },
              { category: categoryOf([...path, k]) },
            ),
          );
        }
        const child: KeyPath = [...path, k];
        visit(v, child, text || TEXT_KEYS.has(k));
      }
    };
    visit(ctx.raw, [], false);
    return issues;
  },
};
