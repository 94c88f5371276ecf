import { decodeStatusList, listOf, STATUS_LIST_CREDENTIAL_TYPE, STATUS_LIST_TYPE } from '#schemas';
import { FETCH_LIMITS } from '../fetching/fetch-limits.js';
import type { ParsedCredential } from '../credentials/parsed-credential.js';
import { validityPeriodOf } from '../credentials/checks/validity-period.check.js';
import { type CheckOutcome, failedToCheck } from '../pipeline/check.js';
import { isReadPurpose, type ReadPurpose } from './status-entries.js';

/** A status list whose signature has been verified, decoded for lookups. */
export interface StatusList {
  /** The DID that signed the list (its issuer), to be compared with each credential's. */
  issuer: string;
  purposes: ReadPurpose[];
  bits: Uint8Array;
  /** When the list stops being valid (a JWT's `exp`, its `validUntil` or `expirationDate`), in milliseconds since the epoch. */
  expiresAt?: number;
}

/**
 * The status list inside a signed BitstringStatusListCredential fetched from `url`, in any format a
 * credential comes in. Every problem is an `error`, not `invalid`: a broken list says nothing about
 * the credential that points at it.
 */
export function statusListOf(parsed: ParsedCredential, url: string, now: number): { list: StatusList } | { outcome: CheckOutcome } {
  const { credential: signed, issuer } = parsed;
  const malformed = (problem: string) => ({
    outcome: failedToCheck('STATUS_LIST_MALFORMED', `The status list ${url} ${problem}; its issuer must publish a correct one.`),
  });
  if (!listOf(signed.type).includes(STATUS_LIST_CREDENTIAL_TYPE)) return malformed(`is not a ${STATUS_LIST_CREDENTIAL_TYPE}`);
  // A list that names another URL could be another list of the same issuer, served in its place.
  if (signed.id !== url) return malformed(`names itself ${JSON.stringify(signed.id)}, not the URL it was fetched from`);
  const { notAfter } = validityPeriodOf(parsed);
  if (notAfter === null) return malformed('has a validity date that is not a date');
  const expiresAt = notAfter?.getTime();
  if (expiresAt !== undefined && expiresAt <= now) {
    return {
      outcome: failedToCheck(
        'STATUS_LIST_EXPIRED',
        `The status list ${url} expired at ${new Date(expiresAt).toISOString()}; its issuer must publish a fresh one.`,
      ),
    };
  }
  const subject = signed.credentialSubject as Record<string, unknown> | undefined;
  if (typeof subject !== 'object' || subject === null || Array.isArray(subject) || !listOf(subject.type).includes(STATUS_LIST_TYPE)) {
    return malformed(`has no ${STATUS_LIST_TYPE} as its credentialSubject`);
  }
  const purposes = listOf(subject.statusPurpose).filter(isReadPurpose);
  if (purposes.length === 0) return malformed('has no revocation, suspension or message statusPurpose');
  if (typeof subject.encodedList !== 'string') return malformed('has no encodedList');
  try {
    return { list: { issuer, purposes, bits: decodeStatusList(subject.encodedList, FETCH_LIMITS.statusListBitsBytes), expiresAt } };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      return tooLarge(url, `more than ${FETCH_LIMITS.statusListBitsBytes} bytes of bits`);
    return malformed(`has an encodedList that does not decode (${(error as Error).message})`);
  }
}

/** A list larger than this verifier reads (32 KiB of bits): refused rather than held in memory, for any issuer. */
export function tooLarge(url: string, detail: string): { outcome: CheckOutcome } {
  return { outcome: failedToCheck('STATUS_LIST_TOO_LARGE', `The status list ${url} is larger than this verifier reads (${detail}).`) };
}
