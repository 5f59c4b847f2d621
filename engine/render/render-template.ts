/**
 * Rendering one `[[templates]]` entry into files in memory (SPEC §2, §10): derived variables,
 * conditions, templated paths, `.mustache` rendering with front matter (`to`, `when`,
 * `skip_if_exists`, `foreach`), verbatim copies of everything else (binaries included).
 */
import type { WriteRequest } from '../apply/apply';
import type { Manifest, TemplateDef, TemplateSource, VariableValue } from '../manifest/model';
import { GenerationError } from '../errors';
import { splitFrontMatter } from './front-matter';
import { buildContext, isFalsy, withRow, type RenderContext } from './context';
import { conditionsHold } from './conditions';
import { isHtmlPath, renderText } from './mustache-render';
import { normalizeOutputPath } from './output-path';
import { readTemplateSource, type SourceFile } from './template-files';
import { isBinary } from './binary';

/** One file of the plan: what applyWrites writes, plus where it came from. */
export interface RenderedFile extends WriteRequest {
  /** `pack:source-file` that produced it (conflict messages). */
  source: string;
}

export interface RenderPack {
  name: string;
  dir: string;
  manifest: Manifest;
}

export interface TemplateJob {
  pack: RenderPack;
  template: TemplateDef;
  values: Record<string, VariableValue>;
  /** `queries.<name>` as templates see them (rows, booleans or triples). */
  queries: Record<string, unknown>;
  /** Finds the pack a `marketplace` source names (absent or undefined: such sources are an error). */
  findPack?: ((name: string, range: string) => RenderPack | null) | undefined;
  /** Called with the byte size of every source file read (pack size limit). */
  onBytes?: (n: number) => void;
  /** Reads a source file's bytes (default readFileSync): generation shares the reads of its validation. */
  readFile?: ((abs: string) => Buffer) | undefined;
}

export interface TemplateOutcome {
  files: RenderedFile[];
  /** False when `[[templates.conditions]]` did not hold (nothing rendered). */
  conditionsMet: boolean;
}

const MUSTACHE = '.mustache';

/** Render one template. Throws GenerationError (with file:line) on template errors. */
export function renderTemplate(job: TemplateJob): TemplateOutcome {
  const { pack, template } = job;
  const where = `${pack.name}:${template.alias}`;
  const base = buildContext(job.values, {}, job.queries);
  const derived: Record<string, string> = {};
  for (const [k, tpl] of Object.entries(template.variables)) {
    derived[k] = renderText(tpl, { ...base, ...derived }, false, { file: `${where} [templates.variables].${k}` });
  }
  if (!conditionsHold(template.conditions, { ...job.values, ...derived }, where)) return { files: [], conditionsMet: false };
  const ctx = buildContext(job.values, derived, job.queries);
  const root = template.outputPath ? renderText(template.outputPath, ctx, false, { file: `${where} output_path` }) : '';
  // An absolute output_path (written so, or from a value: `{{dir}}` = "/etc") keeps every path under it absolute.
  const rootAbsolute = template.outputPath ? rendersAbsolute(template.outputPath, root, ctx) : false;
  const files: RenderedFile[] = [];
  const emit: Emit = (path, content, mode, skipIfExists, source, absolute = false) => {
    const abs = absolute || rootAbsolute;
    files.push({
      path: normalizeOutputPath(
        root,
        !absolute && rootAbsolute ? `${root.replace(/[\\/]+$/, '')}/${path}` : path,
        `${pack.name}:${source}`,
        abs,
      ),
      content,
      mode,
      pack: pack.name,
      template: template.alias,
      skipIfExists: skipIfExists || template.config.skipIfExists,
      source: `${pack.name}:${source}`,
    });
  };

  if (template.source.type === 'inline') {
    const src = template.source;
    const to = renderText(src.to, ctx, false, { file: `${where} source.to` });
    if (to.trim() === '') return { files, conditionsMet: true };
    const body = renderText(src.content, ctx, isHtmlPath(to), { file: `${where} source.content` });
    emit(to, Buffer.from(body, 'utf8'), 0o644, false, `${template.alias} (inline)`, rendersAbsolute(src.to, to, ctx));
    return { files, conditionsMet: true };
  }

  for (const f of sourceFiles(job, template.source)) renderFile(f, ctx, job, emit);
  return { files, conditionsMet: true };
}

function sourceFiles(job: TemplateJob, source: TemplateSource): SourceFile[] {
  const { pack } = job;
  if (source.type === 'local') return readTemplateSource(pack.dir, source.path, pack.manifest.excludes, job.onBytes, job.readFile);
  if (source.type === 'marketplace') {
    const other = job.findPack?.(source.packageId, source.version) ?? null;
    if (!other) {
      throw new GenerationError(`Template of ${pack.name} uses ${source.packageId}@${source.version}, which is not installed`, {
        hint: `Run \`ggen-pack install ${source.packageId}\` first.`,
      });
    }
    const t = source.template ? other.manifest.templates.find((x) => x.alias === source.template) : other.manifest.templates[0];
    if (!t || t.source.type !== 'local') {
      throw new GenerationError(`Pack ${source.packageId} has no local template "${source.template ?? '(first)'}" to reuse`);
    }
    return readTemplateSource(other.dir, t.source.path, other.manifest.excludes, job.onBytes, job.readFile);
  }
  throw new GenerationError(
    `Template "${job.template.alias}" of ${pack.name} has a ${source.type} source, which generation does not fetch yet`,
    {
      hint: 'Use a local template (download the files into the pack) or an inline one.',
    },
  );
}

