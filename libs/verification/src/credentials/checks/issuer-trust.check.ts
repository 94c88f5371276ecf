import type { IssuerTrust } from '../../trust/trust-registry.js';
import { type CheckOutcome, invalid, skipped, valid } from '../../pipeline/check.js';
import type { CredentialCheck, ParsedCredential } from '../parsed-credential.js';

/**
 * Whether the DID that signed the credential is an institution this verifier trusts: a registry lists
 * it, or lists it among the `alsoKnownAs` DIDs of an institution (its did:web beside its did:ethr).
 * An issuer no trusted registry knows is `ISSUER_UNKNOWN`: a warning a person must see, unless
 * configured to fail.
 */
export class IssuerTrustCheck implements CredentialCheck {
  readonly name = 'issuer-trust';
  readonly dependsOn = ['signature'] as const;
  readonly unmet = { code: 'ISSUER_TRUST_NOT_CHECKED', message: 'The signature is not verified, so who signed is not known.' } as const;

  constructor(
    private readonly registry: IssuerTrust,
    private readonly requireTrustedIssuer: boolean,
  ) {}

  async run(credential: ParsedCredential): Promise<CheckOutcome> {
    const did = credential.issuer;
    const trusted = await this.registry.find(did);
    if (trusted) return valid();
    const message = `The credential is validly signed by ${did}, which no registry this verifier trusts lists as an institution.`;
    return this.requireTrustedIssuer ? invalid('ISSUER_NOT_TRUSTED', message) : skipped('ISSUER_UNKNOWN', message);
  }
}
