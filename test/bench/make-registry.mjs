#!/usr/bin/env node
// Creates a synthetic local registry for performance measurements:
//   node --import tsx test/bench/make-registry.mjs <home> <count>
// writes <home>/packs/<name>@<version>/pack.toml for `count` packs plus the index, serialized by the
// engine's own formatIndexLines (integrity computed exactly as engine/registry/integrity.ts does).
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatIndexLines } from '../../engine/registry/index-lines.ts';
import { INDEX_VERSION, indexFile } from '../../engine/registry/local-index.ts';

const [home, countArg] = process.argv.slice(2);
if (!home || !countArg) {
  console.error('usage: node --import tsx test/bench/make-registry.mjs <home> <count>');
  process.exit(2);
}
const count = Number(countArg);
const WORDS = [
  'api',
  'service',
  'react',
  'rust',
  'kafka',
  'terraform',
  'grafana',
  'docs',
  'graphql',
  'auth',
  'cache',
  'queue',
  'lambda',
  'etl',
  'spark',
  'model',
  'vision',
  'cli',
  'helm',
  'nginx',
  'postgres',
  'redis',
  'vue',
  'svelte',
  'django',
  'flask',
  'spring',
  'gateway',
  'mesh',
  'metrics',
  'tracing',
  'billing',
  'search',
  'storage',
  'mobile',
  'desktop',
  'game',
  'iot',
  'edge',
  'ledger',
];
const CATS = [
  'startup',
  'devops',
  'frontend',
  'backend',
  'microservice',
  'data-engineering',
  'machine-learning',
  'monitoring',
  'documentation',
  'testing',
  'security',
  'custom',
];
const pick = (i, k) => WORDS[(i * 7 + k * 13) % WORDS.length];

const packsDir = join(home, 'packs');
mkdirSync(packsDir, { recursive: true });
const entries = [];
const t0 = Date.now();
for (let i = 0; i < count; i++) {
  const name = `${pick(i, 0)}-${pick(i, 1)}-${String(i).padStart(5, '0')}`;
  const version = `${1 + (i % 3)}.${i % 10}.0`;
  const category = CATS[i % CATS.length];
  const tags = [pick(i, 2), pick(i, 3)];
  const title = `${pick(i, 0)} ${pick(i, 1)} pack ${i}`;
  const description = `Generates a ${pick(i, 0)} ${pick(i, 4)} project with ${pick(i, 5)} and ${pick(i, 6)} support (synthetic pack ${i}).`;
  const deps = i > 0 && i % 4 === 0 ? [{ name: entries[i - 1].name, range: `^${entries[i - 1].version}`, optional: false }] : [];
  const toml = [
    '[metadata]',
    `name = "${name}"`,
    `version = "${version}"`,
    `title = "${title}"`,
    `description = "${description}"`,
    `category = "${category}"`,
    `tags = ${JSON.stringify(tags)}`,
    '',
    '[[templates]]',
    `alias = "${pick(i, 7)}"`,
    '[templates.source]',
    'type = "inline"',
    'content = "Hello {{name}}"',
    'format = "single_file"',
    'to = "hello.txt"',
    '',
    '[dependencies]',
    ...deps.map((d) => `"${d.name}" = "${d.range}"`),
    '',
  ].join('\n');
  const dir = join(packsDir, `${name}@${version}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'pack.toml'), toml);
  const data = Buffer.from(toml);
  const integrity =
    'sha512-' +
    createHash('sha512').update('pack.toml').update('\0').update(String(data.length)).update('\0').update(data).digest('base64');
  entries.push({
    name,
    version,
    title,
    description,
    category,
    tags,
    templates: [pick(i, 7)],
    dependencies: deps,
    integrity,
    explicit: i % 4 !== 3,
    from: 'bench',
    installedAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
  });
}
writeFileSync(indexFile(home), formatIndexLines({ version: INDEX_VERSION, stamp: randomBytes(8).toString('hex') }, entries));
console.log(`${count} packs in ${packsDir} (${Date.now() - t0} ms)`);
