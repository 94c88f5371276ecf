import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { FetchSlots } from '../fetching/fetch-slots.js';
import { PublicFetcher } from '../fetching/public-fetcher.js';
import { quietLogger } from '../../test/quiet-logger.js';
import { type TrustConfig, TrustRegistry } from './trust-registry.js';

const A = { did: 'did:ethr:0x7a69:0x0000000000000000000000000000000000000001', name: 'University A', url: 'https://a.example' };
const B = { did: 'did:ethr:0x7a69:0x0000000000000000000000000000000000000002', name: 'University B', url: 'https://b.example' };
const registry = (...institutions: (typeof A)[]) => ({ type: 'IssuerRegistry', version: 1, institutions });

/** A registry server whose answer the test sets (by query string, for pages after the first), counting requests. */
async function registryServer() {
  let answer: { status: number; body: unknown } = { status: 200, body: registry(A) };
  const pages = new Map<string, { status: number; body: unknown }>();
  let requests = 0;
  const server = http.createServer((request, response) => {
    requests++;
    const query = new URL(request.url ?? '/', 'http://x').search;
    const { status, body } = (query && pages.get(query)) || answer;
    response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/v1/registry`,
    answer: (status: number, body: unknown) => (answer = { status, body }),
    page: (query: string, status: number, body: unknown) => pages.set(query, { status, body }),
    requests: () => requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const fetcher = new PublicFetcher({ allowPrivateNetworks: true, deadlineMs: 2000, maxBytes: 1024 * 1024 }, new FetchSlots(8), quietLogger);
const config = (overrides: Partial<TrustConfig>): TrustConfig => ({
  registryUrls: [],
  refreshSeconds: 3600,
  missRefreshSeconds: 30,
  ...overrides,
});

async function started(trustConfig: TrustConfig, clock = Date.now): Promise<TrustRegistry> {
  const trust = new TrustRegistry(trustConfig, fetcher, quietLogger, clock);
  await trust.start();
  return trust;
}

describe('TrustRegistry', () => {
  let server: Awaited<ReturnType<typeof registryServer>>;
  beforeEach(async () => (server = await registryServer()));
  afterEach(() => server.close());

  it('trusts the institutions of a registry URL, by DID, and names the source', async () => {
    const trust = await started(config({ registryUrls: [server.url] }));
    expect(await trust.find(A.did)).toEqual({ ...A, source: server.url });
    trust.stop();
  });

  it("trusts the operator's own file, and refuses to start on a broken one", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'trust-'));
    const file = path.join(dir, 'trusted.json');
    writeFileSync(file, JSON.stringify(registry(B)));
    expect(await (await started(config({ trustedIssuersFile: file }))).find(B.did)).toMatchObject({ name: 'University B', source: file });
    writeFileSync(file, JSON.stringify({ type: 'IssuerRegistry', version: 1, institutions: [{ did: 'not a did' }] }));
    await expect(started(config({ trustedIssuersFile: file }))).rejects.toThrow(/TRUSTED_ISSUERS_FILE/);
  });

  it("trusts the DIDs an institution is also known as (its did:web) as that institution, and a registry's word for no one else", async () => {
    const web = 'did:web:a.example:institutions:a';
    server.answer(200, registry({ ...A, alsoKnownAs: [web] } as typeof A));
    const trust = await started(config({ registryUrls: [server.url] }));
    expect(await trust.find(web)).toEqual({ ...A, source: server.url });
    expect(await trust.find(A.did)).toEqual({ ...A, source: server.url });
    expect(await trust.find('did:web:b.example')).toBeUndefined();
    expect([trust.knows(web), trust.knows(A.did), trust.knows('did:web:b.example')]).toEqual([true, true, false]);
    trust.stop();
  });

  it('refuses a registry whose alsoKnownAs is not a list of DIDs', async () => {
    server.answer(200, registry({ ...A, alsoKnownAs: ['https://a.example'] } as typeof A));
    const trust = await started(config({ registryUrls: [server.url] }));
    expect(await trust.find(A.did)).toBeUndefined();
    expect(trust.health()).toEqual([expect.objectContaining({ ok: false, lastError: expect.stringContaining('alsoKnownAs') })]);
    trust.stop();
  });

  it('keeps what a registry said in its store, so a restart trusts it while the registry is down', async () => {
    const storeFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'trust-')), 'store.json');
    (await started(config({ registryUrls: [server.url], storeFile }))).stop();
    server.answer(503, { error: 'down' });
    const restarted = await started(config({ registryUrls: [server.url], storeFile }));
    expect(await restarted.find(A.did)).toMatchObject({ name: 'University A' });
    restarted.stop();
  });

  it('stops trusting an institution the registry drops, and ignores a document that is not a registry', async () => {
    let now = 0;
    const trust = await started(config({ registryUrls: [server.url] }), () => now);
    server.answer(200, { institutions: 'none' });
    await trust.refresh();
    expect(await trust.find(A.did)).toBeDefined();
    server.answer(200, registry(B));
    await trust.refresh();
    now += 60_000;
    expect(await trust.find(A.did)).toBeUndefined();
    expect(await trust.find(B.did)).toBeDefined();
    trust.stop();
  });

  describe('a registry of several pages', () => {
    const C = { did: 'did:ethr:0x7a69:0x0000000000000000000000000000000000000003', name: 'University C', url: 'https://c.example' };

    it('is read to its last page, following each next link', async () => {
      server.answer(200, { ...registry(A), next: '?after=1' });
      server.page('?after=1', 200, { ...registry(B), next: '?after=2' });
      server.page('?after=2', 200, registry(C));
      const trust = await started(config({ registryUrls: [server.url] }));
      for (const { did } of [A, B, C]) expect(await trust.find(did)).toMatchObject({ source: server.url });
      expect(trust.health()).toEqual([{ url: server.url, ok: true, institutions: 3, lastSuccessAt: expect.any(String) }]);
      trust.stop();
    });

    it('keeps what it said last when a page fails, and shows the failure in its health', async () => {
      server.answer(200, { ...registry(A), next: '?after=1' });
      server.page('?after=1', 200, registry(B));
      const trust = await started(config({ registryUrls: [server.url] }));
      server.page('?after=1', 503, { error: 'down' });
      server.answer(200, { ...registry(C), next: '?after=1' });
      await trust.refresh();
      expect(await trust.find(B.did)).toBeDefined();
      expect(await trust.find(C.did)).toBeUndefined();
      expect(trust.health()).toEqual([
        {
          url: server.url,
          ok: false,
          institutions: 2,
          lastSuccessAt: expect.any(String),
          failingSince: expect.any(String),
          lastError: 'page 2 answered HTTP 503',
        },
      ]);
      trust.stop();
    });

    it.each([
      ['a next page on another origin', 'http://other.example/v1/registry?after=1', 'another origin'],
      ['itself as the next page', '?after=1', 'already read'],
    ])('refuses a registry that names %s', async (_case, next, problem) => {
      server.answer(200, { ...registry(A), next: '?after=1' });
      server.page('?after=1', 200, { ...registry(B), next });
      const trust = await started(config({ registryUrls: [server.url] }));
      expect(await trust.find(A.did)).toBeUndefined();
      expect(trust.health()[0].lastError).toContain(problem);
      trust.stop();
    });
  });

  it('refetches for an unknown DID at most every 30 s', async () => {
    let now = 0;
    const trust = await started(config({ registryUrls: [server.url] }), () => now);
    const before = server.requests();
    server.answer(200, registry(A, B));
    expect(await trust.find(B.did)).toBeUndefined();
    expect(server.requests()).toBe(before);
    now += 30_000;
    expect(await trust.find(B.did)).toBeDefined();
    expect(server.requests()).toBe(before + 1);
    trust.stop();
  });
});
