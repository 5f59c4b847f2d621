/** `--category` of create and init: one of SPEC §2's categories ("dev-ops" accepted for devops). */
import { ValidationError } from '../../errors';
import { CATEGORIES, type Category } from '../../manifest/model';
import { optionText } from '../pack-args';

export function categoryOption(value: unknown): Category {
  if (value === undefined) return 'custom';
  const v = optionText(value).trim().toLowerCase();
  if (v === 'dev-ops') return 'devops';
  if ((CATEGORIES as readonly string[]).includes(v)) return v as Category;
  throw new ValidationError(`--category "${optionText(value)}" is not a pack category`, { hint: `Use one of: ${CATEGORIES.join(', ')}.` });
}
