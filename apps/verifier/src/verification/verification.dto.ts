import { bodySchema } from '#service-kit';

/**
 * The W3C VC-API verify request. Members besides `verifiableCredential` and `options` are ignored,
 * so an issuer's response can be piped straight into the verifier.
 */
export interface VerifyCredentialRequest {
  verifiableCredential: string | Record<string, unknown>;
  options?: Record<string, unknown>;
}

export const verifyCredentialBody = bodySchema<VerifyCredentialRequest>({
  type: 'object',
  properties: {
    // A union of a string and an object is beyond ajv's JSONSchemaType typing, not beyond ajv.
    verifiableCredential: { type: ['string', 'object'] } as never,
    options: { type: 'object', nullable: true, required: [] },
  },
  required: ['verifiableCredential'],
});
