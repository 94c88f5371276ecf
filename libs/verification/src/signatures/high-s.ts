/** The order n of the curve each accepted or known ECDSA JWT algorithm signs on. */
const CURVE_ORDERS: Record<string, bigint> = {
  ES256K: 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n,
  'ES256K-R': 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n,
  ES256: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
};

/**
 * Whether an ECDSA JWT signature (`r || s`, base64url) has its `s` in the upper half of the curve
 * order. If (r, s) verifies, so does (r, n - s): every credential would have a twin with other
 * signed bytes, so another leaf hash and another link code, whose receipt can never hold. Signers
 * produce the low half (RFC 6979 libraries, Ethereum since EIP-2); only that form is accepted.
 */
export function hasHighS(alg: string, signature: string): boolean {
  const order = CURVE_ORDERS[alg];
  const bytes = Buffer.from(signature, 'base64url');
  if (order === undefined || bytes.length < 64) return false;
  return BigInt(`0x${bytes.subarray(32, 64).toString('hex')}`) > order / 2n;
}
