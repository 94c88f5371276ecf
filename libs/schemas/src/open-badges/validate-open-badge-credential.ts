import type { ValidateFunction } from 'ajv';
import { compileSchema, type SchemaViolation, violationsOf } from '../common/ajv.js';
import { type DataModel, dataModelOf, unknownDataModel } from '../common/data-model.js';
import { officialSchemas } from '../official-schemas/official-schemas.js';
import { OPEN_BADGE_CREDENTIAL_SCHEMA } from './ob-v3p0-achievement-credential.schema.js';
import { validateOpenBadgeTypeRules } from './open-badges-type-rules.js';

export const validateOpenBadgeSchema = compileSchema(OPEN_BADGE_CREDENTIAL_SCHEMA);

/** 1EdTech's AchievementCredential schema for a data model, with the type rules its validator adds. */
export function openBadgeValidators(model: DataModel): ValidateFunction[] {
  return [model === '1.1' ? validateOpenBadgeSchema : officialSchemas.openBadgeCredential(), validateOpenBadgeTypeRules];
}

/**
 * Any Open Badges 3.0 AchievementCredential (ours or another issuer's) against 1EdTech's schema for
 * its data model: a VCDM 1.1 credential (`https://www.w3.org/2018/credentials/v1` first) against
 * the draft-04 one, a VCDM 2.0 credential (`https://www.w3.org/ns/credentials/v2` first) against
 * the official draft 2019-09 one; both with the type checks 1EdTech's validator adds. [] means valid.
 */
export function validateOpenBadgeCredential(credential: unknown): SchemaViolation[] {
  const model = dataModelOf(credential);
  return model ? violationsOf(openBadgeValidators(model), credential) : [unknownDataModel(credential)];
}
