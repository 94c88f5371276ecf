import { Wallet } from 'ethers';
import {
  challengeFrom,
  createInstitution,
  ethrHolder,
  issueCredential,
  jwtOf,
  selfSignedCredential,
  type TestInstitution,
  vpJwt,
  type VpJwtOptions,
} from '../../../test/factories/index.js';
import { outcomeOf as checkOf } from '../../../test/reports.js';
import { listeningVerifier, postJson, startTestStack, type TestStack } from '../../../test/stack.js';
import { startSlowServer } from '../../../test/slow-server.js';

const SCHOOL = 'admissions.receiving-school.example';

let stack: TestStack;
let institution: TestInstitution;
const { wallet: student, did: studentDid } = ethrHolder();

beforeAll(async () => {
  stack = await startTestStack();
  institution = await createInstitution(stack);
});

afterAll(() => stack.close());

/** A credit credential of the student's, named by their DID unless another learner is given. */
const credit = async (learner: object = { did: studentDid }, credits = { amount: 6, unit: 'ECTS' }) =>
  jwtOf(await issueCredential(stack, institution, { kind: 'credit', learner, credits, format: 'vc-jwt' }));

const challenge = (domain = SCHOOL, verifierUrl = stack.verifierUrl) => challengeFrom(verifierUrl, domain);

/** The student's wallet: a VP-JWT over the credentials, answering the challenge, addressed to the school. */
const present = (credentials: string[], nonce: string, options: Partial<VpJwtOptions> = {}) =>
  vpJwt(credentials, nonce, { aud: SCHOOL, signer: student, holder: studentDid, ...options });

const verify = async (verifiablePresentation: string, options: object = {}, verifierUrl = stack.verifierUrl) =>
  (await postJson(`${verifierUrl}/presentations/verify`, { verifiablePresentation, options })).body;

it("verifies a transfer student's credits, and sums them by unit, level and institution", async () => {
  const credentials = [
    await credit(),
    await credit({ email: 'Student@Example.org' }, { amount: 7.5, unit: 'ECTS' }),
    await credit(undefined, { amount: 3, unit: 'US_SEMESTER_CREDIT_HOUR' }),
  ];
  const report = await verify(await present(credentials, await challenge()), { learner: { email: 'student@example.org' } });
  expect(report.checks.map((c: { check: string; status: string }) => [c.check, c.status])).toEqual([
    ['format', 'valid'],
    ['holder-signature', 'valid'],
    ['challenge', 'valid'],
    ['domain', 'valid'],
    ['validity-period', 'valid'],
  ]);
  expect(report.credentials.map((c: { verdict: string; holder: { status: string } }) => [c.verdict, c.holder.status])).toEqual([
    ['verified', 'valid'],
    ['verified', 'valid'],
    ['verified', 'valid'],
  ]);
  expect(report.verdict).toBe('verified');
  expect(report.creditSummary.byUnit).toEqual([
    { unit: 'ECTS', credits: 13.5 },
    { unit: 'US_SEMESTER_CREDIT_HOUR', credits: 3 },
  ]);
  expect(report.creditSummary.byInstitution).toEqual([
    { unit: 'ECTS', issuer: institution.did, name: 'Test University', credits: 13.5 },
    { unit: 'US_SEMESTER_CREDIT_HOUR', issuer: institution.did, name: 'Test University', credits: 3 },
  ]);
  expect(report.creditSummary.byLevel).toEqual([
    { unit: 'ECTS', level: 'EQF level 6', credits: 13.5 },
    { unit: 'US_SEMESTER_CREDIT_HOUR', level: 'EQF level 6', credits: 3 },
  ]);
  expect(report.creditSummary.notCounted).toEqual([]);
});

it('fails a replayed challenge', async () => {
  const presentation = await present([await credit()], await challenge());
  expect((await verify(presentation)).verdict).toBe('verified');
  const replayed = await verify(presentation);
  expect(checkOf(replayed, 'challenge')).toEqual(['invalid', 'CHALLENGE_ALREADY_USED']);
  expect(replayed.verdict).toBe('failed');
});

