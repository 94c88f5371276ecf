import type { DIDDocument, DIDResolutionResult, Resolvable } from 'did-resolver';
import { proofError, proofFailure, ProofRefused } from './proof-verification.js';

/**
 * The DID document of whoever signed, or a `ProofRefused` saying why there is none: `error` when
 * the resolution could not be made now, `invalid` when it was made and found nothing.
 */
export async function signerDocument(resolver: Resolvable, did: string): Promise<DIDDocument> {
  let resolution: DIDResolutionResult;
  try {
    resolution = await resolver.resolve(did);
  } catch (error) {
    throw new ProofRefused(proofError('ISSUER_DID_UNAVAILABLE', `${did} could not be resolved right now: ${(error as Error).message}`));
  }
  const { didDocument, didResolutionMetadata } = resolution;
  if (!didDocument || didResolutionMetadata.error) {
    throw new ProofRefused(
      proofFailure('ISSUER_DID_UNRESOLVABLE', `${did} does not resolve (${didResolutionMetadata.error ?? 'no document'}).`),
    );
  }
  return didDocument;
}
