import type { PublicFetcher } from '../fetching/public-fetcher.js';
import { didWebFetch } from './did-web-fetch.js';

function recording() {
  const urls: string[] = [];
  const fetcher = { json: async (url: string) => (urls.push(url), { status: 200, body: {}, bytes: 2 }) } as unknown as PublicFetcher;
  return { fetcher, urls };
}

describe('didWebFetch', () => {
  it('fetches over HTTPS, as did:web requires', async () => {
    const { fetcher, urls } = recording();
    const fetch = didWebFetch(fetcher, { loopbackOverHttp: false });
    await fetch('https://issuer.example/institutions/uni/did.json');
    await fetch('https://localhost:3000/institutions/uni/did.json');
    expect(urls).toEqual(['https://issuer.example/institutions/uni/did.json', 'https://localhost:3000/institutions/uni/did.json']);
  });

  it('in development, fetches a loopback host over HTTP, and any other host over HTTPS still', async () => {
    const { fetcher, urls } = recording();
    const fetch = didWebFetch(fetcher, { loopbackOverHttp: true });
    for (const url of [
      'https://localhost:3000/a/did.json',
      'https://127.0.0.1:3000/.well-known/did.json',
      'https://issuer.example/did.json',
    ])
      await fetch(url);
    expect(urls).toEqual([
      'http://localhost:3000/a/did.json',
      'http://127.0.0.1:3000/.well-known/did.json',
      'https://issuer.example/did.json',
    ]);
  });
});
