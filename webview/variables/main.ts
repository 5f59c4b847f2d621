/**
 * The variables form: one control per variable (text, masked text, checkbox, select, one-item-per-line
 * list, JSON), the host's messages under each field as the user types (debounced), Enter submits,
 * Escape cancels. Pack data reaches the page only as text (h() and properties), never as HTML.
 */
import './style.css';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-form-group/index.js';
import '@vscode-elements/elements/dist/vscode-form-helper/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type {
  FieldValue,
  FormField,
  FormModel,
  VariablesFormApi,
  VariablesFormEvent,
  VariablesFormState,
} from '../../protocol/variables-form';
import { debounce, h, replaceChildren } from '../shared/dom';
import { connect } from '../shared/rpc';
import { FormState, fieldMessage, itemsToLines, linesToItems } from './model';

const client = connect<VariablesFormApi, VariablesFormEvent, VariablesFormState>();
const root = document.getElementById('root')!;

/** What the page needs of a control: read its value, mark it invalid, focus it. */
interface Control {
  el: HTMLElement & { invalid?: boolean };
  read(): FieldValue;
}

const controls = new Map<string, Control>();
const messages = new Map<string, HTMLElement>();
let state: FormState;
let status: HTMLElement;
let submitButton: HTMLElement & { disabled: boolean };

const fieldId = (name: string) => `field-${name}`;

function control(f: FormField, value: FieldValue): Control {
  const label = `${f.name}${f.required ? ' (required)' : ''}${f.description ? `: ${f.description}` : ''}`;
  const id = fieldId(f.name);
  switch (f.kind) {
    case 'boolean': {
      const el = h('vscode-checkbox', { id, 'data-field': f.name, 'aria-label': label }, f.description ?? f.name);
      el.checked = value === true;
      return { el, read: () => el.checked };
    }
    case 'enum': {
      const el = h('vscode-single-select', { id, 'data-field': f.name, 'aria-label': label });
      el.label = label;
      const options = f.required || f.hasDefault ? f.options : ['', ...f.options];
      for (const o of options) {
        const opt = h('vscode-option', { value: o }, o === '' ? '(none)' : o);
        if (o === value) opt.selected = true;
        el.append(opt);
      }
      return { el, read: () => el.value };
    }
    case 'array':
    case 'object': {
      const el = h('vscode-textarea', {
        id,
        'data-field': f.name,
        rows: f.kind === 'array' ? 3 : 5,
        placeholder: f.kind === 'array' ? 'One item per line' : 'A JSON object',
        class: f.kind === 'object' ? 'code' : undefined,
      });
      el.label = label;
      el.value = Array.isArray(value) ? itemsToLines(value) : String(value);
      return { el, read: () => (f.kind === 'array' ? linesToItems(el.value) : el.value) };
    }
    default: {
      const el = h('vscode-textfield', {
        id,
        'data-field': f.name,
        type: f.kind === 'secret' ? 'password' : 'text',
        autocomplete: 'off',
        inputmode: f.kind === 'integer' ? 'numeric' : undefined,
      });
      el.label = label;
      // Not el.required: the native :invalid look would show on an empty form; the host says what is missing.
      if (f.required) el.setAttribute('aria-required', 'true');
      el.placeholder =
        f.kind === 'secret' && f.hasDefault ? 'Leave empty to use the default' : f.default === null ? '' : `Default: ${String(f.default)}`;
      el.value = String(value);
      return { el, read: () => el.value };
    }
  }
}

function fieldRow(f: FormField): HTMLElement {
  const c = control(f, state.values[f.name]!);
  controls.set(f.name, c);
  const message = h('div', { class: 'field-message error-text', id: `message-${f.name}`, 'aria-live': 'polite', 'data-message': f.name });
  messages.set(f.name, message);
  const facts = [
    f.kind === 'secret' ? 'secret: masked, never remembered or locked' : f.kind,
    f.default !== null && f.kind !== 'boolean'
      ? `default ${Array.isArray(f.default) ? f.default.join(', ') || '(empty)' : String(f.default)}`
      : null,
    f.default !== null && f.kind === 'boolean' ? `default ${f.default ? 'on' : 'off'}` : null,
    ...f.rules,
  ].filter((x): x is string => x !== null);
  const label = h('vscode-label', { for: fieldId(f.name) }, f.name);
  if (f.required) label.required = true;
  return h(
    'vscode-form-group',
    { variant: 'vertical', class: 'field', 'data-kind': f.kind },
    label,
    f.description && f.kind !== 'boolean' ? h('div', { class: 'description' }, f.description) : null,
    c.el,
    h('vscode-form-helper', {}, h('span', { class: 'facts muted' }, facts.join(' · '))),
    message,
  );
}

