const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/**
 * The same ECDSA JWT with its signature's s replaced by n - s: other bytes, the same ECDSA validity.
 * secp256k1 (ES256K) unless another curve's order is given (a 32-byte r and s, as P-256's).
 */
export function highSTwin(jwt: string, order = SECP256K1_N): string {
  const [header, payload, signature] = jwt.split('.');
  const bytes = Buffer.from(signature, 'base64url');
  const s = BigInt(`0x${bytes.subarray(32, 64).toString('hex')}`);
  const flipped = Buffer.from((order - s).toString(16).padStart(64, '0'), 'hex');
  return `${header}.${payload}.${Buffer.concat([bytes.subarray(0, 32), flipped]).toString('base64url')}`;
}
