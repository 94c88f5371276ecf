import {
  createDocumentLoader,
  didKeyResolver,
  type KeyResolver,
  refusedHighS,
  verifyDataIntegrityCredential,
  verifyDataIntegrityPresentation,
  verifyVcJwt,
  verifyVpJwt,
} from '#identity';
import { verifyJWT } from 'did-jwt';
import type { DIDResolutionResult, Resolvable } from 'did-resolver';
import type { ParsedCredential, SignedJwt } from '../credentials/parsed-credential.js';
import { type CheckOutcome, failedToCheck, invalid, valid } from '../pipeline/check.js';
import type { ParsedPresentation } from '../presentations/parsed-presentation.js';
import { proofOutcome } from './proof-outcome.js';

/**
 * The algorithms a VCDM 1.1 JWT (VC-JWT, VP-JWT) is verified in, through did-jwt: ES256K and
 * ES256K-R (did:ethr), ES256 (P-256 did:key, did:jwk, did:web) and EdDSA (Ed25519), never `none`.
 */
const JWT_ALGORITHMS = ['ES256K', 'ES256K-R', 'ES256', 'EdDSA', 'Ed25519'];

export interface SignatureKeys {
  /** The DID resolver signers' documents come from (did:ethr on our chain, did:key, did:jwk, did:web). */
  resolver: Resolvable;
  /**
   * How a JOSE `kid` is found, from a resolver: through DIDs (`didKeyResolver`, the default). Tests of
   * a suite whose signers are not DIDs name its keys here.
   */
  keyResolverFor?: (resolver: Resolvable) => KeyResolver;
}

/**
 * Verifies a credential's or a presentation's signature in its format, against its signer's DID
 * document: VC-JWT and VP-JWT through did-jwt, `vc+jwt` and `vp+jwt` (VC-JOSE-COSE) and Data
 * Integrity through libs/identity. A credential's key must be listed under `assertionMethod` by its
 * issuer, a presentation's under `authentication` by its holder. The outcome is the signature
 * check's: `valid`, `invalid` with the reason, or `error` when the DID could not be resolved now.
 */
export class SignatureVerifier {
  private readonly keyResolverFor: (resolver: Resolvable) => KeyResolver;

  constructor(private readonly keys: SignatureKeys) {
    this.keyResolverFor = keys.keyResolverFor ?? didKeyResolver;
  }

  /** The credential's signature, by its issuer; `resolver` replaces the usual one (a DID as of a block). */
  async credential(credential: ParsedCredential, resolver: Resolvable = this.keys.resolver): Promise<CheckOutcome> {
    switch (credential.format) {
      case 'vc-jwt':
        return jwtOutcome({ bytes: credential.bytes, ...credential.jwt! }, credential.issuer, 'assertionMethod', resolver);
      case 'vc+jwt': {
        const result = await verifyVcJwt(credential.bytes, { resolveKey: this.keyResolverFor(resolver) });
        return result.status === 'valid' ? signedBy(result.signer, credential.issuer, 'issuer') : proofOutcome(result);
      }
      case 'ldp_vc': {
        const result = await verifyDataIntegrityCredential(credential.credential, { documentLoader: createDocumentLoader(resolver) });
        return result.status === 'valid' ? signedBy(result.signer, credential.issuer, 'issuer') : proofOutcome(result);
      }
    }
  }

  /**
   * The presentation's signature, by its holder. A Data Integrity proof is verified over the challenge
   * and domain it signs; whether they are the ones this verifier handed out is for the challenge and
   * domain checks.
   */
  async presentation(presentation: ParsedPresentation): Promise<CheckOutcome> {
    const { resolver } = this.keys;
    const { format, holder, nonce, audience } = presentation;
    if (format === 'vp-jwt') return jwtOutcome(presentation.jwt!, holder, 'authentication', resolver);
    if (format === 'ldp_vp' && typeof nonce !== 'string')
      return invalid(
        'SIGNATURE_PROOF_MALFORMED',
        "The presentation's proof signs no challenge: ask for one at POST /challenges and sign it.",
      );
    const result =
      format === 'vp+jwt'
        ? await verifyVpJwt(presentation.jwt!.bytes, { resolveKey: this.keyResolverFor(resolver) })
        : await verifyDataIntegrityPresentation(presentation.document, {
            documentLoader: createDocumentLoader(resolver),
            challenge: nonce as string,
            domain: audience[0],
          });
    return result.status === 'valid' ? signedBy(result.signer, holder, 'holder') : proofOutcome(result);
  }
}

/** A proof that holds says who made it: it must be whom the document names. */
function signedBy(signer: string, named: string, role: 'issuer' | 'holder'): CheckOutcome {
  return signer === named ? valid() : invalid('SIGNATURE_INVALID', `The signature is made by ${signer}, not by the ${role} ${named}.`);
}

/** What is refused before any key is looked at: an algorithm not accepted, and a high-S secp256k1 signature. */
export function refusedForm({ header: { alg }, bytes }: SignedJwt, accepted: readonly string[]): CheckOutcome | undefined {
  if (typeof alg !== 'string' || !accepted.includes(alg)) {
    return invalid(
      'SIGNATURE_ALGORITHM_NOT_ACCEPTED',
      `The JWT algorithm ${JSON.stringify(alg)} is not accepted (${accepted.join(', ')}).`,
    );
  }
  if (refusedHighS(alg, bytes.split('.')[2])) {
    return invalid(
      'SIGNATURE_HIGH_S',
      'The secp256k1 signature is in its high-S form (s above half the curve order), the twin of the one its signer made; only the low-S form is accepted.',
    );
  }
  return undefined;
}

/**
 * A VCDM 1.1 JWT against its signer's DID document, resolved once here (so that a resolution that
 * could not be made is told from one that found nothing), with a key listed for the purpose.
 */
async function jwtOutcome(
  jwt: SignedJwt,
  signer: string,
  proofPurpose: 'assertionMethod' | 'authentication',
  resolver: Resolvable,
): Promise<CheckOutcome> {
  const refused = refusedForm(jwt, JWT_ALGORITHMS);
  if (refused) return refused;
  let resolution: DIDResolutionResult;
  try {
    resolution = await resolver.resolve(signer);
  } catch (error) {
    return failedToCheck('ISSUER_DID_UNAVAILABLE', `The signer's DID could not be resolved right now: ${(error as Error).message}`);
  }
  if (resolution.didResolutionMetadata.error || !resolution.didDocument) {
    return invalid(
      'ISSUER_DID_UNRESOLVABLE',
      `The DID ${signer} does not resolve (${resolution.didResolutionMetadata.error ?? 'no document'}).`,
    );
  }
  try {
    // Validity periods are their own check; here only the signature and its key are judged.
    await verifyJWT(jwt.bytes, {
      resolver: { resolve: async () => resolution },
      proofPurpose,
      policies: { nbf: false, iat: false, exp: false, aud: false },
    });
    return valid();
  } catch (error) {
    return invalid('SIGNATURE_INVALID', `The signature does not verify against ${signer}: ${(error as Error).message}`);
  }
}
