/** The order n of the curve each known ECDSA JWS algorithm signs on, and the size of r and of s. */
const CURVES: Record<string, { order: bigint; size: number }> = {
  ES256K: { order: 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n, size: 32 },
  'ES256K-R': { order: 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n, size: 32 },
  ES256: { order: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n, size: 32 },
  ES384: { order: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n, size: 48 },
};

/**
 * The algorithms whose high-S signatures are refused: secp256k1's, where low-S is the norm every
 * signer follows (Bitcoin, Ethereum since EIP-2, did-jwt). P-256 and P-384 signatures are accepted in
 * either form: their specifications do not ask for low-S, about half of other signers emit high-S,
 * and the VC-JOSE-COSE suite expects such a signature to verify. Where byte identity matters (a link
 * code, an anchor leaf) they are put in their low-S form first (see `lowSJws`, `lowSProofs`).
 */
const LOW_S_ONLY = ['ES256K', 'ES256K-R'];

/** The algorithms whose signatures `toLowS` normalises: ECDSA on the NIST curves, accepted in either form. */
export const NORMALISED_ALGORITHMS = ['ES256', 'ES384'] as const;

function sOf(bytes: Uint8Array, size: number): bigint {
  return BigInt(`0x${Buffer.from(bytes.subarray(size, 2 * size)).toString('hex')}`);
}

/**
 * Whether an ECDSA JWS signature (`r || s`, base64url) has its `s` in the upper half of the curve
 * order. If (r, s) verifies, so does (r, n - s): the same credential in other signed bytes.
 */
export function hasHighS(alg: string, signature: string): boolean {
  const curve = CURVES[alg];
  const bytes = Buffer.from(signature, 'base64url');
  if (curve === undefined || bytes.length < 2 * curve.size) return false;
  return sOf(bytes, curve.size) > curve.order / 2n;
}

/**
 * Whether a signature is refused for its high-S form: a secp256k1 one (ES256K, ES256K-R) with `s`
 * above half the order. Its twin would be another leaf hash and another link code for one credential,
 * whose receipt can never hold; every secp256k1 signer makes the low form.
 */
export function refusedHighS(alg: string, signature: string): boolean {
  return LOW_S_ONLY.includes(alg) && hasHighS(alg, signature);
}

/**
 * The low-S form of an ECDSA signature (`r || s`): node:crypto and WebCrypto sign with either half;
 * our signers emit the low one. Other algorithms pass unchanged.
 */
export function toLowS(alg: string, signature: Uint8Array): Uint8Array {
  const curve = CURVES[alg];
  if (curve === undefined || signature.length !== 2 * curve.size) return signature;
  const s = sOf(signature, curve.size);
  if (s <= curve.order / 2n) return signature;
  const low = Buffer.from((curve.order - s).toString(16).padStart(2 * curve.size, '0'), 'hex');
  return Buffer.concat([signature.subarray(0, curve.size), low]);
}
