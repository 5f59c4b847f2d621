import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planGeneration } from '../../../engine/generate';
import { GenerationError } from '../../../engine/errors';
import { localTemplate, makePack, variable } from '../generate/fixture';

const vars = (values: Record<string, string>) => [{ source: '--var', values, unknown: 'error' as const }];
const byPath = (files: { path: string; content: Buffer }[]) => Object.fromEntries(files.map((f) => [f.path, f.content.toString('utf8')]));

test('no HTML escaping except in .html outputs, where {{{x}}} does not escape', async () => {
  const pack = makePack(localTemplate('t', 'tpl') + variable('x'), {
    'tpl/a.md.mustache': '{{x}}',
    'tpl/b.html.mustache': '{{x}}|{{{x}}}',
    'tpl/c.HTM.mustache': '{{x}}',
  });
  const plan = await planGeneration({ packs: [pack], layers: vars({ x: '<a href="/p">&</a>' }) });
  const out = byPath(plan.files);
  assert.equal(out['a.md'], '<a href="/p">&</a>');
  assert.equal(out['b.html'], '&lt;a href&#x3D;&quot;&#x2F;p&quot;&gt;&amp;&lt;&#x2F;a&gt;|<a href="/p">&</a>');
  assert.notEqual(out['c.HTM'], '<a href="/p">&</a>');
});

test('non-.mustache files pass through untouched; binaries are copied verbatim', async () => {
  const workflow = 'token: ${{ secrets.GITHUB_TOKEN }}\n';
  const alert = 'summary: "{{ $labels.instance }} down"\n';
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 0xff, 0xfe, 0x7b, 0x7b]);
  const binTpl = Buffer.concat([Buffer.from('{{x}}'), Buffer.from([0, 0xff])]);
  const pack = makePack(localTemplate('t', 'tpl') + variable('x'), {
    'tpl/.github/workflows/ci.yml': workflow,
    'tpl/alerts.yml': alert,
    'tpl/logo.png': png,
    'tpl/blob.bin.mustache': binTpl,
  });
  const plan = await planGeneration({ packs: [pack], layers: vars({ x: 'X' }) });
  const files = Object.fromEntries(plan.files.map((f) => [f.path, f.content]));
  assert.equal(files['.github/workflows/ci.yml']?.toString(), workflow);
  assert.equal(files['alerts.yml']?.toString(), alert);
  assert.ok(files['logo.png']?.equals(png));
  assert.ok(files['blob.bin']?.equals(binTpl), 'a binary .mustache file is copied, suffix dropped');
});

test('every relative path is a template, and the .mustache suffix is dropped', async () => {
  const pack = makePack(localTemplate('t', 'tpl', 'output_path = "apps/{{name}}"') + variable('name'), {
    'tpl/src/{{name}}/main.rs.mustache': 'fn main() { println!("{{name}}"); }',
    'tpl/{{name}}.txt': 'raw {{name}}',
  });
  const plan = await planGeneration({ packs: [pack], layers: vars({ name: 'demo' }) });
  assert.deepEqual(byPath(plan.files), {
    'apps/demo/src/demo/main.rs': 'fn main() { println!("demo"); }',
    'apps/demo/demo.txt': 'raw {{name}}',
  });
});

test('front matter: to (relative to output_path), empty to skips, when / !when, skip_if_exists', async () => {
  const pack = makePack(
    localTemplate('t', 'tpl', 'output_path = "out"') +
      variable('name') +
      variable('flag', 'default = ""') +
      `[[variables]]\nname = "on"\ntype = "boolean"\ndefault = true\n`,
    {
      'tpl/a.mustache': '---\nto: "renamed/{{name}}.txt"\n---\nA {{name}}\n',
      'tpl/b.mustache': '---\nto: ""\n---\nnever\n',
      'tpl/c.mustache': '---\nwhen: flag\n---\nC\n',
      'tpl/d.mustache': '---\nwhen: "!flag"\n---\nD\n',
      'tpl/e.mustache': '---\nwhen: on\nskip_if_exists: true\n---\nE\n',
    },
  );
  const plan = await planGeneration({ packs: [pack], layers: vars({ name: 'n' }) });
  assert.deepEqual(byPath(plan.files), { 'out/renamed/n.txt': 'A n\n', 'out/d': 'D\n', 'out/e': 'E\n' });
  assert.equal(plan.files.find((f) => f.path === 'out/e')!.skipIfExists, true);
  assert.equal(plan.files.find((f) => f.path === 'out/d')!.skipIfExists, false);
});

