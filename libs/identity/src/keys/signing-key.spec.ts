import { createPublicKey, verify } from 'node:crypto';
import { didJwkPair, didKeyPair, jwkPair } from '../../../../test/factories/keys.js';
import { importSigningKey, InvalidSigningKey } from './signing-key.js';

describe('importSigningKey', () => {
  it.each(['Ed25519', 'P-256'] as const)('takes a %s key pair in Multikey form, for both formats', async (curve) => {
    const pair = await didKeyPair(curve);
    const key = await importSigningKey(pair);
    expect(key).toMatchObject({ id: pair.id, controller: pair.controller, curve });
    expect(key.multikey?.publicKeyMultibase).toBe(pair.publicKeyMultibase);
    const signature = await key.multikey!.signer().sign({ data: Buffer.from('data') });
    const jwk = createPublicKey(key.privateKey).export({ format: 'jwk' });
    expect(
      verify(
        curve === 'Ed25519' ? null : 'sha256',
        Buffer.from('data'),
        { key: createPublicKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' },
        signature,
      ),
    ).toBe(true);
  });

  it.each(['Ed25519', 'P-256', 'secp256k1'] as const)('takes a %s key pair in JWK form', async (curve) => {
    const pair = didJwkPair(curve);
    const key = await importSigningKey(pair);
    expect(key.curve).toBe(curve);
    expect(createPublicKey(key.privateKey).export({ format: 'jwk' })).toEqual(pair.publicKeyJwk);
    expect(key.multikey === undefined).toBe(curve === 'secp256k1');
  });

  it('refuses halves that do not belong together', async () => {
    const pair = didJwkPair('P-256');
    await expect(importSigningKey({ ...pair, publicKeyJwk: jwkPair('P-256').publicKeyJwk })).rejects.toThrow(InvalidSigningKey);
    const multikey = await didKeyPair('Ed25519');
    const other = await didKeyPair('Ed25519');
    await expect(importSigningKey({ ...multikey, publicKeyMultibase: other.publicKeyMultibase })).rejects.toThrow(InvalidSigningKey);
  });

  it('refuses curves it cannot sign with', async () => {
    const pair = didJwkPair('P-256');
    await expect(importSigningKey({ ...pair, secretKeyJwk: { ...pair.secretKeyJwk, crv: 'P-384' } })).rejects.toThrow(InvalidSigningKey);
    await expect(
      importSigningKey({ ...(await didKeyPair('Ed25519')), publicKeyMultibase: 'zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme' }),
    ).rejects.toThrow(InvalidSigningKey);
  });
});
