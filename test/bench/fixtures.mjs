// Builds the inputs the benchmark times: the same 100 files as a ggen pack (with and without a
// SPARQL query), as hygen templates and as a plop generator.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FILES = 100;
const pad = (i) => String(i).padStart(3, '0');

/** A pack of 100 `.mustache` files; with `sparql`, an RDF model and one query feeding one more file. */
export function makePack(dir, { sparql }) {
  mkdirSync(join(dir, 'templates/src'), { recursive: true });
  for (let i = 1; i <= FILES; i++) {
    writeFileSync(
      join(dir, `templates/src/file${pad(i)}.ts.mustache`),
      `// generated for {{name}}\nexport const value${i} = "{{name}}-${i}";\n`,
    );
  }
  let extra = '';
  if (sparql) {
    mkdirSync(join(dir, 'graphs'), { recursive: true });
    mkdirSync(join(dir, 'queries'), { recursive: true });
    const triples = Array.from({ length: 20 }, (_, i) => `ex:s${i} a ex:Service ; ex:name "svc${i}" ; ex:port ${8000 + i} .`).join('\n');
    writeFileSync(join(dir, 'graphs/model.ttl'), `@prefix ex: <https://example.org/> .\n${triples}\n`);
    writeFileSync(
      join(dir, 'queries/services.rq'),
      'PREFIX ex: <https://example.org/>\nSELECT ?name ?port WHERE { ?s a ex:Service ; ex:name ?name ; ex:port ?port } ORDER BY ?name\n',
    );
    writeFileSync(join(dir, 'templates/src/services.txt.mustache'), '{{#queries.services}}{{name}}:{{port}}\n{{/queries.services}}');
    extra = `
[rdf]
files = ["graphs/model.ttl"]

[[queries]]
name = "services"
description = "Every service and its port"
source = { type = "file", path = "queries/services.rq" }
`;
  }
  writeFileSync(
    join(dir, 'pack.toml'),
    `[metadata]
name = "bench-pack"
version = "1.0.0"
title = "Benchmark pack"
description = "One hundred small TypeScript files, for timing generation"
category = "testing"
license = "MIT"

[[templates]]
alias = "files"
source = { type = "local", path = "templates" }

[[variables]]
name = "name"
description = "Project name"
type = "string"
default = "myapp"
${extra}`,
  );
}

/** The same 100 files as hygen templates under `<dir>/_templates/bench/new`. */
export function makeHygen(dir) {
  const t = join(dir, '_templates/bench/new');
  mkdirSync(t, { recursive: true });
  for (let i = 1; i <= FILES; i++) {
    writeFileSync(
      join(t, `f${pad(i)}.ejs.t`),
      `---\nto: out/src/file${pad(i)}.ts\n---\n// generated for <%= name %>\nexport const value${i} = "<%= name %>-${i}";\n`,
    );
  }
}

/** The same 100 files as a plop generator `bench` in `<dir>/plopfile.cjs`. */
export function makePlop(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'plopfile.cjs'),
    `module.exports = function (plop) {
  const actions = [];
  for (let i = 1; i <= ${FILES}; i++) {
    const n = String(i).padStart(3, '0');
    actions.push({ type: 'add', path: 'out/src/file' + n + '.ts', template: '// generated for {{name}}\\nexport const value' + i + ' = "{{name}}-' + i + '";\\n' });
  }
  plop.setGenerator('bench', { prompts: [{ type: 'input', name: 'name', message: 'name' }], actions });
};
`,
  );
}
