import { parse, type Resolvable, type VerificationMethod } from 'did-resolver';
import { authorises, findVerificationMethod, type ProofPurpose } from '../../resolvers/verification-methods.js';
import { type ProofError, type ProofFailure, proofFailure, refusalIn } from '../proof-verification.js';
import { signerDocument } from '../signer-document.js';

export interface KeyRequest {
  /** The JWS header's `kid`. */
  kid: string;
  /** Who the payload says signed: the credential's issuer, the presentation's holder; undefined when it names none. */
  controller?: string;
  purpose: ProofPurpose;
}

export type KeyResolution = { status: 'found'; verificationMethod: VerificationMethod; signer: string } | ProofFailure | ProofError;

/** Finds the verification method a JWS names, authorised by its signer for the purpose, or says why there is none. */
export type KeyResolver = (request: KeyRequest) => Promise<KeyResolution>;

/**
 * Keys through DIDs: `kid` is a DID URL (or `#fragment` of the signer's DID), the DID is the signer
 * the payload names, its document lists the method under the purpose. Nothing else is fetched.
 */
export function didKeyResolver(resolver: Resolvable): KeyResolver {
  return async ({ kid, controller, purpose }) => {
    const url = kid.startsWith('#') && controller !== undefined ? `${controller}${kid}` : kid;
    const parsed = parse(url);
    if (!parsed || parsed.fragment === undefined || parsed.path !== undefined || parsed.query !== undefined) {
      return proofFailure(
        'VERIFICATION_METHOD_NOT_DID',
        `The kid ${JSON.stringify(kid)} is not a DID URL naming a key; only DIDs are resolved.`,
      );
    }
    if (controller !== undefined && parsed.did !== controller)
      return proofFailure('SIGNER_MISMATCH', `The key ${url} belongs to ${parsed.did}, not to ${controller}.`);
    try {
      const document = await signerDocument(resolver, parsed.did);
      const verificationMethod = findVerificationMethod(document, url);
      if (!verificationMethod)
        return proofFailure('VERIFICATION_METHOD_NOT_FOUND', `The DID document of ${parsed.did} has no verification method ${url}.`);
      if (!authorises(document, url, purpose))
        return proofFailure('VERIFICATION_METHOD_NOT_AUTHORISED', `${parsed.did} does not list ${url} under ${purpose}.`);
      return { status: 'found', verificationMethod, signer: parsed.did };
    } catch (error) {
      const refusal = refusalIn(error);
      if (refusal) return refusal.outcome;
      throw error;
    }
  };
}
