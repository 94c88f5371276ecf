import { type CheckOutcome, valid } from '../../pipeline/check.js';
import type { EthrKeyHistory } from '../../signatures/ethr-key-history.js';
import type { SignatureVerifier } from '../../signatures/signature-verifier.js';
import type { CredentialCheck, CredentialContext, ParsedCredential } from '../parsed-credential.js';

/**
 * The credential's signature in its format, by a key its issuer's DID lists under `assertionMethod`
 * (see `SignatureVerifier`). A did:ethr credential that fails against the keys of today is tried
 * against its issuer's keys at its anchoring block (see `EthrKeyHistory`). `details.keyHistory` says
 * which keys verified it: `current` (the DID resolved now) or `anchor-block` (as of `anchorBlock`).
 */
export class SignatureCheck implements CredentialCheck {
  readonly name = 'signature';
  readonly dependsOn = [];

  constructor(
    private readonly signatures: SignatureVerifier,
    private readonly history?: EthrKeyHistory,
  ) {}

  async run(credential: ParsedCredential, context: CredentialContext): Promise<CheckOutcome> {
    const now = await this.signatures.credential(credential);
    if (now.status === 'valid') return valid({ keyHistory: 'current' });
    if (!this.history || now.reason?.code !== 'SIGNATURE_INVALID') return now;
    return this.history.verify(credential, context, (resolver) => this.signatures.credential(credential, resolver), now);
  }
}
