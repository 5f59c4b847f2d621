/**
 * Regular expressions written by pack authors (`[variables.validation].pattern`, `matches`
 * conditions) run on RE2 (re2js, a pure JavaScript port): matching takes time linear in the input,
 * so a pattern such as `^(a+)+$` cannot hang generation. A pattern must be valid for JavaScript
 * (Unicode mode, what the editor and `packs/invalid-regex` check) *and* for RE2; RE2 has no
 * backreferences or lookaround, which `packs/unsupported-regex` reports before generation.
 * Matching follows RE2's semantics (`\s`, `\d`, `\w` are ASCII, `$` is the end of the text).
 * re2js is ~260 KB, so it is loaded on the first pattern, never by list / search / show.
 */
import type { RE2JS } from 're2js';

export type UserRegex = { test(input: string): boolean };

export type UserRegexResult =
  | { ok: true; regex: UserRegex }
  /** `javascript`: not a JavaScript regex at all; `re2`: valid JavaScript that RE2 cannot run (message: why). */
  | { ok: false; kind: 'javascript' | 're2'; message: string };

let re2js: typeof import('re2js') | undefined;
const lib = () => (re2js ??= require('re2js') as typeof import('re2js'));

const cache = new Map<string, UserRegexResult>();
const CACHE_MAX = 256;

/** Compile a user pattern once (results are memoized); never throws. */
export function compileUserRegex(pattern: string): UserRegexResult {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const result = compile(pattern);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(pattern, result);
  return result;
}

function compile(pattern: string): UserRegexResult {
  try {
    // Compiling is cheap and safe for any pattern; only matching can backtrack, and that runs on RE2.
    new RegExp(pattern, 'u');
  } catch (err) {
    return { ok: false, kind: 'javascript', message: (err as Error).message.replace(/^Invalid regular expression: /, '') };
  }
  const feature = unsupportedFeature(pattern);
  if (feature) return { ok: false, kind: 're2', message: `it uses ${feature}` };
  const { RE2JS } = lib();
  let re: RE2JS;
  try {
    re = RE2JS.compile(RE2JS.translateRegExp(pattern));
  } catch (err) {
    const why = (err as Error).message.replace(/^error parsing regexp: /, '');
    return { ok: false, kind: 're2', message: `RE2 rejects it (${why})` };
  }
  return { ok: true, regex: { test: (input) => re.test(input) } };
}

/**
 * JavaScript syntax RE2 lacks, named for the message: backreferences (`\1`, `\k<name>`) and
 * lookaround (`(?=`, `(?!`, `(?<=`, `(?<!`). Scans outside character classes, skipping escapes.
 */
export function unsupportedFeature(pattern: string): string | null {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const n = pattern[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(n)) return `a backreference (\`\\${n}\`)`;
      if (!inClass && n === 'k' && pattern[i + 2] === '<') return 'a named backreference (`\\k<…>`)';
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(' && pattern[i + 1] === '?') {
      const head = pattern.slice(i + 2, i + 4);
      if (head.startsWith('=')) return 'a lookahead (`(?=…)`)';
      if (head.startsWith('!')) return 'a negative lookahead (`(?!…)`)';
      if (head === '<=') return 'a lookbehind (`(?<=…)`)';
      if (head === '<!') return 'a negative lookbehind (`(?<!…)`)';
    }
  }
  return null;
}
