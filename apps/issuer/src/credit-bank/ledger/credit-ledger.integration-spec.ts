import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../../../test/database.js';
import { openMigrated } from '../../../../../test/migrations.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { CreditAccountsRepository } from '../accounts/credit-accounts.repository.js';
import { CreditChallengesRepository } from '../accounts/credit-challenges.repository.js';
import { DepositsRepository, type DepositRecord } from '../deposits/deposits.repository.js';
import { accountBalances, recognisedTotals } from './ledger-balances.js';
import { LedgerEntriesRepository, type NewLedgerEntry } from './ledger-entries.repository.js';

// The credit bank's tables on a real Postgres: the ledger takes appends only, whatever writes;
// entries that may be written once are; a deposit is held once per account; challenges are
// single-use; reads for an institution are scoped by it.

const ECTS = 'http://data.europa.eu/snb/education-credit/6fcec5c5af';
const PROGRAMME = 'https://university.example/programmes/bsc-cs';

let database: TestDatabase;
let db: DataSource;
let unitOfWork: UnitOfWork;
let accounts: CreditAccountsRepository;
let deposits: DepositsRepository;
let ledger: LedgerEntriesRepository;
let challenges: CreditChallengesRepository;
let university: string;
let college: string;
let alliance: string;

async function institution(name: string): Promise<string> {
  const id = randomUUID();
  await db.query(`INSERT INTO institutions (id, name, url, did, slug, created_at) VALUES ($1, $2, 'https://x.example', $3, $4, now())`, [
    id,
    name,
    `did:example:${id}`,
    `slug-${id.slice(0, 8)}`,
  ]);
  return id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openMigrated(database.url);
  unitOfWork = new UnitOfWork(db);
  accounts = new CreditAccountsRepository(db);
  deposits = new DepositsRepository(db);
  ledger = new LedgerEntriesRepository(db);
  challenges = new CreditChallengesRepository(db);
  university = await institution('University');
  college = await institution('College');
  alliance = randomUUID();
  await db.query(`INSERT INTO alliances (id, name, required_approvals, founder_id) VALUES ($1, 'Alliance', 1, $2)`, [alliance, university]);
});

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

async function account(holder = `did:key:z${randomUUID()}`): Promise<{ id: string; institutionId: string }> {
  const opened = { id: randomUUID(), institutionId: university, allianceId: alliance, holderDid: holder };
  expect(await unitOfWork.run((tx) => accounts.insert(tx, opened))).toBe(true);
  return opened;
}

function depositOf(accountId: string, digest: string): Omit<DepositRecord, 'depositedAt' | 'state'> {
  return {
    id: randomUUID(),
    accountId,
    institutionId: university,
    digest,
    credentialId: null,
    format: 'vc-jwt',
    bytes: 'header.payload.signature',
    issuer: 'did:example:college',
    achievementId: 'https://college.example/courses/PROG-1',
    achievementCode: 'PROG-1',
    achievementName: 'Programming 1',
    kind: 'credit',
    credits: { value: 6, framework: ECTS },
    eqfLevel: 5,
    field: '0613',
    grade: { scale: 'letter-grade', value: 'B' },
    completedAt: new Date('2025-06-15T00:00:00Z'),
    contactHours: null,
    verification: { verdict: 'verified' },
  };
}

const entry = (fields: Partial<NewLedgerEntry> & Pick<NewLedgerEntry, 'kind'>): NewLedgerEntry => ({
  depositId: null,
  decisionId: null,
  programmeId: null,
  bucket: null,
  targetAchievementId: null,
  credits: 0,
  creditFramework: null,
  term: null,
  year: null,
  bySource: null,
  depositIds: null,
  reason: null,
  ...fields,
});

