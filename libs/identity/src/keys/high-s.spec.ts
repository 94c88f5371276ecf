import { ES256KSigner, hexToBytes } from 'did-jwt';
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { Wallet } from 'ethers';
import { hasHighS, refusedHighS, toLowS } from './high-s.js';

const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const P384_N = 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n;

/** The same signature with s replaced by n - s: it verifies just as well. */
function twin(signature: Buffer, order: bigint, size = 32): string {
  const s = BigInt(`0x${signature.subarray(size, 2 * size).toString('hex')}`);
  const flipped = Buffer.from((order - s).toString(16).padStart(2 * size, '0'), 'hex');
  return Buffer.concat([signature.subarray(0, size), flipped, signature.subarray(2 * size)]).toString('base64url');
}

describe('hasHighS', () => {
  it('tells the secp256k1 signature a JWT signer makes from its twin', async () => {
    const signature = Buffer.from((await ES256KSigner(hexToBytes(Wallet.createRandom().privateKey))('payload')) as string, 'base64url');
    expect(hasHighS('ES256K', signature.toString('base64url'))).toBe(false);
    expect(hasHighS('ES256K', twin(signature, SECP256K1_N))).toBe(true);
  });

  it('tells the two forms of a P-256 signature apart', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const signature = sign('sha256', Buffer.from('payload'), { key: privateKey, dsaEncoding: 'ieee-p1363' });
    const [low, high] =
      BigInt(`0x${signature.subarray(32).toString('hex')}`) > P256_N / 2n
        ? [twin(signature, P256_N), signature.toString('base64url')]
        : [signature.toString('base64url'), twin(signature, P256_N)];
    expect(hasHighS('ES256', low)).toBe(false);
    expect(hasHighS('ES256', high)).toBe(true);
  });

  it('tells the two forms of a P-384 signature apart, whose r and s are 48 bytes each', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const signature = sign('sha384', Buffer.from('payload'), { key: privateKey, dsaEncoding: 'ieee-p1363' });
    const forms = [signature.toString('base64url'), twin(signature, P384_N, 48)];
    expect(forms.map((form) => hasHighS('ES384', form)).sort()).toEqual([false, true]);
  });

  it('leaves other algorithms and malformed signatures to the signature verification', () => {
    expect(hasHighS('EdDSA', Buffer.alloc(64, 0xff).toString('base64url'))).toBe(false);
    expect(hasHighS('ES256K', 'AAAA')).toBe(false);
  });
});

describe('refusedHighS', () => {
  it('refuses a high-S secp256k1 signature (ES256K, ES256K-R) and nothing else', async () => {
    const signature = Buffer.from((await ES256KSigner(hexToBytes(Wallet.createRandom().privateKey))('payload')) as string, 'base64url');
    const high = twin(signature, SECP256K1_N);
    expect([refusedHighS('ES256K', high), refusedHighS('ES256K-R', high)]).toEqual([true, true]);
    expect(refusedHighS('ES256K', signature.toString('base64url'))).toBe(false);
  });

  it('accepts P-256 and P-384 signatures in either form', () => {
    for (const [alg, curve, hash, order, size] of [
      ['ES256', 'P-256', 'sha256', P256_N, 32],
      ['ES384', 'P-384', 'sha384', P384_N, 48],
    ] as const) {
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: curve });
      const signature = sign(hash, Buffer.from('payload'), { key: privateKey, dsaEncoding: 'ieee-p1363' });
      const forms = [signature.toString('base64url'), twin(signature, order, size)];
      expect(forms.map((form) => hasHighS(alg, form)).sort()).toEqual([false, true]);
      expect(forms.map((form) => refusedHighS(alg, form))).toEqual([false, false]);
    }
  });
});

describe('toLowS', () => {
  it('turns either form of a P-256 signature into the low one, which still verifies', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const signature = sign('sha256', Buffer.from('payload'), { key: privateKey, dsaEncoding: 'ieee-p1363' });
    for (const form of [signature.toString('base64url'), twin(signature, P256_N)]) {
      const low = toLowS('ES256', Buffer.from(form, 'base64url'));
      expect(hasHighS('ES256', Buffer.from(low).toString('base64url'))).toBe(false);
      expect(verify('sha256', Buffer.from('payload'), { key: publicKey, dsaEncoding: 'ieee-p1363' }, low)).toBe(true);
    }
  });

  it('leaves EdDSA signatures as they are', () => {
    const signature = Buffer.alloc(64, 0xff);
    expect(toLowS('EdDSA', signature)).toBe(signature);
  });
});
