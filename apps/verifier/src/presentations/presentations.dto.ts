import { type Learner, learnerSchema } from '#schemas';
import { bodySchema } from '#service-kit';

export interface ChallengeRequest {
  /** Who asks: the audience the presentation must name (its JWT `aud`), e.g. the school's domain. */
  domain: string;
}

export const challengeBody = bodySchema<ChallengeRequest>({
  type: 'object',
  properties: { domain: { type: 'string', minLength: 1, maxLength: 253 } },
  required: ['domain'],
  additionalProperties: false,
});

/**
 * The W3C VC-API presentation verify request. `options.learner` is what the student told the
 * school (a DID, email or student number), for credentials that name their subject only by hash.
 */
export interface VerifyPresentationRequest {
  verifiablePresentation: string | Record<string, unknown>;
  options?: { challenge?: string; domain?: string; learner?: Learner };
}

export const verifyPresentationBody = bodySchema<VerifyPresentationRequest>({
  type: 'object',
  properties: {
    // A union of a string and an object is beyond ajv's JSONSchemaType typing, not beyond ajv.
    verifiablePresentation: { type: ['string', 'object'] } as never,
    options: {
      type: 'object',
      nullable: true,
      properties: {
        challenge: { type: 'string', nullable: true, maxLength: 200 },
        domain: { type: 'string', nullable: true, maxLength: 253 },
        learner: { ...learnerSchema, nullable: true } as never,
      },
      required: [],
      additionalProperties: false,
    },
  },
  required: ['verifiablePresentation'],
});
