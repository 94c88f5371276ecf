import { httpStatusOf } from '../../../test/reports.js';
import { importSigningKey, type SigningKey, signVpJwt } from '#identity';
import { CREDIT_UNITS, ECTS, type RecognitionPolicy, validateRecognitionCredential } from '#schemas';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../../test/chromium.js';
import {
  createInstitution,
  credentialFacts,
  didKeyPair,
  issueCredential,
  presentationOf,
  type TestInstitution,
} from '../../../test/factories/index.js';
import { startTestStack, type TestStack } from '../../../test/stack.js';

// A learner's credit account on the real stack: two institutions of an alliance issue credit
// credentials to a learner whose wallet holds a did:key; the learner opens an account at a university
// with a presentation and deposits; the university's published policy proposes recognitions (a cap and
// a grade below the minimum refuse two); its registrar confirms one and edits one; a source credential
// is revoked and the recheck job writes it into the ledger; a dispute is opened and decided by a panel.

const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));
const LETTERS = ['F', 'E', 'D', 'C', 'B', 'A'];

interface Member extends TestInstitution {
  approver: SigningKey;
}

let stack: TestStack;
let browser: Browser;
let university: Member;
let college: Member;
let platform: Member;
let authority: Member;
let outsider: Member;
let learner: SigningKey;
let stranger: SigningKey;
let allianceId: string;
let policyId: string;

async function member(name: string): Promise<Member> {
  return { ...(await createInstitution(stack, { name })), approver: await importSigningKey(await didKeyPair('Ed25519')) };
}

async function call(method: string, path: string, caller?: TestInstitution, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${stack.issuerUrl}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(caller ? { Authorization: `Bearer ${caller.apiKey}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** The recognition credential as issued, verified on the verifier with the exact bytes of the deposits it cites as its sources. */
async function verifyRecognition(credentialId: string, depositIds: string[]): Promise<{ credential: any; report: any }> {
  const credential = (await call('GET', `/v1/credentials/${encodeURIComponent(credentialId)}`, university)).body.verifiableCredential;
  const rows = (await stack.database.query(`SELECT bytes FROM deposits WHERE id = ANY($1::uuid[])`, [depositIds])).rows as {
    bytes: string;
  }[];
  const response = await fetch(`${stack.verifierUrl}/credentials/verify`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ verifiableCredential: credential, options: { sources: rows.map((row) => row.bytes) } }),
  });
  const report = (await response.json()) as Record<string, any>;
  expect(response.status).toBe(httpStatusOf(report));
  return { credential, report };
}

const recognitionCount = async () =>
  (await stack.database.query(`SELECT count(*)::int AS n FROM issued_credentials WHERE institution_id = $1`, [university.id])).rows[0]
    .n as number;

const errorOf = (response: { status: number; body: any }) => [response.status, response.body?.error?.code];

/** A credit credential of the institution about the holder, as a `vc+jwt` (signed by its did:web), enveloped as handed out. */
async function credit(
  issuer: Member,
  code: string,
  amount: number,
  grade: string,
  holder = learner.controller,
): Promise<{ id: string; envelope: Record<string, unknown> }> {
  const achievement = credentialFacts({ kind: 'credit' }).achievement as Record<string, unknown>;
  const issued = await issueCredential(stack, issuer, {
    kind: 'credit',
    learner: { did: holder },
    achievement: { ...achievement, id: `https://${issuer.slug}.example/courses/${code}`, code, name: `Course ${code} <i>& lab</i>` },
    credits: { amount, unit: 'ECTS' },
    grade: { value: grade, scale: LETTERS, required: 'E' },
    activityEndDate: '2025-06-15T00:00:00Z',
    format: 'vc+jwt',
  });
  return { id: issued.id, envelope: issued.verifiableCredential };
}

/** The learner's wallet: a `vp+jwt` of the credentials, answering the challenge, addressed to the issuer. */
function present(credentials: { envelope: Record<string, unknown> }[], challenge: string, key = learner): string {
  return signVpJwt(
    presentationOf(
      key.controller,
      credentials.map((c) => c.envelope),
    ),
    key,
    { nonce: challenge, aud: stack.issuerUrl },
  );
}

