// Fuzz: mutated catalog manifests (examples/packs/*/pack.toml) through the real CLI. Each case
// deletes, duplicates, retypes or renames keys, swaps tables, writes `[x]` for `[[x]]`, injects
// control / bidi / zero-width characters, sets an unsatisfiable min_engine_version or truncates the
// text, then runs `validate` and `generate` with --format json and asserts:
//   - no crash: exit code in {0, 2, 3, 4, 6, 7} (never 1, never a signal);
//   - no hang: spawnSync's timeout (20 s) is a hang detector, not a speed test;
//   - exactly one JSON envelope on stdout, `ok` matching the exit code;
//   - generate ⇔ validate: validate reports errors ⇒ generate exits non-zero and writes nothing;
//     validate clean ⇒ generate does not fail with a validation error (exit 2).
// Deterministic: a fixed seed (FUZZ_SEED overrides it, FUZZ_RUNS the number of cases), printed as
// a diagnostic; a failure prints the case (pack, mutations) and keeps its folder for a rerun.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { parse as parseToml, stringify as stringifyToml } from 'smol-toml';
import type { CliEnvelope } from '../../../protocol';

const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'dist/cli.js');
const CATALOG = join(ROOT, 'examples/packs');
const SEED = Number(process.env.FUZZ_SEED ?? 20251201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const HANG_MS = 20_000;
const ALLOWED_EXITS = new Set([0, 2, 3, 4, 6, 7]);
const INJECTED = ['\u202e', '\u2066', '\u200b', '\u0007', '\u0000', '\u001b', '\u0085', '\ufeff', '\t', '\n'];

type Doc = Record<string, unknown>;
type Path = (string | number)[];

type Op =
  | { kind: 'delete' | 'duplicate' | 'rename'; pick: number }
  | { kind: 'retype'; pick: number; to: number }
  | { kind: 'inject'; pick: number; ch: number; at: number }
  | { kind: 'swap'; pick: number; other: number }
  | { kind: 'engine'; which: number }
  | { kind: 'single-table' | 'duplicate-line'; pick: number }
  | { kind: 'truncate'; at: number };

const frac = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const, 'rename' as const), pick: frac }),
  fc.record({ kind: fc.constant('retype' as const), pick: frac, to: fc.nat(4) }),
  fc.record({ kind: fc.constant('inject' as const), pick: frac, ch: fc.nat(INJECTED.length - 1), at: frac }),
  fc.record({ kind: fc.constant('swap' as const), pick: frac, other: frac }),
  fc.record({ kind: fc.constant('engine' as const), which: fc.nat(2) }),
  fc.record({ kind: fc.constantFrom('single-table' as const, 'duplicate-line' as const), pick: frac }),
  fc.record({ kind: fc.constant('truncate' as const), at: frac }),
);

const isObj = (v: unknown): v is Doc => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);
const at = <T>(xs: readonly T[], f: number): T | undefined => xs[Math.floor(f * xs.length)];

/** Every path in the document (containers and leaves), depth first. */
function paths(v: unknown, base: Path = []): Path[] {
  const out: Path[] = [];
  if (Array.isArray(v)) v.forEach((x, i) => out.push([...base, i], ...paths(x, [...base, i])));
  else if (isObj(v)) for (const [k, x] of Object.entries(v)) out.push([...base, k], ...paths(x, [...base, k]));
  return out;
}

function parentOf(doc: Doc, path: Path): { parent: unknown; key: string | number } {
  let cur: unknown = doc;
  for (const p of path.slice(0, -1)) cur = (cur as Record<string | number, unknown>)[p];
  return { parent: cur, key: path[path.length - 1]! };
}

function setAt(doc: Doc, path: Path, value: unknown): void {
  const { parent, key } = parentOf(doc, path);
  (parent as Record<string | number, unknown>)[key] = value;
}

function getAt(doc: Doc, path: Path): unknown {
  const { parent, key } = parentOf(doc, path);
  return (parent as Record<string | number, unknown>)[key];
}

