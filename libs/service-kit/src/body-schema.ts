import type { JSONSchemaType } from 'ajv';
import { compileSchema, violationsOf } from '#schemas';
import type { BodyValidation } from './json-body.pipe.js';

/** Compiles a JSON Schema for a request body into a validation the ValidBody pipe can use. */
export function bodySchema<T>(schema: JSONSchemaType<T>): BodyValidation<T> {
  const validate = compileSchema(schema);
  return (body) => {
    const violations = violationsOf(validate, body);
    return violations.length === 0 ? { ok: true, value: body as T } : { ok: false, violations };
  };
}
