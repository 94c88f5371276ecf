import { compileSchema, type SchemaViolation, violationsOf } from '../common/ajv.js';
import { OPEN_BADGE_CREDENTIAL_SCHEMA } from './ob-v3p0-achievement-credential.schema.js';

export const validateOpenBadgeSchema = compileSchema(OPEN_BADGE_CREDENTIAL_SCHEMA);

/** Any Open Badges 3.0 credential in the VCDM 1.1 shape, against the 1EdTech schema alone; [] means valid. */
export function validateOpenBadgeCredential(credential: unknown): SchemaViolation[] {
  return violationsOf(validateOpenBadgeSchema, credential);
}
