import { pinnedContext } from '#schemas';
import { parse, type Resolvable } from 'did-resolver';
import type { DocumentLoader, RemoteDocument } from 'jsonld-signatures';
import { findVerificationMethod } from '../resolvers/verification-methods.js';
import { proofFailure, ProofRefused } from './proof-verification.js';
import { signerDocument } from './signer-document.js';

export type { DocumentLoader } from 'jsonld-signatures';

const remote = (url: string, document: object): RemoteDocument => ({ contextUrl: null, documentUrl: url, document });

async function loadDid(url: string, resolver: Resolvable): Promise<RemoteDocument> {
  const parsed = parse(url);
  if (!parsed || parsed.path !== undefined || parsed.query !== undefined) {
    throw new ProofRefused(proofFailure('VERIFICATION_METHOD_NOT_DID', `${url} is not a DID or a DID URL naming a key.`));
  }
  const document = await signerDocument(resolver, parsed.did);
  if (parsed.fragment === undefined) return remote(url, document);
  const method = findVerificationMethod(document, url);
  if (!method)
    throw new ProofRefused(
      proofFailure('VERIFICATION_METHOD_NOT_FOUND', `The DID document of ${parsed.did} has no verification method ${url}.`),
    );
  return remote(url, method);
}

/**
 * The document loader of every Data Integrity signature and verification: the JSON-LD contexts
 * pinned in libs/schemas, and DIDs and their verification methods through the resolver. Anything
 * else is refused, never fetched, so a credential cannot point the verifier at a document its
 * author controls. A refusal throws `ProofRefused`, which says why.
 */
export function createDocumentLoader(resolver: Resolvable): DocumentLoader {
  return async (url) => {
    const context = pinnedContext(url);
    if (context) return remote(url, context);
    if (url.startsWith('did:')) return loadDid(url, resolver);
    throw new ProofRefused(
      proofFailure('CONTEXT_NOT_PINNED', `${url} is neither a JSON-LD context pinned here nor a DID; nothing is fetched.`),
    );
  };
}
