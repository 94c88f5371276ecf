import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../../test/database.js';
import { MemoryPresentationRequestStore } from '../presentation-requests/memory-presentation-request-store.js';
import type {
  PresentationRequestRecord,
  PresentationRequestResult,
  PresentationRequestStore,
} from '../presentation-requests/presentation-request-store.js';
import { PresentationRequestsRepository } from '../presentation-requests/presentation-requests.repository.js';
import type { Challenges } from '../presentations/challenge-store.js';
import { ChallengesRepository } from '../presentations/challenges.repository.js';
import { MemoryChallengeStore } from '../presentations/memory-challenge-store.js';
import { openVerifierDatabase } from './verifier-database.js';

// Both stores of each interface pass the same cases: the memory ones for a single instance, the
// Postgres ones (on a database of this file's own, migrated by the verifier's own migrations) for
// instances behind a load balancer, where two instances are two connections.
let database: TestDatabase;
let instanceA: DataSource;
let instanceB: DataSource;

beforeAll(async () => {
  database = await createTestDatabase({ migrated: false });
  [instanceA, instanceB] = await Promise.all([openVerifierDatabase(database.url), openVerifierDatabase(database.url)]);
});

afterAll(async () => {
  await Promise.all([instanceA?.destroy(), instanceB?.destroy()]);
  await database?.drop();
});

const id = () => randomBytes(24).toString('base64url');

describe.each([
  ['memory', () => ({ issuing: new MemoryChallengeStore(600), other: undefined, expiring: new MemoryChallengeStore(0) })],
  [
    'Postgres',
    () => ({
      issuing: new ChallengesRepository(instanceA, 600) as Challenges,
      other: new ChallengesRepository(instanceB, 600) as Challenges,
      expiring: new ChallengesRepository(instanceA, 0) as Challenges,
    }),
  ],
])('%s challenges', (_name, stores) => {
  it('hands out challenges bound to a domain, each taken once, by whichever instance sees it first', async () => {
    const { issuing, other } = stores();
    const { challenge, domain } = await issuing.issue('admissions.school.example');
    expect(domain).toBe('admissions.school.example');
    const taker = other ?? issuing;
    expect(await taker.use(challenge)).toEqual({ ok: true, domain: 'admissions.school.example' });
    expect(await issuing.use(challenge)).toEqual({ ok: false, code: 'CHALLENGE_ALREADY_USED' });
    expect(await taker.use('never-issued')).toEqual({ ok: false, code: 'CHALLENGE_UNKNOWN' });
  });

  it('refuses an expired challenge, and uses it up all the same', async () => {
    const { expiring } = stores();
    const { challenge } = await expiring.issue('school.example');
    expect(await expiring.use(challenge)).toEqual({ ok: false, code: 'CHALLENGE_EXPIRED' });
    expect(await expiring.use(challenge)).toEqual({ ok: false, code: 'CHALLENGE_ALREADY_USED' });
  });

  it('lets only one of many simultaneous presentations take a challenge', async () => {
    const { issuing, other } = stores();
    const { challenge } = await issuing.issue('school.example');
    const uses = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 && other ? other : issuing).use(challenge)));
    expect(uses.filter((use) => use.ok)).toHaveLength(1);
  });
});

const record = (overrides: Partial<PresentationRequestRecord> = {}): PresentationRequestRecord => ({
  id: id(),
  transactionId: id(),
  nonce: id(),
  query: { kinds: ['credit'], issuers: ['did:web:college.example'], purpose: 'Credit transfer', learner: { email: 'a@b.example' } },
  createdAt: new Date(Math.floor(Date.now() / 1000) * 1000),
  expiresAt: new Date(Math.floor(Date.now() / 1000) * 1000 + 600_000),
  ...overrides,
});

const result = (verdict: 'verified' | 'failed'): PresentationRequestResult => ({
  protocol: 'openid4vp',
  verdict,
  verified: verdict === 'verified',
  holders: ['did:key:z6Mk'],
  presentations: [],
  creditSummary: { byUnit: [{ unit: 'ECTS', credits: 6 }], byLevel: [], byInstitution: [], notCounted: [] },
});

describe.each([
  ['memory', () => ({ one: new MemoryPresentationRequestStore() as PresentationRequestStore, other: undefined })],
  ['Postgres', () => ({ one: new PresentationRequestsRepository(instanceA), other: new PresentationRequestsRepository(instanceB) })],
])('%s presentation requests', (_name, stores) => {
  it('finds a request by the school id and by the wallet transaction id, answered once', async () => {
    const { one, other } = stores();
    const reader = other ?? one;
    const request = record();
    await one.create(request);
    expect(await reader.byId(request.id)).toEqual(request);
    expect(await reader.byTransaction(request.transactionId)).toEqual(request);
    expect(await reader.byId(request.transactionId)).toBeUndefined();
    const answeredAt = new Date(Math.floor(Date.now() / 1000) * 1000);
    expect(await reader.answer(request.id, result('verified'), answeredAt)).toBe(true);
    expect(await one.answer(request.id, result('failed'), answeredAt)).toBe(false);
    expect(await one.byId(request.id)).toEqual({ ...request, answer: { answeredAt, result: result('verified') } });
  });

  it('keeps no answer after the request expired, nor for a request it does not know', async () => {
    const { one } = stores();
    const request = record({ expiresAt: new Date(Date.now() - 1000) });
    await one.create(request);
    expect(await one.answer(request.id, result('verified'), new Date())).toBe(false);
    expect((await one.byId(request.id))?.answer).toBeUndefined();
    expect(await one.answer('unknown', result('verified'), new Date())).toBe(false);
  });

  it('keeps one of many simultaneous answers', async () => {
    const { one, other } = stores();
    const request = record();
    await one.create(request);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 && other ? other : one).answer(request.id, result('verified'), new Date())),
    );
    expect(answers.filter(Boolean)).toHaveLength(1);
  });
});
