import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with a default export; under NodeNext its callable sits on `.default`.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** A schema violation as every API here reports it: where (a JSON pointer) and what. */
export interface SchemaViolation {
  path: string;
  message: string;
}

/**
 * For third-party schemas: not strict, because the 1EdTech schema carries annotations and union
 * types that strict mode rejects, and it is theirs, not ours to edit.
 */
export const lenientAjv = new Ajv({ allErrors: true, strict: false });
addFormats(lenientAjv);

/**
 * For our own schemas (request bodies, facts, kinds): strict, so a typo in a schema fails at start-up.
 * The discriminator keeps error lists to the branch that `kind` names.
 */
const strictAjv = new Ajv({ allErrors: true, strict: true, strictTuples: false, strictRequired: false, allowUnionTypes: true, discriminator: true });
addFormats(strictAjv);

export function compileSchema(schema: object): ValidateFunction {
  return strictAjv.compile(schema);
}

export function violationOf(error: ErrorObject): SchemaViolation {
  const where = error.instancePath || '/';
  if (error.keyword === 'additionalProperties') {
    return { path: where, message: `has an unknown property "${String(error.params.additionalProperty)}"` };
  }
  if (error.keyword === 'required') {
    return { path: `${error.instancePath}/${String(error.params.missingProperty)}`, message: 'is required' };
  }
  if (error.keyword === 'enum') {
    return { path: where, message: `must be one of: ${(error.params.allowedValues as unknown[]).join(', ')}` };
  }
  return { path: where, message: error.message ?? 'is invalid' };
}

/** Runs a compiled validator and lists its violations, without duplicates; [] means valid. */
export function violationsOf(validate: ValidateFunction, value: unknown): SchemaViolation[] {
  if (validate(value)) return [];
  const seen = new Set<string>();
  // A discriminator error only repeats that its tag is not one of the allowed values, which the
  // tag's own enum reports with the list.
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'discriminator' || validate.errors!.length === 1);
  return errors.map(violationOf).filter((v) => {
    const key = `${v.path} ${v.message}`;
    return !seen.has(key) && seen.add(key) !== undefined;
  });
}
