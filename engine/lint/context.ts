/**
 * What a lint rule sees: the loaded manifest (text, raw document, normalized model), the pack
 * directory, the options, and memoized scans that several rules share (schema errors, parsed
 * queries, template references), so each file is read and parsed once per lint run.
 */
import { readFileSync } from 'node:fs';
import Mustache from 'mustache';
import type { Fix, Issue, LintCategory, Range, Severity } from '../../protocol';
import type { LoadedManifest } from '../manifest/load';
import { locate, type KeyPath } from '../manifest/locate';
import type { Manifest } from '../manifest/model';
import { schemaCheckWithPaths, type SchemaIssue } from '../manifest/schema-check';
import { scanQuery, type QueryInfo } from './query-scan';
import { scanTemplates, type RefSite, type TemplateScan, type Token } from './template-scan';
import type { LintOptions, RuleMeta } from './meta';

/** Where an issue points: a manifest key path (its value, or its key) or an explicit file + range. */
export type IssueAt = KeyPath | { path: KeyPath; which: 'key' | 'value' } | { file: string; range: Range };

/** The context of one lint run over one manifest (see the file comment). */
export class LintContext {
  readonly manifest: Manifest;
  readonly raw: Record<string, unknown>;
  private schemaMemo?: SchemaIssue[];
  private queryMemo?: QueryInfo[];
  private templateMemo?: TemplateScan;
  private bytesMemo = new Map<string, Buffer>();

  constructor(
    readonly loaded: LoadedManifest,
    readonly packDir: string,
    readonly opts: LintOptions,
  ) {
    if (!loaded.manifest) throw new Error('LintContext needs a parsed manifest');
    this.manifest = loaded.manifest;
    this.raw = (loaded.raw ?? {}) as Record<string, unknown>;
  }

  /** Absolute path of the manifest file. */
  get file(): string {
    return this.loaded.file;
  }

  locate(path: KeyPath, which: 'key' | 'value' = 'value'): Range {
    return locate(this.loaded, path, which);
  }

  /**
   * Build an issue of `meta`'s rule at a manifest path or a file range, in the rule's score
   * category unless `extra.category` says otherwise. Undefined `extra` fields mean the rule's
   * default / no fix.
   */
  issue(
    meta: RuleMeta,
    message: string,
    at: IssueAt,
    extra: { severity?: Severity | undefined; fix?: Fix | undefined; category?: LintCategory | undefined } = {},
  ): Issue {
    let file = this.file;
    let range: Range;
    if (Array.isArray(at)) range = this.locate(at as KeyPath);
    else if ('path' in at) range = this.locate(at.path, at.which);
    else ({ file, range } = at as { file: string; range: Range });
    const issue: Issue = { code: `packs/${meta.id}`, severity: extra.severity ?? meta.severity, message, file, range };
    if (extra.fix) issue.fix = extra.fix;
    issue.category = extra.category ?? meta.category;
    return issue;
  }

  /** A template/query reference site as an IssueAt. */
  at(site: RefSite): IssueAt {
    return 'path' in site ? site.path : site;
  }

  /** Schema issues with their key paths (computed once; the schema rules each pick their code). */
  schemaIssues(): SchemaIssue[] {
    return (this.schemaMemo ??= schemaCheckWithPaths(this.loaded));
  }

  /** Every query, read and parsed (in declaration order). */
  queries(): QueryInfo[] {
    return (this.queryMemo ??= this.manifest.queries.map((q) =>
      scanQuery(q, this.loaded, this.packDir, (abs) => this.fileBytes(abs).toString('utf8')),
    ));
  }

  /** Row fields of query `name`: names, null = unknown (any name allowed), undefined = no such query. */
  queryFields(name: string): string[] | null | undefined {
    const q = this.queries().find((x) => x.def.name === name);
    return q ? q.fields : undefined;
  }

  /** Template files and the variable/query references in templates and manifest strings. */
  templates(): TemplateScan {
    return (this.templateMemo ??= scanTemplates(
      this.manifest,
      this.packDir,
      this.file,
      (n) => this.queryFields(n),
      (abs) => this.fileBytes(abs).toString('utf8'),
      this.opts.readFile?.readdir,
      this.opts.sharedTemplateCache ? (text) => Mustache.parse(text) as Token[] : undefined,
    ));
  }

  /** A pack file's bytes, read once per lint run (through `opts.readFile` when given). */
  fileBytes(abs: string): Buffer {
    let b = this.bytesMemo.get(abs);
    if (!b) {
      b = this.opts.readFile ? this.opts.readFile(abs) : readFileSync(abs);
      this.bytesMemo.set(abs, b);
    }
    return b;
  }
}
