/**
 * Merging two versions of one output file in a composition (SPEC §4 "merge"): structural where the
 * format allows — JSON / YAML / TOML deep merge (objects merged key by key, the later value wins for
 * scalars, arrays concatenated without duplicates), line-set union for ignore files, section merge
 * for Markdown — otherwise a line merge with conflict markers and a warning.
 */
import { parse as parseToml, stringify as toToml } from 'smol-toml';
import { isObject } from '../util/is-object';

export interface MergeOutcome {
  content: Buffer;
  /** How it was merged (shown in plans). */
  how: 'json' | 'yaml' | 'toml' | 'lines' | 'markdown' | 'markers';
  /** Set when the merge could not be clean (markers inserted). */
  warning?: string;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Deep merge: objects key by key, arrays as a union in order, `b` wins for scalars. */
export function deepMerge(a: Json, b: Json): Json {
  if (isObject(a) && isObject(b)) {
    const out: Record<string, Json> = { ...a };
    for (const [k, v] of Object.entries(b)) {
      const mine = a[k];
      out[k] = mine === undefined ? v : deepMerge(mine, v);
    }
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const seen = new Set(a.map((x) => JSON.stringify(x)));
    return [...a, ...b.filter((x) => !seen.has(JSON.stringify(x)))];
  }
  return b;
}

function markdownSections(text: string): [string, string][] {
  const sections: [string, string][] = [];
  let heading = '';
  let body: string[] = [];
  for (const line of text.split('\n')) {
    if (/^#{1,6} /.test(line)) {
      sections.push([heading, body.join('\n')]);
      heading = line.trim();
      body = [line];
    } else body.push(line);
  }
  sections.push([heading, body.join('\n')]);
  return sections.filter(([h, b]) => h || b.trim());
}

/** Merge `b` (the later pack's file) into `a` (the earlier one's) for `path`. */
export function mergeContents(path: string, a: Buffer, b: Buffer): MergeOutcome {
  const at = a.toString('utf8');
  const bt = b.toString('utf8');
  const name = path.split('/').pop() ?? path;
  try {
    if (/\.json$/i.test(name))
      return {
        content: Buffer.from(JSON.stringify(deepMerge(JSON.parse(at) as Json, JSON.parse(bt) as Json), null, 2) + '\n'),
        how: 'json',
      };
    if (/\.ya?ml$/i.test(name)) {
      const yaml = require('yaml') as typeof import('yaml');
      return { content: Buffer.from(yaml.stringify(deepMerge(yaml.parse(at) as Json, yaml.parse(bt) as Json))), how: 'yaml' };
    }
    if (/\.toml$/i.test(name))
      return {
        content: Buffer.from(toToml(deepMerge(parseToml(at) as Json, parseToml(bt) as Json) as Record<string, Json>) + '\n'),
        how: 'toml',
      };
  } catch {
    /* not valid in its own format: fall through to a line merge */
  }
  if (/^\.[\w-]*ignore$/.test(name) || name === 'CODEOWNERS') {
    const lines = at.split('\n').filter(Boolean);
    const seen = new Set(lines);
    return { content: Buffer.from([...lines, ...bt.split('\n').filter((l) => l && !seen.has(l))].join('\n') + '\n'), how: 'lines' };
  }
  if (/\.(md|markdown)$/i.test(name)) {
    const left = markdownSections(at);
    const headings = new Set(left.map(([h]) => h));
    const added = markdownSections(bt).filter(([h]) => h && !headings.has(h));
    return { content: Buffer.from([...left, ...added].map(([, body]) => body.replace(/\n+$/, '')).join('\n\n') + '\n'), how: 'markdown' };
  }
  return {
    content: Buffer.from(`<<<<<<< earlier pack\n${at.replace(/\n?$/, '\n')}=======\n${bt.replace(/\n?$/, '\n')}>>>>>>> later pack\n`),
    how: 'markers',
    warning: `${path}: no structural merge for this file type; both versions kept between conflict markers`,
  };
}
