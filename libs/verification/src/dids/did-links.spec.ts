import type { DIDDocument, Resolvable } from 'did-resolver';
import { DidLinks } from './did-links.js';

const ETHR = 'did:ethr:0x7a69:0x02aa';
const WEB = 'did:web:issuer.example:institutions:example-university';

/** A resolver over fixed documents; a DID it does not know resolves to nothing. */
function resolverOf(documents: DIDDocument[]): Resolvable {
  return {
    resolve: async (did) => ({
      didResolutionMetadata: {},
      didDocumentMetadata: {},
      didDocument: documents.find((document) => document.id === did) ?? null,
    }),
  };
}

const webNaming = (did: string): DIDDocument => ({ id: WEB, alsoKnownAs: [did] });
const ethrNaming = (did: string): DIDDocument => ({
  id: ETHR,
  service: [{ id: `${ETHR}#service-1`, type: 'AlsoKnownAs', serviceEndpoint: did }],
});

describe('DidLinks', () => {
  it('takes a DID to be its own issuer without resolving anything', async () => {
    expect(await new DidLinks(resolverOf([])).sameIssuer(WEB, WEB)).toBe(true);
  });

  it("links a did:web and a did:ethr that name each other (alsoKnownAs; the did:ethr's AlsoKnownAs service)", async () => {
    const links = new DidLinks(resolverOf([webNaming(ETHR), ethrNaming(WEB)]));
    expect(await links.sameIssuer(WEB, ETHR)).toBe(true);
    expect(await links.sameIssuer(ETHR, WEB)).toBe(true);
  });

  it('refuses a link only one side makes, whichever side', async () => {
    expect(await new DidLinks(resolverOf([webNaming(ETHR), ethrNaming('did:web:elsewhere.example')])).sameIssuer(WEB, ETHR)).toBe(false);
    expect(await new DidLinks(resolverOf([{ id: WEB }, ethrNaming(WEB)])).sameIssuer(WEB, ETHR)).toBe(false);
    expect(await new DidLinks(resolverOf([webNaming(ETHR)])).sameIssuer(WEB, ETHR)).toBe(false);
  });

  it('cannot tell while a document cannot be read', async () => {
    const offline: Resolvable = { resolve: () => Promise.reject(new Error('the chain is not answering')) };
    expect(await new DidLinks(offline).sameIssuer(WEB, ETHR)).toBeUndefined();
  });
});
