import type { DIDDocument, DIDResolver, JsonWebKey } from 'did-resolver';
import { resolved, unresolved } from './resolution-results.js';

/** JWK members that carry private or symmetric key material (RFC 7518 section 6): a DID never publishes them. */
const SECRET_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/**
 * did:jwk, as its specification builds the document from the identifier alone. Written here rather
 * than taken from Veramo's resolver, which gives a JWK without `use` (as most wallets' are) no
 * verification relationship at all, and names the document by a re-serialised JWK instead of the
 * DID asked for.
 */
export const resolveDidJwk: DIDResolver = async (did, parsed) => {
  let jwk: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(parsed.id)) throw new Error('not base64url');
    jwk = JSON.parse(Buffer.from(parsed.id, 'base64url').toString('utf8'));
  } catch {
    return unresolved('invalidDid', 'The identifier is not base64url-encoded JSON.');
  }
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk) || typeof (jwk as JsonWebKey).kty !== 'string') {
    return unresolved('invalidDid', 'The identifier is not a base64url-encoded JWK.');
  }
  if (SECRET_MEMBERS.some((member) => member in jwk)) return unresolved('invalidDid', 'The JWK carries private key material.');
  const { use } = jwk as JsonWebKey;
  const key = `${did}#0`;
  const signing = use !== 'enc';
  const agreeing = use !== 'sig';
  const document: DIDDocument = {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
    id: did,
    verificationMethod: [{ id: key, type: 'JsonWebKey2020', controller: did, publicKeyJwk: jwk as JsonWebKey }],
    ...(signing ? { assertionMethod: [key], authentication: [key], capabilityInvocation: [key], capabilityDelegation: [key] } : {}),
    ...(agreeing ? { keyAgreement: [key] } : {}),
  };
  return resolved(document);
};
