import { createPublicKey, verify } from 'node:crypto';

/** DER prefixes of a secp256k1 public key in SubjectPublicKeyInfo form, by the length of the point (compressed, uncompressed). */
const SECP256K1_SPKI_PREFIX: Record<number, Buffer> = {
  33: Buffer.from('3036301006072a8648ce3d020106052b8104000a032200', 'hex'),
  65: Buffer.from('3056301006072a8648ce3d020106052b8104000a034200', 'hex'),
};

/**
 * Whether a compact ES256K JWS (r||s over SHA-256 of its signing input) verifies against a secp256k1
 * public key (hex, compressed or not), with node:crypto: the same verification as did-jwt's, about
 * five times faster, for checks that already know the key. A problem with the key or the signature's
 * shape is said; `undefined` when it verifies.
 */
export function es256kProblem(jwt: string, publicKeyHex: string): string | undefined {
  const point = Buffer.from(publicKeyHex, 'hex');
  const prefix = SECP256K1_SPKI_PREFIX[point.length];
  if (!prefix) return 'The signing key is not a secp256k1 public key.';
  const signingInput = jwt.slice(0, jwt.lastIndexOf('.'));
  const signature = Buffer.from(jwt.slice(jwt.lastIndexOf('.') + 1), 'base64url');
  if (signature.length !== 64) return 'The signature is not 64 bytes (r||s).';
  const key = createPublicKey({ key: Buffer.concat([prefix, point]), format: 'der', type: 'spki' });
  return verify('sha256', Buffer.from(signingInput), { key, dsaEncoding: 'ieee-p1363' }, signature) ? undefined : 'The signature does not verify against the signing key.';
}
