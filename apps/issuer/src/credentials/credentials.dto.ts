import type { PipeTransform } from '@nestjs/common';
import { type CredentialFacts, type SchemaViolation, validateFacts } from '#schemas';
import { bodySchema, type BodyValidation, RequestError } from '#service-kit';
import type { Cryptosuite } from '../identity/issuer-identity.service.js';
import { CRYPTOSUITES, ISSUANCE_FORMATS, type IssuanceFormat } from './signing-choice.js';

/** How to sign, as an issuance request may say it: all optional, the defaults are current Open Badges 3.0. */
export interface IssuanceOptions {
  format?: IssuanceFormat;
  cryptosuite?: Cryptosuite;
}

const issuanceOptionProperties = {
  format: { type: 'string', enum: ISSUANCE_FORMATS, nullable: true },
  cryptosuite: { type: 'string', enum: CRYPTOSUITES, nullable: true },
} as const;

/** The W3C VC-API issue request: an unsigned credential and issuance options (others than ours are ignored). */
export interface VcApiIssueRequest {
  credential: Record<string, unknown>;
  options?: IssuanceOptions & Record<string, unknown>;
}

export const vcApiIssueBody = bodySchema<VcApiIssueRequest>({
  type: 'object',
  properties: {
    credential: { type: 'object', required: [] },
    options: { type: 'object', nullable: true, properties: issuanceOptionProperties, required: [] },
  },
  required: ['credential'],
  additionalProperties: false,
} as never);

/** Our facts endpoint's request: a kind's facts, with how to sign and, optionally, which of the institution's DIDs issues. */
export interface FactsIssueRequest extends IssuanceOptions {
  facts: CredentialFacts;
  /** One of the institution's two DIDs; the default format's when absent. */
  issuer?: string;
}

interface FactsRequestOptions extends IssuanceOptions {
  issuer?: string;
}

const validateFactsRequestOptions = bodySchema<FactsRequestOptions>({
  type: 'object',
  properties: { ...issuanceOptionProperties, issuer: { type: 'string', pattern: '^did:[a-z0-9]+:\\S+$', maxLength: 500, nullable: true } },
  required: [],
} as never);

/** The facts, checked against their kind's schema, with the signing members taken out first and checked on their own. */
export const factsIssueBody: BodyValidation<FactsIssueRequest> = (body) => {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return validateFacts(body) as { ok: false; violations: SchemaViolation[] };
  const { format, cryptosuite, issuer, ...facts } = body as Record<string, unknown>;
  const options = validateFactsRequestOptions({ format, cryptosuite, issuer });
  const checked = validateFacts(facts);
  if (!options.ok || !checked.ok)
    return { ok: false, violations: [...(options.ok ? [] : options.violations), ...(checked.ok ? [] : checked.violations)] };
  return { ok: true, value: { facts: checked.facts, ...options.value } };
};

export interface ListQuery {
  limit: number;
  offset: number;
}

/** `?limit=1..100&offset=0..` for listing credentials; anything else is a 400. */
export class ListQueryPipe implements PipeTransform<Record<string, unknown>, ListQuery> {
  transform(query: Record<string, unknown>): ListQuery {
    return { limit: integerParameter(query, 'limit', 20, 1, 100), offset: integerParameter(query, 'offset', 0, 0, 1_000_000) };
  }
}

function integerParameter(query: Record<string, unknown>, name: string, fallback: number, min: number, max: number): number {
  const raw = query[name];
  if (raw === undefined) return fallback;
  const value = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= min && value <= max)) throw RequestError.invalidParameter(name, `an integer from ${min} to ${max}`);
  return value;
}
