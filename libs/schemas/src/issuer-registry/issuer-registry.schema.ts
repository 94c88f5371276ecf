import { compileSchema, type SchemaViolation, violationsOf } from '../common/ajv.js';

/** One institution a registry vouches for: the DID its credentials are signed with, and who it is. */
export interface RegisteredIssuer {
  did: string;
  name: string;
  url: string;
  /** The institution's other DIDs (its did:web), each naming this one back: a verifier that trusts the institution trusts them all. */
  alsoKnownAs?: string[];
}

/**
 * The public document an issuer service publishes of the institutions it hosts (`GET /v1/registry`),
 * and the shape of a verifier's own trust file. A verifier trusts it because its operator named its
 * URL or file, never because a credential did.
 */
export interface IssuerRegistry {
  type: 'IssuerRegistry';
  version: 1;
  institutions: RegisteredIssuer[];
  /**
   * The next page, a URL relative to this one; absent on the last. A reader that ignores it reads
   * the first page, as before pages existed.
   */
  next?: string;
}

export const ISSUER_REGISTRY_SCHEMA = {
  type: 'object',
  properties: {
    type: { const: 'IssuerRegistry' },
    version: { const: 1 },
    institutions: {
      type: 'array',
      maxItems: 100_000,
      items: {
        type: 'object',
        properties: {
          did: { type: 'string', pattern: '^did:[a-z0-9]+:\\S+$', maxLength: 500 },
          name: { type: 'string', minLength: 1, maxLength: 500 },
          url: { type: 'string', format: 'uri', maxLength: 2000 },
          alsoKnownAs: {
            type: 'array',
            maxItems: 10,
            items: { type: 'string', pattern: '^did:[a-z0-9]+:\\S+$', maxLength: 500 },
          },
        },
        required: ['did', 'name', 'url'],
      },
    },
    next: { type: 'string', minLength: 1, maxLength: 2048 },
  },
  required: ['type', 'version', 'institutions'],
};

const validate = compileSchema(ISSUER_REGISTRY_SCHEMA);

export function validateIssuerRegistry(document: unknown): SchemaViolation[] {
  return violationsOf(validate, document);
}
