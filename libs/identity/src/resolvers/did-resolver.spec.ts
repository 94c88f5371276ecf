import { createDidResolver } from './did-resolver.js';
import type { DidWebFetch } from './did-web.resolver.js';

// Nothing here reaches the chain: did:ethr is only named, never resolved (the integration spec does).
const ethr = { rpcUrl: 'http://127.0.0.1:1', chainId: 31337, didRegistry: `0x${'1'.repeat(40)}` };

describe('createDidResolver', () => {
  const ed25519 = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';
  const p256 = 'did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169';

  it.each([
    [ed25519, 'z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp'],
    [p256, 'zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169'],
  ])('resolves %s offline to a Multikey the issuer asserts with', async (did, multibase) => {
    const { didDocument } = await createDidResolver({ ethr }).resolve(did);
    expect(didDocument?.['@context']).toEqual(['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1']);
    expect(didDocument?.verificationMethod?.[0]).toEqual({
      id: `${did}#${multibase}`,
      type: 'Multikey',
      controller: did,
      publicKeyMultibase: multibase,
    });
    expect(didDocument?.assertionMethod).toEqual([`${did}#${multibase}`]);
  });

  it('resolves did:jwk offline', async () => {
    const did = `did:jwk:${Buffer.from(JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: 'NvUhsjZe7Mdv8Esoc60o3ma1U5j2tFUTDsOQd39xMnI' })).toString('base64url')}`;
    expect((await createDidResolver({ ethr }).resolve(did)).didDocument?.id).toBe(did);
  });

  it('resolves did:web only through the fetch it is given', async () => {
    const fetched: string[] = [];
    const fetchDidWeb: DidWebFetch = async (url) => {
      fetched.push(url);
      return { status: 200, body: { id: 'did:web:issuer.example' } };
    };
    expect((await createDidResolver({ ethr }).resolve('did:web:issuer.example')).didResolutionMetadata.error).toBe('unsupportedDidMethod');
    expect((await createDidResolver({ ethr, fetchDidWeb }).resolve('did:web:issuer.example')).didDocument?.id).toBe(
      'did:web:issuer.example',
    );
    expect(fetched).toEqual(['https://issuer.example/.well-known/did.json']);
  });

  it.each([
    'did:example:123',
    'did:ion:EiClkZMDxPKqC9c-umQfTkR8vvZ9JPhl_xLDI9Nfk38w5w',
    'did:ethr:0x1:0xb9c5714089478a327f09197987f16f9e5d936e8a',
  ])('does not resolve %s: another method, or did:ethr on another chain', async (did) => {
    const resolution = await createDidResolver({ ethr }).resolve(did);
    expect(resolution.didDocument).toBeNull();
    expect(resolution.didResolutionMetadata.error).toMatch(/unsupportedDidMethod|unknownNetwork/);
  });

  it('resolves no did:ethr without a chain, and did:key offline still', async () => {
    const resolver = createDidResolver();
    expect((await resolver.resolve('did:ethr:0x7a69:0xb9c5714089478a327f09197987f16f9e5d936e8a')).didResolutionMetadata.error).toBe(
      'unsupportedDidMethod',
    );
    expect((await resolver.resolve(ed25519)).didDocument?.id).toBe(ed25519);
  });

  it('does not resolve a did:key that is not a key', async () => {
    const resolution = await createDidResolver({ ethr }).resolve('did:key:z6MkNOTAKEY');
    expect(resolution.didDocument).toBeNull();
    expect(resolution.didResolutionMetadata.error).toBe('invalidDid');
  });
});
