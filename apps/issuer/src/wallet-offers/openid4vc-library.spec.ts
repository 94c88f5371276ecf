import type { IssuerConfig } from '../issuer.config.js';
import { Openid4vcLibrary } from './openid4vc-library.js';

const libraryWith = (secret: string) =>
  new Openid4vcLibrary({ publicUrl: 'https://issuer.example', keyEncryptionSecret: secret } as IssuerConfig);

describe('the OpenID4VC libraries as wired here', () => {
  const library = libraryWith('11'.repeat(32));
  const expiresAt = new Date('2030-01-01T00:00:00Z');

  it('mints c_nonces that only this secret and institution accept, with their expiry', () => {
    const nonce = library.mintNonce('institution-a', expiresAt);
    expect(library.nonceExpiry('institution-a', nonce)).toEqual(expiresAt);
    expect(library.nonceExpiry('institution-b', nonce)).toBeUndefined();
    expect(libraryWith('22'.repeat(32)).nonceExpiry('institution-a', nonce)).toBeUndefined();
    const [, random, tag] = nonce.split('.');
    expect(library.nonceExpiry('institution-a', `${Math.floor(expiresAt.getTime() / 1000) + 3600}.${random}.${tag}`)).toBeUndefined();
    expect(library.nonceExpiry('institution-a', 'not-a-nonce')).toBeUndefined();
    expect(library.mintNonce('institution-a', expiresAt)).not.toBe(nonce);
  });

  it('derives the same access-token key and offer hashes on every instance with the secret, others elsewhere', () => {
    const twin = libraryWith('11'.repeat(32));
    expect(twin.jwks()).toEqual(library.jwks());
    expect(twin.secretHash('123456')).toEqual(library.secretHash('123456'));
    expect(libraryWith('22'.repeat(32)).jwks()).not.toEqual(library.jwks());
    expect(library.jwks().keys[0]).not.toHaveProperty('d');
  });
});
