import { bodySchema } from '#service-kit';

/**
 * The W3C VC-API verify request, plus the anchor receipt of a credential package beside it.
 * Other members are ignored, so an issuer's response or a downloaded package can be sent as is.
 */
export interface VerifyCredentialRequest {
  verifiableCredential: string | Record<string, unknown>;
  anchorReceipt?: Record<string, unknown>;
  options?: Record<string, unknown>;
}

export const verifyCredentialBody = bodySchema<VerifyCredentialRequest>({
  type: 'object',
  properties: {
    // A union of a string and an object is beyond ajv's JSONSchemaType typing, not beyond ajv.
    verifiableCredential: { type: ['string', 'object'] } as never,
    anchorReceipt: { type: 'object', nullable: true, required: [] },
    options: { type: 'object', nullable: true, required: [] },
  },
  required: ['verifiableCredential'],
});
