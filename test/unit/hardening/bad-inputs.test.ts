// Hardening: every bad input is a clear error — the exit code of its class (SPEC §10: 2 validation,
// 4 generation, 6 path escape, 7 not found; never 1), the file and line:col, what to do — and with
// --format json exactly one envelope. Each test is one class of input, run through the built CLI
// (dist/cli.js) with a fresh GGEN_HOME.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tar from 'tar';
import type { CliEnvelope, Issue } from '../../../protocol';
import { writeTree } from '../generate/fixture';

const CLI = resolve(__dirname, '../../../dist/cli.js');

interface Run {
  code: number | null;
  /** Human mode: issues and the error, as the user reads them (stderr); null when not run. */
  human: string | null;
  /** --format json: the one envelope on stdout. */
  doc: CliEnvelope;
}

/**
 * Run the CLI in `cwd` with --format json (and, unless `jsonOnly`, also in human mode: both must exit
 * alike). Stdout of the json run must be one JSON document.
 */
function cli(cwd: string, ...args: string[]): Run {
  return run(cwd, args, false);
}

function run(cwd: string, args: string[], jsonOnly: boolean): Run {
  const env = { ...process.env, GGEN_HOME: join(cwd, 'home'), NO_COLOR: '1' };
  const opts = { cwd, encoding: 'utf8' as const, env, maxBuffer: 512 * 1024 * 1024 };
  const json = spawnSync(process.execPath, [CLI, ...args, '--format', 'json'], opts);
  const human = jsonOnly ? null : spawnSync(process.execPath, [CLI, ...args], opts);
  if (human) assert.equal(json.status, human.status, `human and json runs exit alike: ${human.stderr}`);
  let doc: CliEnvelope;
  try {
    doc = JSON.parse(json.stdout) as CliEnvelope;
  } catch {
    assert.fail(`--format json stdout is not one JSON document:\n${json.stdout}\n${json.stderr}`);
  }
  return { code: json.status, human: human ? human.stderr : null, doc };
}

/** A failure of exit `exit`: ok false, a non-null error whose code matches, the message in both outputs. */
function assertFails(r: Run, exit: number, message: RegExp): NonNullable<CliEnvelope['error']> {
  assert.equal(r.code, exit, r.human ?? JSON.stringify(r.doc.error));
  assert.notEqual(r.code, 1, 'never the internal exit code');
  assert.equal(r.doc.ok, false);
  const error = r.doc.error;
  assert.ok(error, `error is set: ${JSON.stringify(r.doc)}`);
  assert.notEqual(error.code, 'internal');
  assert.match(error.message, message);
  if (r.human !== null) assert.match(r.human, message);
  return error;
}

/** The issue of `code`, pointing at `file` (suffix) at line:col, in the envelope. */
function issueAt(r: Run, code: string, file: string, line: number, column: number): Issue {
  const found = r.doc.issues.find((i) => i.code === code && i.file?.endsWith(file));
  assert.ok(found, `an issue ${code} in ${file}: ${JSON.stringify(r.doc.issues)}`);
  assert.deepEqual(found.range?.start, { line, column }, JSON.stringify(found));
  return found;
}

const base = () => mkdtempSync(join(tmpdir(), 'packs-hardening-'));

const manifest = (body = '', name = 'demo-pack') =>
  `[metadata]\nname = "${name}"\nversion = "1.0.0"\ndescription = "A pack for the hardening tests"\ncategory = "custom"\n\n` +
  `[[templates]]\nalias = "main"\n${body}\n[templates.source]\ntype = "local"\npath = "templates/main"\n`;

const QUERY = `\n[[queries]]\nname = "things"\n[queries.source]\ntype = "inline"\nquery = "SELECT ?s WHERE { ?s ?p ?o }"\n`;
const BROKEN_TTL = '@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b "unterminated .\nex:d ex:e ex:f .\n';

