import type { StatusPurpose } from '#schemas';

/** What an institution asks for, in the VC-API's words. */
export const REQUESTED_STATUSES = ['revoked', 'suspended', 'unsuspended'] as const;
export type RequestedStatus = (typeof REQUESTED_STATUSES)[number];

/** The list a requested status is kept in. */
export function purposeOf(requested: RequestedStatus): StatusPurpose {
  return requested === 'revoked' ? 'revocation' : 'suspension';
}

export interface CredentialStatusState {
  revoked: boolean;
  suspended: boolean;
}

export type StatusTransition =
  | { kind: 'unchanged' }
  /** Revoking is final: nothing changes a revoked credential's status again. */
  | { kind: 'refused' }
  /** One bit of one list: set (`on`) or cleared. */
  | { kind: 'change'; purpose: StatusPurpose; on: boolean; next: CredentialStatusState };

/** The rules of status changes, apart from where they are stored. Asking for the current status again changes nothing. */
export function transitionOf(current: CredentialStatusState, requested: RequestedStatus): StatusTransition {
  if (current.revoked) return requested === 'revoked' ? { kind: 'unchanged' } : { kind: 'refused' };
  switch (requested) {
    case 'revoked':
      return { kind: 'change', purpose: 'revocation', on: true, next: { ...current, revoked: true } };
    case 'suspended':
      return current.suspended
        ? { kind: 'unchanged' }
        : { kind: 'change', purpose: 'suspension', on: true, next: { ...current, suspended: true } };
    case 'unsuspended':
      return current.suspended
        ? { kind: 'change', purpose: 'suspension', on: false, next: { ...current, suspended: false } }
        : { kind: 'unchanged' };
  }
}
