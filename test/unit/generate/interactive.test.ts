// `generate --interactive`: asks for what --var did not set, re-asks on invalid answers, keeps the
// default on an empty answer, and the answers rank below --var.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { promptVariables } from '../../../engine/cli/prompt-variables';
import { header, localTemplate, tempDir, writeTree } from './fixture';
import { variableDef } from '../../support/variable-def';

const CLI = resolve(__dirname, '../../../dist/cli.js');

const def = variableDef;

test('promptVariables re-asks until an answer is valid and skips what is already given', async () => {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (d) => (shown += d));
  input.end('99999\n8080\n\nprod\n');
  const layer = await promptVariables(
    [
      def('given', { required: true }),
      def('port', { type: 'integer', description: 'Port', validation: { min: 1024, max: 65535 }, required: true }),
      def('region', { default: 'eu', description: 'Region' }),
      def('env', { type: 'enum', values: ['dev', 'prod'] }),
    ],
    new Set(['given']),
    input,
    output,
  );
  assert.deepEqual(layer.values, { port: 8080, env: 'prod' });
  assert.doesNotMatch(shown, /given:/);
  assert.match(shown, /port: Port \(required\): +port must be ≤ 65535; got 99999\nport: Port/);
  assert.match(shown, /region: Region \[eu\]: /);
  assert.match(shown, /env: env \(dev\/prod\): /);
});

test('generate --interactive with piped answers; --var still wins', () => {
  const pack = writeTree({
    'pack.toml':
      header('ask-me') +
      localTemplate('t', 'tpl') +
      '[[variables]]\nname = "name"\ntype = "string"\nrequired = true\n[variables.validation]\npattern = "^[a-z]+$"\n\n' +
      '[[variables]]\nname = "color"\ntype = "string"\ndefault = "blue"\n\n[[variables]]\nname = "size"\ntype = "integer"\ndefault = 1\n',
    'tpl/out.txt.mustache': '{{name}} {{color}} {{size}}\n',
  });
  const out = join(tempDir(), 'out');
  const r = spawnSync(process.execPath, [CLI, 'generate', pack, '--output', out, '--interactive', '--var', 'size=3'], {
    input: 'Not Valid\nwidget\n\n',
    encoding: 'utf8',
    env: { ...process.env, GGEN_HOME: tempDir() },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(join(out, 'out.txt'), 'utf8'), 'widget blue 3\n');
  assert.match(r.stderr, /name must match/);
  assert.doesNotMatch(r.stderr, /size:/, '--var size was not asked');
});
