/**
 * Metadata dimension (SPEC §6): +10 each for name, description, title, license, author email,
 * repository, homepage, tags; +10 for a description of at least 100 characters; +10 for 3 or more tags.
 */
import type { Manifest } from '../../manifest/model';
import type { DimensionResult } from '../arithmetic';
import { floorScore, plus } from '../arithmetic';

const LONG_DESCRIPTION = 100;

export function scoreMetadata(manifest: Manifest): DimensionResult {
  const m = manifest.metadata;
  const present = (v: string | undefined) => typeof v === 'string' && v.trim() !== '';
  const fields: [ok: boolean, advice: string][] = [
    [present(m.name), 'Add `name` to [metadata]'],
    [present(m.description), 'Add `description` to [metadata]'],
    [present(m.title), 'Add `title` to [metadata]'],
    [present(m.license), 'Add `license` (an SPDX id such as "MIT") to [metadata]'],
    [present(m.author?.email), 'Add `email` to [metadata.author]'],
    [present(m.repository), 'Add `repository` to [metadata]'],
    [present(m.homepage), 'Add `homepage` to [metadata]'],
    [m.tags.length > 0, 'Add `tags` to [metadata]'],
  ];
  const descLength = m.description.trim().length;
  let points = fields.filter(([ok]) => ok).length * 10;
  if (descLength >= LONG_DESCRIPTION) points += 10;
  if (m.tags.length >= 3) points += 10;

  const advice = fields.filter(([ok]) => !ok).map(([, text]) => `${text} ${plus(10)}`);
  if (descLength < LONG_DESCRIPTION) {
    advice.push(`Lengthen \`description\` to at least ${LONG_DESCRIPTION} characters (now ${descLength}) ${plus(10)}`);
  }
  if (m.tags.length > 0 && m.tags.length < 3) {
    const more = 3 - m.tags.length;
    advice.push(`Add ${more} more tag${more === 1 ? '' : 's'} (3 or more) ${plus(10)}`);
  } else if (m.tags.length === 0) {
    advice.push(`Use at least 3 tags ${plus(10)}`);
  }
  return { score: floorScore(points, 0), advice };
}
