// Runs in its own process (one file per process): nothing here may load the SPARQL engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planGeneration } from '../../../engine/generate';
import { isSparqlBackendLoaded } from '../../../engine/rdf/backend';
import { makePack } from '../generate/fixture';

test('--skip-queries: no query runs, templates see empty lists, Comunica is never loaded', async () => {
  const p = makePack(
    `[rdf]\nfiles = ["g.ttl"]\n[[queries]]\nname = "items"\nsource = { type = "inline", query = "SELECT ?x WHERE { ?x ?p ?o }" }\noutput_path = "items.json"\n` +
      `[[templates]]\nalias = "t"\n[templates.source]\ntype = "local"\npath = "tpl"\n`,
    {
      'g.ttl': '<http://e/a> <http://e/p> "1" .\n',
      'tpl/list.txt.mustache': '[{{#queries.items}}{{x}}{{/queries.items}}]{{^queries.items}}none{{/queries.items}}',
      'tpl/each.mustache': '---\nforeach: items\nto: "{{x}}.txt"\n---\nrow',
    },
  );
  const plan = await planGeneration({ packs: [p], layers: [], skipQueries: true });
  assert.deepEqual(
    plan.files.map((f) => [f.path, f.content.toString()]),
    [['list.txt', '[]none']],
  );
  assert.equal(isSparqlBackendLoaded(), false);
  assert.deepEqual(
    Object.keys(require.cache).filter((k) => k.includes('@comunica')),
    [],
  );
});