it('answers 200 for a verified presentation and 400 with the same report for a failed one (W3C VC-API)', async () => {
  const presentation = await present([await credit()], await challenge());
  const post = () => postJson(`${stack.verifierUrl}/presentations/verify`, { verifiablePresentation: presentation });
  const verified = await post();
  expect([verified.status, verified.body.verdict, verified.body.verified]).toEqual([200, 'verified', true]);
  const replayed = await post();
  expect([replayed.status, replayed.body.verdict, replayed.body.verified]).toEqual([400, 'failed', false]);
  expect(Object.keys(replayed.body).sort()).toEqual(Object.keys(verified.body).sort());
});

it('fails a challenge this verifier never handed out', async () => {
  const report = await verify(await present([await credit()], 'made-up-challenge'));
  expect(checkOf(report, 'challenge')).toEqual(['invalid', 'CHALLENGE_UNKNOWN']);
});

it('fails an expired challenge', async () => {
  const quick = await listeningVerifier({ ALLOW_PRIVATE_NETWORK_FETCH: 'true', CHALLENGE_TTL_SECONDS: '10' });
  try {
    const url = quick.verifierUrl;
    const presentation = await present([await credit()], await challenge(SCHOOL, url));
    await new Promise((resolve) => setTimeout(resolve, 10_500));
    const report = await verify(presentation, {}, url);
    expect(checkOf(report, 'challenge')).toEqual(['invalid', 'CHALLENGE_EXPIRED']);
    expect(report.verdict).toBe('failed');
  } finally {
    await quick.app.close();
  }
}, 30_000);

it('fails a presentation addressed to another domain than the challenge was given to', async () => {
  const report = await verify(await present([await credit()], await challenge(), { aud: 'elsewhere.example' }));
  expect(checkOf(report, 'domain')).toEqual(['invalid', 'DOMAIN_MISMATCH']);
  expect(report.verdict).toBe('failed');
  const asked = await verify(await present([await credit()], await challenge()), { domain: 'elsewhere.example' });
  expect(checkOf(asked, 'domain')).toEqual(['invalid', 'DOMAIN_MISMATCH']);
});

it('holds a presentation to its own exp and nbf, with the same clock skew as credentials', async () => {
  const now = Math.floor(Date.now() / 1000);
  const expired = await verify(await present([await credit()], await challenge(), { claims: { exp: now - 3600 } }));
  expect(checkOf(expired, 'validity-period')).toEqual(['invalid', 'PRESENTATION_EXPIRED']);
  expect([expired.verdict, expired.credentials]).toEqual(['failed', []]);
  const early = await verify(await present([await credit()], await challenge(), { claims: { nbf: now + 3600 } }));
  expect(checkOf(early, 'validity-period')).toEqual(['invalid', 'PRESENTATION_NOT_YET_VALID']);
  // Within the 300 s skew a clock a minute off does not fail a student.
  const skewed = await verify(await present([await credit()], await challenge(), { claims: { exp: now - 60 } }));
  expect(checkOf(skewed, 'validity-period')).toEqual(['valid', undefined]);
  expect(skewed.verdict).toBe('verified');
});

it('fails a presentation signed by someone other than the holder it names', async () => {
  const report = await verify(await present([await credit()], await challenge(), { signer: Wallet.createRandom() }));
  expect(checkOf(report, 'holder-signature')).toEqual(['invalid', 'SIGNATURE_INVALID']);
  expect(checkOf(report, 'challenge')).toEqual(['skipped', 'CHALLENGE_NOT_CHECKED']);
  expect(report.verdict).toBe('failed');
});

