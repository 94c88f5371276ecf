import type { ValidateFunction } from 'ajv';
import { compileSchema, distinctViolations, type SchemaViolation, violationsOf } from '../common/ajv.js';
import { type DataModel, dataModelOf, unknownDataModel } from '../common/data-model.js';
import { entriesOf } from '../common/entries-of.js';
import { clrCredentialV1Schema, officialSchemas } from '../official-schemas/official-schemas.js';
import { openBadgeValidators } from '../open-badges/validate-open-badge-credential.js';
import { typed, validateOpenBadgeTypeRules } from '../open-badges/open-badges-type-rules.js';

/** What 1EdTech's CLR validator checks beyond its schema: the credential's and the subject's types. */
const validateClrTypeRules = compileSchema({
  type: 'object',
  properties: {
    type: { type: 'array', allOf: [{ contains: { const: 'VerifiableCredential' } }, { contains: { enum: ['ClrCredential'] } }] },
    credentialSubject: typed('ClrSubject'),
  },
});

function clrValidators(model: DataModel): ValidateFunction[] {
  return [model === '1.1' ? clrCredentialV1Schema() : officialSchemas.clrCredential(), validateClrTypeRules];
}

/** The credentials a transcript holds are AchievementCredentials; CLR 2.0 publishes its own copy of their schema. */
function heldCredentialValidators(model: DataModel): ValidateFunction[] {
  return model === '1.1' ? openBadgeValidators('1.1') : [officialSchemas.clrAchievementCredential(), validateOpenBadgeTypeRules];
}

/**
 * A CLR 2.0 transcript (ClrCredential) against 1EdTech's schema for its data model, VCDM 1.1 (the
 * draft-04 schema) or 2.0 (the official 2019-09 one), with the type checks 1EdTech's validator
 * adds; then each AchievementCredential it holds, against the schema for that credential's own data
 * model, reported under its place in the transcript. [] means valid.
 */
export function validateClrCredential(credential: unknown): SchemaViolation[] {
  const model = dataModelOf(credential);
  if (!model) return [unknownDataModel(credential)];
  return distinctViolations([...violationsOf(clrValidators(model), credential), ...heldCredentialViolations(credential)]);
}

function heldCredentialViolations(credential: unknown): SchemaViolation[] {
  const held = (credential as { credentialSubject?: { verifiableCredential?: unknown } }).credentialSubject?.verifiableCredential;
  return entriesOf(held, '/credentialSubject/verifiableCredential')
    .filter(([, entry]) => typeof entry === 'object' && entry !== null)
    .flatMap(([path, entry]) => {
      const model = dataModelOf(entry);
      const violations = model ? violationsOf(heldCredentialValidators(model), entry) : [unknownDataModel(entry)];
      return violations.map((violation) => ({ path: `${path}${violation.path}`, message: violation.message }));
    });
}
