import { compileSchema, type SchemaViolation, violationsOf } from '../common/ajv.js';
import { dataModelOf } from '../common/data-model.js';
import { CONTEXT_URLS } from '../contexts/context-urls.js';
import { officialSchemas } from '../official-schemas/official-schemas.js';
import { typed } from './open-badges-type-rules.js';

/** The types the JSON-LD form of the schema lets through as single strings. */
const validateEndorsementTypeRules = compileSchema({
  type: 'object',
  properties: {
    type: { type: 'array', allOf: [{ contains: { const: 'VerifiableCredential' } }, { contains: { enum: ['EndorsementCredential'] } }] },
    issuer: { if: { type: 'object' }, then: typed('Profile') },
    credentialSubject: typed('EndorsementSubject'),
  },
});

/**
 * An Open Badges 3.0 EndorsementCredential (a third party vouching for an issuer, an achievement or
 * a credential) against 1EdTech's official schema, with the types checked. 1EdTech publishes that
 * schema for VCDM 2.0 only, so a VCDM 1.1 endorsement is refused at its context. [] means valid.
 */
export function validateEndorsementCredential(credential: unknown): SchemaViolation[] {
  if (dataModelOf(credential) !== '2.0') return [{ path: '/@context/0', message: `must be ${CONTEXT_URLS.credentialsV2}` }];
  return violationsOf([officialSchemas.endorsementCredential(), validateEndorsementTypeRules], credential);
}
