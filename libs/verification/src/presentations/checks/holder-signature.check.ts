import type { CheckOutcome } from '../../pipeline/check.js';
import type { SignatureVerifier } from '../../signatures/signature-verifier.js';
import type { ParsedPresentation, PresentationCheck } from '../parsed-presentation.js';

/**
 * The presentation's signature in its format, by a key its holder's DID (did:ethr, did:key, did:jwk
 * or did:web) lists under `authentication`. A Data Integrity proof is checked over the challenge and
 * domain it signs, which the challenge and domain checks then hold to what this verifier handed out.
 */
export class HolderSignatureCheck implements PresentationCheck {
  readonly name = 'holder-signature';
  readonly dependsOn = [];

  constructor(private readonly signatures: SignatureVerifier) {}

  run(presentation: ParsedPresentation): Promise<CheckOutcome> {
    return this.signatures.presentation(presentation);
  }
}