test('an RDF file with a syntax error: validate and generate report it at file:line:col (exit 2)', () => {
  const dir = base();
  for (const [name, extra] of [
    ['with-query', QUERY],
    ['no-query', ''],
  ] as const) {
    writeTree(
      {
        'pack.toml': manifest() + `\n[rdf]\nfiles = ["graphs/domain.ttl"]\n` + extra,
        'templates/main/a.txt.mustache': 'hello\n',
        'graphs/domain.ttl': BROKEN_TTL,
      },
      join(dir, name),
    );
    const v = cli(dir, 'validate', `./${name}`);
    assertFails(v, 2, /graphs\/domain\.ttl:3:11/);
    const issue = issueAt(v, 'packs/rdf-syntax', 'graphs/domain.ttl', 3, 11);
    assert.equal(issue.severity, 'error');
    assert.match(issue.message, /RDF syntax error in graphs\/domain\.ttl:3:11: Unexpected/);
    assert.match(v.human ?? '', /domain\.ttl:3:11: error packs\/rdf-syntax/);
    assert.equal((v.doc.data as { valid: boolean }).valid, false);
  }
  // generate refuses before writing anything, naming the same place
  const g = cli(dir, 'generate', './with-query', '--output', 'out');
  assertFails(g, 2, /domain\.ttl:3:11/);
  issueAt(g, 'packs/rdf-syntax', 'graphs/domain.ttl', 3, 11);
  assert.equal(existsSync(join(dir, 'out')), false);
});

test('files that are not there or not files: pack.toml a directory, a template symlink loop, --data / data: / import bundles', async () => {
  const dir = base();
  // pack.toml is a directory: not found (7), naming it, for every verb that loads it
  writeTree({ 'templates/main/a.txt': 'a' }, join(dir, 'dirpack'));
  mkdirSync(join(dir, 'dirpack', 'pack.toml'));
  for (const args of [
    ['validate', './dirpack'],
    ['generate', './dirpack', '--output', 'out'],
  ]) {
    assertFails(cli(dir, ...args), 7, /pack\.toml is a directory, not a file/);
  }

  // a symbolic link back to its own folder: a generation error naming the link, not ELOOP after 40 levels
  writeTree({ 'pack.toml': manifest(), 'templates/main/a.txt.mustache': 'hello\n' }, join(dir, 'looppack'));
  symlinkSync('.', join(dir, 'looppack', 'templates', 'main', 'loop'));
  const loop = assertFails(
    cli(dir, 'generate', './looppack', '--output', 'out'),
    4,
    /templates\/main\/loop is a symbolic link to templates\/main.*loop/,
  );
  assert.match(loop.hint ?? '', /excludes/);
  assert.equal(existsSync(join(dir, 'out')), false);

  // --data: missing → 7 naming the argument (also for a pack without queries); unparsable → 2 at file:line:col
  writeTree(
    { 'pack.toml': manifest() + QUERY, 'templates/main/a.txt.mustache': 'hello\n', 'bad.ttl': 'garbage <<< .\n' },
    join(dir, 'qpack'),
  );
  writeTree({ 'pack.toml': manifest(), 'templates/main/a.txt.mustache': 'hello\n' }, join(dir, 'plain'));
  for (const p of ['./qpack', './plain']) {
    assertFails(cli(dir, 'generate', p, '--output', 'out', '--data', 'nothere.ttl'), 7, /--data nothere\.ttl does not exist/);
  }
  const bad = cli(dir, 'generate', './qpack', '--output', 'out', '--data', 'qpack/bad.ttl');
  assertFails(bad, 2, /bad\.ttl:1:1: Unexpected "garbage"/);
  issueAt(bad, 'packs/rdf-syntax', 'bad.ttl', 1, 1);
  assert.equal(existsSync(join(dir, 'out')), false);

  // a composition's data: loads through the same graph loader
  assert.equal(cli(dir, 'install', './qpack').code, 0);
  writeFileSync(join(dir, 'comp.yaml'), 'name: c\npacks:\n  - name: demo-pack\ndata:\n  - missing.ttl\n');
  assertFails(cli(dir, 'compose', '--composition-file', 'comp.yaml', '--output', 'cout'), 7, /missing\.ttl does not exist/);
  writeFileSync(join(dir, 'comp.yaml'), 'name: c\npacks:\n  - name: demo-pack\ndata:\n  - qpack/bad.ttl\n');
  const compBad = cli(dir, 'compose', '--composition-file', 'comp.yaml', '--output', 'cout');
  assertFails(compBad, 2, /bad\.ttl:1:1/);
  issueAt(compBad, 'packs/rdf-syntax', 'bad.ttl', 1, 1);

  // import: a bundle that is not there / a directory → 7; a bundle lacking a file its manifest lists → 2 naming it
  assertFails(cli(dir, 'import', 'nothere.tar.gz'), 7, /nothere\.tar\.gz does not exist/);
  mkdirSync(join(dir, 'adir.tar.gz'));
  assertFails(cli(dir, 'import', 'adir.tar.gz'), 7, /adir\.tar\.gz is a directory/);
  assert.equal(cli(dir, 'export', './plain', '--output', 'b.tar.gz').code, 0);
  const unpacked = join(dir, 'unpacked');
  mkdirSync(unpacked);
  await tar.x({ file: join(dir, 'b.tar.gz'), cwd: unpacked });
  const lacking = 'packs/demo-pack@1.0.0/templates/main/a.txt.mustache';
  assert.ok(existsSync(join(unpacked, lacking)));
  rmSync(join(unpacked, lacking));
  await tar.c({ file: join(dir, 'lacking.tar.gz'), gzip: true, cwd: unpacked }, ['ggen-bundle.json', 'packs']);
  assertFails(cli(dir, 'import', 'lacking.tar.gz'), 2, /a\.txt\.mustache listed but missing/);
});

