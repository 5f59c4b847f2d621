// The bundled starter catalog, end to end: every pack in examples/packs validates, scores
// Production or better, generates through the built CLI, and the generated project passes its own
// check with the real toolchain (npm + tsc/vitest, cargo, node --test) or, for config-only packs,
// parses and matches what an independent reading of the pack's RDF model says it must contain.
// Needs `node esbuild.mjs` first. Measured here (2 shared cores, warm npm cache): ts-http-service
// npm install 1.3-1.6 s + npm test 2-5.5 s; react-vite-app npm install 10-11 s + npm test 4.4-5.8 s
// (fast enough to run for real, so it is not reduced to a type-check); rust-cli cargo test
// --offline 1.3-3.3 s; the whole file 40-70 s.
// PACKS_E2E_SKIP_NPM=1 skips the two npm installs (machines without registry access).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml, parseAllDocuments } from 'yaml';

import {
  CLI,
  PACKS,
  FIXTURES,
  WORK,
  SKIP_NPM,
  namedNode,
  RDF_TYPE,
  RDFS_LABEL,
  sh,
  cli,
  generate,
  read,
  packFile,
  walk,
  loadGraph,
  literal,
  markdownRows,
  installAndTest,
} from './catalog-support';
// The generated projects hold node_modules and cargo targets (~150 MB): do not leave them behind.
after(() => rmSync(WORK, { recursive: true, force: true }));

const EXPECTED_PACKS = [
  'devops-pack',
  'docs-site',
  'k8s-manifests',
  'monitoring-pack',
  'ontology-docs',
  'react-vite-app',
  'rust-cli',
  'startup-pack',
  'ts-http-service',
];

