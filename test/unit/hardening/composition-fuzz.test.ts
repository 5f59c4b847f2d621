// Fuzz: mutated composition files through the real CLI. Each case starts from a valid composition
// of catalog packs and deletes, retypes or renames keys, duplicates a pack entry, adds an unknown
// key or injects a control character, then runs `compose --dry-run` and `compose` with --format json:
//   - no crash: exit code in {0, 2, 3, 4, 6, 7} (never 1, never a signal);
//   - no hang: spawnSync's timeout (20 s) is a hang detector, not a speed test;
//   - one JSON envelope on stdout, `ok` matching the exit code, a non-null `error` on failure;
//   - the dry run and the real run agree: a composition the dry run refuses as invalid (exit 2) is
//     refused by the real run with nothing written, and one the dry run accepts is not refused as invalid.
// Deterministic: a fixed seed (FUZZ_SEED overrides it), printed as a diagnostic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';
import type { CliEnvelope } from '../../../protocol';

const CLI = resolve(__dirname, '../../../dist/cli.js');
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const ALLOWED_EXITS = new Set([0, 2, 3, 4, 6, 7]);

const base = () => ({
  name: 'fuzzed-app',
  description: 'A composition the fuzz test mutates',
  packs: [
    { name: 'ts-http-service', version: '^1.0.0', variables: { project_name: 'fuzz-svc' } },
    { name: 'k8s-manifests', version: '^1.0.0', order: 2, enabled: true },
  ],
  global_variables: { api_port: 8080 },
  conflict_resolution: { mode: 'overwrite', rules: [{ pattern: 'README.md', action: 'overwrite', priority_pack: 'ts-http-service' }] },
});

type Op = { kind: 'delete' | 'retype' | 'rename' | 'duplicate-pack' | 'unknown-key' | 'inject'; pick: number; value: number };
const opArb: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom(
    'delete' as const,
    'retype' as const,
    'rename' as const,
    'duplicate-pack' as const,
    'unknown-key' as const,
    'inject' as const,
  ),
  pick: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  value: fc.nat(5),
});

type Node = Record<string, unknown> | unknown[];
/** Every (container, key) pair in the document, depth first. */
function slots(v: unknown, out: [Node, string | number][] = []): [Node, string | number][] {
  if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) {
      out.push([v, i]);
      slots(x, out);
    }
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.push([v as Node, k]);
      slots(x, out);
    }
  }
  return out;
}

const RETYPED = ['no', 'first', 42, true, [], { x: 1 }];
function mutate(doc: ReturnType<typeof base>, op: Op): void {
  const all = slots(doc);
  const [node, key] = all[Math.floor(op.pick * all.length)]!;
  const obj = node as Record<string | number, unknown>;
  switch (op.kind) {
    case 'delete':
      if (Array.isArray(node)) node.splice(key as number, 1);
      else delete obj[key];
      break;
    case 'retype':
      obj[key] = RETYPED[op.value % RETYPED.length];
      break;
    case 'rename':
      if (!Array.isArray(node)) {
        obj[`${String(key)}x`] = obj[key];
        delete obj[key];
      }
      break;
    case 'duplicate-pack':
      doc.packs.push(structuredClone(doc.packs[0]!));
      break;
    case 'unknown-key':
      if (!Array.isArray(node) && typeof obj[key] === 'object' && obj[key] !== null && !Array.isArray(obj[key]))
        (obj[key] as Record<string, unknown>).colour = 'blue';
      else (doc as Record<string, unknown>).ordre = 1;
      break;
    case 'inject':
      if (typeof obj[key] === 'string') obj[key] = `${String(obj[key])}\u0007\u202e`;
      break;
  }
}

function run(cwd: string, args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args, '--format', 'json'], {
    cwd,
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, GGEN_HOME: join(cwd, 'home'), NO_COLOR: '1' },
  });
  assert.equal(r.signal, null, `${args.join(' ')}: killed by ${r.signal ?? ''} (a hang?)`);
  assert.ok(ALLOWED_EXITS.has(r.status!), `${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  const env = JSON.parse(r.stdout) as CliEnvelope<unknown>;
  assert.equal(env.ok, r.status === 0);
  if (r.status !== 0) assert.ok(env.error && typeof env.error.message === 'string', `${args.join(' ')}: no error in the envelope`);
  return r.status!;
}

test('mutated composition files: no crash, no hang, valid envelopes, dry run and real run agree', (t) => {
  t.diagnostic(`seed ${SEED}, ${RUNS} runs`);
  fc.assert(
    fc.property(fc.array(opArb, { minLength: 1, maxLength: 3 }), (ops) => {
      const dir = mkdtempSync(join(tmpdir(), 'packs-cfuzz-'));
      const doc = base();
      for (const op of ops) mutate(doc, op);
      writeFileSync(join(dir, 'composition.yaml'), toYaml(doc));
      const args = ['compose', '--composition-file', 'composition.yaml', '--output', 'out'];
      const dry = run(dir, [...args, '--dry-run']);
      assert.equal(existsSync(join(dir, 'out')), false, 'a dry run writes nothing');
      const real = run(dir, args);
      if (dry === 2) {
        assert.equal(real, 2, `the dry run refused it as invalid, the real run exited ${real}: ${JSON.stringify(ops)}`);
        assert.equal(existsSync(join(dir, 'out')), false, 'a refused composition writes nothing');
      } else assert.notEqual(real, 2, `the dry run accepted it (exit ${dry}), the real run refused it as invalid: ${JSON.stringify(ops)}`);
    }),
    { seed: SEED, numRuns: RUNS },
  );
});
