import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import { FORMATS } from './formats.js';
import { readableTextProblem } from './readable-text.js';

// ajv-formats is CommonJS with a default export; under NodeNext its callable sits on `.default`.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** A schema violation as every API here reports it: where (a JSON pointer) and what. */
export interface SchemaViolation {
  path: string;
  message: string;
}

/**
 * The one ajv instance for our schemas (draft-07) and one for 1EdTech's draft 2019-09 ones: strict,
 * so a typo in any schema fails when it is compiled rather than letting input through (the 1EdTech
 * schemas compile under strict mode too). Relaxed where schemas say what they mean: `@context` is
 * an open tuple (fixed first items, any after), the apps' request bodies use union types, and a
 * `required` may name a property described elsewhere. The discriminator keeps the facts' errors to
 * the branch that `kind` names; `verbose` gives errors their schema, from which messages name the
 * expected values.
 */
const OPTIONS: Options = {
  allErrors: true,
  strict: true,
  strictTuples: false,
  strictRequired: false,
  allowUnionTypes: true,
  discriminator: true,
  verbose: true,
};
const ajv = new Ajv(OPTIONS);
addFormats(ajv);
for (const [name, { validate }] of Object.entries(FORMATS)) ajv.addFormat(name, { type: 'string', validate });

/** Draft 2019-09 has its own ajv class. 1EdTech's schemas use only ajv-formats' standard formats. */
const ajv2019 = new Ajv2019(OPTIONS);
addFormats(ajv2019);

/**
 * `readableText: true`: a string a person will read, never blank and free of the characters in
 * readable-text.ts. A keyword rather than a pattern so that its violations say what is wrong.
 */
ajv.addKeyword({
  keyword: 'readableText',
  type: 'string',
  schemaType: 'boolean',
  errors: true,
  validate: function readableText(enabled: boolean, text: string): boolean {
    const problem = enabled ? readableTextProblem(text) : undefined;
    (readableText as { errors?: Partial<ErrorObject>[] }).errors = problem
      ? [{ keyword: 'readableText', message: problem, params: {} }]
      : [];
    return problem === undefined;
  },
});

/** Compiles a schema once, at module load of its caller; schemas with an `$id` can then be `$ref`ed. */
export function compileSchema(schema: object): ValidateFunction {
  return ajv.compile(schema);
}

/** Compiles a draft 2019-09 schema; once per schema, like compileSchema, at module load or on first use. */
export function compileSchema2019(schema: object): ValidateFunction {
  return ajv2019.compile(schema);
}

/** Runs compiled validators on a value and lists their violations, without duplicates; [] means valid. */
export function violationsOf(validators: ValidateFunction | ValidateFunction[], value: unknown): SchemaViolation[] {
  return distinctViolations([validators].flat().flatMap((validate) => (validate(value) ? [] : errorsOf(validate))));
}

/** The violations without repeats: two schemas may say the same thing about the same place. */
export function distinctViolations(violations: SchemaViolation[]): SchemaViolation[] {
  const seen = new Set<string>();
  return violations.filter((violation) => {
    const key = `${violation.path} ${violation.message}`;
    return !seen.has(key) && seen.add(key) !== undefined;
  });
}

function errorsOf(validate: ValidateFunction): SchemaViolation[] {
  const errors = validate.errors ?? [];
  return errors
    .filter(
      (error) =>
        !isSummaryOfOthers(error, errors) &&
        !isRejectedAlternative(error, errors) &&
        !isValueOfRejectedMap(error, errors) &&
        !explainsFailedContains(error, errors),
    )
    .map(violationOf);
}

/**
 * When a value may take one of several shapes (1EdTech's schemas accept a string, a language map or
 * an object almost everywhere), the shapes it does not take fail on its JSON type or its property
 * names. Those failures say nothing once the shape it does take reports something of its own at the
 * same place or deeper: "/issuer/type must contain "Profile"" is the news, not "/issuer must be string".
 */
function isRejectedAlternative(error: ErrorObject, all: ErrorObject[]): boolean {
  return isShapeMismatch(error) && all.some((other) => !isShapeMismatch(other) && isWithin(other.instancePath, error.instancePath));
}

function isShapeMismatch(error: ErrorObject): boolean {
  return ['type', 'propertyNames', 'oneOf', 'anyOf', 'if'].includes(error.keyword) || error.propertyName !== undefined;
}

const isWithin = (path: string, parent: string) => path === parent || path.startsWith(`${parent}/`);