async function decision(accountId: string): Promise<string> {
  const policy = randomUUID();
  await db.query(`INSERT INTO policies (id, alliance_id, institution_id, programme_id) VALUES ($1, $2, $3, $4)`, [
    policy,
    alliance,
    university,
    `${PROGRAMME}/${policy}`,
  ]);
  const id = randomUUID();
  await db.query(
    `INSERT INTO recognition_decisions (id, account_id, institution_id, policy_id, policy_version, programme_id, deposit_ids, proposal, state)
     VALUES ($1, $2, $3, $4, 1, $5, '{}', '{}', 'proposed')`,
    [id, accountId, university, policy, PROGRAMME],
  );
  return id;
}

describe('the ledger', () => {
  it('refuses every change and removal, whatever writes; balances come from its entries alone', async () => {
    const opened = await account();
    const held = depositOf(opened.id, 'z-digest-1');
    const [first, second] = [await decision(opened.id), await decision(opened.id)];
    await unitOfWork.run(async (tx) => {
      await deposits.insert(tx, held);
      await ledger.append(tx, opened, entry({ kind: 'deposit', depositId: held.id, credits: 6, creditFramework: ECTS }));
      for (const [decisionId, credits, bucket] of [
        [first, 6, null],
        [second, 4.5, 'elective'],
      ] as const)
        await ledger.append(
          tx,
          opened,
          entry({
            kind: 'recognise',
            decisionId,
            programmeId: PROGRAMME,
            bucket,
            targetAchievementId: bucket ? null : 'https://university.example/courses/CS-101',
            credits,
            creditFramework: ECTS,
            term: '2024-T2',
            year: '2024',
            bySource: { 'did:example:college': credits },
            depositIds: [held.id],
          }),
        );
    });
    for (const statement of [
      `UPDATE ledger_entries SET credits = 100 WHERE account_id = '${opened.id}'`,
      `DELETE FROM ledger_entries WHERE account_id = '${opened.id}'`,
      `TRUNCATE ledger_entries CASCADE`,
    ])
      await expect(db.query(statement)).rejects.toThrow(/append-only/);

    const entries = await ledger.listOf(opened.id);
    expect(entries.map((e) => e.kind)).toEqual(['deposit', 'recognise', 'recognise']);
    expect(recognisedTotals(entries, PROGRAMME)).toEqual({
      total: 10.5,
      byTerm: { '2024-T2': 10.5 },
      byYear: { '2024': 10.5 },
      bySource: { 'did:example:college': 10.5 },
      targets: ['https://university.example/courses/CS-101'],
      deposits: [held.id],
    });

    // A reverse entry takes a recognition back; the decision is recognised and reversed once each.
    const standing = await unitOfWork.run((tx) => ledger.standingRecognitionOf(tx, second));
    await unitOfWork.run(async (tx) => {
      expect(await ledger.append(tx, opened, { ...standing!, kind: 'reverse', reason: 'Dispute upheld.' })).toBe(true);
      expect(await ledger.append(tx, opened, { ...standing!, kind: 'reverse', reason: 'again' })).toBe(false);
      expect(await ledger.append(tx, opened, { ...standing!, kind: 'recognise' })).toBe(false);
      expect(await ledger.standingRecognitionOf(tx, second)).toBeNull();
      expect((await ledger.standingRecognitionsOf(tx, held.id)).map((e) => e.decisionId)).toEqual([first]);
    });
    const after = await ledger.listOf(opened.id);
    expect(recognisedTotals(after, PROGRAMME).total).toBe(6);
    expect(accountBalances(after)).toEqual({
      deposited: [{ framework: ECTS, credits: 6 }],
      programmes: [
        { programmeId: PROGRAMME, buckets: [{ bucket: 'course', framework: ECTS, credits: 6 }], total: [{ framework: ECTS, credits: 6 }] },
      ],
    });

    // Revoked at source once, and the deposit only while active; the deposited balance drops.
    await unitOfWork.run(async (tx) => {
      expect(await deposits.markRevoked(tx, held.id)).toBe(true);
      expect(await deposits.markRevoked(tx, held.id)).toBe(false);
      const revoke = entry({ kind: 'revoke-at-source', depositId: held.id, credits: 6, creditFramework: ECTS });
      expect(await ledger.append(tx, opened, revoke)).toBe(true);
      expect(await ledger.append(tx, opened, revoke)).toBe(false);
      const expire = entry({ kind: 'expire', depositId: held.id, programmeId: PROGRAMME });
      expect(await ledger.append(tx, opened, expire)).toBe(true);
      expect(await ledger.append(tx, opened, expire)).toBe(false);
    });
    expect(await ledger.hasExpired(held.id, PROGRAMME)).toBe(true);
    expect(accountBalances(await ledger.listOf(opened.id)).deposited).toEqual([{ framework: ECTS, credits: 0 }]);
  });

  it('refuses an entry that names neither what it recognises nor what it takes', async () => {
    const opened = await account();
    await expect(unitOfWork.run((tx) => ledger.append(tx, opened, entry({ kind: 'recognise', credits: 3 })))).rejects.toThrow(/check/);
    await expect(unitOfWork.run((tx) => ledger.append(tx, opened, entry({ kind: 'revoke-at-source' })))).rejects.toThrow(/check/);
  });
});

