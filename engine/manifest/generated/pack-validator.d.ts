/** Types of the standalone ajv validator generated from schemas/pack.schema.json. */
export interface SchemaError {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
  message?: string;
}
export interface PackValidator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}
export declare const validate: PackValidator;
export default validate;
