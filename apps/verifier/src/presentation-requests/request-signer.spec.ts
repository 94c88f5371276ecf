import { importJWK, jwtVerify } from 'jose';
import { RequestSigner } from './request-signer.js';

describe('RequestSigner', () => {
  it('is one client for one key: instances given the same key sign as the same did:jwk, verifiable with it', async () => {
    const key = 'c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721';
    const [one, other] = [new RequestSigner(key), new RequestSigner(key)];
    expect(other.clientId).toBe(one.clientId);
    expect(one.clientId).toBe(`decentralized_identifier:${one.did}`);
    const { jwt } = await one.signJwt(
      { method: 'did', didUrl: one.didUrl, alg: 'ES256' },
      { header: { alg: 'ES256', kid: one.didUrl, typ: 'oauth-authz-req+jwt' }, payload: { nonce: 'n' } },
    );
    const jwk = JSON.parse(Buffer.from(one.did.slice('did:jwk:'.length), 'base64url').toString('utf8'));
    const { payload, protectedHeader } = await jwtVerify(jwt, await importJWK(jwk, 'ES256'));
    expect([payload.nonce, protectedHeader.typ, protectedHeader.kid]).toEqual(['n', 'oauth-authz-req+jwt', one.didUrl]);
  });

  it('makes a key of its own when none is configured', () => {
    expect(new RequestSigner().clientId).not.toBe(new RequestSigner().clientId);
  });
});
