/** The order n of the curve each known ECDSA JWS algorithm signs on, and the size of r and of s. */
const CURVES: Record<string, { order: bigint; size: number }> = {
  ES256K: { order: 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n, size: 32 },
  'ES256K-R': { order: 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n, size: 32 },
  ES256: { order: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n, size: 32 },
  ES384: { order: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n, size: 48 },
};

function sOf(bytes: Uint8Array, size: number): bigint {
  return BigInt(`0x${Buffer.from(bytes.subarray(size, 2 * size)).toString('hex')}`);
}

/**
 * Whether an ECDSA JWS signature (`r || s`, base64url) has its `s` in the upper half of the curve
 * order. If (r, s) verifies, so does (r, n - s): every credential would have a twin with other
 * signed bytes, so another leaf hash and another link code, whose receipt can never hold. Signers
 * produce the low half (RFC 6979 libraries, Ethereum since EIP-2); only that form is accepted.
 */
export function hasHighS(alg: string, signature: string): boolean {
  const curve = CURVES[alg];
  const bytes = Buffer.from(signature, 'base64url');
  if (curve === undefined || bytes.length < 2 * curve.size) return false;
  return sOf(bytes, curve.size) > curve.order / 2n;
}

/**
 * The low-S form of an ECDSA signature (`r || s`): node:crypto and WebCrypto sign with either half,
 * and verifiers of ours refuse the high one (see `hasHighS`). Other algorithms pass unchanged.
 */
export function toLowS(alg: string, signature: Uint8Array): Uint8Array {
  const curve = CURVES[alg];
  if (curve === undefined || signature.length !== 2 * curve.size) return signature;
  const s = sOf(signature, curve.size);
  if (s <= curve.order / 2n) return signature;
  const low = Buffer.from((curve.order - s).toString(16).padStart(2 * curve.size, '0'), 'hex');
  return Buffer.concat([signature.subarray(0, curve.size), low]);
}
