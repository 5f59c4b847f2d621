/**
 * What the patched Comunica modules of dist/sparql.js call (scripts/sparql-patches.mjs rewrites a few
 * functions of @comunica/* at build time to require this file). Nothing else imports it: the engine's
 * own code never needs it, and the unbundled package the tests compare against stays unpatched.
 */

/** A UTF-16 code unit lifted so that unit order equals code-point order (surrogates above U+E000–U+FFFF). */
function lift(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

/**
 * Order two strings by Unicode code point, the SPARQL 1.1 order of simple literals and xsd:strings
 * (§17.3: `A < B` is `fn:compare(A, B) = -1`; §15.1 ORDER BY uses `<`; XPath's default collation is the Unicode codepoint collation). No locale, no ICU data: the same on
 * every machine. JavaScript's `<` compares UTF-16 code units, which differs for characters above
 * U+FFFF against U+E000–U+FFFF; `localeCompare` follows the process's locale (LANG, LC_ALL).
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return lift(x) < lift(y) ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}

interface TermLike {
  termType: string;
  value: string;
  language?: string;
  direction?: string;
  datatype?: { value: string };
  subject?: TermLike;
  predicate?: TermLike;
  object?: TermLike;
  graph?: TermLike;
}

function part(s: string | undefined): string {
  const v = s ?? '';
  return `${v.length}:${v}`;
}

/** A prefix-free string for one term: equal strings ⇔ the same RDF term (sameTerm). */
export function termKey(t: TermLike | undefined): string {
  if (!t) return 'U';
  switch (t.termType) {
    case 'Literal':
      return `L${part(t.value)}${part(t.datatype?.value)}${part(t.language)}${part(t.direction)}`;
    case 'Quad':
      return `Q${termKey(t.subject)}${termKey(t.predicate)}${termKey(t.object)}${termKey(t.graph)}`;
    case 'DefaultGraph':
      return 'D';
    default:
      return `${t.termType.charAt(0)}${part(t.value)}`;
  }
}

/**
 * The identity of a solution over `variables`, for DISTINCT and REDUCED: two solutions get the same
 * key only if every variable is bound to the same term (or unbound in both). Comunica's REDUCED keyed
 * solutions by a 32-bit hash of the terms' values, so "abc", "abc"@en and <abc> were one solution.
 */
export function solutionKey(bindings: { get(v: unknown): TermLike | undefined }, variables: readonly unknown[]): string {
  let key = '';
  for (const v of variables) key += termKey(bindings.get(v));
  return key;
}

const memo = new WeakMap<object, WeakMap<object, WeakMap<object, unknown>>>();

/**
 * `make()` once per (owner, context, key). Comunica's GROUP BY asks the expression-evaluator and
 * term-comparator factories anew for every group and aggregate with the same context and expression;
 * each answer is a stateless evaluator (the same one FILTER and BIND reuse for every solution), so
 * building it once per query context gives the same results at a fraction of the cost.
 */
export function memoizePerContext<T>(owner: object, context: object, key: object, make: () => T): T {
  let byContext = memo.get(owner);
  if (!byContext) memo.set(owner, (byContext = new WeakMap()));
  let byKey = byContext.get(context);
  if (!byKey) byContext.set(context, (byKey = new WeakMap()));
  if (byKey.has(key)) return byKey.get(key) as T;
  const made = make();
  byKey.set(key, made);
  return made;
}

let superTypeCache: unknown;

/**
 * The one datatype super-type cache of the process. Comunica made a new 1,000-slot LRU for every
 * expression evaluator (one per solution of a bind join). Sharing it is safe: its discoverer is
 * the constant `() => 'term'`, so an entry depends only on its datatype IRI.
 */
export function sharedSuperTypeCache<T>(make: () => T): T {
  return (superTypeCache ??= make()) as T;
}
