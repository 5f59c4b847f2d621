/**
 * Reading user-supplied variable values: `--var k=v` arguments and `--vars-file` (YAML, JSON or TOML,
 * chosen by extension). Values stay raw here; resolveVariables coerces them by the declared type.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { parseDocument } from 'yaml';
import type { Issue } from '../../protocol';
import { firstLine, NotFoundError, ValidationError } from '../errors';
import { lineColumnAt } from '../manifest/line-index';
import type { VariableValue } from '../manifest/model';

/** Parse repeated `--var name=value` arguments (the value may contain `=`). */
export function parseVarArgs(args: string[]): Record<string, VariableValue> {
  const out: Record<string, VariableValue> = {};
  const bad: Issue[] = [];
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq <= 0) {
      bad.push({ code: 'packs/bad-argument', severity: 'error', message: `--var "${a}" is not name=value`, file: null, range: null });
      continue;
    }
    out[a.slice(0, eq).trim()] = a.slice(eq + 1);
  }
  const [firstBad] = bad;
  if (firstBad)
    throw new ValidationError(firstBad.message, { issues: bad, hint: 'Write --var name=value, e.g. --var project_name=myapp.' });
  return out;
}

function syntax(file: string, message: string, line: number, column: number): ValidationError {
  const issue: Issue = {
    code: 'packs/syntax',
    severity: 'error',
    message: `Syntax error in vars file: ${message}`,
    file,
    range: { start: { line, column }, end: { line, column: column + 1 } },
  };
  return new ValidationError(`${file}:${line}:${column}: ${message}`, { issues: [issue] });
}

/** Load a vars file; its top level must be a table/mapping of variable names. */
export function loadVarsFile(file: string): Record<string, VariableValue> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new NotFoundError(`Cannot read vars file ${file}: ${(err as Error).message}`, { cause: err });
  }
  const ext = extname(file).toLowerCase();
  let data: unknown;
  if (ext === '.toml') {
    try {
      data = parseToml(text);
    } catch (err) {
      if (err instanceof TomlError) throw syntax(file, firstLine(err.message), err.line, err.column);
      throw err;
    }
  } else if (ext === '.json') {
    try {
      data = JSON.parse(text);
    } catch (err) {
      // Node 20's JSON errors often carry no position; YAML (a JSON superset) locates the mistake.
      const pos = /position (\d+)/.exec((err as Error).message);
      const yamlPos = parseDocument(text).errors[0]?.pos[0];
      const [line, col] = pos ? lineColumnAt(text, Number(pos[1])) : yamlPos !== undefined ? lineColumnAt(text, yamlPos) : [1, 1];
      throw syntax(file, (err as Error).message, line, col);
    }
  } else {
    const doc = parseDocument(text);
    const [error] = doc.errors;
    if (error) {
      const [line, col] = lineColumnAt(text, error.pos[0]);
      throw syntax(file, firstLine(error.message), line, col);
    }
    data = doc.toJS();
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ValidationError(`${file}: a vars file must map variable names to values`, {
      hint: 'Write e.g. `project_name: myapp` (YAML), `{"project_name": "myapp"}` (JSON) or `project_name = "myapp"` (TOML).',
    });
  }
  return normalizeValues(data as Record<string, unknown>);
}

// TOML integers may arrive as bigint; YAML dates as Date. Bring them to plain values.
function normalizeValues(data: Record<string, unknown>): Record<string, VariableValue> {
  const fix = (v: unknown): VariableValue => {
    if (typeof v === 'bigint') return Number(v);
    if (v instanceof Date) return v.toISOString();
    if (Array.isArray(v)) return v.map(fix);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fix(x)]));
    return v as VariableValue;
  };
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, fix(v)]));
}
