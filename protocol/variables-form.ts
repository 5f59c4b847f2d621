/**
 * The variables form that generate, compose and plan/benchmark open before their run: one field per
 * variable the packs declare (shared ones once), checked live by the engine's own validator. The
 * webview sends raw field values (text, a checkbox's boolean, a list's items); the host coerces and
 * validates them exactly as the CLI's `--var` would, and answers per-field messages.
 */
import { type Guards, arrayOf, isBoolean, isEmpty, isString, oneOf, recordOf, shape } from './webview';

/**
 * The control a variable gets. The engine's types map one to one, except `list` → `array` (one item
 * per line) and any `secret = true` variable → `secret` (a masked text field, whatever its type).
 */
export const FIELD_KINDS = ['string', 'integer', 'boolean', 'enum', 'array', 'object', 'path', 'secret'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** A field's value as the form holds it: text, a checkbox, or a list's items. */
export type FieldValue = string | boolean | string[];

export interface FormField {
  name: string;
  kind: FieldKind;
  /** Required by at least one pack and without a default: the form refuses it empty. */
  required: boolean;
  description: string | null;
  /** The manifest's default as the field shows it; null when there is none (and always for secrets). */
  default: FieldValue | null;
  /** Whether the manifest has a default (a secret's is never shown): an empty field then takes it. */
  hasDefault: boolean;
  /** For enum. */
  options: string[];
  /** Human-readable rules (pattern, min/max, length) shown under the field. */
  rules: string[];
  /** The packs that declare it (more than one: a shared variable). */
  packs: string[];
}

export interface FieldGroup {
  /** A pack's name, or null for the variables several packs share. */
  pack: string | null;
  fields: FormField[];
}

export interface FormModel {
  /** "Generate from my-pack", "Compose 3 packs". */
  title: string;
  /** The folder the run writes into (values are remembered per folder). */
  target: string;
  /** What the submit button says ("Preview", "Plan"). */
  submitLabel: string;
  /** Shared variables first (pack null, only in a composition), then each pack's own, in the packs' order. */
  groups: FieldGroup[];
  /** The values the form starts with: remembered for this folder, else the defaults. Never secrets. */
  values: Record<string, FieldValue>;
}

/** Per field, what is wrong (fields without a problem are absent). */
export type FieldErrors = Record<string, string>;

export interface VariablesFormApi {
  init: { params: Record<string, never>; result: FormModel };
  /** Checks every field now (the webview calls it as the user types, debounced). */
  validate: { params: { values: Record<string, FieldValue> }; result: FieldErrors };
  /** Checks and, when nothing is wrong, closes the form and goes on to the run. */
  submit: { params: { values: Record<string, FieldValue> }; result: { accepted: boolean; errors: FieldErrors } };
  cancel: { params: Record<string, never>; result: null };
  /** Sent once after the first render (the bench's first-paint figure). */
  painted: { params: Record<string, never>; result: null };
}

/** The host pushes nothing unasked to this form. */
export type VariablesFormEvent = never;

/** What the webview keeps across a hide/show (VS Code stores it with the panel): never secrets. */
export interface VariablesFormState {
  values: Record<string, FieldValue>;
  touched: string[];
}

export const isFieldValue = (x: unknown): x is FieldValue => isString(x) || isBoolean(x) || arrayOf(isString)(x);
const isValues = shape<{ values: Record<string, FieldValue> }>({ values: recordOf(isFieldValue) });

export const VARIABLES_GUARDS: Guards<VariablesFormApi> = {
  init: isEmpty,
  validate: isValues,
  submit: isValues,
  cancel: isEmpty,
  painted: isEmpty,
};

export const isFieldKind = oneOf(FIELD_KINDS);

/** Every field of a model in form order (shared first). */
export function formFields(model: Pick<FormModel, 'groups'>): FormField[] {
  return model.groups.flatMap((g) => g.fields);
}