function render(model: FormModel): void {
  const form = h('form', { id: 'variables-form', 'aria-label': model.title, novalidate: true });
  for (const g of model.groups) {
    const heading = g.pack === null ? 'Shared variables' : g.pack;
    const headingId = `group-${g.pack ?? 'shared'}`;
    const section = h('section', { class: 'group', 'aria-labelledby': headingId }, h('h2', { id: headingId }, heading));
    if (g.pack === null) section.append(h('p', { class: 'muted' }, 'Declared by more than one pack; set once for all of them.'));
    if (model.groups.length === 1 && g.pack !== null) section.firstElementChild?.classList.add('visually-hidden');
    for (const f of g.fields) section.append(fieldRow(f));
    form.append(section);
  }
  if (!model.groups.length) form.append(h('p', { class: 'muted' }, 'These packs declare no variables.'));
  submitButton = h('vscode-button', { id: 'submit', 'aria-label': `${model.submitLabel} (Enter)` }, model.submitLabel);
  const cancel = h('vscode-button', { id: 'cancel', secondary: true, 'aria-label': 'Cancel (Escape)' }, 'Cancel');
  status = h('span', { id: 'status', class: 'muted', role: 'status', 'aria-live': 'polite' });
  form.append(h('div', { class: 'actions' }, submitButton, cancel, status));
  submitButton.addEventListener('click', () => void submit());
  cancel.addEventListener('click', () => void doCancel());
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void submit();
  });
  const onEdit = (ev: Event) => {
    const name = (ev.target as HTMLElement | null)?.closest?.('[data-field]')?.getAttribute('data-field');
    const c = name ? controls.get(name) : undefined;
    if (!name || !c) return;
    state.set(name, c.read());
    client.setState(state.snapshot());
    validateSoon();
  };
  form.addEventListener('input', onEdit);
  form.addEventListener('change', onEdit);
  replaceChildren(
    root,
    h('header', {}, h('h1', {}, model.title), h('p', { class: 'muted target' }, 'Into ', h('code', {}, model.target))),
    form,
  );
  root.removeAttribute('aria-busy');
  showMessages();
}

function showMessages(): void {
  for (const [name, c] of controls) {
    const msg = state.errorFor(name);
    c.el.invalid = msg !== null;
    if (msg === null) c.el.removeAttribute('aria-invalid');
    else c.el.setAttribute('aria-invalid', 'true');
    const m = messages.get(name)!;
    if ((m.textContent ?? '') !== (msg === null ? '' : fieldMessage(name, msg)))
      replaceChildren(m, msg === null ? null : fieldMessage(name, msg));
  }
  const n = state.invalidCount;
  const text =
    state.submit === 'submitting'
      ? 'Checking…'
      : state.submit === 'accepted'
        ? 'Opening…'
        : state.submit === 'refused' && n
          ? `${n} field${n === 1 ? '' : 's'} to fix`
          : '';
  if (status.textContent !== text) status.textContent = text;
  submitButton.disabled = !state.canSubmit;
}

async function validate(): Promise<void> {
  if (state.done) return;
  const seq = state.beginValidation();
  const r = await client.call('validate', { values: { ...state.values } });
  if (r.ok && state.applyValidation(seq, r.value)) showMessages();
}
const validateSoon = debounce(() => void validate(), 150);

async function submit(): Promise<void> {
  if (!state.canSubmit) return;
  // Values straight from the controls: a keystroke whose input event is still queued counts too.
  for (const [name, c] of controls) state.values[name] = c.read();
  state.beginSubmit();
  showMessages();
  const r = await client.call('submit', { values: { ...state.values } });
  if (!r.ok) {
    state.failSubmit();
    showMessages();
    status.textContent = r.error.message;
    return;
  }
  const first = state.applySubmit(r.value);
  showMessages();
  if (first) controls.get(first)?.el.focus();
}

async function doCancel(): Promise<void> {
  if (state.done) return;
  state.cancel();
  await client.call('cancel', {});
}

// Escape cancels, unless it closes an open dropdown; Ctrl/Cmd+Enter submits from a multi-line field too.
window.addEventListener(
  'keydown',
  (ev) => {
    if (!state) return;
    const target = ev.target as (HTMLElement & { open?: boolean }) | null;
    if (ev.key === 'Escape' && !(target?.tagName === 'VSCODE-SINGLE-SELECT' && target.open)) {
      ev.preventDefault();
      void doCancel();
    } else if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault();
      void submit();
    }
  },
  true,
);

async function start(): Promise<void> {
  const r = await client.call('init', {});
  if (!r.ok) {
    replaceChildren(root, h('div', { class: 'banner', role: 'alert' }, r.error.message));
    return;
  }
  state = new FormState(r.value, client.getState());
  render(r.value);
  const first = [...controls.values()][0];
  first?.el.focus();
  requestAnimationFrame(() => void client.call('painted', {}));
  if (state.touched.size) void validate(); // restored after a hide/show: show the touched fields' messages again
}

void start();
