import type { DIDDocument, DIDResolutionResult } from 'did-resolver';

/** A DID that resolves to no document, with the DID Resolution error code that says why. */
export function unresolved(error: 'invalidDid' | 'notFound' | 'invalidDidDocument', message: string): DIDResolutionResult {
  return { didResolutionMetadata: { error, message }, didDocument: null, didDocumentMetadata: {} };
}

export function resolved(didDocument: DIDDocument, contentType = 'application/did+ld+json'): DIDResolutionResult {
  return { didResolutionMetadata: { contentType }, didDocument, didDocumentMetadata: {} };
}