test('huge inputs: 150,000 variables lint without a stack overflow; a 56 MB template is refused by size before it is read', () => {
  const dir = base();
  // Inline tables keep the manifest small (4.5 MB) while declaring 150,000 variables.
  const vars = Array.from({ length: 150_000 }, (_, i) => `{name="v${i}",type="string"}`).join(',');
  writeTree({ 'pack.toml': `variables = [${vars}]\n` + manifest(), 'templates/main/a.txt': 'a' }, join(dir, 'many'));
  const many = run(dir, ['validate', './many'], true); // 150,000 warnings: the human listing adds nothing here
  assertFails(many, 2, /150000 variables: the limit is 100 variables per pack/);
  assert.deepEqual(
    many.doc.issues.filter((i) => i.code === 'packs/internal'),
    [],
    'no lint rule fails (push(...150,000 issues) overflowed the stack)',
  );
  issueAt(many, 'packs/limit-exceeded', 'pack.toml', 1, 1);
  assert.ok(many.doc.issues.filter((i) => i.code === 'packs/unused-variable').length >= 150_000);

  // A sparse 56 MB template: validate answers with the template limit, at the manifest's source path.
  writeTree({ 'pack.toml': manifest(), 'templates/main/big.txt.mustache': '' }, join(dir, 'big'));
  truncateSync(join(dir, 'big', 'templates', 'main', 'big.txt.mustache'), 56 * 1024 * 1024);
  const big = cli(dir, 'validate', './big');
  assertFails(big, 2, /big\.txt\.mustache is 56\.0 MB: the template file limit is 10 MB/);
  const at = issueAt(big, 'packs/limit-exceeded', 'pack.toml', 12, 8);
  assert.match(at.message, /templates\/main\/big\.txt\.mustache/);
  // generate refuses it too, by the same limit (a generation error while reading templates, or the validation gate)
  const gen = cli(dir, 'generate', './big', '--output', 'out');
  assertFails(gen, gen.code === 2 ? 2 : 4, /big\.txt\.mustache is 56\.0 MB.*the template file limit is 10 MB/);
  assert.equal(existsSync(join(dir, 'out')), false);
});

