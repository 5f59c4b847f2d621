/**
 * `ggen-pack diff <pack> <v1> <v2>` (SPEC §3): what changed between two versions of a pack — metadata,
 * variables, templates (settings and template files), queries and dependencies — and which changes
 * break users (a removed or retyped variable, a new required variable without default, a removed
 * enum value or template alias). Pure over two loaded packs; the unified view uses jsdiff.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { listPackFiles } from '../registry/integrity';
import type { TemplateDef } from '../manifest/model';
import type { LoadedPack } from '../registry/types';
import { findManifestFile } from '../manifest/load';

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface NamedChanges {
  name: string;
  changes: FieldChange[];
}

export interface Section {
  added: string[];
  removed: string[];
  changed: NamedChanges[];
}

export interface PackDiff {
  name: string;
  from: string;
  to: string;
  metadata: FieldChange[];
  variables: Section;
  templates: Section;
  queries: Section;
  dependencies: Section;
  /** Pack files (relative paths) added, removed or modified, manifest included. */
  files: { added: string[]; removed: string[]; modified: string[] };
  /** Why upgrading may break a user's generation; empty when nothing does. */
  breaking: string[];
  /** Set when the diff was narrowed (`diff --templates`): only template changes are reported. */
  only?: 'templates';
}

export interface DiffOptions {
  /** `templates`: only the `[[templates]]` entries and the files under their local sources (`diff --templates`). */
  only?: 'templates' | undefined;
}

const EMPTY: Section = { added: [], removed: [], changed: [] };

/** The folder or file of a local template source, normalized (`./t/app/` → `t/app`). */
const localSource = (t: TemplateDef): string | null =>
  t.source.type === 'local'
    ? t.source.path
        .replace(/\\/g, '/')
        .replace(/^(\.\/)+/, '')
        .replace(/\/+$/, '') || '.'
    : null;

/** `d` narrowed to template changes: the template entries, and the files under either version's local template sources. */
function templatesOnly(a: LoadedPack, b: LoadedPack, d: PackDiff): PackDiff {
  const roots = [...new Set([...a.manifest.templates, ...b.manifest.templates].map(localSource).filter((p): p is string => p !== null))];
  const under = (f: string) => roots.some((r) => r === '.' || f === r || f.startsWith(`${r}/`));
  const removedAliases = new Set(d.templates.removed);
  return {
    ...d,
    metadata: [],
    variables: EMPTY,
    queries: EMPTY,
    dependencies: EMPTY,
    files: { added: d.files.added.filter(under), removed: d.files.removed.filter(under), modified: d.files.modified.filter(under) },
    breaking: d.breaking.filter((x) => [...removedAliases].some((alias) => x.startsWith(`template \`${alias}\``))),
    only: 'templates',
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function fieldChanges(a: Record<string, unknown>, b: Record<string, unknown>, skip: string[] = []): FieldChange[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !skip.includes(k)).sort();
  return keys.filter((k) => !same(a[k], b[k])).map((field) => ({ field, from: a[field], to: b[field] }));
}

function section<T>(a: T[], b: T[], key: (x: T) => string, skip: string[]): Section {
  const left = new Map(a.map((x) => [key(x), x]));
  const right = new Map(b.map((x) => [key(x), x]));
  return {
    added: [...right.keys()].filter((k) => !left.has(k)).sort(),
    removed: [...left.keys()].filter((k) => !right.has(k)).sort(),
    changed: [...left.keys()]
      .filter((k) => right.has(k))
      .sort()
      .map((name) => ({
        name,
        changes: fieldChanges(left.get(name) as Record<string, unknown>, right.get(name) as Record<string, unknown>, skip),
      }))
      .filter((c) => c.changes.length > 0),
  };
}

function fileHashes(pack: LoadedPack): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of listPackFiles(pack.dir, { excludes: pack.manifest.excludes })) {
    out.set(f.path, createHash('sha256').update(readFileSync(f.abs)).digest('hex'));
  }
  return out;
}

