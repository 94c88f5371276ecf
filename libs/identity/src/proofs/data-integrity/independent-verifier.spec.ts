import { verifyCredential } from '@digitalcredentials/verifier-core';
import { didKeyPair, testResolver } from '../../../../../test/factories/keys.js';
import { importSigningKey } from '../../keys/signing-key.js';
import { createDocumentLoader } from '../document-loader.js';
import { signDataIntegrityCredential } from './sign-data-integrity.js';

// The Digital Credentials Consortium's verifier, which the Learner Credential Wallet verifies with:
// what we sign must pass it unchanged. It runs offline here (its loader knows did:key and the
// credentials contexts); any fetch it tried would be recorded and refused.
describe('an independent verifier (@digitalcredentials/verifier-core)', () => {
  const fetched: string[] = [];
  const originalFetch = globalThis.fetch;
  beforeAll(() => {
    globalThis.fetch = (async (input: unknown) => {
      fetched.push(String(input));
      throw new Error('no network in unit tests');
    }) as typeof fetch;
  });
  afterAll(() => {
    globalThis.fetch = originalFetch;
  });

  /** Its types describe the credentials it knows; ours is plain JSON to it, as on the wire. */
  const verify = (credential: object) =>
    verifyCredential({ credential: credential as Parameters<typeof verifyCredential>[0]['credential'], knownDIDRegistries: [] });

  async function signedCredential() {
    const key = await importSigningKey(await didKeyPair('Ed25519'));
    const credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'urn:uuid:5b3f8a7e-2c4d-4f1a-9e6b-0d7c8a9b1e2f',
      type: ['VerifiableCredential'],
      issuer: key.controller,
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:learner', name: 'Linear Algebra, 6 ECTS' },
    };
    return signDataIntegrityCredential(credential, key, { documentLoader: createDocumentLoader(testResolver()) });
  }

  it('accepts an eddsa-rdfc-2022 credential we sign with a did:key issuer', async () => {
    const result = await verify(await signedCredential());
    expect(result.errors).toBeUndefined();
    expect(result.log).toContainEqual({ id: 'valid_signature', valid: true });
    expect(fetched).toEqual([]);
  });

  it('refuses it once changed', async () => {
    const credential = await signedCredential();
    const result = await verify({ ...credential, credentialSubject: { ...credential.credentialSubject, name: 'Linear Algebra, 60 ECTS' } });
    expect(result.errors?.map(({ name }) => name)).toEqual(['invalid_signature']);
  });
});
