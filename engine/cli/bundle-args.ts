import { BUNDLE_FORMATS } from '../index';

/** `--archive-format` of export / import: not `--format`, which is every verb's output format (human|json|yaml). */
export const ARCHIVE_FORMAT_OPTION = {
  flags: '--archive-format <format>',
  description: `bundle format: ${BUNDLE_FORMATS.join('|')} (tgz = tar.gz); default from the file name, which must not say otherwise`,
};

/** The `--archive-format` value given, if any. */
export const archiveFormatArg = (opts: Record<string, unknown>): string | undefined =>
  typeof opts.archiveFormat === 'string' ? opts.archiveFormat : undefined;
