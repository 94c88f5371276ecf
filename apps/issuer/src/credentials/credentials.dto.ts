import type { PipeTransform } from '@nestjs/common';
import { bodySchema, RequestError } from '#service-kit';

/** The W3C VC-API issue request: an unsigned credential and issuance options. */
export interface VcApiIssueRequest {
  credential: Record<string, unknown>;
  options?: Record<string, unknown>;
}

export const vcApiIssueBody = bodySchema<VcApiIssueRequest>({
  type: 'object',
  properties: {
    credential: { type: 'object', required: [] },
    options: { type: 'object', nullable: true, required: [] },
  },
  required: ['credential'],
  additionalProperties: false,
});

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
