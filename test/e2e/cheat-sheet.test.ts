// Every command of the design's CLI cheat sheet (test/fixtures/design/cheat-sheet.txt, verbatim with
// `ggen-pack` for `ggen pack`), run in order against the built CLI on a fresh $GGEN_HOME with the
// bundled catalog, as a user arriving with ggen's quick reference would: none may be refused as an
// unknown option, a missing argument or an unknown command, none may fail as an internal error, and each
// ends with the exit code that says what happened (0, or the documented code of a genuine outcome:
// the design's own example values break the catalog packs' rules, a URL needs the network).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const FIXTURES = join(ROOT, 'test/fixtures/design');

/** Split a cheat-sheet line into arguments (double quotes group words; no other shell syntax is used). */
function argv(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!).slice(1);
}

const REFUSED = /unknown option|missing required argument|too many arguments|unknown command/i;

/**
 * The exit code each command must end with when it is not 0, and why. Everything else must succeed.
 * A command listed here still has to explain itself on stderr (checked below).
 */
const EXPECTED: Record<string, [number, RegExp]> = {
  // The design's URL: fetching arrives with the distribution issue; until then a clear network answer.
  'install --source https://example.com/pack.tar.gz': [5, /network|download/i],
  // The cheat sheet uninstalls startup-pack just before updating it.
  'update startup-pack': [7, /not installed/i],
  // startup-pack requires project_name (no default), and the design's value "MyApp" breaks its
  // lowercase pattern; --interactive cannot prompt without a terminal.
  'generate startup-pack --output my-app': [2, /project_name/],
  'generate startup-pack --output my-app --var project_name=MyApp --var api_port=3000': [2, /project_name/],
  'generate startup-pack --output my-app --interactive': [2, /project_name/],
  'generate startup-pack --output my-app --dry-run': [2, /project_name/],
  'generate startup-pack --output my-app --template backend': [2, /project_name|backend/],
  'generate startup-pack --output my-app --skip-hooks': [2, /project_name/],
  'generate startup-pack --output my-app --skip-queries': [2, /project_name/],
  'generate startup-pack --output my-app --overwrite': [2, /project_name/],
  'compose --packs startup-pack,devops-pack,monitoring-pack --output my-complete-app': [2, /project_name/],
  // The design's composition sets project_name: MyApp (see above).
  'compose --composition-file composition.yaml --output my-app': [2, /project_name/],
  'plan --packs startup-pack,devops-pack --composition-file composition.yaml': [2, /project_name/],
  'plan --composition-file composition.yaml': [2, /project_name/],
  // pack1 and pack2 are placeholders of the design: not packs of any registry.
  'compose --packs pack1,pack2 --output my-app --resolve-conflicts ask': [3, /pack1/],
  // The two generated projects differ (their project names): merge marks the conflict and says so.
  'merge source-project/ target-project/ --strategy smart': [4, /conflict/],
  // `create` without a name asks for one; without a terminal it cannot.
  create: [2, /name/i],
  // A pack fresh from `create` scores below the publish gate (more than 80): publish says what to add.
  'publish ./my-pack/': [2, /maturity score \d+/],
  'publish ./my-pack/ --dry-run': [2, /maturity score \d+/],
  'publish ./my-pack/ --registry https://custom-registry.com': [2, /maturity score \d+/],
  // startup-pack has one version in the catalog.
  'diff startup-pack 1.2.0 1.3.0': [7, /1\.3\.0/],
  'diff startup-pack 1.2.0 1.3.0 --templates': [7, /1\.3\.0/],
};

test('every command of the design cheat sheet runs as written: none refused, none internal', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'packs-cheat-'));
  const env = { ...process.env, GGEN_HOME: join(cwd, '.ggen-home'), NO_COLOR: '1' };
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { code: r.status, out: `${r.stdout}\n${r.stderr}`, stderr: r.stderr };
  };
  const must = (args: string[]) => assert.equal(run(args).code, 0, args.join(' '));
  // What the cheat sheet assumes is there: a vars file, the design's composition file, two generated
  // projects to merge, a pack to lint, and a bundle named as the design names it.
  writeFileSync(join(cwd, 'vars.yaml'), 'project_name: myapp\napi_port: 3000\n');
  cpSync(join(FIXTURES, 'composition.yaml'), join(cwd, 'composition.yaml'));
  must(['generate', 'devops-pack', '--output', 'source-project', '--var', 'project_name=source']);
  must(['generate', 'devops-pack', '--output', 'target-project', '--var', 'project_name=target']);
  cpSync(join(ROOT, 'examples/packs/monitoring-pack'), join(cwd, 'my-pack'), { recursive: true });
  const prepare: Record<string, () => void> = {
    // `create --name my-pack … --output ./my-pack` makes the pack the publishing commands use.
    'create --name my-pack --category startup --output ./my-pack': () => rmSync(join(cwd, 'my-pack'), { recursive: true, force: true }),
    'import startup-pack.tar.gz': () => {
      if (existsSync(join(cwd, 'startup-pack.tar.gz'))) return;
      const made = readdirSync(cwd).find((f) => f.startsWith('startup-pack') && f.endsWith('.tar.gz'));
      assert.ok(made, 'export wrote a bundle');
      cpSync(join(cwd, made), join(cwd, 'startup-pack.tar.gz'));
    },
  };

  const lines = readFileSync(join(FIXTURES, 'cheat-sheet.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('ggen-pack'));
  assert.ok(lines.length >= 60, `${lines.length} commands`);
  const report: string[] = [];
  for (const line of lines) {
    const args = argv(line);
    const key = args.join(' ');
    prepare[key]?.();
    const r = run(args);
    report.push(`${r.code} ${key}`);
    assert.doesNotMatch(r.stderr, REFUSED, `${line}\n${r.stderr}`);
    assert.notEqual(r.code, 1, `internal error: ${line}\n${r.stderr}`);
    const expected = EXPECTED[key];
    if (expected) {
      assert.equal(r.code, expected[0], `${line}\n${r.out}`);
      assert.match(r.out, expected[1], `${line}: say why\n${r.out}`);
    } else {
      assert.equal(r.code, 0, `${line}\n${r.out}`);
    }
  }
  // Every expectation above names a command of the cheat sheet (none is stale).
  for (const key of Object.keys(EXPECTED))
    assert.ok(
      lines.some((l) => argv(l).join(' ') === key),
      `not in the cheat sheet: ${key}`,
    );
  rmSync(cwd, { recursive: true, force: true });
});
