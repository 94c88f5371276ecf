import { Resolver } from 'did-resolver';
import { resolveDidJwk } from './did-jwk.resolver.js';

const resolver = new Resolver({ jwk: resolveDidJwk });
const didOf = (jwk: object) => `did:jwk:${Buffer.from(JSON.stringify(jwk)).toString('base64url')}`;
const p256 = {
  kty: 'EC',
  crv: 'P-256',
  x: 'acbIQiuMs3i8_uszEjJ2tpTtRM4EU3yz91PH6CdH2V0',
  y: '_KcyLj9vWMptnmKtm46GqDz8wf74I5LKgrl2GzH3nSE',
};

describe('resolveDidJwk', () => {
  it("builds the did:jwk specification's document for a P-256 key (its example 1)", async () => {
    const did =
      'did:jwk:eyJjcnYiOiJQLTI1NiIsImt0eSI6IkVDIiwieCI6ImFjYklRaXVNczNpOF91c3pFakoydHBUdFJNNEVVM3l6OTFQSDZDZEgyVjAiLCJ5IjoiX0tjeUxqOXZXTXB0bm1LdG00NkdxRHo4d2Y3NEk1TEtncmwyR3pIM25TRSJ9';
    const { didDocument } = await resolver.resolve(did);
    expect(didDocument).toEqual({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
      id: did,
      verificationMethod: [{ id: `${did}#0`, type: 'JsonWebKey2020', controller: did, publicKeyJwk: p256 }],
      assertionMethod: [`${did}#0`],
      authentication: [`${did}#0`],
      capabilityInvocation: [`${did}#0`],
      capabilityDelegation: [`${did}#0`],
      keyAgreement: [`${did}#0`],
    });
  });

  it('lists a signing-only key (use: sig) for signatures and an encryption-only one (use: enc) for key agreement alone', async () => {
    const signing = (await resolver.resolve(didOf({ ...p256, use: 'sig' }))).didDocument!;
    expect(signing.assertionMethod).toHaveLength(1);
    expect(signing.keyAgreement).toBeUndefined();
    const encrypting = (await resolver.resolve(didOf({ ...p256, use: 'enc' }))).didDocument!;
    expect(encrypting.assertionMethod).toBeUndefined();
    expect(encrypting.keyAgreement).toHaveLength(1);
  });

  it('names the document by the DID asked for, whatever the spacing of the JSON it encodes', async () => {
    const did = `did:jwk:${Buffer.from(JSON.stringify(p256, null, 2)).toString('base64url')}`;
    expect((await resolver.resolve(did)).didDocument?.id).toBe(did);
  });

  it.each([
    ['private key material', didOf({ ...p256, d: 'c2VjcmV0' })],
    ['a symmetric key', didOf({ kty: 'oct', k: 'c2VjcmV0' })],
    ['a JSON value that is no JWK', didOf(['EC'])],
    ['no kty', didOf({ crv: 'P-256' })],
    ['characters outside base64url', 'did:jwk:eyJrdHkiOiJFQyJ9+'],
    ['bytes that are no JSON', `did:jwk:${Buffer.from('not json').toString('base64url')}`],
  ])('does not resolve an identifier carrying %s', async (_case, did) => {
    const resolution = await resolver.resolve(did);
    expect(resolution.didDocument).toBeNull();
    expect(resolution.didResolutionMetadata.error).toBe('invalidDid');
  });
});
