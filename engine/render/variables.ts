/**
 * Variable resolution (SPEC §4 "Variable precedence", §10 "Variables"): ordered layers of supplied
 * values (highest precedence first: `--var`, `--vars-file`, later interactive answers and composition
 * levels) over pack defaults, coerced to the declared type and validated. Every missing, invalid or
 * unknown value is collected and reported at once, before anything is rendered or written.
 */
import { closest } from 'fastest-levenshtein';
import type { Issue } from '../../protocol';
import { ValidationError } from '../errors';
import { coerceVariableValue, validateVariableValue } from '../manifest/coerce';
import type { VariableDef, VariableValue } from '../manifest/model';

/** One pack's declaration of a variable. */
export interface VariableDeclaration {
  def: VariableDef;
  /** The declaring pack's name (named in type-clash and validation messages). */
  pack: string;
}

/** A source of values, e.g. `--var` or a vars file. */
export interface VariableLayer {
  /** Shown in messages: `--var`, `--vars-file`, `composition (startup-pack)`… */
  source: string;
  values: Record<string, VariableValue>;
  /** File the values came from (issues point at it). */
  file?: string;
  /** What a name that no pack declares is: an error (`--var`), a warning (shared vars files) or ignored. */
  unknown: 'error' | 'warning' | 'ignore';
}

export interface ResolvedVariables {
  /** Coerced values by name (optional variables without value or default are absent). */
  values: Record<string, VariableValue>;
  /** The effective declaration per name (the one closest to the root pack). */
  defs: Map<string, VariableDef>;
  /** Names declared `secret` by any pack: never written to packs.lock. */
  secrets: Set<string>;
  /** Warnings (e.g. unknown names in a vars file). */
  issues: Issue[];
}

const issue = (code: string, message: string, file: string | null, severity: Issue['severity'] = 'error'): Issue => ({
  code,
  severity,
  message,
  file,
  range: null,
});

/**
 * Resolve variables for the declarations of every pack being rendered (dependencies first, root
 * last). Throws ValidationError carrying one issue per problem.
 */
export function resolveVariables(decls: VariableDeclaration[], layers: VariableLayer[]): ResolvedVariables {
  const issues: Issue[] = [];
  const byName = new Map<string, VariableDeclaration[]>();
  const defs = new Map<string, VariableDef>();
  for (const d of decls) {
    const list = byName.get(d.def.name) ?? [];
    const clash = list.find((x) => x.def.type !== d.def.type);
    if (clash) {
      issues.push(
        issue(
          'packs/variable-type-clash',
          `Variable "${d.def.name}" is declared as ${clash.def.type} in pack ${clash.pack} but as ${d.def.type} in pack ${d.pack}`,
          null,
        ),
      );
    }
    list.push(d);
    byName.set(d.def.name, list);
    defs.set(d.def.name, d.def); // the last declaration wins
  }

  const secrets = new Set<string>();
  for (const [name, list] of byName) if (list.some((d) => d.def.secret)) secrets.add(name);

  const names = [...byName.keys()];
  for (const layer of layers) {
    if (layer.unknown === 'ignore') continue;
    for (const name of Object.keys(layer.values)) {
      if (byName.has(name)) continue;
      const guess = names.length ? closest(name, names) : undefined;
      const hint = guess ? ` (did you mean "${guess}"?)` : names.length ? '' : ' (the packs declare no variables)';
      issues.push(
        issue('packs/unknown-variable', `${layer.source} sets "${name}", which no pack declares${hint}`, layer.file ?? null, layer.unknown),
      );
    }
  }

  const values: Record<string, VariableValue> = {};
  for (const [name, list] of byName) {
    const def = defs.get(name)!;
    const layer = layers.find((l) => Object.prototype.hasOwnProperty.call(l.values, name));
    if (layer) {
      const c = coerceVariableValue(def, layer.values[name]!); // the layer was picked for having this own key
      if (!c.ok) {
        issues.push(issue('packs/invalid-variable', `Variable "${name}" from ${layer.source}: ${c.message}`, layer.file ?? null));
        continue;
      }
      values[name] = c.value;
    } else {
      const withDefault = [...list].reverse().find((d) => d.def.default !== undefined);
      if (withDefault) values[name] = withDefault.def.default!;
      else if (list.some((d) => d.def.required)) {
        const packs = [...new Set(list.filter((d) => d.def.required).map((d) => d.pack))].join(', ');
        issues.push(
          issue('packs/missing-variable', `Variable "${name}" is required by ${packs} and has no value; pass --var ${name}=<value>`, null),
        );
        continue;
      } else continue;
    }
    for (const d of list) {
      for (const problem of validateVariableValue(d.def, values[name])) {
        const from = layer ? ` (from ${layer.source})` : ' (its default)';
        issues.push(issue('packs/invalid-variable', `Variable "${name}" of pack ${d.pack}${from} ${problem}`, layer?.file ?? null));
      }
    }
  }

  const errors = issues.filter((i) => i.severity === 'error');
  const [firstError] = errors;
  if (firstError) {
    const summary = errors.length === 1 ? firstError.message : `${errors.length} variable problems`;
    throw new ValidationError(summary, {
      issues,
      hint: 'Fix every listed variable (with --var name=value or --vars-file) and run again; nothing was written.',
    });
  }
  return { values, defs, secrets, issues };
}
