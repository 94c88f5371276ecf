import { MESSAGE_STATUS_SIZE, MIN_STATUS_LIST_ENTRIES, STATUS_PURPOSES, type StatusPurpose } from '#schemas';

/**
 * The lists of an institution's list set: a 1-bit revocation and suspension list, which VCDM 1.1
 * credentials name both of, and a 2-bit `message` list, which a VCDM 2.0 credential names as its one
 * `credentialStatus` (a VCDM 2.0 credential names one status; Open Badges 3.0's schema wants one object).
 */
export type ListPurpose = StatusPurpose | 'message';
export const LIST_PURPOSES: readonly ListPurpose[] = [...STATUS_PURPOSES, 'message'];

/** Which lists a credential's status entries name. */
export type StatusEntryKind = 'two-lists' | 'message';

/** Bits per credential in a list of this purpose. */
export function statusSizeOf(purpose: ListPurpose): number {
  return purpose === 'message' ? MESSAGE_STATUS_SIZE : 1;
}

/** An empty list of this purpose: every credential's entry 0 (valid, not revoked, not suspended). */
export function emptyBits(purpose: ListPurpose): Buffer {
  return Buffer.alloc((MIN_STATUS_LIST_ENTRIES * statusSizeOf(purpose)) / 8);
}

/** The message list's value for a state (see STATUS_MESSAGES): revoked 0x2 whatever else, suspended 0x1, valid 0x0. */
export function messageValueOf(state: { revoked: boolean; suspended: boolean }): number {
  return state.revoked ? 2 : state.suspended ? 1 : 0;
}
