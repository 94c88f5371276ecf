import { compileSchema } from '../common/ajv.js';

/** A `type` that is, or lists, the class (1EdTech's schemas let a single string be anything), and more properties. */
export const typed = (name: string, properties: Record<string, object> = {}) => ({
  type: 'object',
  properties: {
    type: { if: { type: 'string' }, then: { enum: [name] }, else: { type: 'array', contains: { enum: [name] } } },
    ...properties,
  },
  required: ['type'],
});

/** One object, or a list of them, as the JSON-LD forms of Open Badges allow. */
const oneOrMany = (schema: object) => ({ if: { type: 'array' }, then: { type: 'array', items: schema }, else: schema });

/** A profile given as an object (a string is a bare URL and has no type). */
const profile = (properties: Record<string, object> = {}) => ({ if: { type: 'object' }, then: typed('Profile', properties) });

/**
 * What 1EdTech's own validator checks beyond its schema (its IssuerProbe, CredentialSubjectProbe
 * and EvidenceProbe), plus the achievement's type: the JSON-LD forms of 1EdTech's schemas accept a
 * `type` given as a single string whatever it says, so `"type": "InvalidEvidence"` passes them. The
 * classes are Open Badges 3.0's, the same in VCDM 1.1 and 2.0.
 */
export const validateOpenBadgeTypeRules = compileSchema({
  type: 'object',
  properties: {
    type: {
      type: 'array',
      allOf: [{ contains: { const: 'VerifiableCredential' } }, { contains: { enum: ['AchievementCredential', 'OpenBadgeCredential'] } }],
    },
    issuer: profile({ otherIdentifier: oneOrMany(typed('IdentifierEntry')), parentOrg: profile() }),
    credentialSubject: {
      ...typed('AchievementSubject', {
        identifier: oneOrMany(typed('IdentityObject')),
        result: oneOrMany(typed('Result')),
        source: profile(),
        achievement: typed('Achievement', {
          resultDescription: oneOrMany(typed('ResultDescription')),
          criteria: { type: 'object', anyOf: [{ required: ['id'] }, { required: ['narrative'] }] },
        }),
      }),
      anyOf: [{ required: ['id'] }, { required: ['identifier'] }],
    },
    evidence: oneOrMany(typed('Evidence')),
  },
});
