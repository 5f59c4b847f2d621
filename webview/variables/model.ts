/**
 * The variables form's state in the webview, without DOM: the values, which fields the user touched
 * (only their messages show while typing; after a refused submit every message shows), the host's
 * latest messages (an answer to an older validation is dropped), and where the submit stands.
 */
import {
  type FieldErrors,
  type FieldValue,
  type FormField,
  type FormModel,
  type VariablesFormState,
  formFields,
} from '../../protocol/variables-form';

export type SubmitState = 'idle' | 'submitting' | 'refused' | 'accepted' | 'cancelled';

export class FormState {
  readonly values: Record<string, FieldValue>;
  readonly touched = new Set<string>();
  errors: FieldErrors = {};
  submit: SubmitState = 'idle';
  /** After a refused submit: show every field's message, touched or not. */
  showAll = false;
  private readonly fields: FormField[];
  private asked = 0;

  constructor(
    readonly model: FormModel,
    restored?: VariablesFormState,
  ) {
    this.fields = formFields(model);
    this.values = { ...model.values };
    for (const f of this.fields) {
      const v = restored?.values[f.name];
      if (f.kind !== 'secret' && v !== undefined && typeof v === typeof this.values[f.name]) this.values[f.name] = v;
    }
    for (const name of restored?.touched ?? []) if (this.field(name)) this.touched.add(name);
  }

  field(name: string): FormField | undefined {
    return this.fields.find((f) => f.name === name);
  }

  /** The user changed a field. */
  set(name: string, value: FieldValue): void {
    if (!this.field(name) || this.done) return;
    this.values[name] = value;
    this.touched.add(name);
    if (this.submit === 'refused') this.submit = 'idle';
  }

  /** A validation is about to be asked: its number, to match the answer. */
  beginValidation(): number {
    return ++this.asked;
  }

  /** The host's answer to validation `seq`; false (and ignored) when a newer one was asked since. */
  applyValidation(seq: number, errors: FieldErrors): boolean {
    if (seq !== this.asked) return false;
    this.errors = { ...errors };
    return true;
  }

  /** Whether a submit may start now (not twice at once, not after the form is done). */
  get canSubmit(): boolean {
    return this.submit === 'idle' || this.submit === 'refused';
  }

  get done(): boolean {
    return this.submit === 'accepted' || this.submit === 'cancelled';
  }

  beginSubmit(): number {
    this.submit = 'submitting';
    return ++this.asked; // any validation still in flight is older than this answer
  }

  /** The host's answer to the submit; refused: every message shows and the first bad field is returned (to focus). */
  applySubmit(result: { accepted: boolean; errors: FieldErrors }): string | null {
    this.errors = { ...result.errors };
    if (result.accepted) {
      this.submit = 'accepted';
      return null;
    }
    this.submit = 'refused';
    this.showAll = true;
    return this.firstInvalid();
  }

  /** The submit could not be delivered (the host answered with an error value). */
  failSubmit(): void {
    this.submit = 'idle';
  }

  cancel(): void {
    this.submit = 'cancelled';
  }

  /** The message to show under a field, or null. */
  errorFor(name: string): string | null {
    const e = this.errors[name];
    return e && (this.showAll || this.touched.has(name)) ? e : null;
  }

  /** The first field (in form order) showing a message. */
  firstInvalid(): string | null {
    return this.fields.find((f) => this.errorFor(f.name) !== null)?.name ?? null;
  }

  /** How many fields show a message. */
  get invalidCount(): number {
    return this.fields.filter((f) => this.errorFor(f.name) !== null).length;
  }

  /** What survives a hide/show of the panel: never a secret. */
  snapshot(): VariablesFormState {
    const values: Record<string, FieldValue> = {};
    for (const f of this.fields) if (f.kind !== 'secret') values[f.name] = this.values[f.name]!;
    return { values, touched: [...this.touched] };
  }
}

/** A list field's text (one item per line) as items: blank lines dropped, each trimmed. */
export function linesToItems(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function itemsToLines(items: string[]): string {
  return items.join('\n');
}

/** The message a field shows: the engine's words, with the variable's name in front when it starts lower-case. */
export function fieldMessage(name: string, message: string): string {
  if (message.startsWith('its ')) return `${name}'s ${message.slice(4)}`;
  return /^[a-z]/.test(message) ? `${name} ${message}` : message;
}
