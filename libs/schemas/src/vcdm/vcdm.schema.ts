import { CONTEXT_URLS } from '../contexts/context-urls.js';
import type { DataModel } from '../common/data-model.js';

// The W3C Verifiable Credentials Data Model's own rules as JSON Schemas, one per version: what every
// credential and presentation must be, whatever its kind. Values that may be one object or a list of
// them are written with if/then so that a violation names the shape the value has, not both.

const url = { type: 'string', format: 'uri' } as const;

/** One value or a non-empty list of them. */
const oneOrMany = (schema: object) => ({ if: { type: 'array' }, then: { type: 'array', minItems: 1, items: schema }, else: schema });

/** A `type`: one term or URL, or a list of them. */
const typeValue = oneOrMany({ type: 'string' });

/** An object that MUST say its type (status, schema, evidence, refresh, terms of use, proof), and its id if `withId`. */
const typedObject = (withId = false) => ({
  type: 'object',
  properties: { id: url, type: typeValue },
  required: ['type', ...(withId ? ['id'] : [])],
});

/** A type list that must hold `name`, or the single type `name`. */
const typeHolding = (name: string) => ({
  if: { type: 'array' },
  then: { type: 'array', items: { type: 'string' }, contains: { const: name } },
  else: { const: name },
});

/** `@context`: the data model's context first, then URLs and objects (inline contexts). */
const contextOf = (base: string) => ({
  if: { type: 'array' },
  then: {
    type: 'array',
    minItems: 1,
    items: [{ const: base }],
    additionalItems: { type: ['string', 'object'], if: { type: 'string' }, then: { format: 'uri' } },
  },
  else: { const: base },
});

/** An issuer or a holder: a URL, or an object with an `id` that is one. */
const identified = (properties: Record<string, object> = {}) => ({
  if: { type: 'object' },
  then: { type: 'object', properties: { id: url, ...properties }, required: ['id'] },
  else: url,
});

/** VCDM 2.0 names and descriptions: a string, a language value object, or a list of language value objects. */
const valueObject = {
  type: 'object',
  properties: { '@value': { type: 'string' }, '@language': { type: 'string' }, '@direction': { enum: ['ltr', 'rtl'] } },
  required: ['@value'],
  additionalProperties: false,
};
const languageString = {
  if: { type: 'array' },
  then: { type: 'array', items: valueObject },
  else: { if: { type: 'object' }, then: valueObject, else: { type: 'string' } },
};

/** A subject makes at least one claim. */
const subject = { type: 'object', minProperties: 1, properties: { id: url, type: typeValue } };

const relatedResource = {
  type: 'object',
  properties: { id: url, digestSRI: { type: 'string' }, digestMultibase: { type: 'string' }, mediaType: { type: 'string' } },
  required: ['id'],
  anyOf: [{ required: ['digestSRI'] }, { required: ['digestMultibase'] }],
};

const commonProperties = {
  type: typeHolding('VerifiableCredential'),
  id: url,
  credentialSubject: oneOrMany(subject),
  proof: oneOrMany(typedObject()),
};

/** A credential, VCDM 2.0. */
const credentialV2 = {
  type: 'object',
  properties: {
    '@context': contextOf(CONTEXT_URLS.credentialsV2),
    ...commonProperties,
    issuer: identified({ name: languageString, description: languageString }),
    name: languageString,
    description: languageString,
    validFrom: { type: 'string', format: 'date-time-stamp' },
    validUntil: { type: 'string', format: 'date-time-stamp' },
    credentialStatus: oneOrMany(typedObject()),
    credentialSchema: oneOrMany(typedObject(true)),
    evidence: oneOrMany(typedObject()),
    refreshService: oneOrMany(typedObject()),
    termsOfUse: oneOrMany(typedObject()),
    relatedResource: oneOrMany(relatedResource),
  },
  required: ['@context', 'type', 'issuer', 'credentialSubject'],
};

/** A credential, VCDM 1.1: an issuanceDate, and a status and a refresh service name their id too. */
const credentialV1 = {
  type: 'object',
  properties: {
    '@context': contextOf(CONTEXT_URLS.credentialsV1),
    ...commonProperties,
    issuer: identified(),
    issuanceDate: { type: 'string', format: 'date-time' },
    expirationDate: { type: 'string', format: 'date-time' },
    credentialStatus: oneOrMany(typedObject(true)),
    credentialSchema: oneOrMany(typedObject(true)),
    evidence: oneOrMany(typedObject()),
    refreshService: oneOrMany(typedObject(true)),
    termsOfUse: oneOrMany(typedObject()),
  },
  required: ['@context', 'type', 'issuer', 'issuanceDate', 'credentialSubject'],
};

export const VCDM_CREDENTIAL_SCHEMAS: Record<DataModel, object> = { '1.1': credentialV1, '2.0': credentialV2 };

/** An EnvelopedVerifiableCredential (VCDM 2.0): a credential secured as a whole and carried in a data: URL. */
export const ENVELOPED_CREDENTIAL_SCHEMA = {
  type: 'object',
  properties: {
    '@context': contextOf(CONTEXT_URLS.credentialsV2),
    id: { type: 'string', pattern: '^data:' },
    type: typeHolding('EnvelopedVerifiableCredential'),
  },
  required: ['@context', 'id', 'type'],
};

/** A presentation: in VCDM 1.1 it may carry VC-JWTs as compact JWS strings; in 2.0 only objects (credentials or envelopes). */
const presentationOf = (base: string, credentials: object) => ({
  type: 'object',
  properties: {
    '@context': contextOf(base),
    type: typeHolding('VerifiablePresentation'),
    id: url,
    holder: identified(),
    verifiableCredential: oneOrMany(credentials),
    proof: oneOrMany(typedObject()),
  },
  required: ['@context', 'type'],
});

export const VCDM_PRESENTATION_SCHEMAS: Record<DataModel, object> = {
  '1.1': presentationOf(CONTEXT_URLS.credentialsV1, {
    type: ['object', 'string'],
    if: { type: 'string' },
    then: { pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*$' },
  }),
  '2.0': presentationOf(CONTEXT_URLS.credentialsV2, { type: 'object' }),
};
