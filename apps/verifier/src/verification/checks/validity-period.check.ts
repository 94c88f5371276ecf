import { type CheckContext, type CheckOutcome, type CredentialCheck, invalid, type ParsedCredential, valid } from '../check.js';

/**
 * The validity period from the signed claims, with a bounded clock skew. Checked here rather than
 * left to a library: VCDM 2.0's validFrom/validUntil are ignored by Veramo's JWT verification.
 */
export class ValidityPeriodCheck implements CredentialCheck {
  readonly name = 'validity-period';

  constructor(private readonly clockSkewSeconds: number) {}

  async run(credential: ParsedCredential, { now }: CheckContext): Promise<CheckOutcome> {
    const { payload, signed } = credential;
    const notBefore = strictestBound([secondsToDate(payload.nbf), dateOf(signed.validFrom)], 'latest');
    const notAfter = strictestBound([secondsToDate(payload.exp), dateOf(signed.validUntil)], 'earliest');
    const skewMs = this.clockSkewSeconds * 1000;
    if (notBefore === null || notAfter === null) return invalid('VALIDITY_PERIOD_MALFORMED', 'A validity date in the credential is not a valid date.');
    if (notBefore && notBefore.getTime() - skewMs > now.getTime()) {
      return invalid('CREDENTIAL_NOT_YET_VALID', `The credential is valid only from ${notBefore.toISOString()}.`);
    }
    if (notAfter && notAfter.getTime() + skewMs <= now.getTime()) {
      return invalid('CREDENTIAL_EXPIRED', `The credential expired at ${notAfter.toISOString()}.`);
    }
    return valid();
  }
}

/** undefined: absent; null: present but not a date. */
function dateOf(value: unknown): Date | null | undefined {
  if (value === undefined) return undefined;
  const date = typeof value === 'string' ? new Date(value) : new Date(NaN);
  return Number.isNaN(date.getTime()) ? null : date;
}

function secondsToDate(value: unknown): Date | null | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' && Number.isFinite(value) ? new Date(value * 1000) : null;
}

/** Of the bounds present, the strictest one; null when any is malformed. */
function strictestBound(bounds: (Date | null | undefined)[], pick: 'earliest' | 'latest'): Date | null | undefined {
  if (bounds.includes(null)) return null;
  const present = bounds.filter((d): d is Date => d instanceof Date).map((d) => d.getTime());
  if (present.length === 0) return undefined;
  return new Date(pick === 'earliest' ? Math.min(...present) : Math.max(...present));
}
