/** Every lint rule, in report order (manifest structure first, then templates, queries, dependencies, docs). */
import type { LintRule } from '../types';
import { rule as unknownKey } from './unknown-key';
import { rule as missingField } from './missing-field';
import { rule as invalidType } from './invalid-type';
import { rule as invalidValue } from './invalid-value';
import { rule as invalidVersion } from './invalid-version';
import { rule as invalidRange } from './invalid-range';
import { rule as wildcardRange } from './wildcard-range';
import { rule as nameNotKebabCase } from './name-not-kebab-case';
import { rule as missingTitle } from './missing-title';
import { rule as shortDescription } from './short-description';
import { rule as unknownCategory } from './unknown-category';
import { rule as invalidLicense } from './invalid-license';
import { rule as engineVersion } from './engine-version';
import { rule as limitExceeded } from './limit-exceeded';
import { rule as pathEscape } from './path-escape';
import { rule as templatePathMissing } from './template-path-missing';
import { rule as conflictingConfig } from './conflicting-config';
import { rule as duplicateAlias } from './duplicate-alias';
import { rule as templateSyntax } from './template-syntax';
import { rule as unknownQuery } from './unknown-query';
import { rule as duplicateOutput } from './duplicate-output';
import { rule as hookMissingTimeout } from './hook-missing-timeout';
import { rule as variableNotSnakeCase } from './variable-not-snake-case';
import { rule as duplicateVariable } from './duplicate-variable';
import { rule as invalidRegex } from './invalid-regex';
import { rule as defaultViolatesValidation } from './default-violates-validation';
import { rule as undeclaredVariable } from './undeclared-variable';
import { rule as unusedVariable } from './unused-variable';
import { rule as duplicateQuery } from './duplicate-query';
import { rule as queryPathMissing } from './query-path-missing';
import { rule as querySyntax } from './query-syntax';
import { rule as queryFormatMismatch } from './query-format-mismatch';
import { rule as rdfSyntax } from './rdf-syntax';
import { rule as dependencyNotFound } from './dependency-not-found';
import { rule as noMatchingVersion } from './no-matching-version';
import { rule as dependencyCycle } from './dependency-cycle';
import { rule as missingReadme } from './missing-readme';
import { rule as missingLicense } from './missing-license';
import { rule as missingChangelogEntry } from './missing-changelog-entry';
import { rule as unsafeCharacters } from './unsafe-characters';
import { rule as symlinkEscape } from './symlink-escape';
import { rule as backslashInPath } from './backslash-in-path';
import { rule as invalidUtf8 } from './invalid-utf8';
import { rule as enumWithoutValues } from './enum-without-values';
import { rule as unsupportedRegex } from './unsupported-regex';

export const RULES: readonly LintRule[] = [
  unknownKey,
  missingField,
  invalidType,
  invalidValue,
  invalidVersion,
  invalidRange,
  wildcardRange,
  nameNotKebabCase,
  unsafeCharacters,
  missingTitle,
  shortDescription,
  unknownCategory,
  invalidLicense,
  engineVersion,
  limitExceeded,
  pathEscape,
  symlinkEscape,
  backslashInPath,
  templatePathMissing,
  conflictingConfig,
  duplicateAlias,
  templateSyntax,
  invalidUtf8,
  unknownQuery,
  duplicateOutput,
  hookMissingTimeout,
  variableNotSnakeCase,
  duplicateVariable,
  enumWithoutValues,
  invalidRegex,
  unsupportedRegex,
  defaultViolatesValidation,
  undeclaredVariable,
  unusedVariable,
  duplicateQuery,
  queryPathMissing,
  querySyntax,
  queryFormatMismatch,
  rdfSyntax,
  dependencyNotFound,
  noMatchingVersion,
  dependencyCycle,
  missingReadme,
  missingLicense,
  missingChangelogEntry,
];

/** Rule by id (`unknown-key`) or code (`packs/unknown-key`). */
export function ruleById(id: string): LintRule | undefined {
  const bare = id.replace(/^packs\//, '');
  return RULES.find((r) => r.meta.id === bare);
}