it('fails a credential whose subject is not the holder, and does not count its credits', async () => {
  const someoneElse = ethrHolder().did;
  const report = await verify(await present([await credit(), await credit({ did: someoneElse })], await challenge()));
  expect(report.credentials[1].holder.reason.code).toBe('HOLDER_NOT_SUBJECT');
  expect(report.credentials[1].verdict).toBe('verified');
  expect(report.verdict).toBe('failed');
  expect(report.creditSummary.byUnit).toEqual([{ unit: 'ECTS', credits: 6 }]);
  expect(report.creditSummary.notCounted).toEqual([
    { index: 1, id: expect.stringMatching(/^urn:uuid:/), reason: "It is not the presenting student's." },
  ]);
});

it('fails the whole presentation when one credential inside is tampered with, and says which', async () => {
  const [header, payload, signature] = (await credit()).split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  claims.vc.credentialSubject.creditsEarned = 60;
  const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
  const report = await verify(await present([await credit(), tampered, await credit()], await challenge()));
  expect(checkOf(report, 'holder-signature')).toEqual(['valid', undefined]);
  expect(report.credentials.map((c: { verdict: string }) => c.verdict)).toEqual(['verified', 'failed', 'verified']);
  expect(checkOf(report.credentials[1], 'signature')).toEqual(['invalid', 'SIGNATURE_INVALID']);
  expect(report.verdict).toBe('failed');
  expect(report.creditSummary.byUnit).toEqual([{ unit: 'ECTS', credits: 12 }]);
  expect(report.creditSummary.notCounted.map((n: { index: number; reason: string }) => [n.index, n.reason])).toEqual([
    [1, 'It failed verification.'],
  ]);
});

describe('a presentation that does not hold itself', () => {
  it('is refused without verifying the credentials inside', async () => {
    const slow = await startSlowServer();
    try {
      const credentials = await Promise.all([1, 2, 3].map((n) => selfSignedCredential({ statusLists: [slow.url(`/lists/${n}`)] })));
      const report = await verify(await present(credentials, 'made-up-challenge'));
      expect(checkOf(report, 'challenge')).toEqual(['invalid', 'CHALLENGE_UNKNOWN']);
      expect(report.verdict).toBe('failed');
      expect(report.credentials).toEqual([]);
      expect(slow.requests()).toBe(0);
    } finally {
      await slow.close();
    }
  });
});

it('verifies the credentials inside at the same time, within the one deadline of the presentation', async () => {
  const slow = await startSlowServer();
  const verifier = await listeningVerifier({
    ALLOW_PRIVATE_NETWORK_FETCH: 'true',
    FETCH_DEADLINE_MS: '60000',
    VERIFICATION_DEADLINE_MS: '2000',
  });
  try {
    const url = verifier.verifierUrl;
    const credentials = await Promise.all(
      [1, 2, 3].map((n) => selfSignedCredential({ statusLists: [slow.url(`/lists/${n}`)], subject: { id: studentDid } })),
    );
    const report = await verify(await present(credentials, await challenge(SCHOOL, url)), {}, url);
    expect(slow.mostAtOnce()).toBe(3);
    expect(
      report.credentials.map((c: { checks: { check: string; status: string; reason?: { code: string } }[] }) => checkOf(c, 'status')),
    ).toEqual([
      ['error', 'VERIFICATION_DEADLINE_EXCEEDED'],
      ['error', 'VERIFICATION_DEADLINE_EXCEEDED'],
      ['error', 'VERIFICATION_DEADLINE_EXCEEDED'],
    ]);
    expect(report.verdict).toBe('indeterminate');
  } finally {
    await verifier.app.close();
    await slow.close();
  }
});

it('refuses malformed requests with stable codes', async () => {
  const missing = await postJson(`${stack.verifierUrl}/presentations/verify`, { options: {} });
  expect([missing.status, missing.body.error.code]).toEqual([400, 'INVALID_REQUEST_BODY']);
  const noDomain = await postJson(`${stack.verifierUrl}/challenges`, {});
  expect([noDomain.status, noDomain.body.error.code]).toEqual([400, 'INVALID_REQUEST_BODY']);
  const notJwt = await verify('not a presentation');
  expect([notJwt.verdict, checkOf(notJwt, 'format')[0]]).toEqual(['failed', 'invalid']);
});
