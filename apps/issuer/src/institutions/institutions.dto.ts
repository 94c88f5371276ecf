import { bodySchema } from '#service-kit';
import { SLUG_PATTERN } from './institution-slug.js';

export interface CreateInstitutionRequest {
  name: string;
  url: string;
  image?: string;
  /** Names the institution's did:web for good; derived from the name when absent. */
  slug?: string;
}

export interface CreateApiKeyRequest {
  label?: string;
}

const httpsOrHttpUrl = { type: 'string', format: 'uri', pattern: '^https?://', maxLength: 2048 } as const;

export const createInstitutionBody = bodySchema<CreateInstitutionRequest>({
  type: 'object',
  properties: {
    // Every credential of the institution carries its name as the issuer's.
    name: { type: 'string', minLength: 1, maxLength: 200, readableText: true },
    url: httpsOrHttpUrl,
    image: { ...httpsOrHttpUrl, nullable: true },
    slug: { type: 'string', pattern: SLUG_PATTERN.source, nullable: true },
  },
  required: ['name', 'url'],
  additionalProperties: false,
});

export const createApiKeyBody = bodySchema<CreateApiKeyRequest>({
  type: 'object',
  properties: { label: { type: 'string', minLength: 1, maxLength: 100, readableText: true, nullable: true } },
  required: [],
  additionalProperties: false,
});