type Emit = (path: string, content: Buffer, mode: number, skipIfExists: boolean, source: string, absolute?: boolean) => void;

/** A path template written absolute (`/x`, `\\x`, `C:`): kept absolute so apply rejects it (exit 6). */
const isAbsoluteTemplate = (t: string) => /^\s*([\\/]|[a-zA-Z]:)/.test(t);

/**
 * Whether path template `tpl`, rendered to `rendered`, is an absolute path (SPEC §8: apply refuses it,
 * exit 6): written absolute, or absolute through a value (`{{root}}/x` with root = "/etc", a file named
 * `{{target}}` = "C:/x"). A leading separator left by an EMPTY leading value (`{{dir}}/x` with dir = "")
 * is not: that is an empty path segment (normalizeOutputPath's error).
 */
function rendersAbsolute(tpl: string, rendered: string, ctx: RenderContext): boolean {
  if (isAbsoluteTemplate(tpl)) return true;
  if (!isAbsoluteTemplate(rendered)) return false;
  if (/^\s*[a-zA-Z]:/.test(rendered)) return true; // a drive letter never comes from an empty value
  // What the template renders to before its first literal separator: empty → the separator is the template's own.
  const lead = leadingSegment(tpl);
  try {
    return renderText(lead, ctx, false, { file: '(path)' }).trim() !== '';
  } catch {
    return false; // the lead cut a section in two: treat it as the empty-segment case
  }
}

/** `tpl` up to its first `/` or `\\` outside a `{{…}}` tag. */
function leadingSegment(tpl: string): string {
  let i = 0;
  while (i < tpl.length) {
    if (tpl.startsWith('{{', i)) {
      const close = tpl.indexOf('}}', i + 2);
      if (close < 0) return tpl;
      i = close + 2;
      continue;
    }
    if (tpl[i] === '/' || tpl[i] === '\\') return tpl.slice(0, i);
    i++;
  }
  return tpl;
}

function renderFile(f: SourceFile, ctx: RenderContext, job: TemplateJob, emit: Emit): void {
  const isTemplate = f.rel.endsWith(MUSTACHE);
  const relTpl = isTemplate ? f.rel.slice(0, -MUSTACHE.length) : f.rel;
  if (!isTemplate || isBinary(f.data)) {
    const path = renderText(relTpl, ctx, false, { file: `${f.packRel} (path)` });
    emit(path, f.data, f.mode, false, f.packRel, rendersAbsolute(relTpl, path, ctx));
    return;
  }
  const split = splitFrontMatter(f.data.toString('utf8'));
  if (split.error) {
    throw new GenerationError(
      `Front matter of ${job.pack.name}:${f.packRel}:${split.error.line} is not valid YAML: ${split.error.message}`,
    );
  }
  const fm = split.frontMatter ?? {};
  const renderOne = (c: RenderContext) => {
    if (fm.when !== undefined && !whenHolds(fm.when, c)) return;
    const path =
      fm.to !== undefined
        ? renderText(fm.to, c, false, { file: `${f.packRel} (to:)` })
        : renderText(relTpl, c, false, { file: `${f.packRel} (path)` });
    if (path.trim() === '') return;
    const body = renderText(split.body, c, isHtmlPath(path), { file: f.packRel, lineOffset: split.bodyLineOffset });
    emit(path, Buffer.from(body, 'utf8'), f.mode, fm.skipIfExists === true, f.packRel, rendersAbsolute(fm.to ?? relTpl, path, c));
  };
  if (fm.foreach === undefined) return renderOne(ctx);
  const rows = (ctx.queries as Record<string, unknown>)[fm.foreach];
  const declared = job.pack.manifest.queries.some((q) => q.name === fm.foreach);
  if (!declared) {
    throw new GenerationError(`${job.pack.name}:${f.packRel}: foreach names query "${fm.foreach}", which the pack does not declare`);
  }
  if (rows === undefined) return; // --skip-queries: no rows, no files
  if (!Array.isArray(rows))
    throw new GenerationError(`${job.pack.name}:${f.packRel}: foreach needs a SELECT query; "${fm.foreach}" is not one`);
  for (const row of rows) renderOne(withRow(ctx, row as Record<string, unknown>));
}

function whenHolds(when: string, ctx: RenderContext): boolean {
  const negate = when.trim().startsWith('!');
  const name = when.trim().replace(/^!\s*/, '');
  let v: unknown = ctx;
  for (const part of name.split('.')) v = v === null || typeof v !== 'object' ? undefined : (v as Record<string, unknown>)[part];
  if (v instanceof String || v instanceof Number) v = v.valueOf();
  return negate ? isFalsy(v) : !isFalsy(v);
}
