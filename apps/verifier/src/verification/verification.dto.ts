import { bodySchema } from '#service-kit';

/** Source credentials one request may give a recognition credential: each is verified in full. */
export const MAX_SOURCES = 20;

/**
 * The W3C VC-API verify request, plus the anchor receipt of a credential package beside it, and
 * `options.sources`: the source credentials a recognition credential cites, as the learner
 * presented them (a JWT, or a Data Integrity document). Other members are ignored, so an issuer's
 * response or a downloaded package can be sent as is.
 */
export interface VerifyCredentialRequest {
  verifiableCredential: string | Record<string, unknown>;
  anchorReceipt?: Record<string, unknown>;
  options?: { sources?: (string | Record<string, unknown>)[] } & Record<string, unknown>;
}

export const verifyCredentialBody = bodySchema<VerifyCredentialRequest>({
  type: 'object',
  properties: {
    // A union of a string and an object is beyond ajv's JSONSchemaType typing, not beyond ajv.
    verifiableCredential: { type: ['string', 'object'] } as never,
    anchorReceipt: { type: 'object', nullable: true, required: [] },
    options: {
      type: 'object',
      nullable: true,
      properties: { sources: { type: 'array', maxItems: MAX_SOURCES, items: { type: ['string', 'object'] } } },
      required: [],
    } as never,
  },
  required: ['verifiableCredential'],
});
