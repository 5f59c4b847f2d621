/**
 * `generate --interactive`: asks for every variable the command line did not set, one line each,
 * showing the description, allowed values and default; an empty answer keeps the default. Each answer
 * is coerced and validated on the spot and asked again when it is wrong, so generation never starts
 * with a bad value. Reads lines from any stream (a terminal, or a pipe in scripts and tests); when the
 * input ends, the remaining variables keep their defaults. Prompts go to stderr so `--format json`
 * keeps stdout for its one document.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { coerceVariableValue, validateVariableValue, type VariableDef, type VariableValue, type VariableLayer } from '../index';

function question(def: VariableDef): string {
  const parts = [def.prompt ?? def.description ?? def.name];
  if (def.values?.length) parts.push(`(${def.values.join('/')})`);
  if (def.default !== undefined) parts.push(`[${typeof def.default === 'object' ? JSON.stringify(def.default) : String(def.default)}]`);
  else if (def.required) parts.push('(required)');
  return `${def.name}: ${parts.join(' ')}: `;
}

/**
 * The answers as a variable layer (between `--vars-file` and the pack defaults). `defs` are the
 * declarations in render order; names already in `given` are not asked.
 */
export async function promptVariables(defs: VariableDef[], given: Set<string>, input: Readable, output: Writable): Promise<VariableLayer> {
  const rl = createInterface({ input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const values: Record<string, VariableValue> = {};
  const seen = new Set<string>();
  try {
    for (const def of defs) {
      if (given.has(def.name) || seen.has(def.name)) continue;
      seen.add(def.name);
      for (;;) {
        output.write(question(def));
        const next = await lines.next();
        if (next.done) {
          // No more answers: the rest keep their defaults, and generation reports any required one left.
          output.write('\n');
          return { source: 'interactive answers', values, unknown: 'ignore' };
        }
        const answer = next.value.trim();
        if (answer === '') {
          if (def.default !== undefined || !def.required) break; // the default (or no value) stands
          output.write(`  ${def.name} is required\n`);
          continue;
        }
        const coerced = coerceVariableValue(def, answer);
        const problems = coerced.ok ? validateVariableValue(def, coerced.value) : [coerced.message];
        if (problems.length === 0 && coerced.ok) {
          values[def.name] = coerced.value;
          break;
        }
        output.write(problems.map((p) => `  ${def.name} ${p}\n`).join(''));
      }
    }
  } finally {
    rl.close();
  }
  return { source: 'interactive answers', values, unknown: 'ignore' };
}
