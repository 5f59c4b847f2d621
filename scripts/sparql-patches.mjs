// Source patches for the SPARQL bundle (dist/sparql.js), applied by esbuild while it reads Comunica's
// files: each edit replaces one exact piece of text, and the build fails if that text is not found
// exactly once (a Comunica upgrade that changes it must be looked at, not silently unpatched) or if a
// patched file was never bundled. Patched code calls engine/rdf/patches/runtime.ts.
//
// Why: SPEC §11. Comunica 5.4 compares strings with `localeCompare` in the process's default locale
// (so ORDER BY puts "FIXMessage" after "Filled", and LANG=sv_SE / tr_TR order the same data
// differently), keys REDUCED solutions by a hash of term values (merging "abc", "abc"@en, "abc"@de),
// formats computed dates with the default locale's digits (LANG=ar_EG gives "٢٠٢٤-…"), and converts
// dateTimes through the machine's local time (an instant in the TZ's DST gap shifts by an hour).
// test/e2e/sparql-bundle.test.ts proves each fix and that everything else answers like the full package.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNTIME = resolve(dirname(fileURLToPath(import.meta.url)), '../engine/rdf/patches/runtime.ts');
const R = '__ggenSparqlRuntime';

/** [file (path inside node_modules), reason, [[exact text, replacement], …]] */
export const SPARQL_PATCHES = [
  [
    '@comunica/actor-function-factory-term-lesser-than/lib/TermFunctionLesserThan.js',
    'string < (hence ORDER BY, MIN, MAX) in code-point order, not the locale (SPARQL 1.1 §17.3, §15.1)',
    [
      [
        '.stringTest(() => (left, right) => left.localeCompare(right) === -1)',
        `.stringTest(() => (left, right) => ${R}.compareCodePoints(left, right) < 0)`,
      ],
      [
        'return (0, utils_expression_evaluator_1.bool)(left.str() < right.str());',
        `return (0, utils_expression_evaluator_1.bool)(${R}.compareCodePoints(left.str(), right.str()) < 0);`,
      ],
      [
        'return valueA === valueB ? 0 : (valueA < valueB ? -1 : 1);',
        `return typeof valueA === 'string' && typeof valueB === 'string' ? ${R}.compareCodePoints(valueA, valueB) : valueA === valueB ? 0 : (valueA < valueB ? -1 : 1);`,
      ],
    ],
  ],
  [
    '@comunica/actor-function-factory-term-equality/lib/TermFunctionEquality.js',
    'string = is code-point identity (localeCompare also equates canonically equivalent strings)',
    [['.stringTest(() => (left, right) => left.localeCompare(right) === 0)', '.stringTest(() => (left, right) => left === right)']],
  ],
  [
    '@comunica/actor-term-comparator-factory-expression-evaluator/lib/TermComparatorExpressionEvaluator.js',
    'ORDER BY of two IRIs or two blank nodes in code-point order (JS < compares UTF-16 units)',
    [['return termA.value < termB.value ? -1 : 1;', `return ${R}.compareCodePoints(termA.value, termB.value);`]],
  ],
  [
    '@comunica/actor-term-comparator-factory-expression-evaluator/lib/ActorTermComparatorFactoryExpressionEvaluator.js',
    'one term comparator per query context, not one per GROUP BY group and aggregate (speed only)',
    [
      [
        '    async run({ context }) {',
        `    run(action) {\n        return ${R}.memoizePerContext(this, action.context, this, () => this.runUncached(action));\n    }\n    async runUncached({ context }) {`,
      ],
    ],
  ],
  [
    '@comunica/actor-expression-evaluator-factory-default/lib/ActorExpressionEvaluatorFactoryDefault.js',
    'one evaluator per query context and expression, not one per GROUP BY group and aggregate (speed only)',
    [
      [
        '    async run(action) {',
        `    run(action) {\n        return ${R}.memoizePerContext(this, action.context, action.algExpr, () => this.runUncached(action));\n    }\n    async runUncached(action) {`,
      ],
    ],
  ],
  [
    '@comunica/utils-expression-evaluator/lib/util/Context.js',
    'one datatype super-type cache per process, not a new 1,000-slot LRU per evaluator (speed only: 20–30 % of an OPTIONAL-heavy query went to allocating them)',
    [
      [
        `        cache: new lru_cache_1.LRUCache({ max: 1_000 }),`,
        `        cache: ${R}.sharedSuperTypeCache(() => new lru_cache_1.LRUCache({ max: 1_000 })),`,
      ],
    ],
  ],
  [
    '@comunica/actor-bindings-aggregator-factory-wildcard-count/lib/WildcardCountAggregator.js',
    'COUNT(DISTINCT *) keys solutions by exact terms, sorted without the locale',
    [
      [
        'bindingList.sort((first, snd) => first[0].value.localeCompare(snd[0].value));',
        `bindingList.sort((first, snd) => ${R}.compareCodePoints(first[0].value, snd[0].value));`,
      ],
    ],
  ],
  [
    '@traqula/algebra-transformations-1-1/dist/cjs/lib/toAlgebra/aggregate.js',
    'SELECT * columns in code-point order of the variable names, not the locale',
    [
      [
        '.sort((left, right) => left.value.localeCompare(right.value));',
        `.sort((left, right) => ${R}.compareCodePoints(left.value, right.value));`,
      ],
    ],
  ],
  [
    '@comunica/actor-query-operation-reduced-hash/lib/ActorQueryOperationReducedHash.js',
    'REDUCED drops only repeats of the same terms (it keyed solutions by a hash of term values)',
    [['const hash = hashFunction(bindings, variables);', `const hash = ${R}.solutionKey(bindings, variables);`]],
  ],
  [
    '@comunica/actor-query-operation-distinct-identity/lib/ActorQueryOperationDistinctIdentity.js',
    'DISTINCT keys solutions unambiguously ("x\\"-\\"y"^^<t> + unbound was "x" + "y"^^<t->)',
    [
      [
        `        const identities = {};
        return (bindings) => {
            const identity = variables.map(v => RdfString.termToString(bindings.get(v))).join('-');
            return !(identity in identities) && (identities[identity] = true);
        };`,
        `        const identities = new Set();
        return (bindings) => {
            const identity = ${R}.solutionKey(bindings, variables);
            return !identities.has(identity) && Boolean(identities.add(identity));
        };`,
      ],
    ],
  ],
  [
    '@comunica/utils-expression-evaluator/lib/util/Serialization.js',
    'computed dates and durations print ASCII digits whatever the locale (LANG=ar_EG printed ٢٠٢٤)',
    [['return num.toLocaleString(undefined, {', "return num.toLocaleString('en-US', {"]],
  ],
  [
    '@comunica/utils-expression-evaluator/lib/util/DateTimeHelpers.js',
    'dateTime arithmetic in UTC, not through the machine-local clock (DST gaps shifted instants by 1 h)',
    [
      [
        `    return {
        year: date.getFullYear(),
        month: date.getMonth() + 1,
        day: date.getDate(),
        hours: date.getHours(),
        minutes: date.getMinutes(),
        seconds: date.getSeconds(),`,
        `    const inZone = new Date(date.getTime() + (timeZone.zoneHours * 60 + timeZone.zoneMinutes) * 60 * 1_000);
    return {
        year: inZone.getUTCFullYear(),
        month: inZone.getUTCMonth() + 1,
        day: inZone.getUTCDate(),
        hours: inZone.getUTCHours(),
        minutes: inZone.getUTCMinutes(),
        seconds: inZone.getUTCSeconds(),`,
      ],
      [
        `    const localTime = toJSDate(defaultedDateTimeRepresentation(date));
    // This date has been constructed in machine local time, now we alter it to become UTC and convert to correct timezone
    // Correction needed from local machine timezone to UTC
    const minutesCorrectionLocal = localTime.getTimezoneOffset();`,
        `    const full = defaultedDateTimeRepresentation(date);
    const localTime = new Date(0);
    localTime.setUTCFullYear(full.year, full.month - 1, full.day);
    localTime.setUTCHours(full.hours, full.minutes, Math.trunc(full.seconds), (full.seconds % 1) * 1_000);
    const minutesCorrectionLocal = 0;`,
      ],
    ],
  ],
];

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The esbuild plugin: patch the files above while bundling, and fail on any edit that no longer applies. */
export const sparqlPatches = {
  name: 'sparql-patches',
  setup(build) {
    const applied = new Set();
    build.onStart(() => applied.clear());
    for (const [file, why, edits] of SPARQL_PATCHES) {
      build.onLoad({ filter: new RegExp(`/node_modules/${escape(file)}$`) }, (args) => {
        let text = readFileSync(args.path, 'utf8');
        for (const [from, to] of edits) {
          const count = text.split(from).length - 1;
          if (count !== 1) {
            throw new Error(`sparql-patches: ${file} (${why}) has ${count} copies of the text to replace: ${from.slice(0, 80)}`);
          }
          text = text.replace(from, () => to);
        }
        applied.add(file);
        return { contents: `const ${R} = require(${JSON.stringify(RUNTIME)});\n${text}`, loader: 'js' };
      });
    }
    build.onEnd((result) => {
      if (result.errors.length) return;
      const missing = SPARQL_PATCHES.map(([file]) => file).filter((f) => !applied.has(f));
      if (missing.length) {
        return { errors: [{ text: `sparql-patches: never bundled, so never patched: ${missing.join(', ')}` }] };
      }
    });
  },
};