test('absolute output paths (output_path, file names, from values too) are a path escape (exit 6), not an empty segment', () => {
  const dir = base();
  const cases: [string, Record<string, string>, string[], RegExp][] = [
    ['literal', { 'pack.toml': manifest('output_path = "/etc/packs-hardening"') }, [], /"\/etc\/packs-hardening\/a\.txt"/],
    ['drive', { 'pack.toml': manifest('output_path = "C:/x"') }, [], /"C:\/x\/a\.txt"/],
    [
      'from-value',
      { 'pack.toml': manifest('output_path = "{{root}}/x"') + '\n[[variables]]\nname = "root"\ntype = "string"\ndefault = "/etc"\n' },
      [],
      /"\/etc\/x\/a\.txt"/,
    ],
    [
      'file-name',
      {
        'pack.toml': manifest() + '\n[[variables]]\nname = "target"\ntype = "string"\ndefault = "x"\n',
        'templates/main/{{target}}.mustache': 'hi\n',
      },
      ['--var', 'target=C:/x'],
      /"C:\/x"/,
    ],
  ];
  for (const [name, files, extra, path] of cases) {
    writeTree({ 'templates/main/a.txt.mustache': 'hello\n', ...files }, join(dir, name));
    const r = cli(dir, 'generate', `./${name}`, '--output', 'out', ...extra);
    const error = assertFails(r, 6, path);
    assert.equal(error.code, 'permission', name);
    assert.match(error.message, /the path is absolute/, name);
    assert.doesNotMatch(error.message, /empty path segment/, name);
    assert.equal(existsSync(join(dir, 'out')), false, name);
  }
  assert.equal(existsSync('/etc/packs-hardening'), false);
  // An EMPTY leading variable is still an empty path segment (exit 4), not an absolute path.
  writeTree(
    {
      'pack.toml': manifest() + '\n[[variables]]\nname = "sub"\ntype = "string"\ndefault = ""\n',
      'templates/main/{{sub}}/y.txt': 'y',
    },
    join(dir, 'empty'),
  );
  assertFails(cli(dir, 'generate', './empty', '--output', 'out'), 4, /empty path segment/);
});

test('an empty manifest and `version = 1` get positioned issues, from validate and generate (exit 2)', () => {
  const dir = base();
  writeTree({ 'pack.toml': '' }, join(dir, 'empty'));
  writeTree({ 'pack.toml': manifest().replace('version = "1.0.0"', 'version = 1'), 'templates/main/a.txt': 'a' }, join(dir, 'numeric'));
  const emptyV = cli(dir, 'validate', './empty');
  assertFails(emptyV, 2, /Missing required field `metadata`/);
  issueAt(emptyV, 'packs/missing-field', 'empty/pack.toml', 1, 1);
  const emptyG = cli(dir, 'generate', './empty', '--output', 'out');
  assertFails(emptyG, 2, /empty\/pack\.toml:1:1: Missing required field `metadata`/);
  issueAt(emptyG, 'packs/missing-field', 'empty/pack.toml', 1, 1);

  const numV = cli(dir, 'validate', './numeric');
  assertFails(numV, 2, /`metadata\.version` must be a string, not an integer/);
  issueAt(numV, 'packs/invalid-type', 'numeric/pack.toml', 3, 11);
  const numG = cli(dir, 'generate', './numeric', '--output', 'out');
  assertFails(numG, 2, /numeric\/pack\.toml:3:11: `metadata\.version` must be a string, not an integer/);
  issueAt(numG, 'packs/invalid-type', 'numeric/pack.toml', 3, 11);
  assert.match(numG.human ?? '', /3 \| version = 1/);
  assert.equal(existsSync(join(dir, 'out')), false);
});
