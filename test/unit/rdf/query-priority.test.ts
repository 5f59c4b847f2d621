// [[queries]] priority (ggen's design): queries run lower priority first, ties in declaration order,
// default 100. Observed through the order in which the SPARQL backend is asked (the render context
// does not depend on the order, so that is the honest observation).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { planGeneration } from '../../../engine/generate';
import { getSparqlBackend } from '../../../engine/rdf/backend';
import { makePack } from '../generate/fixture';

/** The `# query <name>` markers of the queries the backend runs while `fn` runs, in call order. */
async function queryOrder(fn: () => Promise<unknown>): Promise<string[]> {
  const backend = await getSparqlBackend();
  const original = backend.query.bind(backend);
  const order: string[] = [];
  backend.query = (text, ...rest) => {
    order.push(/# query (\S+)/.exec(text)?.[1] ?? '?');
    return original(text, ...rest);
  };
  try {
    await fn();
    return order;
  } finally {
    backend.query = original;
  }
}

test('queries run in priority order (lower first), ties in declaration order, default 100', async () => {
  const run = randomUUID(); // fresh query texts: nothing is answered from the cache
  const query = (name: string, priority?: number) =>
    `[[queries]]\nname = "${name}"\n${priority === undefined ? '' : `priority = ${priority}\n`}` +
    `source = { type = "inline", query = "# query ${name} ${run}\\nSELECT ?s WHERE { ?s ?p ?o }" }\n\n`;
  const pack = makePack(
    `[rdf]\nfiles = ["g.ttl"]\n\n` +
      query('defaulted') +
      query('late', 200) +
      query('first', 10) +
      query('tie_a', 50) +
      query('zero', 0) +
      query('tie_b', 50) +
      `[[templates]]\nalias = "t"\nsource = { type = "local", path = "tpl" }\n`,
    { 'g.ttl': '<http://e/a> <http://e/p> "x" .\n', 'tpl/out.txt.mustache': '{{#queries.first}}{{s}}{{/queries.first}}\n' },
  );
  const order = await queryOrder(() => planGeneration({ packs: [pack], layers: [] }));
  assert.deepEqual(order, ['zero', 'first', 'tie_a', 'tie_b', 'defaulted', 'late']);
  assert.deepEqual(
    pack.manifest.queries.map((q) => q.name),
    ['defaulted', 'late', 'first', 'tie_a', 'zero', 'tie_b'],
    'the manifest model keeps declaration order',
  );
});
