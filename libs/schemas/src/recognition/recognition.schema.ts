import { SCHEMA_URLS } from '../common/credential-envelope.js';
import { CONTEXT_URLS } from '../contexts/context-urls.js';
import { CARDINALITIES } from '../recognition-policy/recognition-policy.js';
import { RECOGNITION_TYPES } from './recognition-credential.js';

const creditPoint = {
  type: 'object',
  properties: {
    type: { const: 'CreditPoint' },
    framework: { type: 'string', format: 'uri' },
    point: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?$' },
  },
  required: ['type', 'framework', 'point'],
  additionalProperties: false,
} as const;

const text = { type: 'string', minLength: 1 } as const;

/**
 * The published JSON Schema (draft 2019-09, as 1EdTech's own) of our recognition extension to Open
 * Badges 3.0, version 1, listed in a recognition credential's `credentialSchema` beside 1EdTech's and
 * the academic-credit one. It checks the extension alone: the `recognition` object of the subject,
 * and that the credential cites its sources as evidence and as related resources with a
 * `digestMultibase` (sha2-256, base64url). Fields are added in a new version, never changed in this one.
 */
export const RECOGNITION_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2019-09/schema',
  $id: SCHEMA_URLS.recognitionV1,
  title: 'Recognition extension to Open Badges 3.0, version 1',
  type: 'object',
  properties: {
    '@context': { type: 'array', contains: { const: CONTEXT_URLS.recognitionV1 } },
    credentialSubject: {
      type: 'object',
      properties: { recognition: { $ref: '#/$defs/Recognition' } },
      required: ['recognition'],
    },
    evidence: {
      type: 'array',
      minItems: 1,
      items: { type: 'object', properties: { id: { type: 'string', format: 'uri' }, name: text, narrative: text }, required: ['id'] },
    },
    relatedResource: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uri' },
          digestMultibase: {
            description: 'A multibase base64url (u) multihash of sha2-256 (0x12 0x20) of the exact bytes presented.',
            type: 'string',
            pattern: '^uEi[A-D][A-Za-z0-9_-]{43}$',
          },
          mediaType: text,
        },
        required: ['id', 'digestMultibase', 'mediaType'],
      },
    },
  },
  required: ['@context', 'credentialSubject', 'evidence', 'relatedResource'],
  $defs: {
    Recognition: {
      type: 'object',
      properties: {
        type: { const: 'Recognition' },
        recognitionType: { enum: RECOGNITION_TYPES },
        recognitionPolicy: { description: 'The published recognition policy, an IRI.', type: 'string', format: 'uri' },
        policyVersion: { type: 'integer', minimum: 1 },
        recognitionRule: text,
        cardinality: { enum: CARDINALITIES },
        decisionDate: { type: 'string', format: 'date-time' },
        recognitionExpires: { type: 'string', format: 'date-time' },
        gradeScale: { description: 'The scale of the recognised grade in the result.', ...text },
        recognitionSource: { type: 'array', minItems: 1, items: { $ref: '#/$defs/RecognitionSource' } },
      },
      required: [
        'type',
        'recognitionType',
        'recognitionPolicy',
        'policyVersion',
        'recognitionRule',
        'cardinality',
        'decisionDate',
        'recognitionSource',
      ],
      additionalProperties: false,
    },
    RecognitionSource: {
      type: 'object',
      properties: {
        id: { description: 'The source credential: the id of a relatedResource and of an evidence entry.', type: 'string', format: 'uri' },
        type: { const: 'RecognitionSource' },
        sourceAchievement: { type: 'string', format: 'uri' },
        sourceCredits: creditPoint,
        convertedCredits: { type: 'number', minimum: 0 },
        sourceGrade: text,
        gradeScale: text,
      },
      required: ['id', 'type'],
      additionalProperties: false,
    },
  },
} as const;
