import { didJwkPair, testResolver } from '../../../../test/factories/keys.js';
import { createDocumentLoader } from './document-loader.js';
import { ProofRefused } from './proof-verification.js';

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ProofRefused);
  return (error as ProofRefused).outcome;
}

describe('createDocumentLoader', () => {
  const pair = didJwkPair('Ed25519');
  const loader = createDocumentLoader(testResolver());

  it('serves the pinned contexts', async () => {
    const { document } = await loader('https://w3id.org/security/data-integrity/v2');
    expect(document).toHaveProperty('@context');
  });

  it('serves a DID document, and the verification method a DID URL names', async () => {
    expect((await loader(pair.controller)).document).toMatchObject({ id: pair.controller });
    expect((await loader(pair.id)).document).toEqual({
      id: pair.id,
      type: 'JsonWebKey2020',
      controller: pair.controller,
      publicKeyJwk: pair.publicKeyJwk,
    });
  });

  it.each([
    'https://attacker.example/context.jsonld',
    'https://example.com/issuers/876543#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi',
    'http://www.w3.org/ns/credentials/v2',
  ])('refuses %s without fetching it', async (url) => {
    expect(await refusal(loader(url))).toMatchObject({ status: 'invalid', code: 'CONTEXT_NOT_PINNED' });
  });

  it('says why a DID URL gives nothing', async () => {
    expect(await refusal(loader('did:example:123#key-1'))).toMatchObject({ status: 'invalid', code: 'ISSUER_DID_UNRESOLVABLE' });
    expect(await refusal(loader(`${pair.controller}#1`))).toMatchObject({ status: 'invalid', code: 'VERIFICATION_METHOD_NOT_FOUND' });
    expect(await refusal(loader(`${pair.controller}/path`))).toMatchObject({ status: 'invalid', code: 'VERIFICATION_METHOD_NOT_DID' });
  });

  it('says when a DID could not be resolved right now', async () => {
    const unreachable = createDocumentLoader({ resolve: () => Promise.reject(new Error('chain did not answer')) });
    expect(await refusal(unreachable(pair.id))).toMatchObject({ status: 'error', code: 'ISSUER_DID_UNAVAILABLE' });
  });
});
