import { envelopeCredential } from '#identity';
import type { SignedBytes, SignedCredential } from '#schemas';
import { normalizeCredential } from 'did-jwt-vc';
import { decodeJwt } from 'jose';

/** A credential this issuer signed: its format, its exact signed bytes, and the W3C credential they decode to. */
export type IssuedSignedCredential = SignedCredential<Record<string, unknown>>;

/**
 * The signed credential stored or just signed as these bytes: a VC-JWT decodes to its credential
 * with the JWT itself as `proof.jwt` (JwtProof2020); a `vc+jwt` to its payload, which is the
 * credential; an `ldp_vc` is the JSON document with its proof.
 */
export function signedCredentialOf({ format, bytes }: SignedBytes): IssuedSignedCredential {
  switch (format) {
    case 'vc-jwt':
      return { format, bytes, credential: normalizeCredential(bytes) as unknown as Record<string, unknown> };
    case 'vc+jwt':
      return { format, bytes, credential: decodeJwt(bytes) };
    case 'ldp_vc':
      return { format, bytes, credential: JSON.parse(bytes) as Record<string, unknown> };
    default:
      throw new Error(`this issuer signs and reads no ${format} credentials`);
  }
}

/**
 * The credential as handed out (an API answer, an anchored package): a VC-JWT decoded with its JWT
 * as `proof.jwt`, as before; a `vc+jwt` as an EnvelopedVerifiableCredential (`data:application/vc+jwt,<jws>`),
 * as the VC-API hands out VC-JOSE-COSE; an `ldp_vc` as the document with its proof.
 */
export function handedOut(signed: IssuedSignedCredential): Record<string, unknown> {
  return signed.format === 'vc+jwt' ? envelopeCredential(signed.bytes) : signed.credential;
}
