/**
 * Front matter of `.mustache` template files (SPEC §2): a YAML block between `---` lines at the very
 * start. Shared by the renderer (what to write where) and lint (which variables and queries a file uses).
 */
import { firstLine } from '../errors';
import { toText } from '../util/to-text';

export interface FrontMatter {
  /** Output path override, relative to the template's output root; '' means skip the file. */
  to?: string;
  skipIfExists?: boolean;
  /** Variable name (or `!name`) that must be truthy. */
  when?: string;
  /** Query name: render the file once per result row. */
  foreach?: string;
}

export interface SplitTemplate {
  frontMatter: FrontMatter | null;
  /** The raw YAML text (for error messages and variable scanning of `to:`). */
  frontMatterText: string;
  body: string;
  /** How many lines precede the body (so body line N is file line N + bodyLineOffset). */
  bodyLineOffset: number;
  /** A YAML error in the block, if any (the file is then treated as having no front matter). */
  error?: { message: string; line: number };
}

const FENCE = /^---[ \t]*\r?\n/;

export function splitFrontMatter(text: string): SplitTemplate {
  if (!FENCE.test(text)) return { frontMatter: null, frontMatterText: '', body: text, bodyLineOffset: 0 };
  const afterOpen = text.replace(FENCE, '');
  const close = /^---[ \t]*(\r?\n|$)/m.exec(afterOpen);
  if (!close) return { frontMatter: null, frontMatterText: '', body: text, bodyLineOffset: 0 };
  const yamlText = afterOpen.slice(0, close.index);
  const body = afterOpen.slice(close.index + close[0].length);
  const bodyLineOffset = 2 + (yamlText.match(/\n/g)?.length ?? 0);
  try {
    const { parse: parseYaml } = require('yaml') as typeof import('yaml'); // only files with front matter load it
    const data = (parseYaml(yamlText) ?? {}) as Record<string, unknown>;
    const fm: FrontMatter = {};
    if ('to' in data) fm.to = data.to === null ? '' : toText(data.to);
    if ('skip_if_exists' in data) fm.skipIfExists = data.skip_if_exists === true;
    if ('when' in data) fm.when = String(data.when);
    if ('foreach' in data) fm.foreach = String(data.foreach);
    return { frontMatter: fm, frontMatterText: yamlText, body, bodyLineOffset };
  } catch (err) {
    const line = (err as { linePos?: { line: number }[] }).linePos?.[0]?.line ?? 1;
    return {
      frontMatter: null,
      frontMatterText: yamlText,
      body,
      bodyLineOffset,
      error: { message: firstLine((err as Error).message), line: line + 1 },
    };
  }
}
