import { CONTEXT_URLS } from '../contexts/context-urls.js';
import { MESSAGE_STATUS_SIZE, STATUS_LIST_ENTRY_TYPE, STATUS_MESSAGES } from '../status-list/bitstring-status-list.js';
import { eventDate, signingDate } from './common-facts.js';
import type { DataModel } from './data-model.js';

const required = (properties: Record<string, unknown>) => ({ type: 'object', properties, required: Object.keys(properties) });

/** A name a person will read: never blank, no control characters, bidi overrides or lone surrogates. */
const readableName = { type: 'string', readableText: true } as const;

const statusEntry = (purpose: object, more: Record<string, unknown> = {}) => ({
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uri' },
    type: { const: STATUS_LIST_ENTRY_TYPE },
    statusPurpose: purpose,
    statusListIndex: { type: 'string', pattern: '^(0|[1-9][0-9]*)$' },
    statusListCredential: { type: 'string', format: 'uri' },
    ...more,
  },
  required: ['id', 'type', 'statusPurpose', 'statusListIndex', 'statusListCredential', ...Object.keys(more)],
  additionalProperties: false,
});

/** Exactly our messages, one per value of the two bits, in order. */
const statusMessages = {
  type: 'array',
  minItems: STATUS_MESSAGES.length,
  maxItems: STATUS_MESSAGES.length,
  items: STATUS_MESSAGES.map(({ status, message }) => ({
    type: 'object',
    properties: { status: { const: status }, message: { const: message } },
    required: ['status', 'message'],
    additionalProperties: false,
  })),
};

/**
 * The one status entry of a VCDM 2.0 credential of ours: a Bitstring Status List entry in a 2-bit
 * list with a message per value (valid, suspended, revoked), or a plain revocation entry.
 */
const credentialStatus = {
  if: { type: 'object', properties: { statusPurpose: { const: 'message' } }, required: ['statusPurpose'] },
  then: statusEntry({ const: 'message' }, { statusSize: { const: MESSAGE_STATUS_SIZE }, statusMessage: statusMessages }),
  else: statusEntry({ const: 'revocation' }),
};

/** The fields of one data model's envelope: its contexts, its validity period and, for VCDM 2.0, its status entry. */
const DATA_MODEL_FIELDS = {
  '1.1': {
    contexts: [CONTEXT_URLS.credentialsV1, CONTEXT_URLS.openBadgesV3],
    properties: { issuanceDate: signingDate, expirationDate: signingDate, validFrom: signingDate, validUntil: signingDate },
    required: [],
  },
  '2.0': {
    contexts: [CONTEXT_URLS.credentialsV2, CONTEXT_URLS.openBadgesV3, CONTEXT_URLS.openBadgesV3Extensions],
    properties: { issuanceDate: false, expirationDate: false, validFrom: signingDate, validUntil: signingDate, credentialStatus },
    required: ['validFrom'],
  },
} as const;

/**
 * A kind's constraints on top of the 1EdTech schema, for a data model: our envelope (the model's
 * context first, then the Open Badges 3.0.3 context, and for VCDM 2.0 its extensions; VCDM 2.0 dates
 * and one status entry of ours, or VCDM 1.1 ones; an Open Badges credential type; a URI id; a
 * DID issuer; a learner named by id or identifier) plus the kind's own achievement and subject
 * properties, every one of which is required. Also what verifiers of the signed credential need:
 * dates a VC-JWT can carry, readable names, an achievement id that is a link and not a script, and a
 * learner DID of a method verifiers resolve. The issuer signs nothing these refuse, and a verifier
 * refuses what they refuse, so the two agree. The status entry is checked when present: the issuer
 * adds it after checking what it was asked to sign.
 */
export function kindCredentialSchemas(kind: KindConstraints): Record<DataModel, object> {
  return { '1.1': kindCredentialSchema(kind, '1.1'), '2.0': kindCredentialSchema(kind, '2.0') };
}

interface KindConstraints {
  achievement: Record<string, unknown>;
  subject?: Record<string, unknown>;
  credential?: Record<string, unknown>;
}

function kindCredentialSchema(kind: KindConstraints, dataModel: DataModel) {
  const model = DATA_MODEL_FIELDS[dataModel];
  return {
    type: 'object',
    properties: {
      '@context': {
        type: 'array',
        minItems: model.contexts.length,
        items: model.contexts.map((url) => ({ const: url })),
        additionalItems: { type: 'string' },
      },
      type: {
        type: 'array',
        allOf: [{ contains: { const: 'VerifiableCredential' } }, { contains: { enum: ['OpenBadgeCredential', 'AchievementCredential'] } }],
      },
      // The issuer's own are random urn:uuids; a VC-API client may name its credential with any URI it links to.
      id: { type: 'string', format: 'linkable-uri' },
      name: readableName,
      issuer: {
        type: 'object',
        properties: { id: { type: 'string', pattern: '^did:[a-z0-9]+:\\S+$' }, name: readableName },
        required: ['id'],
      },
      ...model.properties,
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
    required: ['@context', 'type', 'id', 'issuer', 'credentialSubject', ...model.required, ...Object.keys(kind.credential ?? {})],
  };
}
