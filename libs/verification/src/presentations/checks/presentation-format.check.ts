import { decodeSignedJwt } from '../../credentials/checks/format.check.js';
import type { SignedJwt } from '../../credentials/parsed-credential.js';
import { type CheckOutcome, invalid } from '../../pipeline/check.js';
import type { ParsedPresentation } from '../parsed-presentation.js';

/** Credentials one presentation may carry: a transcript's worth, not a denial of service. */
const MAX_PRESENTED_CREDENTIALS = 100;

/** The format check of a presentation: a VP-JWT (a string, or a presentation with a JwtProof2020 proof) decoded; only its JWT is trusted downstream. */
export function parsePresentation(input: unknown): { parsed: ParsedPresentation } | { outcome: CheckOutcome } {
  const decoded = decodeSignedJwt(input, { noun: 'presentation', jwt: 'VP-JWT', token: 'presentation JWT' });
  if ('outcome' in decoded) return decoded;
  const { payload } = decoded;
  const vp = payload.vp as { verifiableCredential?: unknown } | undefined;
  if (typeof payload.iss !== 'string' || typeof vp !== 'object' || vp === null) {
    return { outcome: invalid('FORMAT_NOT_A_PRESENTATION', 'The JWT carries no `vp` claim or no `iss`: it is not a VP-JWT.') };
  }
  const credentials = ([] as unknown[]).concat(vp.verifiableCredential ?? []);
  if (credentials.length === 0 || credentials.length > MAX_PRESENTED_CREDENTIALS) {
    return {
      outcome: invalid(
        'PRESENTATION_CREDENTIALS_COUNT',
        `A presentation must carry from 1 to ${MAX_PRESENTED_CREDENTIALS} credentials; this one carries ${credentials.length}.`,
      ),
    };
  }
  const audience = ([] as unknown[]).concat(payload.aud ?? []).filter((value): value is string => typeof value === 'string');
  return {
    parsed: {
      bytes: decoded.bytes,
      header: decoded.header,
      payload: payload as SignedJwt['payload'],
      holder: payload.iss,
      nonce: payload.nonce,
      audience,
      credentials,
    },
  };
}
