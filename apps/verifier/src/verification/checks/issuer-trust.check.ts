import type { TrustRegistry } from '../../trust/trust-registry.js';
import { type CheckContext, type CheckOutcome, type CredentialCheck, invalid, type ParsedCredential, skipped, valid } from '../check.js';

/** The code of an issuer no trusted registry knows: a warning a person must see, unless configured to fail. */
export const ISSUER_UNKNOWN = 'ISSUER_UNKNOWN';

/** Whether the DID that signed the credential is an institution this verifier trusts. */
export class IssuerTrustCheck implements CredentialCheck {
  readonly name = 'issuer-trust';

  constructor(
    private readonly registry: TrustRegistry,
    private readonly requireTrustedIssuer: boolean,
  ) {}

  async run(credential: ParsedCredential, { earlier }: CheckContext): Promise<CheckOutcome> {
    if (earlier.find((result) => result.check === 'signature')?.status !== 'valid') {
      return skipped('ISSUER_TRUST_NOT_CHECKED', 'The signature is not verified, so who signed is not known.');
    }
    const did = credential.payload.iss as string;
    const trusted = await this.registry.find(did);
    if (trusted) return valid();
    const message = `The credential is validly signed by ${did}, which no registry this verifier trusts lists as an institution.`;
    return this.requireTrustedIssuer ? invalid('ISSUER_NOT_TRUSTED', message) : skipped(ISSUER_UNKNOWN, message);
  }
}