/** The learner proves they hold the account's DID: a `vp+jwt` with no credentials, over a challenge for the account. */
async function holderProof(accountId: string, key = learner): Promise<{ challenge: string; proof: string }> {
  const { challenge } = (await call('POST', `/v1/credit-accounts/${accountId}/challenges`)).body;
  const proof = signVpJwt(presentationOf(key.controller, []), key, {
    nonce: challenge,
    aud: stack.issuerUrl,
  });
  return { challenge, proof };
}

const count = async (table: string) => (await stack.database.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;
/** What a refused request must not have written. */
async function stored(): Promise<number[]> {
  const counts: number[] = [];
  for (const table of ['credit_accounts', 'deposits', 'ledger_entries', 'credit_account_identifiers']) counts.push(await count(table));
  return counts;
}

function policyOf(): RecognitionPolicy {
  return {
    type: 'RecognitionPolicy',
    receivingInstitution: university.didWeb,
    programme: { id: `https://${university.slug}.example/programmes/bsc-cs`, name: 'BSc Computer Science', totalCredits: 180 },
    creditFramework: ECTS,
    caps: { total: 90, perSourceInstitution: 10 },
    residencyMinimum: 60,
    recencyYears: 10,
    calendar: { yearStartMonth: 9, termsPerYear: 2 },
    duplicatePolicy: 'keep-best-grade',
    gradePolicy: { recordScale: 'letter-grade', missingGrade: 'refuse' },
    aggregation: { grade: 'credit-weighted-mean' },
    unitConversions: [],
    gradeScales: [{ id: 'letter-grade', type: 'ordinal', values: LETTERS.map((value, points) => ({ value, points })) }],
    gradeConversions: [],
    rules: [
      {
        code: 'PLATFORM-DB',
        cardinality: '1:1',
        sources: [{ issuers: [platform.didWeb], codePattern: 'DB-1??' }],
        targets: [{ achievementId: `https://${university.slug}.example/courses/CS-210`, name: 'Databases' }],
        credits: { mode: 'fixed', credits: 6 },
        gradeConversion: { mode: 'keep' },
      },
      {
        code: 'COLLEGE-ELECTIVE',
        cardinality: '1:1',
        sources: [{ issuers: [college.didWeb], kinds: ['credit'], minimumGrade: { scale: 'letter-grade', value: 'C' } }],
        targets: [{ bucket: 'elective', name: 'Elective' }],
        credits: { mode: 'as-source' },
        gradeConversion: { mode: 'keep' },
      },
    ],
  };
}

let accountId: string;
const sources: Record<string, { id: string; envelope: Record<string, unknown> }> = {};
const decisions: Record<string, any> = {};

beforeAll(async () => {
  // The recheck job every second; the credentials' status lists and did:web are on loopback here.
  // The verifier reads status lists afresh, so a recognition credential's revocation shows at once.
  stack = await startTestStack(
    { CREDIT_BANK_ALLOW_PRIVATE_NETWORK_FETCH: 'true', CREDIT_BANK_RECHECK_INTERVAL_SECONDS: '1' },
    { STATUS_LIST_CACHE_SECONDS: '0' },
  );
  university = await member('University of Example');
  college = await member('Example Vocational College');
  platform = await member('Example Online Platform');
  authority = await member('Example Education Authority');
  outsider = await member('Outside Academy');
  learner = await importSigningKey(await didKeyPair('Ed25519'));
  stranger = await importSigningKey(await didKeyPair('Ed25519'));
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });

  const founded = await call('POST', '/v1/alliances', university, {
    name: 'Lifelong Learning Alliance',
    requiredApprovals: 1,
    role: 'institution',
    approverDid: university.approver.controller,
  });
  allianceId = founded.body.id;
  for (const [added, role] of [
    [college, 'institution'],
    [platform, 'institution'],
    [authority, 'authority'],
  ] as const)
    expect(
      (
        await call('POST', `/v1/alliances/${allianceId}/members`, university, {
          institutionId: added.id,
          role,
          approverDid: added.approver.controller,
        })
      ).status,
    ).toBe(201);
  const proposed = await call('POST', `/v1/alliances/${allianceId}/policies`, university, { policy: policyOf() });
  expect(proposed.status).toBe(201);
  policyId = proposed.body.id;
  const [draft] = proposed.body.versions;
  const approval = signVpJwt(presentationOf(university.approver.controller, []), university.approver, {
    nonce: draft.digest,
    aud: draft.url,
  });
  const published = await call('POST', `/v1/policies/${policyId}/versions/1/approvals`, university, { approval });
  expect(published.body.state).toBe('published');

  sources.collegeB = await credit(college, 'PROG-1', 6, 'B');
  sources.collegeA = await credit(college, 'PROG-2', 6, 'A');
  sources.collegeD = await credit(college, 'PROG-3', 4, 'D');
  sources.platformDb = await credit(platform, 'DB-101', 5, 'B');
  sources.outsider = await credit(outsider, 'ART-1', 3, 'A');
  sources.strangers = await credit(college, 'PROG-9', 2, 'A', stranger.controller);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe("a learner's credit account", () => {
  it('refuses a presentation with a credential of an institution outside the alliance, and stores nothing', async () => {
    const before = await stored();
    const { challenge } = (await call('POST', `/v1/alliances/${allianceId}/credit-account-challenges`, university)).body;
    const refused = await call('POST', '/v1/credit-accounts', undefined, {
      challenge,
      presentation: present([sources.collegeB, sources.outsider], challenge),
    });
    expect(errorOf(refused)).toEqual([422, 'DEPOSIT_ISSUER_NOT_TRUSTED']);
    expect(refused.body.error.details).toEqual({ index: 1, issuer: outsider.didWeb });
    const notTheirs = await call('POST', `/v1/alliances/${allianceId}/credit-account-challenges`, university);
    const someoneElses = await call('POST', '/v1/credit-accounts', undefined, {
      challenge: notTheirs.body.challenge,
      presentation: present([sources.collegeB, sources.strangers], notTheirs.body.challenge),
    });
    expect(errorOf(someoneElses)).toEqual([422, 'DEPOSIT_NOT_HOLDERS']);
    expect(await stored()).toEqual(before);
    expect(errorOf(await call('POST', `/v1/alliances/${allianceId}/credit-account-challenges`, outsider))).toEqual([
      404,
      'ALLIANCE_NOT_FOUND',
    ]);
  });

  it('is opened with a presentation answering the registrar’s challenge; every credential verified and deposited with its digest', async () => {
    const { challenge, domain } = (await call('POST', `/v1/alliances/${allianceId}/credit-account-challenges`, university)).body;
    expect(domain).toBe(stack.issuerUrl);
    const presentation = present([sources.collegeB, sources.collegeA, sources.collegeD, sources.platformDb], challenge);
    const opened = await call('POST', '/v1/credit-accounts', undefined, { challenge, presentation });
    expect(opened.status).toBe(201);
    accountId = opened.body.id;
    expect(opened.body).toMatchObject({
      institution: { id: university.id, name: 'University of Example' },
      allianceId,
      holderDid: learner.controller,
      identifiers: [{ kind: 'holder-did', value: learner.controller }],
    });
    expect(
      opened.body.deposits.map((d: any) => [d.achievement.code, d.issuer, d.credits.value, d.grade, d.kind, d.state, d.format]),
    ).toEqual([
      ['PROG-1', college.didWeb, 6, { scale: 'letter-grade', value: 'B' }, 'credit', 'active', 'vc+jwt'],
      ['PROG-2', college.didWeb, 6, { scale: 'letter-grade', value: 'A' }, 'credit', 'active', 'vc+jwt'],
      ['PROG-3', college.didWeb, 4, { scale: 'letter-grade', value: 'D' }, 'credit', 'active', 'vc+jwt'],
      ['DB-101', platform.didWeb, 5, { scale: 'letter-grade', value: 'B' }, 'credit', 'active', 'vc+jwt'],
    ]);
    for (const deposit of opened.body.deposits) {
      expect(deposit.digest).toMatch(/^u/);
      expect(deposit.verification.verdict).toBe('verified');
      expect(deposit.verification.checks.map((c: any) => c.check)).toEqual(
        expect.arrayContaining(['signature', 'status', 'anchor', 'issuer-trust']),
      );
    }
    expect(opened.body.ledger.map((e: any) => [e.kind, e.credits])).toEqual([
      ['deposit', 6],
      ['deposit', 6],
      ['deposit', 4],
      ['deposit', 5],
    ]);
    expect(opened.body.balances.deposited).toEqual([{ framework: CREDIT_UNITS.ECTS.framework, credits: 21 }]);

    const replay = await call('POST', '/v1/credit-accounts', undefined, { challenge, presentation });
    expect(errorOf(replay)).toEqual([422, 'CREDIT_CHALLENGE_INVALID']);
    expect(replay.body.error.details.reason.code).toBe('CHALLENGE_ALREADY_USED');
  });

  it('never takes the same credential twice, nor a deposit signed by anyone but its holder', async () => {
    const before = await stored();
    const { challenge } = (await call('POST', `/v1/credit-accounts/${accountId}/challenges`)).body;
    const again = await call('POST', `/v1/credit-accounts/${accountId}/deposits`, undefined, {
      challenge,
      presentation: present([sources.collegeB], challenge),
    });
    expect(errorOf(again)).toEqual([409, 'DEPOSIT_DUPLICATE']);
    const other = (await call('POST', `/v1/credit-accounts/${accountId}/challenges`)).body.challenge;
    const byStranger = await call('POST', `/v1/credit-accounts/${accountId}/deposits`, undefined, {
      challenge: other,
      presentation: present([sources.strangers], other, stranger),
    });
    expect(errorOf(byStranger)).toEqual([403, 'NOT_ACCOUNT_HOLDER']);
    expect(await stored()).toEqual(before);
  });

  it('is visible to the receiving institution only', async () => {
    expect((await call('GET', `/v1/credit-accounts/${accountId}`, university)).status).toBe(200);
    for (const caller of [college, outsider]) {
      expect(errorOf(await call('GET', `/v1/credit-accounts/${accountId}`, caller))).toEqual([404, 'CREDIT_ACCOUNT_NOT_FOUND']);
      expect(
        errorOf(await call('POST', `/v1/credit-accounts/${accountId}/recognitions/propose`, caller, { policyId, version: 1 })),
      ).toEqual([404, 'CREDIT_ACCOUNT_NOT_FOUND']);
      expect((await call('GET', '/v1/credit-accounts', caller)).body).toEqual([]);
    }
  });
});

describe('recognition', () => {
  it('proposes under the published policy: one credit refused by the per-source cap, one for a grade below the minimum', async () => {
    const proposed = await call('POST', `/v1/credit-accounts/${accountId}/recognitions/propose`, university, { policyId, version: 1 });
    expect(proposed.status).toBe(201);
    expect(proposed.body.decisions.map((d: any) => [d.rule, d.state, d.credits, d.target.name])).toEqual([
      ['PLATFORM-DB', 'proposed', 6, 'Databases'],
      ['COLLEGE-ELECTIVE', 'proposed', 6, 'Elective'],
    ]);
    expect(proposed.body.refusals.map((d: any) => [d.reasonCode, d.state]).sort()).toEqual([
      ['CAP_PER_SOURCE', 'refused-by-rule'],
      ['GRADE_BELOW_MINIMUM', 'refused-by-rule'],
    ]);
    for (const decision of [...proposed.body.decisions, ...proposed.body.refusals])
      decisions[decision.rule === 'PLATFORM-DB' ? 'db' : (decision.reasonCode ?? 'elective')] = decision;
    expect(
      errorOf(await call('POST', `/v1/credit-accounts/${accountId}/recognitions/propose`, university, { policyId, version: 2 })),
    ).toEqual([404, 'POLICY_VERSION_NOT_FOUND']);
  });

  it('is confirmed or edited with a stated reason by the registrar, each a recognise entry; another institution cannot act', async () => {
    expect(errorOf(await call('POST', `/v1/recognition-decisions/${decisions.db.id}/confirm`, college))).toEqual([
      404,
      'DECISION_NOT_FOUND',
    ]);
    const confirmed = await call('POST', `/v1/recognition-decisions/${decisions.db.id}/confirm`, university);
    expect(confirmed.body).toMatchObject({ state: 'confirmed', credits: 6 });
    // The same request issued the recognition credential, from the deposit's exact bytes.
    expect(confirmed.body.recognitionCredentials).toEqual([{ id: expect.stringMatching(/^urn:uuid:/), revoked: false }]);
    decisions.db.credentialId = confirmed.body.recognitionCredentials[0].id;
    const { credential, report } = await verifyRecognition(decisions.db.credentialId, confirmed.body.deposits);
    expect(validateRecognitionCredential(credential)).toEqual([]);
    expect(credential.credentialSubject).toMatchObject({
      id: learner.controller,
      achievement: { id: `https://${university.slug}.example/courses/CS-210`, name: 'Databases' },
      recognition: expect.objectContaining({ recognitionRule: 'PLATFORM-DB', cardinality: '1:1', policyVersion: 1 }),
    });
    expect(report.checks.filter((check: { status: string }) => !['valid', 'skipped'].includes(check.status))).toEqual([]);
    expect(report.recognition.sources.map((source: { status: string }) => source.status)).toEqual(['valid']);
    expect(report.verdict).toBe('verified');
    expect(errorOf(await call('POST', `/v1/recognition-decisions/${decisions.db.id}/confirm`, university))).toEqual([
      409,
      'DECISION_ALREADY_DECIDED',
    ]);
    const edited = await call('POST', `/v1/recognition-decisions/${decisions.elective.id}/edit`, university, {
      credits: 5,
      reason: 'The syllabus covers five sixths of our elective.',
    });
    expect(edited.body).toMatchObject({ state: 'edited', credits: 5, reason: 'The syllabus covers five sixths of our elective.' });
    expect(edited.body.events.map((e: any) => e.action)).toEqual(['proposed', 'edited']);
    expect(edited.body.events[1].details).toMatchObject({ from: { credits: 6 }, to: { credits: 5 } });
    expect(edited.body.recognitionCredentials).toHaveLength(1);

    const view = (await call('GET', `/v1/credit-accounts/${accountId}`, university)).body;
    expect(
      view.ledger.filter((e: any) => e.kind === 'recognise').map((e: any) => [e.credits, e.bucket, e.targetAchievementId !== null]),
    ).toEqual([
      [6, null, true],
      [5, 'elective', false],
    ]);
    expect(view.programmes).toEqual([
      expect.objectContaining({
        policyId,
        version: 1,
        recognised: 11,
        capsLeft: expect.objectContaining({ total: 79, perSourceInstitution: { [college.didWeb]: 5, [platform.didWeb]: 4 } }),
      }),
    ]);
  });

  it('issues what a confirmation left unissued when it is retried, and never a second credential', async () => {
    const id = decisions.elective.id;
    const before = await recognitionCount();
    // As a crash right after the recognition committed leaves it: an id reserved, nothing issued under it.
    const reserved = `urn:uuid:${crypto.randomUUID()}`;
    await stack.database.query(
      `UPDATE recognition_decisions SET recognition_credential_id = $2, recognition_credential_issued_at = NULL WHERE id = $1`,
      [id, reserved],
    );
    expect((await call('GET', `/v1/recognition-decisions/${id}`, university)).body.recognitionCredentials).toEqual([]);
    const retried = await call('POST', `/v1/recognition-decisions/${id}/confirm`, university);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ state: 'edited', credits: 5, recognitionCredentials: [{ id: reserved, revoked: false }] });
    expect(await recognitionCount()).toBe(before + 1);
    // As a crash after the issuance and before it was recorded leaves it: the retry finds it issued.
    await stack.database.query(`UPDATE recognition_decisions SET recognition_credential_issued_at = NULL WHERE id = $1`, [id]);
    const again = await call('POST', `/v1/recognition-decisions/${id}/edit`, university, { credits: 5, reason: 'Retry.' });
    expect(again.body.recognitionCredentials).toEqual([{ id: reserved, revoked: false }]);
    expect(await recognitionCount()).toBe(before + 1);
    expect(errorOf(await call('POST', `/v1/recognition-decisions/${id}/confirm`, university))).toEqual([409, 'DECISION_ALREADY_DECIDED']);
    expect(await recognitionCount()).toBe(before + 1);
  });

  it('turns a revocation at the source into a revoke-at-source entry and reverses what it was recognised as', async () => {
    const revoked = await call('POST', '/credentials/status', platform, {
      credentialId: sources.platformDb.id,
      credentialStatus: [{ type: 'BitstringStatusListCredential', status: 'revoked' }],
      reason: 'Assessment misconduct',
    });
    expect(revoked.status).toBe(200);
    const deadline = Date.now() + 20_000;
    let view: any;
    for (;;) {
      view = (await call('GET', `/v1/credit-accounts/${accountId}`, university)).body;
      if (view.ledger.some((e: any) => e.kind === 'revoke-at-source') || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const db101 = view.deposits.find((d: any) => d.achievement.code === 'DB-101');
    expect(db101.state).toBe('revoked');
    expect(view.ledger.filter((e: any) => ['revoke-at-source', 'reverse'].includes(e.kind)).map((e: any) => [e.kind, e.credits])).toEqual([
      ['revoke-at-source', 5],
      ['reverse', 6],
    ]);
    expect(view.decisions.find((d: any) => d.id === decisions.db.id)).toMatchObject({ state: 'withdrawn' });
    // The reversal revoked its recognition credential through the status list.
    for (;;) {
      view = (await call('GET', `/v1/credit-accounts/${accountId}`, university)).body;
      if (view.decisions.find((d: any) => d.id === decisions.db.id).recognitionCredentials[0].revoked || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(view.decisions.find((d: any) => d.id === decisions.db.id).recognitionCredentials).toEqual([
      { id: decisions.db.credentialId, revoked: true },
    ]);
    const { report } = await verifyRecognition(decisions.db.credentialId, decisions.db.deposits);
    expect(report.checks.find((check: { check: string }) => check.check === 'status')).toMatchObject({
      status: 'invalid',
      reason: { code: 'CREDENTIAL_REVOKED' },
    });
    expect(report.verdict).not.toBe('verified');
    expect(view.programmes[0].recognised).toBe(5);
    expect(view.balances.deposited).toEqual([{ framework: CREDIT_UNITS.ECTS.framework, credits: 16 }]);
  });
});

describe('a dispute', () => {
  let disputeId: string;

  it('is opened by the learner, who proves they hold the account, on a refusal', async () => {
    const byStranger = await call('POST', `/v1/credit-accounts/${accountId}/disputes`, undefined, {
      ...(await holderProof(accountId, stranger)),
      decisionId: decisions.GRADE_BELOW_MINIMUM.id,
      statement: 'Not mine to dispute.',
    });
    expect(errorOf(byStranger)).toEqual([403, 'NOT_ACCOUNT_HOLDER']);
    const opened = await call('POST', `/v1/credit-accounts/${accountId}/disputes`, undefined, {
      ...(await holderProof(accountId)),
      decisionId: decisions.GRADE_BELOW_MINIMUM.id,
      statement: 'My D was on the college’s old scale, where it is a C.',
    });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ state: 'open', reviewers: null, decisionId: decisions.GRADE_BELOW_MINIMUM.id });
    disputeId = opened.body.id;
    const twice = await call('POST', `/v1/credit-accounts/${accountId}/disputes`, undefined, {
      ...(await holderProof(accountId)),
      decisionId: decisions.GRADE_BELOW_MINIMUM.id,
      statement: 'Again.',
    });
    expect(errorOf(twice)).toEqual([409, 'DISPUTE_EXISTS']);
  });

  it('is decided by the majority of a panel the receiving institution names; every step recorded', async () => {
    const even = await call('PUT', `/v1/recognition-disputes/${disputeId}/panel`, university, { reviewers: [college.id, platform.id] });
    expect(errorOf(even)).toEqual([422, 'DISPUTE_PANEL_INVALID']);
    const withOutsider = await call('PUT', `/v1/recognition-disputes/${disputeId}/panel`, university, {
      reviewers: [college.id, platform.id, outsider.id],
    });
    expect(errorOf(withOutsider)).toEqual([422, 'DISPUTE_PANEL_INVALID']);
    expect(
      errorOf(
        await call('PUT', `/v1/recognition-disputes/${disputeId}/panel`, college, { reviewers: [college.id, platform.id, authority.id] }),
      ),
    ).toEqual([404, 'DISPUTE_NOT_FOUND']);
    const named = await call('PUT', `/v1/recognition-disputes/${disputeId}/panel`, university, {
      reviewers: [college.id, platform.id, authority.id],
    });
    expect(named.body.reviewers).toEqual([college.id, platform.id, authority.id]);

    expect(errorOf(await call('POST', `/v1/recognition-disputes/${disputeId}/votes`, outsider, { vote: 'uphold', reason: 'x' }))).toEqual([
      404,
      'DISPUTE_NOT_FOUND',
    ]);
    expect(
      errorOf(await call('POST', `/v1/recognition-disputes/${disputeId}/votes`, university, { vote: 'dismiss', reason: 'x' })),
    ).toEqual([403, 'DISPUTE_NOT_REVIEWER']);
    const first = await call('POST', `/v1/recognition-disputes/${disputeId}/votes`, college, {
      vote: 'uphold',
      reason: 'Our old scale: D then is C now.',
    });
    expect(first.body).toMatchObject({ state: 'open', votes: [{ reviewerId: college.id, vote: 'uphold' }] });
    expect(
      errorOf(await call('POST', `/v1/recognition-disputes/${disputeId}/votes`, college, { vote: 'dismiss', reason: 'changed my mind' })),
    ).toEqual([409, 'DISPUTE_ALREADY_VOTED']);
    const second = await call('POST', `/v1/recognition-disputes/${disputeId}/votes`, authority, {
      vote: 'uphold',
      reason: 'The scale changed in 2024.',
    });
    expect(second.body).toMatchObject({ state: 'upheld' });
    expect(
      errorOf(await call('POST', `/v1/recognition-disputes/${disputeId}/votes`, platform, { vote: 'dismiss', reason: 'late' })),
    ).toEqual([409, 'DISPUTE_DECIDED']);

    // Upheld, the refusal goes back to the registrar, who recognises it (saying as what) with a reason.
    const reopened = (await call('GET', `/v1/recognition-decisions/${decisions.GRADE_BELOW_MINIMUM.id}`, university)).body;
    expect(reopened.state).toBe('proposed');
    const noTarget = await call('POST', `/v1/recognition-decisions/${reopened.id}/edit`, university, {
      credits: 4,
      reason: 'Upheld on appeal.',
    });
    expect(errorOf(noTarget)).toEqual([422, 'DECISION_TARGET_REQUIRED']);
    const recognised = await call('POST', `/v1/recognition-decisions/${reopened.id}/edit`, university, {
      credits: 4,
      grade: { scale: 'letter-grade', value: 'C' },
      target: { bucket: 'elective', name: 'Elective' },
      reason: 'Upheld on appeal: the grade is a C on the current scale.',
    });
    expect(recognised.body).toMatchObject({ state: 'edited', credits: 4, grade: { value: 'C' } });
    expect(recognised.body.events.map((e: any) => [e.action, e.actor.split(':')[0]])).toEqual([
      ['refused-by-rule', 'institution'],
      ['dispute-opened', 'learner'],
      ['panel-named', 'institution'],
      ['vote', 'reviewer'],
      ['vote', 'reviewer'],
      ['dispute-decided', 'panel'],
      ['edited', 'institution'],
    ]);

    // What the learner sees, proving they hold the account: recognised credits per programme and what the caps leave.
    const statement = await call('POST', `/v1/credit-accounts/${accountId}/statement`, undefined, await holderProof(accountId));
    expect(statement.status).toBe(200);
    expect(statement.body.decisions.find((d: any) => d.id === decisions.db.id).recognitionCredentials).toEqual([
      { id: decisions.db.credentialId, revoked: true },
    ]);
    expect(statement.body.decisions.find((d: any) => d.id === reopened.id).recognitionCredentials).toHaveLength(1);
    expect(statement.body.programmes[0]).toMatchObject({
      recognised: 9,
      // The platform's recognition was reversed: nothing of it counts against its cap any more.
      capsLeft: { perSourceInstitution: { [college.didWeb]: 1 } },
    });
    expect(statement.body.balances.programmes[0].buckets).toEqual([
      { bucket: 'elective', framework: CREDIT_UNITS.ECTS.framework, credits: 9 },
    ]);
  });

  it("is the learner's page too, in headless Chromium: escaped, under a strict CSP", async () => {
    const tab = await browser.newPage();
    const violations: string[] = [];
    tab.on('console', (message) => message.type() === 'error' && violations.push(message.text()));
    const url = `${stack.issuerUrl}/v1/credit-accounts/${accountId}/statement/page`;
    // The page answers a POST of the holder's proof, as a wallet would send it.
    const body = JSON.stringify(await holderProof(accountId));
    await tab.route(url, (route) => route.continue({ method: 'POST', postData: body, headers: { 'content-type': 'application/json' } }));
    try {
      const response = await tab.goto(url);
      expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
      expect(await tab.textContent('#title')).toBe('Credit account at University of Example');
      expect(await tab.$$eval('tr[data-deposit]', (rows) => rows.map((row) => row.querySelector('td')?.textContent))).toEqual([
        'Course PROG-1 <i>& lab</i> PROG-1',
        'Course PROG-2 <i>& lab</i> PROG-2',
        'Course PROG-3 <i>& lab</i> PROG-3',
        'Course DB-101 <i>& lab</i> DB-101',
      ]);
      expect(await tab.$$eval('tr[data-programme] td', (cells) => cells.slice(1, 3).map((cell) => cell.textContent))).toEqual(['9', '81']);
      await tab.screenshot({ path: `${ARTIFACTS}account-page.png`, fullPage: true });
      expect(violations).toEqual([]);
    } finally {
      await tab.close();
    }
  });
});
