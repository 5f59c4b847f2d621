/**
 * Mustache rendering with the product's rules (SPEC §2): no HTML escaping except for outputs ending
 * `.html`/`.htm`; no partials (templates are sandboxed); syntax errors become GenerationErrors that
 * name the file, line and column.
 */
import Mustache from 'mustache';
import { GenerationError } from '../errors';
import { lineColumnAt } from '../manifest/line-index';
import type { RenderContext } from './context';

const identity = (s: unknown) => String(s);
const NO_PARTIALS = {};

/** True when `outputPath` is an HTML document, where `{{x}}` escapes. */
export function isHtmlPath(outputPath: string): boolean {
  return /\.html?$/i.test(outputPath);
}

export interface RenderWhere {
  /** File (pack-relative or absolute) the template text came from, for error messages. */
  file: string;
  /** Lines before `text` in that file (front matter), so reported lines match the file. */
  lineOffset?: number;
}

/** Render `text` against `ctx`. `html` turns on escaping of `{{x}}`. */
export function renderText(text: string, ctx: RenderContext, html: boolean, where: RenderWhere): string {
  try {
    return Mustache.render(text, ctx, NO_PARTIALS, html ? undefined : { escape: identity });
  } catch (err) {
    const message = (err as Error).message;
    const at = /at (\d+)\s*$/.exec(message);
    // Mustache reports an unclosed section at the end of the text; point at its opening tag instead.
    const unclosed = /Unclosed section "([^"]+)"/.exec(message)?.[1];
    const open = unclosed ? text.search(new RegExp(`\\{\\{\\s*[#^]\\s*${unclosed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\}\\}`)) : -1;
    const offset = open >= 0 ? open : at ? Number(at[1]) : -1;
    let loc = where.file;
    if (offset >= 0) {
      const [line, col] = lineColumnAt(text, offset);
      loc = `${where.file}:${line + (where.lineOffset ?? 0)}:${col}`;
    }
    throw new GenerationError(`Template syntax error in ${loc}: ${message.replace(/\s*at \d+\s*$/, '')}`, {
      hint: 'Check that every {{#section}} has a matching {{/section}} and every tag is closed.',
      cause: err,
    });
  }
}
