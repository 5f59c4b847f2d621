/**
 * `[[templates.conditions]]` (SPEC §2, §10): every condition must hold; values are compared in their
 * string form, so `value = "true"` matches a boolean true. ggen's operator spellings (`notequals`,
 * `startswith`, `endswith`: serde lowercase of its enum) are normalized when the manifest is read and
 * accepted here too, for conditions built in code.
 */
import { canonicalOperator, type Condition } from '../manifest/model';
import { GenerationError } from '../errors';
import { toText } from '../util/to-text';
import { compileUserRegex } from './user-regex';

/** The string form of a value: lists join with ",", objects are JSON, absent is "". */
export function stringForm(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.map(stringForm).join(',');
  if (typeof v === 'object' && !(v instanceof String) && !(v instanceof Number)) return JSON.stringify(v);
  return toText(v); // a scalar, or a String / Number object (a decorated list item)
}

/** Does one condition hold in `values`? `where` names the template for error messages. */
export function conditionHolds(c: Condition, values: Record<string, unknown>, where: string): boolean {
  const raw = values[c.variable];
  const s = stringForm(raw);
  switch (canonicalOperator(c.operator)) {
    case 'equals':
      return s === c.value;
    case 'not_equals':
      return s !== c.value;
    case 'contains':
      return Array.isArray(raw) ? raw.some((x) => stringForm(x) === c.value) : s.includes(c.value);
    case 'starts_with':
      return s.startsWith(c.value);
    case 'ends_with':
      return s.endsWith(c.value);
    case 'matches': {
      // RE2 (linear time), like validation patterns: a condition cannot hang generation.
      const re = compileUserRegex(c.value);
      if (!re.ok) {
        throw new GenerationError(
          re.kind === 'javascript'
            ? `Condition on "${c.variable}" in ${where}: /${c.value}/ does not compile`
            : `Condition on "${c.variable}" in ${where}: /${c.value}/ cannot be used: ${re.message}; patterns run on RE2 (linear time, no backreferences or lookaround)`,
          { hint: 'Rewrite the pattern (`ggen-pack validate` points at it).' },
        );
      }
      return re.regex.test(s);
    }
    default:
      throw new GenerationError(`Condition on "${c.variable}" in ${where}: unknown operator "${String(c.operator)}"`, {
        hint: 'Use equals, not_equals (notequals), contains, starts_with (startswith), ends_with (endswith) or matches.',
      });
  }
}

/** True when every condition holds (no conditions → true). */
export function conditionsHold(conditions: Condition[], values: Record<string, unknown>, where: string): boolean {
  return conditions.every((c) => conditionHolds(c, values, where));
}
