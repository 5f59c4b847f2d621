/**
 * `packs.diff`: what changed between two versions of a pack, with the unified diff. Called bare or from the explorer it prompts and opens the report as an
 * untitled document; as an API it takes the argument object below and returns the data.
 */
import * as vscode from 'vscode';
import {
  diffPacks,
  NotFoundError,
  resolvePackArg,
  unifiedDiff,
  type DiffSection,
  type FieldChange,
  type LoadedPack,
  type PackDiff,
} from '../engine-port';
import { log } from '../output';
import { apiArg, store } from './common';
import { cwd, showDocument, stringField, packOf } from './report-fields';

export interface DiffArgs {
  /** Pack name (both versions must be known to a source: bundled or installed). */
  pack: string;
  /** The older version. */
  from: string;
  /** The newer version. */
  to: string;
  /** Also return the unified diff of the two packs' files as `unified`. */
  unified?: boolean;
}

export type DiffResult = PackDiff & { unified?: string };

export async function diff(arg?: unknown): Promise<DiffResult | undefined> {
  const api = apiArg<DiffArgs>(arg);
  const pack = await packOf(arg, 'Pack whose versions to compare');
  if (!pack) return undefined;
  const s = store();
  // A name, a `name@version` (explorer node) or a folder: the versions are looked up by name.
  const name = resolvePackArg(s, cwd(), pack).name;
  const known = s.versions(name).map((r) => r.version);
  const versions = api
    ? { from: stringField(api.from, 'from', '1.0.0'), to: stringField(api.to, 'to', '1.1.0') }
    : await pickVersions(name, known);
  if (!versions) return undefined;
  const load = (v: string): LoadedPack => {
    const rec = s.find(name, v);
    if (!rec) {
      throw new NotFoundError(`No version ${v} of ${name}${known.length ? `; known: ${known.join(', ')}` : ' in any source'}`, {
        hint: 'Install the versions to compare (from the registry, a bundle or a folder), then run diff again.',
      });
    }
    return s.load(rec);
  };
  const a = load(versions.from);
  const b = load(versions.to);
  const d = diffPacks(a, b);
  const unified = !api || api.unified ? unifiedDiff(a, b, d) : undefined;
  log(
    `diff ${d.name} ${d.from} → ${d.to}: ${d.files.added.length + d.files.removed.length + d.files.modified.length} file(s) changed, ${d.breaking.length} breaking`,
  );
  if (!api) await showDocument(diffMarkdown(d, unified ?? ''), 'markdown');
  return unified === undefined ? d : { ...d, unified };
}

async function pickVersions(name: string, known: string[]): Promise<{ from: string; to: string } | undefined> {
  if (known.length < 2) {
    throw new NotFoundError(`Only ${known.length ? `version ${known.join('')}` : 'no version'} of ${name} is known; diff needs two`, {
      hint: 'Install another version of the pack (from the registry, a bundle or a folder), then run diff again.',
    });
  }
  // Newest first: the default "from" is the one before the newest.
  const from = await vscode.window.showQuickPick(
    known.map((v, i) => ({ label: v, picked: i === 1 })),
    { placeHolder: `${name}: compare from (the older version)` },
  );
  if (!from) return undefined;
  const to = await vscode.window.showQuickPick(
    known.filter((v) => v !== from.label).map((v) => ({ label: v })),
    { placeHolder: `${name}: compare ${from.label} to` },
  );
  return to ? { from: from.label, to: to.label } : undefined;
}

function diffMarkdown(d: PackDiff, unified: string): string {
  const show = (v: unknown) => (v === undefined ? '(none)' : `\`${JSON.stringify(v)}\``);
  const change = (c: FieldChange) => `${c.field}: ${show(c.from)} → ${show(c.to)}`;
  const section = (title: string, s: DiffSection): string[] =>
    !s.added.length && !s.removed.length && !s.changed.length
      ? []
      : [
          `## ${title}`,
          '',
          ...s.added.map((n) => `- added \`${n}\``),
          ...s.removed.map((n) => `- removed \`${n}\``),
          ...s.changed.flatMap((c) => [`- changed \`${c.name}\``, ...c.changes.map((x) => `  - ${change(x)}`)]),
          '',
        ];
  const lines = [`# ${d.name} ${d.from} → ${d.to}`, ''];
  lines.push(
    d.breaking.length ? `**Breaking for users:**\n\n${d.breaking.map((b) => `- ${b}`).join('\n')}` : 'Nothing breaking for users.',
    '',
  );
  const before = lines.length;
  if (d.metadata.length) lines.push('## Metadata', '', ...d.metadata.map((c) => `- ${change(c)}`), '');
  lines.push(
    ...section('Variables', d.variables),
    ...section('Templates', d.templates),
    ...section('Queries', d.queries),
    ...section('Dependencies', d.dependencies),
  );
  const f = d.files;
  if (f.added.length + f.removed.length + f.modified.length) {
    lines.push(
      '## Files',
      '',
      ...f.added.map((x) => `- added \`${x}\``),
      ...f.removed.map((x) => `- removed \`${x}\``),
      ...f.modified.map((x) => `- modified \`${x}\``),
      '',
    );
  }
  if (lines.length === before) lines.push('No differences.', '');
  if (unified.trim()) lines.push('## Unified diff', '', '```diff', unified.replace(/\n$/, ''), '```', '');
  return lines.join('\n');
}
