import { CREDENTIAL_KINDS, type CredentialKind, type Learner, learnerSchema } from '#schemas';
import { bodySchema } from '#service-kit';

/** A school's request: credit credentials from any institution by default, or the kinds and issuers it names. */
export interface CreatePresentationRequest {
  kinds?: CredentialKind[];
  issuers?: string[];
  purpose?: string;
  learner?: Learner;
}

export const createPresentationRequestBody = bodySchema<CreatePresentationRequest>({
  type: 'object',
  properties: {
    kinds: {
      type: 'array',
      nullable: true,
      items: { type: 'string', enum: [...CREDENTIAL_KINDS] },
      minItems: 1,
      maxItems: 3,
      uniqueItems: true,
    },
    issuers: {
      type: 'array',
      nullable: true,
      items: { type: 'string', pattern: '^did:[a-z0-9]+:[A-Za-z0-9._:%-]+$', maxLength: 2000 },
      minItems: 1,
      maxItems: 50,
      uniqueItems: true,
    },
    purpose: { type: 'string', nullable: true, minLength: 1, maxLength: 300, pattern: '^[^\\u0000-\\u001f\\u007f]*$' },
    learner: { ...learnerSchema, nullable: true } as never,
  },
  required: [],
  additionalProperties: false,
});

/** An OpenID4VP `direct_post` response: the presentations per DCQL query id, and the request's `state`. */
export interface DirectPostResponse {
  vp_token: string | Record<string, unknown>;
  state?: string;
}

export const directPostBody = bodySchema<DirectPostResponse>({
  type: 'object',
  properties: {
    // Form-encoded, the JSON arrives as a string; a wallet posting JSON sends the object.
    vp_token: { type: ['string', 'object'] } as never,
    state: { type: 'string', nullable: true, maxLength: 200 },
  },
  required: ['vp_token'],
});

/** A VC-API exchange step: `{}` to start, then `{verifiablePresentation}` answering the request. */
export interface ExchangeStep {
  verifiablePresentation?: Record<string, unknown>;
}

export const exchangeStepBody = bodySchema<ExchangeStep>({
  type: 'object',
  properties: { verifiablePresentation: { type: 'object', nullable: true } as never },
  required: [],
});
