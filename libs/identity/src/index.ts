export {
  type EthrNetwork,
  readEthrNetwork,
  ethrNetworkName,
  ethrDidMethod,
  createEthrResolver,
  createChainProvider,
} from './ethr-network.js';

export { createDidResolver, type DidResolverOptions } from './resolvers/did-resolver.js';
export { type DidWebFetch, didWebDocumentUrl } from './resolvers/did-web.resolver.js';
export { type ProofPurpose, findVerificationMethod, authorises } from './resolvers/verification-methods.js';

export { hasHighS, refusedHighS, toLowS } from './keys/high-s.js';
export { lowSJws, lowSProofs } from './proofs/low-s-form.js';
export { type PublicKeyType, publicKeyFromBytes, publicKeyOf } from './keys/public-key.js';
export {
  type SigningKeyPair,
  type MultikeyKeyPair,
  type JwkKeyPair,
  type SigningKey,
  type SigningCurve,
  InvalidSigningKey,
  importSigningKey,
} from './keys/signing-key.js';

export {
  type ProofVerification,
  type ProofValid,
  type ProofFailure,
  type ProofError,
  type ProofFailureCode,
  type ProofErrorCode,
} from './proofs/proof-verification.js';
export { ProofSigningError } from './proofs/proof-signing.errors.js';
export { createDocumentLoader, type DocumentLoader } from './proofs/document-loader.js';
export {
  signDataIntegrityCredential,
  signDataIntegrityPresentation,
  type DataIntegritySigningOptions,
} from './proofs/data-integrity/sign-data-integrity.js';
export { verifyDataIntegrityCredential, verifyDataIntegrityPresentation } from './proofs/data-integrity/verify-data-integrity.js';
export { isVerifiedProofType } from './proofs/data-integrity/data-integrity-suites.js';
export { didKeyResolver, type KeyResolver, type KeyRequest, type KeyResolution } from './proofs/vc-jose/verification-key.js';
export { signVcJwt, signVpJwt } from './proofs/vc-jose/sign-vc-jwt.js';
export { verifyVcJwt, verifyVpJwt, type VcJwtVerification, type VpJwtVerification } from './proofs/vc-jose/verify-vc-jwt.js';
export {
  envelopeCredential,
  unwrapEnvelopedCredential,
  presentedCredential,
  type PresentedCredential,
} from './proofs/vc-jose/enveloped-credential.js';