/** The differences from `a` to `b` (two versions of one pack); `opts.only` narrows them. */
export function diffPacks(a: LoadedPack, b: LoadedPack, opts: DiffOptions = {}): PackDiff {
  const d = fullDiff(a, b);
  return opts.only === 'templates' ? templatesOnly(a, b, d) : d;
}

function fullDiff(a: LoadedPack, b: LoadedPack): PackDiff {
  const ma = a.manifest;
  const mb = b.manifest;
  const variables = section(ma.variables, mb.variables, (v) => v.name, ['index']);
  // Model bookkeeping (declaration index, which keys were written) is not a change users see.
  const templates = section(ma.templates, mb.templates, (t) => t.alias, ['index', 'explicitPriority', 'hasConfig']);
  const deps = section(ma.dependencies, mb.dependencies, (d) => d.name, []);
  const ha = fileHashes(a);
  const hb = fileHashes(b);
  const files = {
    added: [...hb.keys()].filter((f) => !ha.has(f)).sort(),
    removed: [...ha.keys()].filter((f) => !hb.has(f)).sort(),
    modified: [...ha.keys()].filter((f) => hb.has(f) && ha.get(f) !== hb.get(f)).sort(),
  };

  const breaking: string[] = [];
  for (const name of variables.removed) breaking.push(`variable \`${name}\` was removed`);
  for (const c of variables.changed) {
    const type = c.changes.find((x) => x.field === 'type');
    if (type) breaking.push(`variable \`${c.name}\` changed type from ${String(type.from)} to ${String(type.to)}`);
    const values = c.changes.find((x) => x.field === 'values');
    const gone = ((values?.from as string[] | undefined) ?? []).filter((v) => !((values?.to as string[] | undefined) ?? []).includes(v));
    if (values && gone.length) breaking.push(`variable \`${c.name}\` no longer accepts ${gone.join(', ')}`);
  }
  for (const name of variables.added) {
    const v = mb.variables.find((x) => x.name === name)!;
    if (v.required && v.default === undefined) breaking.push(`new required variable \`${name}\` has no default`);
  }
  for (const alias of templates.removed) breaking.push(`template \`${alias}\` was removed (\`--template ${alias}\` stops working)`);

  return {
    name: b.name,
    from: a.version,
    to: b.version,
    metadata: fieldChanges(ma.metadata as unknown as Record<string, unknown>, mb.metadata as unknown as Record<string, unknown>, [
      'version',
      'rawCategory',
    ]),
    variables,
    templates,
    queries: section(ma.queries, mb.queries, (q) => q.name, ['index']),
    dependencies: deps,
    files,
    breaking,
  };
}

/** A unified diff of every changed pack file (manifest first), as `git diff` would show it. */
export function unifiedDiff(a: LoadedPack, b: LoadedPack, d: PackDiff): string {
  const read = (p: LoadedPack, rel: string) => {
    const buf = readFileSync(join(p.dir, rel));
    return buf.includes(0) ? `(binary file, ${buf.length} bytes)\n` : buf.toString('utf8');
  };
  const manifest = (p: LoadedPack) => findManifestFile(p.dir)?.file.slice(p.dir.length + 1) ?? '';
  const first = (f: string) => (f === manifest(a) || f === manifest(b) ? 0 : 1);
  const all = [
    ...d.files.modified.map((f) => ({ f, x: true, y: true })),
    ...d.files.added.map((f) => ({ f, x: false, y: true })),
    ...d.files.removed.map((f) => ({ f, x: true, y: false })),
  ];
  all.sort((p, q) => first(p.f) - first(q.f) || (p.f < q.f ? -1 : p.f > q.f ? 1 : 0));
  return all
    .map(({ f, x, y }) =>
      createTwoFilesPatch(
        x ? `a/${f}` : '/dev/null',
        y ? `b/${f}` : '/dev/null',
        x ? read(a, f) : '',
        y ? read(b, f) : '',
        `${a.name}@${a.version}`,
        `${b.name}@${b.version}`,
      ),
    )
    .join('');
}
