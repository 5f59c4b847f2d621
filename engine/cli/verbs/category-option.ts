/** `--category` of create and init: one of SPEC §2's categories ("dev-ops" accepted for devops). */
import { ValidationError, CATEGORIES, type Category, toText } from '../../index';

export function categoryOption(value: unknown): Category {
  if (value === undefined) return 'custom';
  const v = toText(value).trim().toLowerCase();
  if (v === 'dev-ops') return 'devops';
  if ((CATEGORIES as readonly string[]).includes(v)) return v as Category;
  throw new ValidationError(`--category "${toText(value)}" is not a pack category`, { hint: `Use one of: ${CATEGORIES.join(', ')}.` });
}