test('when: treats false, "", 0, "false", "0" and [] as false', async () => {
  for (const [type, value] of [
    ['string', '""'],
    ['integer', '0'],
    ['string', '"false"'],
    ['string', '"0"'],
    ['list', '[]'],
    ['boolean', 'false'],
  ]) {
    const pack = makePack(localTemplate('t', 'tpl') + `[[variables]]\nname = "v"\ntype = "${type}"\ndefault = ${value}\n`, {
      'tpl/x.mustache': '---\nwhen: v\n---\nX',
    });
    const plan = await planGeneration({ packs: [pack], layers: [] });
    assert.equal(plan.files.length, 0, `${type} ${value} should be falsy`);
  }
});

test('lambdas and list decoration (_index, _first, _last)', async () => {
  const pack = makePack(localTemplate('t', 'tpl') + variable('name') + `[[variables]]\nname = "items"\ntype = "list"\n`, {
    'tpl/x.mustache':
      '{{#pascal_case}}{{name}}{{/pascal_case}} {{#camel_case}}{{name}}{{/camel_case}} {{#snake_case}}{{name}}{{/snake_case}} ' +
      '{{#kebab_case}}{{name}}{{/kebab_case}} {{#upper}}{{name}}{{/upper}} {{#lower}}{{name}}{{/lower}}\n' +
      '[{{#items}}{{_index}}={{.}}{{#_first}}(first){{/_first}}{{^_last}},{{/_last}}{{/items}}]',
  });
  const plan = await planGeneration({ packs: [pack], layers: vars({ name: 'my-cool_App', items: 'a,b,c' }) });
  assert.equal(
    plan.files[0]?.content.toString(),
    'MyCoolApp myCoolApp my_cool_app my-cool-app MY-COOL_APP my-cool_app\n[0=a(first),1=b,2=c]',
  );
});

test('conditions compare string forms with every operator; derived variables render', async () => {
  const cond = (op: string, value: string) => `[[templates.conditions]]\nvariable = "mode"\noperator = "${op}"\nvalue = "${value}"\n`;
  const t = (alias: string, c: string) =>
    `[[templates]]\nalias = "${alias}"\n[templates.source]\ntype = "inline"\ncontent = "${alias} {{svc}}"\nto = "${alias}.txt"\n[templates.variables]\nsvc = "{{name}}-api"\n${c}\n`;
  const body =
    variable('name') +
    variable('mode') +
    `[[variables]]\nname = "flag"\ntype = "boolean"\n` +
    t('eq', cond('equals', 'prod-eu')) +
    t('ne', cond('not_equals', 'prod-eu')) +
    t('co', cond('contains', 'od-e')) +
    t('sw', cond('starts_with', 'prod')) +
    t('ew', cond('ends_with', 'us')) +
    t('ma', cond('matches', '^p[a-z]+-(eu|us)$')) +
    t('bo', `[[templates.conditions]]\nvariable = "flag"\noperator = "equals"\nvalue = "true"\n`);
  const pack = makePack(body);
  const plan = await planGeneration({ packs: [pack], layers: vars({ name: 'shop', mode: 'prod-eu', flag: 'yes' }) });
  assert.deepEqual(Object.keys(byPath(plan.files)).sort(), ['bo.txt', 'co.txt', 'eq.txt', 'ma.txt', 'sw.txt']);
  assert.equal(byPath(plan.files)['eq.txt'], 'eq shop-api');
  assert.deepEqual(plan.skippedTemplates.map((s) => s.template).sort(), ['ew', 'ne']);
});

