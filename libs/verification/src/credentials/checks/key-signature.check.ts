import { type CheckOutcome, invalid, valid } from '../../pipeline/check.js';
import { es256kProblem } from '../../signatures/es256k.js';
import type { CredentialCheck, ParsedCredential } from '../parsed-credential.js';
import { refusedForm } from '../../signatures/signature-verifier.js';

/** A signing key known without resolving its DID: the key that has just signed. */
export interface KnownSigningKey {
  did: string;
  /** The secp256k1 public key, hex, compressed or not. */
  publicKeyHex: string;
}

/**
 * The signature against a key the caller already holds, as an issuer checks what it has just signed:
 * the JWT names that key's DID as its issuer, is ES256K in its low-S form, and verifies against the
 * key. Nothing is resolved or fetched.
 */
export class KeySignatureCheck implements CredentialCheck {
  readonly name = 'signature';
  readonly dependsOn = [];

  constructor(private readonly key: KnownSigningKey) {}

  async run(credential: ParsedCredential): Promise<CheckOutcome> {
    const { did, publicKeyHex } = this.key;
    if (credential.format !== 'vc-jwt')
      return invalid('SIGNATURE_INVALID', `A ${credential.format} credential is not a VC-JWT this key signs.`);
    if (credential.issuer !== did) return invalid('SIGNATURE_INVALID', `The JWT names ${credential.issuer} as its issuer, not ${did}.`);
    const refused = refusedForm({ bytes: credential.bytes, ...credential.jwt! }, ['ES256K']);
    if (refused) return refused;
    const problem = es256kProblem(credential.bytes, publicKeyHex);
    return problem ? invalid('SIGNATURE_INVALID', problem) : valid();
  }
}
