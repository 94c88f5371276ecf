import type { KeyResolver, ProofFailure, SigningKey } from '#identity';
import type { DIDResolutionResult, Resolvable, VerificationMethod } from 'did-resolver';
import { createPublicKey } from 'node:crypto';

/** The key's public half as a verification method: a Multikey where it has one (Data Integrity reads those), else a JWK. */
function verificationMethodOf(key: SigningKey): VerificationMethod {
  const publicKeyJwk = createPublicKey(key.privateKey).export({ format: 'jwk' });
  if (!key.multikey) return { id: key.id, type: 'JsonWebKey', controller: key.controller, publicKeyJwk: publicKeyJwk as never };
  const publicKeyMultibase = (key.multikey as unknown as { publicKeyMultibase: string }).publicKeyMultibase;
  return { id: key.id, type: 'Multikey', controller: key.controller, publicKeyMultibase };
}

/**
 * A DID resolver that knows one DID, the signer's, with one key: the one that has just signed. The
 * issuer checks what it signed against that key alone, as a verifier would, with nothing resolved,
 * fetched or read from the chain.
 */
export function knownKeyResolver(key: SigningKey): Resolvable {
  const method = verificationMethodOf(key);
  const document = {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: key.controller,
    verificationMethod: [method],
    assertionMethod: [method.id],
  };
  return {
    resolve: async (did: string): Promise<DIDResolutionResult> =>
      did === key.controller
        ? { didDocument: structuredClone(document), didResolutionMetadata: {}, didDocumentMetadata: {} }
        : { didDocument: null, didResolutionMetadata: { error: 'notFound' }, didDocumentMetadata: {} },
  };
}

/** The JOSE counterpart: the JWS must name the key that has just signed, and it is that key. */
export function knownKeyJoseResolver(key: SigningKey): KeyResolver {
  const verificationMethod = verificationMethodOf(key);
  return async ({ kid }) =>
    kid === key.id
      ? { status: 'found', verificationMethod, signer: key.controller }
      : ({
          status: 'invalid',
          code: 'VERIFICATION_METHOD_NOT_FOUND',
          message: `The JWS names ${kid}, not ${key.id}.`,
        } satisfies ProofFailure);
}
