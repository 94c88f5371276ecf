import type { DIDResolutionResult, Resolvable } from 'did-resolver';
import { cachingResolver } from './caching-resolver.js';

const documentOf = (did: string): DIDResolutionResult => ({
  didResolutionMetadata: {},
  didDocumentMetadata: {},
  didDocument: { id: did },
});

/** A resolver that answers every DID with a document, except those it is told fail, and counts what it is asked. */
function counting(failing: string[] = []) {
  const asked: string[] = [];
  const resolver: Resolvable = {
    resolve: async (didUrl) => {
      asked.push(didUrl);
      return failing.includes(didUrl)
        ? { didResolutionMetadata: { error: 'notFound' }, didDocumentMetadata: {}, didDocument: null }
        : documentOf(didUrl.split('?')[0]);
    },
  };
  return { resolver, asked };
}

describe('cachingResolver', () => {
  const options = { methods: ['web'], ttlSeconds: 60, maxEntries: 2 };

  it('keeps a did:web document for its time, then asks again', async () => {
    let now = 0;
    const { resolver, asked } = counting();
    const cached = cachingResolver(resolver, options, () => now);
    await cached.resolve('did:web:a.example');
    await cached.resolve('did:web:a.example#key-1');
    now = 59_000;
    await cached.resolve('did:web:a.example');
    expect(asked).toEqual(['did:web:a.example']);
    now = 60_000;
    await cached.resolve('did:web:a.example');
    expect(asked).toEqual(['did:web:a.example', 'did:web:a.example']);
  });

  it('keeps no did:ethr (a rotation counts at once), no versioned DID URL, and no failed resolution', async () => {
    const { resolver, asked } = counting(['did:web:gone.example']);
    const cached = cachingResolver(resolver, options);
    for (const did of ['did:ethr:0x7a69:0x01', 'did:ethr:0x7a69:0x01', 'did:web:a.example?versionId=3', 'did:web:a.example?versionId=3']) {
      await cached.resolve(did);
    }
    expect((await cached.resolve('did:web:gone.example')).didResolutionMetadata.error).toBe('notFound');
    await cached.resolve('did:web:gone.example');
    expect(asked).toEqual([
      'did:ethr:0x7a69:0x01',
      'did:ethr:0x7a69:0x01',
      'did:web:a.example?versionId=3',
      'did:web:a.example?versionId=3',
      'did:web:gone.example',
      'did:web:gone.example',
    ]);
  });

  it('keeps at most maxEntries documents, the oldest going first', async () => {
    const { resolver, asked } = counting();
    const cached = cachingResolver(resolver, options);
    for (const host of ['a', 'b', 'c', 'b', 'a']) await cached.resolve(`did:web:${host}.example`);
    expect(asked.map((did) => did.slice(8, 9))).toEqual(['a', 'b', 'c', 'a']);
  });

  it('shares one resolution between concurrent ones, and hands each caller its own copy', async () => {
    const { resolver, asked } = counting();
    const cached = cachingResolver(resolver, options);
    const [first, second] = await Promise.all([cached.resolve('did:web:a.example'), cached.resolve('did:web:a.example')]);
    expect(asked).toHaveLength(1);
    first.didDocument!.id = 'changed by a caller';
    expect(second.didDocument?.id).toBe('did:web:a.example');
    expect((await cached.resolve('did:web:a.example')).didDocument?.id).toBe('did:web:a.example');
  });
});
