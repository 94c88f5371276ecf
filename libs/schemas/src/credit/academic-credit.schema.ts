import { SCHEMA_URLS } from '../common/credential-envelope.js';
import { CONTEXT_URLS } from '../contexts/context-urls.js';

/**
 * The published JSON Schema of our academic-credit extension to Open Badges 3.0, version 1, listed
 * in a credit credential's `credentialSchema` next to the 1EdTech schema. It checks the extension
 * alone: the credit unit as European Learning Model CreditPoints, on the achievement (`creditPoint`,
 * the credits available) and on a result (`creditReceived`, the credits earned). `creditReceived`
 * sits on a Result because Open Badges closes AchievementSubject to other properties, while Result
 * stays open. Fields are added in a new version, never changed in this one.
 */
export const academicCreditSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: SCHEMA_URLS.academicCreditV1,
  title: 'Academic credit extension to Open Badges 3.0, version 1',
  type: 'object',
  properties: {
    '@context': { type: 'array', contains: { const: CONTEXT_URLS.academicCreditV1 } },
    credentialSubject: {
      type: 'object',
      properties: {
        achievement: {
          type: 'object',
          properties: { creditsAvailable: { type: 'number', exclusiveMinimum: 0 }, creditPoint: { $ref: '#/definitions/CreditPoint' } },
          required: ['creditPoint'],
        },
        creditsEarned: { type: 'number', exclusiveMinimum: 0 },
        result: {
          type: 'array',
          items: { type: 'object', properties: { creditReceived: { $ref: '#/definitions/CreditPoint' } } },
          contains: { type: 'object', properties: { creditReceived: { type: 'object' } }, required: ['creditReceived'] },
        },
      },
      required: ['achievement', 'creditsEarned', 'result'],
    },
  },
  required: ['@context', 'credentialSubject'],
  definitions: {
    CreditPoint: {
      description: 'An amount of credit in a credit framework (European Learning Model CreditPoint).',
      type: 'object',
      properties: {
        type: { const: 'CreditPoint' },
        framework: {
          description: 'The credit system, e.g. ECTS: http://data.europa.eu/snb/education-credit/6fcec5c5af',
          type: 'string',
          format: 'uri',
        },
        point: { description: 'The amount, as a decimal number', type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?$' },
      },
      required: ['type', 'framework', 'point'],
      additionalProperties: false,
    },
  },
} as const;