test('the catalog holds the expected packs, each documented, licensed, valid and Production-grade', () => {
  assert.ok(existsSync(CLI), 'run `node esbuild.mjs` before the e2e tests');
  const dirs = readdirSync(PACKS, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  assert.deepEqual(dirs, EXPECTED_PACKS, 'every pack in examples/packs has a generation test below');

  for (const pack of dirs) {
    const manifest = parseToml(packFile(pack, 'pack.toml')) as { metadata: { name: string; version: string; license: string } };
    assert.equal(manifest.metadata.name, pack);
    assert.equal(manifest.metadata.license, 'MIT');
    assert.match(packFile(pack, 'LICENSE'), /^MIT License/);
    assert.match(packFile(pack, 'CHANGELOG.md'), new RegExp(`^## ${manifest.metadata.version.replace(/\./g, '\\.')}\\b`, 'm'));
    assert.ok(packFile(pack, 'README.md').length > 300, `${pack} README is substantial`);

    const validate = cli('validate', join(PACKS, pack), '--strict', '--format', 'json');
    const v = JSON.parse(validate.stdout);
    assert.equal(validate.code, 0, `${pack} validate --strict: ${JSON.stringify(v.issues)}`);
    assert.deepEqual(v.issues, [], `${pack} has no issues`);

    const score = JSON.parse(cli('score', join(PACKS, pack), '--format', 'json').stdout);
    assert.ok(score.data.total >= 80, `${pack} maturity ${score.data.total} < 80`);
  }

  const version = (p: string) => (parseToml(packFile(p, 'pack.toml')) as { metadata: { version: string } }).metadata.version;
  assert.match(version('startup-pack'), /^1\.2\./);
  assert.match(version('devops-pack'), /^2\./);
  assert.match(version('monitoring-pack'), /^1\./);
});

test('ts-http-service: one route module per RDF entity, and the generated project passes npm test', (t) => {
  const out = generate('ts-http-service', { project_name: 'task-api', api_port: 4010 });

  // Independent reading of the model: every ex:Entity and its ex:name.
  const ex = 'https://example.org/ggen/ts-http-service#';
  const g = loadGraph(join(PACKS, 'ts-http-service/graphs/domain.ttl'));
  const entities = g.getSubjects(RDF_TYPE, namedNode(`${ex}Entity`), null).map((e) => ({
    name: literal(g, e.value, `${ex}name`)!,
    typeName: literal(g, e.value, `${ex}typeName`)!,
    path: literal(g, e.value, `${ex}path`)!,
  }));
  assert.ok(entities.length >= 3);
  const routes = readdirSync(join(out, 'src/routes'))
    .filter((f) => f !== 'index.ts')
    .sort();
  assert.deepEqual(routes, entities.map((e) => `${e.name}.ts`).sort());
  const model = read(out, 'src/model.ts');
  for (const e of entities) {
    assert.match(model, new RegExp(`export interface ${e.typeName} \\{`));
    assert.match(read(out, `src/routes/${e.name}.ts`), new RegExp(`resource<${e.typeName}>\\('${e.name}', '/${e.path}'\\)`));
  }
  assert.match(read(out, 'src/server.ts'), /process\.env\.PORT \?\? 4010/);
  const pkg = JSON.parse(read(out, 'package.json'));
  assert.deepEqual(Object.keys(pkg.devDependencies), ['typescript']);
  assert.equal(pkg.dependencies, undefined);

  if (SKIP_NPM) return t.skip('PACKS_E2E_SKIP_NPM=1');
  const output = installAndTest(t, out, ['test']);
  assert.match(output, new RegExp(`# pass ${2 + 2 * entities.length}\\b`));
  assert.match(output, /# fail 0/);
});

test('rust-cli: the generated crate passes cargo test --offline', (t) => {
  const out = generate('rust-cli', { project_name: 'text-stat', edition: '2024', author_name: 'Ada', author_email: 'ada@example.org' });
  const cargoToml = parseToml(read(out, 'Cargo.toml')) as {
    package: { name: string; edition: string; authors: string[] };
    dependencies?: object;
  };
  assert.equal(cargoToml.package.name, 'text-stat');
  assert.equal(cargoToml.package.edition, '2024');
  assert.deepEqual(cargoToml.package.authors, ['Ada <ada@example.org>']);
  assert.equal(Object.keys(cargoToml.dependencies ?? {}).length, 0, 'standard library only');

  if (sh('cargo', ['--version'], out).code !== 0) return t.skip('cargo is not installed');
  const t0 = Date.now();
  const r = sh('cargo', ['test', '--offline'], out, 600_000, { CARGO_TARGET_DIR: join(out, 'target') });
  assert.equal(r.code, 0, r.out);
  t.diagnostic(`cargo test --offline ${Date.now() - t0} ms`);
  const passed = [...r.out.matchAll(/test result: ok\. (\d+) passed/g)].reduce((n, m) => n + Number(m[1]), 0);
  assert.ok(passed >= 9, `expected the unit and CLI tests to run, got ${passed}`);
});

test('react-vite-app: index.html escapes, and the app type-checks and passes vitest', (t) => {
  const out = generate('react-vite-app', { project_name: 'acme-dash', app_title: 'Acme & Co', theme_color: '#b91c1c', counter_limit: 7 });
  const html = read(out, 'index.html');
  assert.match(html, /<title>Acme &amp; Co<\/title>/);
  assert.match(html, /content="#b91c1c"/);
  assert.match(read(out, 'src/config.ts'), /APP_TITLE = 'Acme & Co'/, 'no HTML escaping outside .html');
  assert.match(read(out, 'vite.config.ts'), /port: 5173/);
  assert.equal(JSON.parse(read(out, 'package.json')).name, 'acme-dash');

  if (SKIP_NPM) return t.skip('PACKS_E2E_SKIP_NPM=1');
  const output = installAndTest(t, out, ['test']);
  assert.match(output, /Tests\s+3 passed/);
});

test('devops-pack: YAML parses and GitHub expressions pass through untouched', () => {
  const out = generate('devops-pack', { project_name: 'shop', api_port: 9000, node_version: '20' });
  const ci = read(out, '.github/workflows/ci.yml');
  assert.equal(ci, packFile('devops-pack', 'templates/ci/.github/workflows/ci.yml'), 'copied byte for byte');
  assert.ok(ci.includes('${{ secrets.REGISTRY_TOKEN }}') && ci.includes('${{ github.ref }}'));
  const workflow = parseYaml(ci);
  assert.deepEqual(Object.keys(workflow.jobs), ['test', 'image']);

  const compose = parseYaml(read(out, 'docker-compose.yml'));
  assert.deepEqual(compose.services.shop.ports, ['9000:9000']);
  assert.equal(compose.services.shop.environment.PORT, '9000');
  const dockerfile = read(out, 'Dockerfile');
  assert.match(dockerfile, /^FROM node:20-alpine AS deps$/m);
  assert.match(dockerfile, /^EXPOSE 9000$/m);
  assert.match(read(out, '.dockerignore'), /^node_modules$/m);
});

test('monitoring-pack: Prometheus and Grafana files parse, alert templates survive', () => {
  const out = generate('monitoring-pack', { project_name: 'shop', api_port: 9000, scrape_interval: '5s' });
  const prom = parseYaml(read(out, 'monitoring/prometheus/prometheus.yml'));
  assert.equal(prom.global.scrape_interval, '5s');
  const job = prom.scrape_configs.find((c: { job_name: string }) => c.job_name === 'shop');
  assert.deepEqual(job.static_configs[0].targets, ['shop:9000']);

  const alerts = read(out, 'monitoring/prometheus/alerts.yml');
  assert.equal(alerts, packFile('monitoring-pack', 'templates/prometheus/alerts.yml'));
  assert.ok(alerts.includes('{{ $labels.instance }}'));
  const rules = parseYaml(alerts).groups[0].rules.map((r: { alert: string }) => r.alert);
  assert.deepEqual(rules, ['InstanceDown', 'HighErrorRate', 'NoTraffic']);

  const dashboard = JSON.parse(read(out, 'monitoring/grafana/dashboards/shop.json'));
  assert.equal(dashboard.uid, 'shop-overview');
  assert.ok(dashboard.panels.every((p: { targets: { expr: string }[] }) => p.targets.every((q) => q.expr.includes('job="shop"'))));
  assert.equal(parseYaml(read(out, 'monitoring/grafana/provisioning/datasources/prometheus.yml')).datasources[0].type, 'prometheus');
  assert.ok(parseYaml(read(out, 'docker-compose.monitoring.yml')).services.grafana);
});

test('startup-pack: startup + devops + monitoring in one command, and its API passes npm test', () => {
  const out = generate('startup-pack', { project_name: 'myapp', api_port: 8080, app_title: 'Acme & Co' });
  const files = walk(out);
  for (const f of [
    'package.json',
    'src/app.js',
    'web/index.html',
    'README.md',
    'Dockerfile',
    '.github/workflows/ci.yml',
    'monitoring/prometheus/prometheus.yml',
    'monitoring/grafana/dashboards/myapp.json',
  ]) {
    assert.ok(files.includes(f), `${f} generated`);
  }
  const lock = parseToml(read(out, 'packs.lock')) as { packs: { name: string }[] };
  assert.deepEqual(
    lock.packs.map((p) => p.name),
    ['devops-pack', 'monitoring-pack', 'startup-pack'],
  );
  assert.match(read(out, 'web/index.html'), /<title>Acme &amp; Co<\/title>/);
  assert.match(read(out, 'README.md'), /^# Acme & Co$/m);
  // The pieces agree: the service devops builds is the one monitoring scrapes.
  assert.deepEqual(parseYaml(read(out, 'docker-compose.yml')).services.myapp.ports, ['8080:8080']);
  assert.deepEqual(parseYaml(read(out, 'monitoring/prometheus/prometheus.yml')).scrape_configs[1].static_configs[0].targets, [
    'myapp:8080',
  ]);

  const r = sh('npm', ['test'], out, 120_000);
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /# pass 5\b/);

  const alone = generate('startup-pack', { project_name: 'solo' }, ['--no-dependencies']);
  assert.ok(!existsSync(join(alone, 'Dockerfile')) && !existsSync(join(alone, 'monitoring')));
  assert.ok(existsSync(join(alone, 'web/index.html')));
});

test('k8s-manifests: one Deployment (+ Service with a port) per service of the RDF model in the environment', () => {
  const svc = 'https://example.org/ggen/k8s#';
  const g = loadGraph(join(PACKS, 'k8s-manifests/graphs/services.ttl'));
  /** What the model says must be deployed to `env`: name → { replicas, port? }. */
  const expected = (env: string) => {
    const want = new Map<string, { replicas: number; port?: number }>();
    for (const s of g.getSubjects(RDF_TYPE, namedNode(`${svc}Service`), null)) {
      for (const d of g.getObjects(s, namedNode(`${svc}deployment`), null)) {
        if (g.getObjects(d, namedNode(`${svc}environment`), null)[0]?.value !== env) continue;
        const port = literal(g, s.value, `${svc}port`);
        const replicas = g.getObjects(d, namedNode(`${svc}replicas`), null)[0];
        assert.ok(replicas, `deployment ${d.value} declares its replicas`);
        want.set(literal(g, s.value, `${svc}name`)!, {
          replicas: Number(replicas.value),
          ...(port === undefined ? {} : { port: Number(port) }),
        });
      }
    }
    return want;
  };

  for (const env of ['production', 'development']) {
    const out = generate('k8s-manifests', { environment: env, namespace: 'shop', image_tag: '1.4.2' });
    const want = expected(env);
    const manifests = readdirSync(join(out, 'k8s')).filter((f) => !['namespace.yaml', 'kustomization.yaml', 'ingress.yaml'].includes(f));
    assert.deepEqual(manifests.sort(), [...want.keys()].map((n) => `${n}.yaml`).sort(), `${env}: one file per deployed service`);
    for (const [name, { replicas, port }] of want) {
      const docs = parseAllDocuments(read(out, `k8s/${name}.yaml`)).map((d) => {
        assert.deepEqual(d.errors, []);
        return d.toJS();
      });
      assert.deepEqual(
        docs.map((d) => d.kind),
        port === undefined ? ['Deployment'] : ['Deployment', 'Service'],
      );
      const [deployment, service] = docs;
      assert.equal(deployment.metadata.name, name);
      assert.equal(deployment.metadata.namespace, 'shop');
      assert.equal(deployment.spec.replicas, replicas);
      assert.match(deployment.spec.template.spec.containers[0].image, /:1\.4\.2$/);
      if (port !== undefined) assert.equal(service.spec.ports[0].port, port);
    }
    const kustomization = parseYaml(read(out, 'k8s/kustomization.yaml'));
    assert.equal(kustomization.namespace, 'shop');
    for (const name of want.keys()) assert.ok(kustomization.resources.includes(`${name}.yaml`));
    const ingress = parseYaml(read(out, 'k8s/ingress.yaml'));
    assert.equal(ingress.kind, 'Ingress');
    assert.equal(ingress.spec.rules[0].host, `${env}.example.local`);
    assert.equal(parseYaml(read(out, 'k8s/namespace.yaml')).metadata.name, 'shop');
  }
});

test('docs-site: pages, index table and nav come from the RDF model', () => {
  const doc = 'https://example.org/ggen/docs-site#';
  const g = loadGraph(join(PACKS, 'docs-site/graphs/site.ttl'));
  const pages = g.getSubjects(RDF_TYPE, namedNode(`${doc}Page`), null).map((p) => ({
    slug: literal(g, p.value, `${doc}slug`)!,
    title: literal(g, p.value, `${doc}title`)!,
  }));
  const out = generate('docs-site', { site_name: 'Acme Docs' });

  const rows = markdownRows(read(out, 'docs/index.md'));
  const linked = rows.map((r) => {
    const link = /^\[(.+)\]\((.+)\.md\)$/.exec(r[0] ?? '');
    assert.ok(link, `index row starts with a page link: ${r.join(' | ')}`);
    return link.slice(1, 3);
  });
  assert.deepEqual(linked.map(([, slug]) => slug).sort(), pages.map((p) => p.slug).sort());
  for (const [title, slug] of linked) {
    assert.equal(title, pages.find((p) => p.slug === slug)!.title);
    assert.match(read(out, `docs/${slug}.md`), /^# /, `docs/${slug}.md exists`);
  }
  const nav = parseYaml(read(out, 'mkdocs.yml')).nav.map((entry: Record<string, string>) => Object.values(entry)[0]);
  assert.deepEqual(nav, ['index.md', ...linked.map(([, slug]) => `${slug}.md`)], 'nav follows the index order');
  assert.equal(markdownRows(read(out, 'docs/glossary.md')).length, g.getSubjects(RDF_TYPE, namedNode(`${doc}Term`), null).length);
});

test('ontology-docs: the class index matches an independent enumeration of the ontology', () => {
  const OWL_CLASS = namedNode('http://www.w3.org/2002/07/owl#Class');
  const RDFS_CLASS = namedNode('http://www.w3.org/2000/01/rdf-schema#Class');
  // All six ontologies of the real-world corpus (written outside this project, MIT: LICENSE.ggen).
  const cases = [
    { file: 'trading.ttl', type: OWL_CLASS, kind: 'owl:Class', min: 50 },
    { file: 'api_gateway_service_mesh.ttl', type: OWL_CLASS, kind: 'owl:Class', min: 50 },
    { file: 'hl7-v2.ttl', type: OWL_CLASS, kind: 'owl:Class', min: 20 },
    { file: 'workflow_automation_engine.ttl', type: OWL_CLASS, kind: 'owl:Class', min: 70 },
    { file: 'inventory.ttl', type: RDFS_CLASS, kind: 'rdfs:Class', min: 20 },
    { file: 'task-management.ttl', type: RDFS_CLASS, kind: 'rdfs:Class', min: 4 },
  ];
  for (const { file, type, kind, min } of cases) {
    const data = join(FIXTURES, file);
    const g = loadGraph(data);
    const classes = g.getSubjects(RDF_TYPE, type, null).filter((c) => c.termType === 'NamedNode');
    const expected = classes.map((c) => `${g.getObjects(c, RDFS_LABEL, null)[0]?.value} → ${c.value.replace(/^.*[#/]/, '')}`).sort();
    assert.ok(expected.length >= min, `${file} has at least ${min} classes, found ${expected.length}`);

    const out = generate('ontology-docs', { title: 'Reference' }, ['--data', data]);
    const rows = markdownRows(read(out, 'docs/index.md'));
    const listed = rows.map((r) => {
      const link = /^\[(.+)\]\(classes\/(.+)\.md\)$/.exec(r[0] ?? '');
      assert.ok(link, `class index row starts with a class link: ${r.join(' | ')}`);
      const [, label, slug] = link;
      assert.equal(r[1], kind);
      return `${label} → ${slug}`;
    });
    assert.deepEqual([...listed].sort(), expected, `${file}: one row per class, with its label`);
    for (const c of classes) {
      const page = read(out, `docs/classes/${c.value.replace(/^.*[#/]/, '')}.md`);
      assert.ok(page.includes(`\`${c.value}\``), `page of ${c.value} names its IRI`);
    }
    assert.equal(readdirSync(join(out, 'docs/classes')).length, classes.length);
    assert.ok(markdownRows(read(out, 'docs/properties.md')).length > 0);

    // Deterministic: a second generation is byte-identical.
    const again = generate('ontology-docs', { title: 'Reference' }, ['--data', data]);
    for (const f of walk(join(out, 'docs'))) assert.equal(read(again, `docs/${f}`), read(out, `docs/${f}`), f);
  }
});