/**
 * A language map (`additionalProperties: {type: string}` with language tags as `propertyNames`)
 * that fails on the object's property names is not the shape meant; the types of its values do not
 * matter then.
 */
function isValueOfRejectedMap(error: ErrorObject, all: ErrorObject[]): boolean {
  const [, map] = /^(.*)\/additionalProperties\/type$/.exec(error.schemaPath) ?? [];
  const parent = error.instancePath.slice(0, error.instancePath.lastIndexOf('/'));
  return (
    map !== undefined &&
    all.some((other) => other.keyword === 'propertyNames' && other.schemaPath === `${map}/propertyNames` && other.instancePath === parent)
  );
}

/** A failed `contains` reports each item that is not the one wanted; its own message says which one is. */
function explainsFailedContains(error: ErrorObject, all: ErrorObject[]): boolean {
  return all.some(
    (other) =>
      other.keyword === 'contains' &&
      error.schemaPath.startsWith(`${other.schemaPath}/`) &&
      error.instancePath.startsWith(`${other.instancePath}/`),
  );
}

/**
 * "must match a schema in anyOf", an if's "must match "then" schema" and a discriminator's "tag must
 * be one of..." only repeat what the errors of their branches (or the tag's own enum) already say
 * more precisely.
 */
function isSummaryOfOthers(error: ErrorObject, all: ErrorObject[]): boolean {
  if (error.keyword === 'discriminator' || error.keyword === 'if') return all.length > 1;
  if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') return false;
  return all.some((other) => other !== error && other.schemaPath.startsWith(`${error.schemaPath}/`));
}

function violationOf(error: ErrorObject): SchemaViolation {
  const where = error.instancePath || '/';
  switch (error.keyword) {
    case 'required':
      return { path: `${error.instancePath}/${pointerToken(String(error.params.missingProperty))}`, message: 'is required' };
    case 'additionalProperties':
      return {
        path: `${error.instancePath}/${pointerToken(String(error.params.additionalProperty))}`,
        message: 'is not an allowed property',
      };
    case 'enum':
      return { path: where, message: `must be one of: ${(error.params.allowedValues as unknown[]).join(', ')}` };
    case 'const':
      return { path: where, message: `must be ${JSON.stringify(error.params.allowedValue)}` };
    case 'false schema':
      return { path: where, message: 'is not allowed here' };
    case 'contains':
      return { path: where, message: expectedItem(error.schema) ?? 'is missing a required item' };
    case 'format':
      return { path: where, message: FORMATS[String(error.params.format)]?.message ?? error.message ?? 'is invalid' };
    case 'maxProperties':
    case 'minProperties':
      return {
        path: where,
        message:
          exactlyOneOf(error.parentSchema) ??
          (isNonEmpty(error) ? 'must not be empty' : (error.message ?? 'has the wrong number of properties')),
      };
    default:
      return { path: where, message: error.message ?? 'is invalid' };
  }
}

function expectedItem(schema: unknown): string | undefined {
  const expected = describe(schema);
  return expected && `must contain ${expected}`;
}

/** What a `contains` schema asks for, in words: a value, one of some values, or an item with properties. */
function describe(schema: unknown): string | undefined {
  const {
    const: value,
    enum: values,
    properties = {},
    required = [],
  } = (schema ?? {}) as {
    const?: unknown;
    enum?: unknown[];
    properties?: Record<string, unknown>;
    required?: string[];
  };
  if (value !== undefined) return JSON.stringify(value);
  if (values) return `one of: ${values.join(', ')}`;
  if (required.length === 0) return undefined;
  return `an item with ${required.map((name) => [name, describe(properties[name])].filter(Boolean).join(' ')).join(', ')}`;
}

const isNonEmpty = (error: ErrorObject) => error.keyword === 'minProperties' && error.params.limit === 1;

/** For an object that must have exactly one of its properties, such as the learner. */
function exactlyOneOf(schema: unknown): string | undefined {
  const { minProperties, maxProperties, properties } = (schema ?? {}) as {
    minProperties?: number;
    maxProperties?: number;
    properties?: object;
  };
  return minProperties === 1 && maxProperties === 1 && properties
    ? `must have exactly one of: ${Object.keys(properties).join(', ')}`
    : undefined;
}

/** RFC 6901 escaping of one property name. */
function pointerToken(name: string): string {
  return name.replaceAll('~', '~0').replaceAll('/', '~1');
}