/** Apply the document-level mutations; text-level ones are applied after stringifying. */
function mutateDoc(doc: Doc, op: Op): void {
  const all = paths(doc);
  switch (op.kind) {
    case 'delete': {
      const p = at(all, op.pick);
      if (!p) return;
      const { parent, key } = parentOf(doc, p);
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete (parent as Doc)[key as string];
      return;
    }
    case 'duplicate': {
      const p = at(
        all.filter((x) => Array.isArray(getAt(doc, x)) && (getAt(doc, x) as unknown[]).length > 0),
        op.pick,
      );
      if (p) {
        const arr = getAt(doc, p) as unknown[];
        arr.push(structuredClone(arr[0]));
      }
      return;
    }
    case 'rename': {
      const p = at(
        all.filter((x) => typeof x[x.length - 1] === 'string'),
        op.pick,
      );
      if (!p) return;
      const { parent, key } = parentOf(doc, p);
      const o = parent as Doc;
      o[`${String(key)}s`] = o[key as string];
      delete o[key as string];
      return;
    }
    case 'retype': {
      const p = at(all, op.pick);
      if (!p) return;
      const v = getAt(doc, p);
      const choices: unknown[] =
        typeof v === 'string'
          ? [42, true, [v], { value: v }, '']
          : typeof v === 'number'
            ? [String(v), -v, 1.5, [v], false]
            : typeof v === 'boolean'
              ? ['yes', 1, [v], {}, 'false']
              : Array.isArray(v)
                ? ['x', 7, {}, v.length ? v[0] : '', [[]]]
                : ['table', 3, [v], true, []];
      setAt(doc, p, choices[op.to % choices.length]);
      return;
    }
    case 'inject': {
      const p = at(
        all.filter((x) => typeof getAt(doc, x) === 'string'),
        op.pick,
      );
      if (!p) return;
      const s = getAt(doc, p) as string;
      const i = Math.floor(op.at * (s.length + 1));
      setAt(doc, p, s.slice(0, i) + INJECTED[op.ch]! + s.slice(i));
      return;
    }
    case 'swap': {
      const tables = Object.keys(doc);
      const a = at(tables, op.pick);
      const b = at(tables, op.other);
      if (a !== undefined && b !== undefined && a !== b) [doc[a], doc[b]] = [doc[b], doc[a]];
      return;
    }
    case 'engine': {
      const md = isObj(doc.metadata) ? doc.metadata : (doc.metadata = {});
      md.min_engine_version = ['>=99.0.0', '<0.0.1', 'not a range'][op.which];
      return;
    }
    default:
      return;
  }
}

function mutateText(text: string, op: Op): string {
  switch (op.kind) {
    case 'single-table': {
      const heads = [...text.matchAll(/^\[\[([^\]]+)\]\]$/gm)];
      const m = at(heads, op.pick);
      return m?.index === undefined ? text : text.slice(0, m.index) + `[${m[1]}]` + text.slice(m.index + m[0].length);
    }
    case 'duplicate-line': {
      const lines = text.split('\n');
      const keyLines = lines.map((l, i) => [l, i] as const).filter(([l]) => /^[a-z_]+ = /.test(l));
      const hit = at(keyLines, op.pick);
      if (hit) lines.splice(hit[1], 0, hit[0]);
      return lines.join('\n');
    }
    case 'truncate':
      return text.slice(0, Math.floor(op.at * text.length));
    default:
      return text;
  }
}

const TEXT_OPS = new Set<Op['kind']>(['single-table', 'duplicate-line', 'truncate']);

/** The mutated manifest text (a stringify failure keeps the original document). */
function mutate(original: string, ops: Op[]): string {
  const doc = parseToml(original) as Doc;
  for (const op of ops) if (!TEXT_OPS.has(op.kind)) mutateDoc(doc, op);
  let text: string;
  try {
    text = stringifyToml(doc);
  } catch {
    text = original;
  }
  for (const op of ops) if (TEXT_OPS.has(op.kind)) text = mutateText(text, op);
  return text;
}

/** A value for every variable of the unmutated manifest (default, else first example, else by type). */
function varsFor(original: string): Record<string, unknown> {
  const doc = parseToml(original) as Doc;
  const out: Record<string, unknown> = {};
  for (const v of (Array.isArray(doc.variables) ? doc.variables : []) as Doc[]) {
    const examples = Array.isArray(v.examples) ? v.examples : [];
    const byType: Record<string, unknown> = { integer: 1, boolean: true, list: [], object: {} };
    out[String(v.name)] = v.default ?? examples[0] ?? byType[String(v.type)] ?? 'myapp';
  }
  return out;
}

interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], home: string): Promise<Ran> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, GGEN_HOME: home, NO_COLOR: '1' },
      timeout: HANG_MS,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

function envelope(r: Ran, what: string): CliEnvelope {
  assert.equal(r.signal, null, `${what}: killed by ${r.signal} (a hang past ${HANG_MS} ms?)\n${r.stderr}`);
  assert.ok(r.code !== null && ALLOWED_EXITS.has(r.code), `${what}: exit ${r.code}\n${r.stderr}`);
  let doc: CliEnvelope;
  try {
    doc = JSON.parse(r.stdout) as CliEnvelope;
  } catch {
    assert.fail(`${what}: stdout is not one JSON document:\n${r.stdout.slice(0, 2000)}\n${r.stderr}`);
  }
  assert.equal(typeof doc.ok, 'boolean', `${what}: envelope.ok`);
  assert.ok(Array.isArray(doc.issues), `${what}: envelope.issues`);
  assert.ok(doc.error === null || typeof doc.error?.message === 'string', `${what}: envelope.error`);
  assert.equal(doc.ok, r.code === 0, `${what}: ok matches the exit code ${r.code}`);
  return doc;
}

test(
  'fuzz: mutated catalog manifests — no crash, no hang, one JSON envelope, generate agrees with validate',
  { timeout: 600_000 },
  async (t) => {
    t.diagnostic(`fuzz seed ${SEED}, ${RUNS} runs (FUZZ_SEED / FUZZ_RUNS to change)`);
    const packs = readdirSync(CATALOG)
      .filter((p) => existsSync(join(CATALOG, p, 'pack.toml')))
      .sort();
    const work = mkdtempSync(join(tmpdir(), 'packs-fuzz-'));
    const home = join(work, 'home');
    mkdirSync(home);
    let n = 0;
    const tally = { validateErrors: 0, generated: 0, generateFailed: 0 };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...packs), fc.array(opArb, { minLength: 1, maxLength: 3 }), async (pack, ops) => {
        const dir = join(work, `case-${++n}`);
        cpSync(join(CATALOG, pack), dir, { recursive: true });
        const original = readFileSync(join(dir, 'pack.toml'), 'utf8');
        writeFileSync(join(dir, 'pack.toml'), mutate(original, ops));
        writeFileSync(join(dir, 'vars.json'), JSON.stringify(varsFor(original)));
        const out = join(dir, 'out');
        const label = `case ${n} (${pack}, ${JSON.stringify(ops)}, kept in ${dir})`;
        const [v, g] = await Promise.all([
          run(['validate', dir, '--format', 'json'], home),
          run(['generate', dir, '--output', out, '--vars-file', join(dir, 'vars.json'), '--format', 'json'], home),
        ]);
        const vdoc = envelope(v, `validate, ${label}`);
        const gdoc = envelope(g, `generate, ${label}`);
        const errors = vdoc.issues.filter((i) => i.severity === 'error');
        if (errors.length > 0 || v.code !== 0) {
          tally.validateErrors++;
          assert.notEqual(g.code, 0, `${label}: validate reports ${errors.map((e) => e.code).join(', ')}, yet generate succeeded`);
          const written = existsSync(out) ? readdirSync(out) : [];
          assert.deepEqual(written, [], `${label}: a refused generation wrote files`);
        } else {
          assert.notEqual(
            g.code,
            2,
            `${label}: validate is clean, yet generate fails with a validation error: ${gdoc.error?.message ?? ''} ${JSON.stringify(gdoc.issues)}`,
          );
          if (g.code === 0) tally.generated++;
          else tally.generateFailed++;
        }
        rmSync(dir, { recursive: true, force: true });
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    t.diagnostic(
      `${tally.validateErrors} rejected by validate (and refused by generate), ${tally.generated} generated, ${tally.generateFailed} clean but failed later`,
    );
    rmSync(work, { recursive: true, force: true });
  },
);
