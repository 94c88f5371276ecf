import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../../test/chromium.js';
import { changeStatus, createInstitution, issueCredential, type TestInstitution } from '../../../test/factories/index.js';
import { verifyWithDcc } from '../../../test/independent-verifier.js';
import { type HeldCredential, LearnerWallet } from '../../../test/learner-wallet.js';
import { postJson, startTestStack, type TestStack } from '../../../test/stack.js';

// The learner's whole journey on the real stack (issuer, verifier, Postgres, anvil), one wallet from
// end to end: two institutions each issue a credit credential to the learner they know (a hashed
// student number) and offer it; the wallet (@openid4vc's own clients, did:key Ed25519) redeems both,
// one as ldp_vc and one as jwt_vc_json, one of them with a tx_code; an independent verifier and ours
// accept what it received; a school asks for credit credentials from any trusted institution by
// OpenID4VP, and sees both and their total; then one institution revokes its original, and the
// wallet's copy fails at the school in a new request. The steps depend on each other: each `it` is
// one step of the same journey, in order.

let stack: TestStack;
let college: TestInstitution;
let university: TestInstitution;
let wallet: LearnerWallet;
let browser: Browser;

const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));

beforeAll(async () => {
  // The verifier reads status lists afresh on every check: the revocation step is seen at once.
  stack = await startTestStack({}, { STATUS_LIST_CACHE_SECONDS: '0' });
  college = await createInstitution(stack, { name: 'Riverside College' });
  university = await createInstitution(stack, { name: 'Hilltop University' });
  wallet = await LearnerWallet.create();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** What each institution issued and offered, and what the wallet received of it. */
interface Journey {
  originalId: string;
  offer: { credentialOffer: string; txCode?: string };
  received?: HeldCredential;
}
const journey: Partial<Record<'college' | 'university', Journey>> = {};
const step = (who: 'college' | 'university') => journey[who]!;

/** A credit credential issued from the registrar's facts (the example learner), and an offer of it. */
async function issueAndOffer(institution: TestInstitution, credits: number, offerBody: object): Promise<Journey> {
  const issued = await issueCredential(stack, institution, { kind: 'credit', credits: { amount: credits, unit: 'ECTS' } });
  const offer = await postJson(`${stack.issuerUrl}/v1/credentials/${encodeURIComponent(issued.id)}/offer`, offerBody, {
    Authorization: `Bearer ${institution.apiKey}`,
  });
  expect(offer.status).toBe(201);
  return { originalId: issued.id, offer: offer.body };
}

/** The verifier's report on one credential. */
async function verify(credential: HeldCredential): Promise<Record<string, any>> {
  const report = await postJson(`${stack.verifierUrl}/credentials/verify`, { verifiableCredential: credential });
  expect(report.status).toBe(200);
  return report.body;
}

/** A new presentation request of the school (the default: credit credentials from any trusted institution), answered by the wallet with all it holds. */
async function schoolAsksAndWalletAnswers(purpose: string): Promise<{ id: string; page: string }> {
  const request = await postJson(`${stack.verifierUrl}/presentation-requests`, { purpose });
  expect(request.status).toBe(201);
  expect(request.body).toMatchObject({ state: 'pending', query: { kinds: ['credit'] } });
  const resolved = await wallet.resolve(request.body.openid4vp.authorizationRequest);
  const held = [step('college').received!, step('university').received!];
  const chosen = wallet.select(resolved, held);
  expect(Object.keys(chosen).sort()).toEqual(['credentials_jwt_vc_json', 'credentials_ldp_vc']);
  const answer = await wallet.answer(resolved, chosen);
  expect(answer.status).toBe(200);
  return { id: request.body.id, page: request.body.page };
}

/** The school's result, as JSON. */
async function resultOf(id: string): Promise<Record<string, any>> {
  const response = await fetch(`${stack.verifierUrl}/presentation-requests/${id}`, { headers: { Accept: 'application/json' } });
  expect(response.status).toBe(200);
  const view = (await response.json()) as Record<string, any>;
  expect(view.state).toBe('answered');
  return view.result;
}

/** Each presented credential's issuer name and verdict, sorted by name. */
const verdictsByIssuer = (result: Record<string, any>) =>
  result.presentations
    .flatMap((presentation: { credentials: { issuer: { name: string }; verdict: string }[] }) => presentation.credentials)
    .map((credential: { issuer: { name: string }; verdict: string }) => [credential.issuer.name, credential.verdict])
    .sort();

/** What the school's page shows: the verdict, the credits by unit, and each credential's issuer and verdict. */
async function pageOf(url: string, screenshot: string) {
  const tab = await browser.newPage();
  try {
    await tab.goto(url);
    const shown = {
      verdict: await tab.textContent('#verdict'),
      ects: await tab.textContent('tr[data-unit="ECTS"] td:last-child'),
      credentials: (
        await tab.$$eval('h2:text("Credentials presented") + table tr:not(:first-child)', (rows) =>
          rows.map((row) => [row.children[1].textContent, row.children[2].textContent]),
        )
      ).sort(),
    };
    await tab.screenshot({ path: `${ARTIFACTS}${screenshot}`, fullPage: true });
    return shown;
  } finally {
    await tab.close();
  }
}

describe("a learner's journey: two institutions, one wallet, one school", () => {
  it('1. each institution issues a credit credential for the learner and offers it (the college with a tx_code)', async () => {
    journey.college = await issueAndOffer(college, 6, { txCode: true });
    journey.university = await issueAndOffer(university, 7.5, {});
    expect(step('college').offer.txCode).toMatch(/^\d{6}$/);
    expect(step('university').offer.txCode).toBeUndefined();
  });

  it("2. the wallet redeems both offers, the college's as ldp_vc with its tx_code and the university's as jwt_vc_json", async () => {
    const { college: fromCollege, university: fromUniversity } = journey as Required<typeof journey>;
    fromCollege.received = await wallet.receive(fromCollege.offer.credentialOffer, { format: 'ldp_vc', txCode: fromCollege.offer.txCode });
    fromUniversity.received = await wallet.receive(fromUniversity.offer.credentialOffer, { format: 'jwt_vc_json' });
    const ldp = fromCollege.received as Record<string, any>;
    expect(ldp).toMatchObject({ issuer: { id: college.didWeb }, credentialSubject: { id: wallet.did } });
    expect(ldp.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' });
    expect(typeof fromUniversity.received).toBe('string');
    const jwtClaims = JSON.parse(Buffer.from((fromUniversity.received as string).split('.')[1], 'base64url').toString('utf8'));
    expect([jwtClaims.iss, jwtClaims.sub]).toEqual([university.did, wallet.did]);
    // A wallet's copy is a credential of its own, not the original handed over.
    expect(ldp.id).not.toBe(fromCollege.originalId);
    expect(jwtClaims.jti).not.toBe(fromUniversity.originalId);
  });

  it('3. the independent verifier (@digitalcredentials/verifier-core) accepts the ldp_vc, and ours accepts both', async () => {
    const independent = await verifyWithDcc(step('college').received as object, stack.issuerUrl);
    expect(independent.errors).toBeUndefined();
    expect(independent.log).toEqual(
      expect.arrayContaining([
        { id: 'valid_signature', valid: true },
        { id: 'expiration', valid: true },
      ]),
    );
    for (const who of ['college', 'university'] as const) {
      const report = await verify(step(who).received!);
      expect(report.checks.filter((check: { status: string }) => check.status === 'invalid')).toEqual([]);
      expect(report.verdict).toBe('verified');
    }
  });

  it('4. the school asks for credit credentials from any trusted institution; the wallet answers with both, and the school sees both and the total', async () => {
    const request = await schoolAsksAndWalletAnswers('Credit transfer into the BSc Mathematics');
    const result = await resultOf(request.id);
    expect(result).toMatchObject({ protocol: 'openid4vp', verdict: 'verified', holders: [wallet.did] });
    expect(verdictsByIssuer(result)).toEqual([
      ['Hilltop University', 'verified'],
      ['Riverside College', 'verified'],
    ]);
    expect(result.creditSummary.byUnit).toEqual([{ unit: 'ECTS', credits: 13.5 }]);
    expect(result.creditSummary.notCounted).toEqual([]);

    expect(await pageOf(request.page, 'learner-journey-answered.png')).toEqual({
      verdict: 'Verified',
      ects: '13.5',
      credentials: [
        ['Hilltop University', 'verified'],
        ['Riverside College', 'verified'],
      ],
    });
  });

  it("5. the college revokes its original: the wallet's copy fails at the school in a new request, and only the university's credits count", async () => {
    const revoked = await changeStatus(stack, college, step('college').originalId, 'revoked');
    expect(revoked.status).toBe(200);
    expect(revoked.body.linkedCredentials).toEqual([(step('college').received as { id: string }).id]);

    const request = await schoolAsksAndWalletAnswers('Credit transfer into the BSc Mathematics, again');
    const result = await resultOf(request.id);
    expect(result.verdict).toBe('failed');
    expect(verdictsByIssuer(result)).toEqual([
      ['Hilltop University', 'verified'],
      ['Riverside College', 'failed'],
    ]);
    const collegeCopy = result.presentations
      .find((presentation: { queryId: string }) => presentation.queryId === 'credentials_ldp_vc')
      .credentials[0].checks.find((check: { check: string }) => check.check === 'status');
    expect(collegeCopy).toMatchObject({ status: 'invalid', reason: { code: 'CREDENTIAL_REVOKED' } });
    expect(result.creditSummary.byUnit).toEqual([{ unit: 'ECTS', credits: 7.5 }]);
    expect(result.creditSummary.notCounted.map((entry: { reason: string }) => entry.reason)).toEqual(['It failed verification.']);

    expect(await pageOf(request.page, 'learner-journey-revoked.png')).toEqual({
      verdict: 'Not valid',
      ects: '7.5',
      credentials: [
        ['Hilltop University', 'verified'],
        ['Riverside College', 'failed'],
      ],
    });
  });
});
