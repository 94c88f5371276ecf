import type { SignedBytes, SignedCredential } from '#schemas';
import { normalizeCredential, type Verifiable, type W3CCredential } from 'did-jwt-vc';

/** A credential this issuer signed: its format, its exact signed bytes, and the W3C credential they decode to. */
export type IssuedSignedCredential = SignedCredential<Verifiable<W3CCredential>>;

/**
 * The signed credential stored or just signed as these bytes. A VC-JWT decodes to its credential
 * with the JWT itself as `proof.jwt` (JwtProof2020), as it is handed out. Only VC-JWTs are signed yet.
 */
export function signedCredentialOf({ format, bytes }: SignedBytes): IssuedSignedCredential {
  if (format !== 'vc-jwt') throw new Error(`this issuer signs and reads no ${format} credentials yet`);
  return { format, bytes, credential: normalizeCredential(bytes) };
}
