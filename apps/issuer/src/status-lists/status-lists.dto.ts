import { bodySchema } from '#service-kit';
import { REQUESTED_STATUSES, type RequestedStatus } from './status-transition.js';

/**
 * The W3C VC-API status update, `POST /credentials/status`: one credential, one status, and our
 * `reason`, which goes into the audit record and never into a published list.
 */
export interface StatusUpdateRequest {
  credentialId: string;
  credentialStatus: { type: string; status: RequestedStatus }[];
  reason: string;
}

export const statusUpdateBody = bodySchema<StatusUpdateRequest>({
  type: 'object',
  properties: {
    credentialId: { type: 'string', minLength: 1, maxLength: 200 },
    credentialStatus: {
      type: 'array',
      minItems: 1,
      maxItems: 1,
      items: {
        type: 'object',
        properties: {
          type: { type: 'string', enum: ['BitstringStatusListCredential'] },
          status: { type: 'string', enum: [...REQUESTED_STATUSES] },
        },
        required: ['type', 'status'],
        additionalProperties: false,
      },
    },
    reason: { type: 'string', minLength: 1, maxLength: 1000 },
  },
  required: ['credentialId', 'credentialStatus', 'reason'],
  additionalProperties: false,
});
