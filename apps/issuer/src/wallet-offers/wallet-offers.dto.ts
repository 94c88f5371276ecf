import type { PipeTransform } from '@nestjs/common';
import { bodySchema, RequestError } from '#service-kit';

/** What a registrar may ask of an offer: a tx_code (a PIN the learner gets by another channel). */
export interface OfferRequest {
  txCode?: boolean;
}

const validateOfferRequest = bodySchema<OfferRequest>({
  type: 'object',
  properties: { txCode: { type: 'boolean', nullable: true } },
  required: [],
  additionalProperties: false,
});

/** The offer request's body, optional: no body is an offer without a tx_code. */
export class OfferRequestPipe implements PipeTransform<unknown, OfferRequest> {
  transform(body: unknown): OfferRequest {
    if (body === undefined) return {};
    const result = validateOfferRequest(body);
    if (!result.ok) throw RequestError.invalidBody(result.violations);
    return result.value;
  }
}
