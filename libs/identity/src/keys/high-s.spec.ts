import { ES256KSigner, hexToBytes } from 'did-jwt';
import { generateKeyPairSync, sign } from 'node:crypto';
import { Wallet } from 'ethers';
import { hasHighS } from './high-s.js';

const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** The same signature with s replaced by n - s: it verifies just as well. */
function twin(signature: Buffer, order: bigint): string {
  const s = BigInt(`0x${signature.subarray(32, 64).toString('hex')}`);
  const flipped = Buffer.from((order - s).toString(16).padStart(64, '0'), 'hex');
  return Buffer.concat([signature.subarray(0, 32), flipped, signature.subarray(64)]).toString('base64url');
}

describe('hasHighS', () => {
  it('accepts what a secp256k1 JWT signer makes, and refuses its twin', async () => {
    const signature = Buffer.from((await ES256KSigner(hexToBytes(Wallet.createRandom().privateKey))('payload')) as string, 'base64url');
    expect(hasHighS('ES256K', signature.toString('base64url'))).toBe(false);
    expect(hasHighS('ES256K', twin(signature, SECP256K1_N))).toBe(true);
  });

  it('refuses a P-256 signature in its high-S form as well', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const signature = sign('sha256', Buffer.from('payload'), { key: privateKey, dsaEncoding: 'ieee-p1363' });
    const [low, high] = BigInt(`0x${signature.subarray(32).toString('hex')}`) > P256_N / 2n ? [twin(signature, P256_N), signature.toString('base64url')] : [signature.toString('base64url'), twin(signature, P256_N)];
    expect(hasHighS('ES256', low)).toBe(false);
    expect(hasHighS('ES256', high)).toBe(true);
  });

  it('leaves other algorithms and malformed signatures to the signature verification', () => {
    expect(hasHighS('EdDSA', Buffer.alloc(64, 0xff).toString('base64url'))).toBe(false);
    expect(hasHighS('ES256K', 'AAAA')).toBe(false);
  });
});
