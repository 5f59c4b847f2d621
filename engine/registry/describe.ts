/**
 * The data `show` and `info` print about a pack: plain JSON-able objects built from the manifest,
 * the store (versions, installed copies) and the local index (integrity, explicit).
 */
import { satisfies } from 'semver';
import type { TemplateSource } from '../manifest/model';
import type { RegistryStore } from './store';
import type { LoadedPack } from './types';

function templateSource(s: TemplateSource): string {
  switch (s.type) {
    case 'local':
      return s.path;
    case 'marketplace':
      return `${s.packageId}@${s.version}${s.template ? `#${s.template}` : ''}`;
    case 'remote':
      return s.url;
    case 'inline':
      return `inline → ${s.to}`;
  }
}

/** Every version known across the sources, newest first. */
function versionsOf(store: RegistryStore, name: string) {
  return store.versions(name).map((r) => ({ version: r.version, source: r.source, installed: r.installed }));
}

/** Everything about a pack (show). */
export function describePack(store: RegistryStore, pack: LoadedPack) {
  const m = pack.manifest;
  const entry = store.localEntry(pack.name, pack.version);
  return {
    name: pack.name,
    version: pack.version,
    title: m.metadata.title ?? null,
    description: m.metadata.description,
    category: m.metadata.category,
    tags: m.metadata.tags,
    license: m.metadata.license ?? null,
    author: m.metadata.author ?? null,
    repository: m.metadata.repository ?? null,
    homepage: m.metadata.homepage ?? null,
    minEngineVersion: m.metadata.minEngineVersion ?? null,
    minGgenVersion: m.metadata.minGgenVersion ?? null,
    source: pack.source,
    dir: pack.dir,
    installed: Boolean(entry),
    explicit: entry ? entry.explicit : null,
    integrity: entry ? entry.integrity : null,
    versions: versionsOf(store, pack.name),
    templates: m.templates.map((t) => ({
      alias: t.alias,
      priority: t.priority,
      type: t.source.type,
      source: templateSource(t.source),
      outputPath: t.outputPath ?? null,
      conditions: t.conditions.map((c) => `${c.variable} ${c.operator} ${JSON.stringify(c.value)}`),
    })),
    queries: m.queries.map((q) => ({
      name: q.name,
      description: q.description ?? null,
      source: q.source.type === 'file' ? q.source.path : q.source.type,
      outputPath: q.outputPath ?? null,
      outputFormat: q.outputFormat ?? null,
    })),
    variables: m.variables.map((v) => ({
      name: v.name,
      type: v.type,
      required: v.required,
      default: v.secret ? (v.default === undefined ? null : '<secret>') : (v.default ?? null),
      description: v.description ?? null,
      values: v.values ?? null,
      secret: v.secret,
    })),
    dependencies: m.dependencies.map((d) => {
      const best = store.versions(d.name).find((r) => satisfies(r.version, d.version || '*'));
      return { name: d.name, range: d.version, optional: d.optional, available: best ? best.version : null };
    }),
    hooks: m.hooks.map((h) => ({
      stage: h.stage,
      name: h.name,
      run: h.type === 'builtin' ? h.function : [h.command, ...h.args].join(' '),
    })),
    examples: m.examples.map((e) => ({
      name: e.name,
      description: e.description ?? null,
      command: e.command ?? null,
      variables: e.variables,
    })),
  };
}

export type PackDescription = ReturnType<typeof describePack>;

/** The one-screen summary (info). */
export function summarizePack(store: RegistryStore, pack: LoadedPack) {
  const d = describePack(store, pack);
  const required = d.variables.filter((v) => v.required && v.default === null).map((v) => v.name);
  return {
    name: d.name,
    version: d.version,
    title: d.title,
    description: d.description,
    category: d.category,
    tags: d.tags,
    license: d.license,
    source: d.source,
    installed: d.installed,
    latest: d.versions[0]?.version ?? d.version,
    templates: d.templates.length,
    queries: d.queries.length,
    variables: d.variables.length,
    requiredVariables: required,
    dependencies: Object.fromEntries(d.dependencies.map((x) => [x.name, x.range])),
    usage:
      d.examples.find((e) => e.command)?.command ??
      `ggen-pack generate ${d.name} --output <dir>${required.map((r) => ` --var ${r}=…`).join('')}`,
  };
}