describe('deposits, accounts and challenges', () => {
  it('holds a credential once per account, and the same one in another account', async () => {
    const [one, two] = [await account(), await account()];
    await unitOfWork.run(async (tx) => {
      expect(await deposits.insert(tx, depositOf(one.id, 'z-same'))).toBe(true);
      expect(await deposits.insert(tx, depositOf(one.id, 'z-same'))).toBe(false);
      expect(await deposits.insert(tx, depositOf(two.id, 'z-same'))).toBe(true);
    });
    expect(await deposits.heldDigests(one.id, ['z-same', 'z-other'])).toEqual(['z-same']);
    const [held] = await deposits.listOf(one.id);
    expect(held).toMatchObject({
      credits: { value: 6, framework: ECTS },
      grade: { scale: 'letter-grade', value: 'B' },
      eqfLevel: 5,
      state: 'active',
    });
  });

  it('opens one account per holder at an institution in an alliance, and shows it to that institution only', async () => {
    const holder = 'did:key:z6MkOnlyOnce';
    const opened = await account(holder);
    expect(
      await unitOfWork.run((tx) =>
        accounts.insert(tx, { id: randomUUID(), institutionId: university, allianceId: alliance, holderDid: holder }),
      ),
    ).toBe(false);
    expect(await accounts.findOf(university, opened.id)).toMatchObject({ id: opened.id, holderDid: holder });
    expect(await accounts.findOf(college, opened.id)).toBeNull();
    expect((await accounts.listOf(college)).map((a) => a.id)).not.toContain(opened.id);
  });

  it('hands a challenge to one presentation only, and not after it expires', async () => {
    const binding = { institutionId: university, allianceId: alliance, accountId: null };
    await challenges.insert('fresh', binding, 60);
    expect(await challenges.take('fresh')).toEqual({ ok: true, binding });
    expect(await challenges.take('fresh')).toEqual({ ok: false, code: 'CHALLENGE_ALREADY_USED' });
    expect(await challenges.take('never-handed-out')).toEqual({ ok: false, code: 'CHALLENGE_UNKNOWN' });
    await challenges.insert('stale', binding, 10);
    await db.query(`UPDATE credit_challenges SET expires_at = now() - interval '1 second' WHERE challenge = 'stale'`);
    expect(await challenges.take('stale')).toEqual({ ok: false, code: 'CHALLENGE_EXPIRED' });
    await challenges.insert('long-gone', binding, 10);
    await db.query(`UPDATE credit_challenges SET expires_at = now() - interval '2 days' WHERE challenge = 'long-gone'`);
    await challenges.sweepExpired();
    expect(await challenges.take('long-gone')).toEqual({ ok: false, code: 'CHALLENGE_UNKNOWN' });
    expect(await challenges.take('stale')).toEqual({ ok: false, code: 'CHALLENGE_ALREADY_USED' });
  });
});
