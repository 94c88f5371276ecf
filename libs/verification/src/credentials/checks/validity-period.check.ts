import { dataModelOf } from '#schemas';
import { type CheckOutcome, invalid, valid } from '../../pipeline/check.js';
import type { CredentialCheck, CredentialContext, ParsedCredential } from '../parsed-credential.js';

/** A bound of a validity period: a date, absent (undefined), or present but not a date (null). */
export type Bound = Date | null | undefined;

/** When a credential is valid, from what was signed: the strictest of its JWT claims and its data model's dates. */
export interface ValidityPeriod {
  notBefore: Bound;
  notAfter: Bound;
}

/**
 * A credential's validity period from all that was signed: a JWT's `nbf` and `exp`; VCDM 2.0's
 * `validFrom` and `validUntil` (in any data model, as they are read today); VCDM 1.1's
 * `issuanceDate` (from which a 1.1 credential is valid) and `expirationDate`. Where several say, the
 * strictest holds.
 */
export function validityPeriodOf({ jwt, credential }: Pick<ParsedCredential, 'jwt' | 'credential'>): ValidityPeriod {
  const versionOne = dataModelOf(credential) === '1.1';
  return {
    notBefore: strictestBound(
      [secondsToDate(jwt?.payload.nbf), dateOf(credential.validFrom), versionOne ? dateOf(credential.issuanceDate) : undefined],
      'latest',
    ),
    notAfter: strictestBound(
      [secondsToDate(jwt?.payload.exp), dateOf(credential.validUntil), versionOne ? dateOf(credential.expirationDate) : undefined],
      'earliest',
    ),
  };
}

/**
 * The validity period from the signed claims, with a bounded clock skew. Checked here rather than
 * left to a library: VCDM 2.0's validFrom/validUntil are ignored by Veramo's JWT verification.
 */
export class ValidityPeriodCheck implements CredentialCheck {
  readonly name = 'validity-period';
  readonly dependsOn = [];

  /**
   * `clockSkewSeconds`: how far the signer's clock may be from ours. `expirySkewSeconds`, the same by
   * default, applies at the end alone: an issuer checking what it signs passes 0, so that what has
   * expired by its own clock is never handed out.
   */
  constructor(
    private readonly clockSkewSeconds: number,
    private readonly expirySkewSeconds: number = clockSkewSeconds,
  ) {}

  async run(credential: ParsedCredential, { now }: CredentialContext): Promise<CheckOutcome> {
    return periodOutcome('credential', validityPeriodOf(credential), now, { start: this.clockSkewSeconds, end: this.expirySkewSeconds });
  }
}

/** A presentation's own period, with the same skew as a credential's. */
export function presentationPeriodOutcome(period: ValidityPeriod, now: Date, clockSkewSeconds: number): CheckOutcome {
  return periodOutcome('presentation', period, now, { start: clockSkewSeconds, end: clockSkewSeconds });
}

const CODES = {
  credential: { notYetValid: 'CREDENTIAL_NOT_YET_VALID', expired: 'CREDENTIAL_EXPIRED' },
  presentation: { notYetValid: 'PRESENTATION_NOT_YET_VALID', expired: 'PRESENTATION_EXPIRED' },
} as const;

function periodOutcome(
  what: keyof typeof CODES,
  { notBefore, notAfter }: ValidityPeriod,
  now: Date,
  skewSeconds: { start: number; end: number },
): CheckOutcome {
  if (notBefore === null || notAfter === null)
    return invalid('VALIDITY_PERIOD_MALFORMED', `A validity date in the ${what} is not a valid date.`);
  if (notBefore && notBefore.getTime() - skewSeconds.start * 1000 > now.getTime()) {
    return invalid(CODES[what].notYetValid, `The ${what} is valid only from ${notBefore.toISOString()}.`);
  }
  if (notAfter && notAfter.getTime() + skewSeconds.end * 1000 <= now.getTime()) {
    return invalid(CODES[what].expired, `The ${what} expired at ${notAfter.toISOString()}.`);
  }
  return valid();
}

/** A date written as a string (an XML Schema dateTime); undefined when absent, null when not a date. */
export function dateOf(value: unknown): Bound {
  if (value === undefined) return undefined;
  const date = typeof value === 'string' ? new Date(value) : new Date(NaN);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A JWT NumericDate (seconds since the epoch); undefined when absent, null when not a number. */
export function secondsToDate(value: unknown): Bound {
  if (value === undefined) return undefined;
  return typeof value === 'number' && Number.isFinite(value) ? new Date(value * 1000) : null;
}

/** Of the bounds present, the strictest one; null when any is malformed. */
function strictestBound(bounds: Bound[], pick: 'earliest' | 'latest'): Bound {
  if (bounds.includes(null)) return null;
  const present = bounds.filter((d): d is Date => d instanceof Date).map((d) => d.getTime());
  if (present.length === 0) return undefined;
  return new Date(pick === 'earliest' ? Math.min(...present) : Math.max(...present));
}
