import { didWebDocumentUrl } from '#identity';
import { didWebDocumentOf, didWebOf } from './did-web.js';

describe('didWebOf', () => {
  it.each([
    [
      'https://credentials.example.edu',
      'did:web:credentials.example.edu:institutions:open-campus',
      'https://credentials.example.edu/institutions/open-campus/did.json',
    ],
    [
      'https://credentials.example.edu/',
      'did:web:credentials.example.edu:institutions:open-campus',
      'https://credentials.example.edu/institutions/open-campus/did.json',
    ],
    [
      'http://localhost:3000',
      'did:web:localhost%3A3000:institutions:open-campus',
      'https://localhost:3000/institutions/open-campus/did.json',
    ],
    [
      'https://example.edu/credentials/api',
      'did:web:example.edu:credentials:api:institutions:open-campus',
      'https://example.edu/credentials/api/institutions/open-campus/did.json',
    ],
  ])('names the did:web of %s so that the did:web method finds its document where the issuer serves it', (publicUrl, did, documentUrl) => {
    expect(didWebOf(publicUrl, 'open-campus')).toBe(did);
    expect(didWebDocumentUrl(did)?.href).toBe(documentUrl);
  });
});

describe('didWebDocumentOf', () => {
  it('lists current keys first, then retired ones, all for assertion and authentication, and the did:ethr it is also', () => {
    const document = didWebDocumentOf('did:web:x.example:institutions:a', 'did:ethr:0x7a69:0x02ab', [
      { publicKeyMultibase: 'z6MkOld', retired: true },
      { publicKeyMultibase: 'z6MkNew', retired: false },
    ]);
    expect(document).toEqual({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: 'did:web:x.example:institutions:a',
      alsoKnownAs: ['did:ethr:0x7a69:0x02ab'],
      verificationMethod: [
        {
          id: 'did:web:x.example:institutions:a#z6MkNew',
          type: 'Multikey',
          controller: 'did:web:x.example:institutions:a',
          publicKeyMultibase: 'z6MkNew',
        },
        {
          id: 'did:web:x.example:institutions:a#z6MkOld',
          type: 'Multikey',
          controller: 'did:web:x.example:institutions:a',
          publicKeyMultibase: 'z6MkOld',
        },
      ],
      assertionMethod: ['did:web:x.example:institutions:a#z6MkNew', 'did:web:x.example:institutions:a#z6MkOld'],
      authentication: ['did:web:x.example:institutions:a#z6MkNew', 'did:web:x.example:institutions:a#z6MkOld'],
    });
  });
});
