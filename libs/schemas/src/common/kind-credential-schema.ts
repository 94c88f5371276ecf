import { CONTEXT_URLS } from '../contexts/context-urls.js';
import { eventDate, signingDate } from './common-facts.js';

const required = (properties: Record<string, unknown>) => ({ type: 'object', properties, required: Object.keys(properties) });

/** A name a person will read: never blank, no control characters, bidi overrides or lone surrogates. */
const readableName = { type: 'string', readableText: true } as const;

/**
 * A kind's constraints on top of the 1EdTech schema: our envelope (the VCDM 1.1 context first, then
 * the Open Badges 3.0.3 context; an Open Badges credential type; a urn:uuid id; a DID issuer, since
 * we sign VC-JWTs as did:ethr; a learner named by id or identifier) plus the kind's own achievement
 * and subject properties, every one of which is required. Also what verifiers of the signed
 * credential need: dates a VC-JWT can carry, readable names, an achievement id that is a link and
 * not a script, and a learner DID of a method verifiers resolve. The issuer signs nothing these
 * refuse, and a verifier refuses what they refuse, so the two agree.
 */
export function kindCredentialSchema(kind: { achievement: Record<string, unknown>; subject?: Record<string, unknown>; credential?: Record<string, unknown> }) {
  return {
    type: 'object',
    properties: {
      '@context': {
        type: 'array',
        minItems: 2,
        items: [{ const: CONTEXT_URLS.credentialsV1 }, { const: CONTEXT_URLS.openBadgesV3 }],
        additionalItems: { type: 'string' },
      },
      type: {
        type: 'array',
        allOf: [{ contains: { const: 'VerifiableCredential' } }, { contains: { enum: ['OpenBadgeCredential', 'AchievementCredential'] } }],
      },
      id: { type: 'string', pattern: '^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' },
      name: readableName,
      issuer: { type: 'object', properties: { id: { type: 'string', pattern: '^did:[a-z0-9]+:\\S+$' }, name: readableName }, required: ['id'] },
      issuanceDate: signingDate,
      expirationDate: signingDate,
      validFrom: signingDate,
      validUntil: signingDate,
      awardedDate: eventDate,
      credentialSubject: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'resolvable-did' },
          activityStartDate: eventDate,
          activityEndDate: eventDate,
          achievement: {
            type: 'object',
            properties: { id: { type: 'string', format: 'linkable-uri' }, name: readableName, ...kind.achievement },
            required: Object.keys(kind.achievement),
          },
          ...kind.subject,
        },
        required: ['achievement', ...Object.keys(kind.subject ?? {})],
        anyOf: [required({ id: { type: 'string' } }), required({ identifier: { type: 'array', minItems: 1 } })],
      },
      ...kind.credential,
    },
    required: ['@context', 'type', 'id', 'issuer', 'credentialSubject', ...Object.keys(kind.credential ?? {})],
  };
}
