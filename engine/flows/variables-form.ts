/**
 * The variables form's model, pure: the fields built from the packs' variable declarations (a
 * variable several packs declare becomes one shared field), and the check of what the user typed —
 * coerced and validated by the same functions `--var` goes through (manifest/coerce.ts), so the form
 * says exactly what the run would. The extension's form host calls these; tests call them directly.
 */
import type { FieldErrors, FieldGroup, FieldKind, FieldValue, FormField, FormModel } from '../../protocol/variables-form';
import { coerceVariableValue, validateVariableValue } from '../manifest/coerce';
import type { VariableDef, VariableValue } from '../manifest/model';
import { toText } from '../util/to-text';

/** One pack's variable declarations, in the order the run renders the packs. */
export interface FormPack {
  name: string;
  variables: VariableDef[];
}

export interface FormOptions {
  title: string;
  target: string;
  submitLabel?: string;
  /** Values remembered for this target folder (secrets are ignored even if present). */
  remembered?: Record<string, FieldValue>;
  /** Values the run has from elsewhere (a composition's variables): they stand in for the manifest defaults. */
  preset?: Record<string, VariableValue>;
}

interface Declared {
  /** The effective declaration: the last pack's, as the engine's resolver takes it. */
  def: VariableDef;
  all: { pack: string; def: VariableDef }[];
}

function declarations(packs: FormPack[]): Map<string, Declared> {
  const out = new Map<string, Declared>();
  for (const p of packs) {
    for (const def of p.variables) {
      const d = out.get(def.name);
      if (d) {
        d.def = def;
        d.all.push({ pack: p.name, def });
      } else out.set(def.name, { def, all: [{ pack: p.name, def }] });
    }
  }
  return out;
}

function kindOf(def: VariableDef): FieldKind {
  if (def.secret) return 'secret';
  return def.type === 'list' ? 'array' : def.type;
}

/** A manifest value as the control holds it. */
export function toFieldValue(kind: FieldKind, v: VariableValue): FieldValue {
  if (kind === 'boolean') return v === true;
  if (kind === 'array') return Array.isArray(v) ? v.map((x) => toText(x)) : [toText(v)];
  if (kind === 'object') return JSON.stringify(v, null, 2);
  return toText(v);
}

/** The rules of one declaration in words ("matches /^[a-z]+$/", "2–40 characters", "between 1 and 10"). */
export function rulesText(def: VariableDef): string[] {
  const v = def.validation;
  if (!v) return [];
  const rules: string[] = [];
  if (v.pattern !== undefined) rules.push(`matches /${v.pattern}/`);
  const range = (lo: number | undefined, hi: number | undefined, unit: string) => {
    if (lo !== undefined && hi !== undefined) rules.push(lo === hi ? `exactly ${lo}${unit}` : `${lo}–${hi}${unit}`);
    else if (lo !== undefined) rules.push(`at least ${lo}${unit}`);
    else if (hi !== undefined) rules.push(`at most ${hi}${unit}`);
  };
  range(v.minLength, v.maxLength, ' characters');
  if (v.min !== undefined && v.max !== undefined) rules.push(`between ${v.min} and ${v.max}`);
  else if (v.min !== undefined) rules.push(`≥ ${v.min}`);
  else if (v.max !== undefined) rules.push(`≤ ${v.max}`);
  return rules;
}

const fits = (kind: FieldKind, v: FieldValue): boolean =>
  kind === 'boolean' ? typeof v === 'boolean' : kind === 'array' ? Array.isArray(v) : typeof v === 'string';

/** What the run takes for `name` when the form leaves it out: a preset value, else the last default any pack gives (engine/render/variables.ts). */
function fallbackOf(d: Declared, preset: Record<string, VariableValue> | undefined): VariableValue | undefined {
  if (preset && Object.hasOwn(preset, d.def.name)) return preset[d.def.name];
  return [...d.all].reverse().find((x) => x.def.default !== undefined)?.def.default;
}

