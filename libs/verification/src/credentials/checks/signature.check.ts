import { verifyJWT } from 'did-jwt';
import type { DIDResolutionResult, Resolvable } from 'did-resolver';
import { type CheckOutcome, failedToCheck, invalid, valid } from '../../pipeline/check.js';
import { hasHighS } from '../../signatures/high-s.js';
import type { SignedJwt } from '../parsed-credential.js';

/** did:ethr keys are secp256k1; nothing else is accepted, `none` least of all. */
const ACCEPTED_ALGORITHMS = ['ES256K', 'ES256K-R'];

/** What is refused before any key is looked at: an algorithm not accepted, and a high-S signature. */
export function refusedForm({ header: { alg }, bytes }: SignedJwt, accepted: readonly string[]): CheckOutcome | undefined {
  if (typeof alg !== 'string' || !accepted.includes(alg)) {
    return invalid(
      'SIGNATURE_ALGORITHM_NOT_ACCEPTED',
      `The JWT algorithm ${JSON.stringify(alg)} is not accepted (${accepted.join(', ')}).`,
    );
  }
  if (hasHighS(alg, bytes.split('.')[2])) {
    return invalid(
      'SIGNATURE_HIGH_S',
      'The signature is in its high-S form (s above half the curve order), the twin of the one its signer made; only the low-S form is accepted.',
    );
  }
  return undefined;
}

/**
 * Verifies the JWT's signature against its signer's DID document, resolved on the chain, with a key
 * the document lists for the purpose: `assertionMethod` for a credential's issuer (the `signature`
 * check), `authentication` for a presentation's holder (`holder-signature`).
 */
export class SignatureCheck<Name extends 'signature' | 'holder-signature' = 'signature'> {
  readonly dependsOn = [];
  private readonly proofPurpose: 'assertionMethod' | 'authentication';

  constructor(
    private readonly resolver: Resolvable,
    readonly name: Name = 'signature' as Name,
  ) {
    this.proofPurpose = name === 'holder-signature' ? 'authentication' : 'assertionMethod';
  }

  async run(credential: SignedJwt): Promise<CheckOutcome> {
    const refused = refusedForm(credential, ACCEPTED_ALGORITHMS);
    if (refused) return refused;
    const issuer = credential.payload.iss as string;
    let resolution: DIDResolutionResult;
    try {
      resolution = await this.resolver.resolve(issuer);
    } catch (error) {
      return failedToCheck('ISSUER_DID_UNAVAILABLE', `The issuer's DID could not be resolved right now: ${(error as Error).message}`);
    }
    if (resolution.didResolutionMetadata.error || !resolution.didDocument) {
      return invalid(
        'ISSUER_DID_UNRESOLVABLE',
        `The issuer DID ${issuer} does not resolve (${resolution.didResolutionMetadata.error ?? 'no document'}).`,
      );
    }
    try {
      // Validity periods are their own check; here only the signature and its key are judged.
      await verifyJWT(credential.bytes, {
        resolver: { resolve: async () => resolution },
        proofPurpose: this.proofPurpose,
        policies: { nbf: false, iat: false, exp: false, aud: false },
      });
      return valid();
    } catch (error) {
      return invalid('SIGNATURE_INVALID', `The signature does not verify against ${issuer}: ${(error as Error).message}`);
    }
  }
}
