/** Types of the standalone ajv validator generated from schemas/composition.schema.json. */
import type { PackValidator } from '../../manifest/generated/pack-validator';
export declare const validate: PackValidator;
export default validate;
