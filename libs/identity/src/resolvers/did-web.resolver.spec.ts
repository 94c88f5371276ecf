import { didWebDocumentUrl, didWebResolver, type DidWebFetch } from './did-web.resolver.js';
import { Resolver } from 'did-resolver';

describe('didWebDocumentUrl', () => {
  it.each([
    ['did:web:w3c-ccg.github.io', 'https://w3c-ccg.github.io/.well-known/did.json'],
    ['did:web:w3c-ccg.github.io:user:alice', 'https://w3c-ccg.github.io/user/alice/did.json'],
    ['did:web:example.com%3A3000:user:alice', 'https://example.com:3000/user/alice/did.json'],
    ['did:web:localhost%3A8443', 'https://localhost:8443/.well-known/did.json'],
    ['did:web:Example.COM', 'https://example.com/.well-known/did.json'],
    ['did:web:issuer.example:institutions:uni-42', 'https://issuer.example/institutions/uni-42/did.json'],
  ])('%s is fetched from %s', (did, url) => {
    expect(didWebDocumentUrl(did)?.href).toBe(url);
  });

  it.each([
    'did:web:',
    'did:web:example.com:',
    'did:web:example.com::alice',
    'did:web:example.com:..:admin',
    'did:web:example.com:.',
    'did:web:example.com/alice',
    'did:web:user@example.com',
    'did:web:example.com%2Fadmin',
    'did:web:example.com%3A99999',
    'did:web:example.com:a%2',
    'did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi',
  ])('%s names no URL', (did) => {
    expect(didWebDocumentUrl(did)).toBeUndefined();
  });
});

describe('didWebResolver', () => {
  const did = 'did:web:issuer.example:institutions:uni-42';
  const document = { '@context': ['https://www.w3.org/ns/did/v1'], id: did, assertionMethod: [] };
  const resolverFor = (answer: Awaited<ReturnType<DidWebFetch>> | Error) => {
    const fetched: string[] = [];
    const fetchJson: DidWebFetch = async (url) => {
      fetched.push(url);
      if (answer instanceof Error) throw answer;
      return answer;
    };
    return { resolver: new Resolver({ web: didWebResolver(fetchJson) }), fetched };
  };

  it('resolves the document the DID names, fetched through the injected fetch', async () => {
    const { resolver, fetched } = resolverFor({ status: 200, body: document });
    const resolution = await resolver.resolve(`${did}#key-1`);
    expect(resolution.didDocument).toEqual(document);
    expect(resolution.didResolutionMetadata.error).toBeUndefined();
    expect(fetched).toEqual(['https://issuer.example/institutions/uni-42/did.json']);
  });

  it('refuses a document whose id is another DID: whoever serves the URL must not speak for another identifier', async () => {
    const { resolver } = resolverFor({ status: 200, body: { ...document, id: 'did:web:attacker.example' } });
    const resolution = await resolver.resolve(did);
    expect(resolution.didDocument).toBeNull();
    expect(resolution.didResolutionMetadata.error).toBe('invalidDidDocument');
  });

  it.each([
    ['a missing document', { status: 404, body: null }, 'notFound'],
    ['a document gone for good', { status: 410, body: null }, 'notFound'],
    ['an answer that is not a JSON object', { status: 200, body: ['not', 'a', 'document'] }, 'invalidDidDocument'],
  ])('answers %s with a resolution error', async (_case, answer, error) => {
    const { resolver } = resolverFor(answer);
    expect((await resolver.resolve(did)).didResolutionMetadata.error).toBe(error);
  });

  it('throws when the server could not be reached or failed, as a chain that does not answer does', async () => {
    await expect(resolverFor(new Error('deadline passed')).resolver.resolve(did)).rejects.toThrow('deadline passed');
    await expect(resolverFor({ status: 503, body: null }).resolver.resolve(did)).rejects.toThrow('503');
  });

  it('fetches nothing for an identifier that names no URL', async () => {
    const { resolver, fetched } = resolverFor({ status: 200, body: document });
    expect((await resolver.resolve('did:web:example.com:..:admin')).didResolutionMetadata.error).toBe('invalidDid');
    expect(fetched).toEqual([]);
  });
});
