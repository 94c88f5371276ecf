import { MemoryPresentationRequestStore } from './memory-presentation-request-store.js';
import { type PresentationRequestRecord, RESULT_RETENTION_MS } from './presentation-request-store.js';

const record = (id: string, expiresAt: number): PresentationRequestRecord => ({
  id,
  transactionId: `tx-${id}`,
  nonce: `nonce-${id}`,
  query: { kinds: ['credit'] },
  createdAt: new Date(expiresAt - 600_000),
  expiresAt: new Date(expiresAt),
});

describe('MemoryPresentationRequestStore', () => {
  it('forgets a request and its result a retention period after it expired, and not before', async () => {
    let now = 1_000_000_000_000;
    const store = new MemoryPresentationRequestStore(() => now);
    await store.create(record('old', now + 600_000));
    await store.create(record('recent', now + 1_200_000));
    now += 600_000 + RESULT_RETENTION_MS + 1;
    await store.create(record('new', now + 600_000));
    expect(await store.byId('old')).toBeUndefined();
    expect(await store.byTransaction('tx-old')).toBeUndefined();
    expect((await store.byId('recent'))?.nonce).toBe('nonce-recent');
  });

  it('hands out copies: changing what it returned changes nothing kept', async () => {
    const store = new MemoryPresentationRequestStore();
    await store.create(record('a', Date.now() + 600_000));
    (await store.byId('a'))!.query.kinds.push('course');
    expect((await store.byId('a'))!.query.kinds).toEqual(['credit']);
  });
});