function field(name: string, d: Declared, preset?: Record<string, VariableValue>): FormField {
  const kind = kindOf(d.def);
  const fallback = fallbackOf(d, preset);
  const hasDefault = fallback !== undefined;
  const rules = [...new Set(d.all.flatMap((x) => rulesText(x.def)))];
  const description = d.all.map((x) => x.def.description ?? x.def.prompt).find((x) => x !== undefined) ?? null;
  return {
    name,
    kind,
    required: !hasDefault && d.all.some((x) => x.def.required),
    description,
    default: fallback !== undefined && kind !== 'secret' ? toFieldValue(kind, fallback) : null,
    hasDefault,
    options: d.def.type === 'enum' ? (d.def.values ?? []) : [],
    rules,
    packs: d.all.map((x) => x.pack),
  };
}

/** The form for `packs`: shared variables once (first), then each pack's own, each in declaration order. */
export function buildVariablesForm(packs: FormPack[], options: FormOptions): FormModel {
  const decls = declarations(packs);
  const fields = new Map([...decls].map(([name, d]) => [name, field(name, d, options.preset)]));
  const shared = [...fields.values()].filter((f) => new Set(f.packs).size > 1);
  const groups: FieldGroup[] = [];
  if (shared.length) groups.push({ pack: null, fields: shared });
  for (const p of packs) {
    const own = [...new Set(p.variables.map((v) => fields.get(v.name)!))].filter((f) => !shared.includes(f));
    if (own.length && !groups.some((g) => g.pack === p.name)) groups.push({ pack: p.name, fields: own });
  }
  const values: Record<string, FieldValue> = {};
  for (const f of fields.values()) {
    const remembered = options.remembered?.[f.name];
    if (f.kind !== 'secret' && remembered !== undefined && fits(f.kind, remembered)) values[f.name] = remembered;
    else values[f.name] = f.default ?? (f.kind === 'boolean' ? false : f.kind === 'array' ? [] : '');
  }
  return { title: options.title, target: options.target, submitLabel: options.submitLabel ?? 'Preview', groups, values };
}

export interface FormCheck {
  /** One message per field that is wrong (the engine's words, joined with "; "). */
  errors: FieldErrors;
  /** The coerced values to run with: fields left empty or at their default are left out (the run takes the default). */
  values: Record<string, VariableValue>;
}

const same = (a: FieldValue, b: FieldValue | null): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Coerces and validates each value as the run will (every pack's declaration of it); unknown names are ignored. */
export function checkVariablesForm(packs: FormPack[], raw: Record<string, FieldValue>, preset?: Record<string, VariableValue>): FormCheck {
  const errors: FieldErrors = {};
  const values: Record<string, VariableValue> = {};
  for (const [name, d] of declarations(packs)) {
    const f = field(name, d, preset);
    const v = raw[name];
    const empty = v === undefined || v === '' || (typeof v === 'string' && v.trim() === '' && f.kind !== 'string' && f.kind !== 'secret');
    if (empty || (f.default !== null && same(v, f.default))) {
      // Left to the run, which takes the default (and checks it too) or refuses a required variable.
      const fallback = fallbackOf(d, preset);
      const coerced = fallback === undefined ? undefined : coerceVariableValue(d.def, fallback);
      if (coerced && !coerced.ok) errors[name] = `its default is not valid: ${coerced.message}`;
      else if (coerced?.ok) {
        const problems = [...new Set(d.all.flatMap((x) => validateVariableValue(x.def, coerced.value)))];
        if (problems.length) errors[name] = `its default ${problems.join('; ')}`;
      } else if (f.required) {
        errors[name] = `is required by ${[...new Set(d.all.filter((x) => x.def.required).map((x) => x.pack))].join(', ')}`;
      }
      continue;
    }
    const c = coerceVariableValue(d.def, v);
    if (!c.ok) {
      errors[name] = c.message;
      continue;
    }
    const problems = [...new Set(d.all.flatMap((x) => validateVariableValue(x.def, c.value)))];
    if (problems.length) errors[name] = problems.join('; ');
    else values[name] = c.value;
  }
  return { errors, values };
}

/** What may be remembered for a folder: every value but the secrets'. */
export function rememberedValues(model: FormModel, raw: Record<string, FieldValue>): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const f of model.groups.flatMap((g) => g.fields)) {
    const v = raw[f.name];
    if (f.kind !== 'secret' && v !== undefined && fits(f.kind, v)) out[f.name] = v;
  }
  return out;
}
