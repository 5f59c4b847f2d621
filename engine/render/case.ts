/**
 * Case conversions behind the engine's Mustache lambdas (SPEC §10): `{{#pascal_case}}{{name}}{{/pascal_case}}`.
 * Words are split on any non-alphanumeric run and on lower→upper / acronym→word boundaries, so
 * "my-app", "my_app", "myApp" and "MyApp" all convert alike.
 */

/** Split text into lower-cased words. */
export function words(text: string): string[] {
  return text
    .replace(/([\p{Ll}\d])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

export const CASES = {
  pascal_case: (s: string) => words(s).map(cap).join(''),
  camel_case: (s: string) =>
    words(s)
      .map((w, i) => (i === 0 ? w : cap(w)))
      .join(''),
  snake_case: (s: string) => words(s).join('_'),
  kebab_case: (s: string) => words(s).join('-'),
  upper: (s: string) => s.toUpperCase(),
  lower: (s: string) => s.toLowerCase(),
} as const;

type Render = (text: string) => string;

/** The lambdas as Mustache expects them: a value that returns `(text, render) => string`. */
export function caseLambdas(): Record<string, () => (text: string, render: Render) => string> {
  const out: Record<string, () => (text: string, render: Render) => string> = {};
  for (const [name, fn] of Object.entries(CASES)) out[name] = () => (text, render) => fn(render(text));
  return out;
}
