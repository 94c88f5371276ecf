import { type Learner, learnerSchema, learnerSubject } from './learner.js';

export const CONTEXT_URLS = {
  credentialsV1: 'https://www.w3.org/2018/credentials/v1',
  openBadgesV3: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  academicCreditV1: 'https://w3id.org/lifelong-learning/contexts/academic-credit-v1.jsonld',
} as const;

export const SCHEMA_URLS = {
  openBadgeCredential: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json',
  academicCreditV1: 'https://w3id.org/lifelong-learning/schemas/academic-credit-v1.json',
} as const;

/** The institution as the credential names it. */
export interface IssuerProfile {
  id: string;
  name: string;
  url: string;
  image?: string;
}

export type UnsignedCredential = Record<string, unknown> & {
  '@context': string[];
  id: string;
  type: string[];
  issuer: Record<string, unknown> & { id: string };
  issuanceDate: string;
  credentialSubject: Record<string, unknown>;
};

/** What every kind's facts share: who learnt, what, and for how long the credential holds. */
export interface CommonFacts {
  learner: Learner;
  achievement: {
    /** A URI for the course or qualification, stable across learners (e.g. its catalogue page). */
    id: string;
    code?: string;
    name: string;
    description: string;
    criteria: string;
    fieldOfStudy?: string;
    inLanguage?: string;
  };
  /** Credential name shown by wallets; defaults to one derived from the achievement. */
  name?: string;
  /** When the credential stops being valid; most learning records never expire. */
  validUntil?: string;
}

export const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;
export const dateTime = { type: 'string', format: 'date-time' } as const;
export const eqfLevelSchema = { type: 'integer', minimum: 1, maximum: 8 } as const;

/** JSON Schema properties of CommonFacts, merged into each kind's facts schema. */
export const commonFactsProperties = {
  learner: learnerSchema,
  achievement: {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uri', maxLength: 2048 },
      code: text(100),
      name: text(300),
      description: text(5000),
      criteria: text(5000),
      fieldOfStudy: text(300),
      inLanguage: { type: 'string', pattern: '^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$' },
    },
    required: ['id', 'name', 'description', 'criteria'],
    additionalProperties: false,
  },
  name: text(300),
  validUntil: dateTime,
} as const;

export const termSchema = text(100);

export interface BuildContext {
  id: string;
  issuer: IssuerProfile;
  issuanceDate: string;
  /** Salt for the learner's hashed identifier; random when absent. */
  salt?: string;
}

/** The institution as an Open Badges 3.0 Profile. */
export function issuerObject(profile: IssuerProfile): UnsignedCredential['issuer'] {
  return {
    id: profile.id,
    type: ['Profile'],
    name: profile.name,
    url: profile.url,
    ...(profile.image ? { image: { id: profile.image, type: 'Image' } } : {}),
  };
}

/** The Open Badges Achievement for the facts, with the kind's own fields added. */
export function achievementOf(facts: CommonFacts, achievementType: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { id, code, name, description, criteria, fieldOfStudy, inLanguage } = facts.achievement;
  return {
    id,
    type: ['Achievement'],
    achievementType,
    ...(code ? { humanCode: code } : {}),
    name,
    description,
    criteria: { narrative: criteria },
    ...(fieldOfStudy ? { fieldOfStudy } : {}),
    ...(inLanguage ? { inLanguage } : {}),
    ...extra,
  };
}

/** The eqfLevel fact as an Open Badges alignment to the European Qualifications Framework. */
export function eqfAlignment(level: number): Record<string, unknown> {
  return {
    type: ['Alignment'],
    targetName: `EQF level ${level}`,
    targetUrl: `http://data.europa.eu/snb/eqf/${level}`,
    targetFramework: 'European Qualifications Framework',
    targetType: 'ext:EQFLevel',
  };
}

/** The credential around a subject: contexts, types, issuer, dates, schemas. */
export function envelope(
  facts: CommonFacts,
  ctx: BuildContext,
  parts: {
    type: string;
    name: string;
    subject: Record<string, unknown>;
    /** Top-level Open Badges fields of the kind, such as awardedDate. */
    fields?: Record<string, unknown>;
    extraContexts?: string[];
    extraSchemas?: string[];
  },
): UnsignedCredential {
  return {
    '@context': [CONTEXT_URLS.credentialsV1, CONTEXT_URLS.openBadgesV3, ...(parts.extraContexts ?? [])],
    id: ctx.id,
    type: ['VerifiableCredential', parts.type],
    issuer: issuerObject(ctx.issuer),
    issuanceDate: ctx.issuanceDate,
    ...(facts.validUntil ? { expirationDate: facts.validUntil } : {}),
    name: facts.name ?? parts.name,
    ...parts.fields,
    credentialSubject: { type: ['AchievementSubject'], ...learnerSubject(facts.learner, ctx.salt), ...parts.subject },
    credentialSchema: [SCHEMA_URLS.openBadgeCredential, ...(parts.extraSchemas ?? [])].map((id) => ({ id, type: '1EdTechJsonSchemaValidator2019' })),
  };
}

/**
 * A kind's constraints on top of the 1EdTech schema: our envelope (VCDM 1.1 context first, the Open
 * Badges context, a urn:uuid id, a DID issuer, a named learner) plus the kind's own achievement and
 * subject properties, all of which are required.
 */
export function kindCredentialSchema(achievement: Record<string, unknown>, subject: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return {
    type: 'object',
    properties: {
      '@context': {
        type: 'array',
        minItems: 2,
        items: [{ const: CONTEXT_URLS.credentialsV1 }],
        additionalItems: { type: 'string' },
        contains: { const: CONTEXT_URLS.openBadgesV3 },
      },
      type: { type: 'array', allOf: [{ contains: { const: 'VerifiableCredential' } }] },
      id: { type: 'string', pattern: '^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' },
      issuer: { type: 'object', properties: { id: { type: 'string', pattern: '^did:' } }, required: ['id'] },
      credentialSubject: {
        type: 'object',
        properties: { achievement: { type: 'object', properties: achievement, required: Object.keys(achievement) }, ...subject },
        required: ['achievement', ...Object.keys(subject)],
        anyOf: [{ required: ['id'] }, { required: ['identifier'] }],
      },
    },
    required: ['@context', 'type', 'id', 'issuer', 'credentialSubject'],
    ...extra,
  };
}