test('--template filters, and order is priority then declaration', async () => {
  const inline = (alias: string, prio: number) =>
    `[[templates]]\nalias = "${alias}"\npriority = ${prio}\n[templates.source]\ntype = "inline"\ncontent = "${alias}"\nto = "${alias}.txt"\n`;
  const pack = makePack(inline('late', 50) + inline('first', 1) + inline('mid', 50));
  const all = await planGeneration({ packs: [pack], layers: [] });
  assert.deepEqual(
    all.files.map((f) => f.template),
    ['first', 'late', 'mid'],
  );
  const one = await planGeneration({ packs: [pack], layers: [], templates: ['mid'] });
  assert.deepEqual(
    one.files.map((f) => f.path),
    ['mid.txt'],
  );
  await assert.rejects(planGeneration({ packs: [pack], layers: [], templates: ['nope'] }), /No template "nope"/);
});

test('two files rendering to one path is an error naming both sources; empty segments are errors', async () => {
  const pack = makePack(localTemplate('t', 'tpl') + variable('dir', 'default = ""'), {
    'tpl/a.mustache': '---\nto: same.txt\n---\n1',
    'tpl/b.mustache': '---\nto: same.txt\n---\n2',
  });
  await assert.rejects(planGeneration({ packs: [pack], layers: [] }), (e: unknown) => {
    assert.ok(e instanceof GenerationError);
    assert.match(e.message, /same\.txt is produced by both demo-pack:tpl\/a\.mustache .* and demo-pack:tpl\/b\.mustache/);
    return true;
  });
  const empty = makePack(localTemplate('t', 'tpl') + variable('dir', 'default = ""'), { 'tpl/{{dir}}/x/y.txt': 'y' });
  await assert.rejects(planGeneration({ packs: [empty], layers: [] }), /empty path segment/);
});

test('template syntax errors name the file and line (after front matter)', async () => {
  const pack = makePack(localTemplate('t', 'tpl'), { 'tpl/x.mustache': '---\nto: x\n---\nok\n{{#open}}\n' });
  await assert.rejects(planGeneration({ packs: [pack], layers: [] }), /tpl\/x\.mustache:5:\d+.*Unclosed section/);
});

test('rendering is deterministic', async () => {
  const pack = makePack(localTemplate('t', 'tpl') + variable('name'), {
    'tpl/b/{{name}}.mustache': '{{name}}',
    'tpl/a.txt': 'a',
    'tpl/c.mustache': 'c',
  });
  const a = await planGeneration({ packs: [pack], layers: vars({ name: 'z' }) });
  const b = await planGeneration({ packs: [pack], layers: vars({ name: 'z' }) });
  assert.deepEqual(a.files, b.files);
  assert.deepEqual(
    a.files.map((f) => f.path),
    ['a.txt', 'b/z', 'c'],
  );
});

test('single-file and inline templates; limits name the limit', async () => {
  const pack = makePack(
    localTemplate('readme', 'templates/README.md.mustache', 'output_path = "docs"') +
      localTemplate('raw', 'templates/LICENSE') +
      `[[templates]]\nalias = "hello"\n[templates.source]\ntype = "inline"\ncontent = "Hello {{name}}"\nto = "hello-{{name}}.txt"\n` +
      variable('name', 'default = "ada"'),
    { 'templates/README.md.mustache': '# {{name}}\n', 'templates/LICENSE': 'MIT {{name}}\n' },
  );
  const plan = await planGeneration({ packs: [pack], layers: [] });
  assert.deepEqual(byPath(plan.files), { 'docs/README.md': '# ada\n', LICENSE: 'MIT {{name}}\n', 'hello-ada.txt': 'Hello ada' });

  const big = makePack(localTemplate('t', 'tpl'), { 'tpl/huge.bin': Buffer.alloc(10 * 1024 * 1024 + 1) });
  await assert.rejects(planGeneration({ packs: [big], layers: [] }), /template file limit is 10 MB/);
  const many = makePack(
    Array.from(
      { length: 101 },
      (_, i) => `[[templates]]\nalias = "t${i}"\n[templates.source]\ntype = "inline"\ncontent = "x"\nto = "f${i}"\n`,
    ).join(''),
  );
  await assert.rejects(planGeneration({ packs: [many], layers: [] }), /declares 101 templates; the limit is 100 templates/);
});
