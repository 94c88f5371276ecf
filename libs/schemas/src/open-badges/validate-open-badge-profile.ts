import { compileSchema, type SchemaViolation, violationsOf } from '../common/ajv.js';
import { officialSchemas } from '../official-schemas/official-schemas.js';
import { typed } from './open-badges-type-rules.js';

const validateProfileType = compileSchema(typed('Profile'));

/**
 * An Open Badges 3.0 Profile (an issuer, or a creator or source named in a credential) against
 * 1EdTech's official schema, with its type checked. [] means valid.
 */
export function validateOpenBadgeProfile(profile: unknown): SchemaViolation[] {
  return violationsOf([officialSchemas.profile(), validateProfileType], profile);
}
