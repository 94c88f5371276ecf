import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { importSigningKey } from '#identity';
import { freePort } from '#local-stack';
import { launchChromium } from '../../../test/chromium.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { createInstitution, didKeyPair, issueCredential, type TestInstitution } from '../../../test/factories/index.js';
import { listeningVerifier, postJson, startTestStack, type TestStack } from '../../../test/stack.js';
import { createVerifierApp } from '../src/verifier.app.js';
import { loadVerifierConfig } from '../src/verifier.config.js';
import { type HeldCredential, LearnerWallet } from '../../../test/learner-wallet.js';

// A receiving school asks a student's wallet for credit credentials with OpenID4VP, on the real
// stack: two institutions issue through the issuer (one as ldp_vc from its did:web, one as a VC-JWT
// from its did:ethr), both to the wallet's did:key. Two verifier instances share one Postgres, as
// behind a load balancer: the school makes its request at one, the wallet fetches and answers at the
// other (the stack's), and the school reads the result back at the first.
let stack: TestStack;
let verifierDatabase: TestDatabase;
let secondVerifier: Awaited<ReturnType<typeof listeningVerifier>>;
let schoolUrl: string;
let college: TestInstitution;
let university: TestInstitution;
let wallet: LearnerWallet;

const REQUEST_SIGNING_KEY = randomBytes(32).toString('hex');
const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));

beforeAll(async () => {
  verifierDatabase = await createTestDatabase({ migrated: false });
  const shared = { VERIFIER_DATABASE_URL: verifierDatabase.url, VERIFIER_REQUEST_SIGNING_KEY: REQUEST_SIGNING_KEY };
  stack = await startTestStack({}, shared);
  secondVerifier = await listeningVerifier({ ...stack.verifierEnv, ...shared, VERIFIER_PUBLIC_URL: stack.verifierUrl });
  schoolUrl = secondVerifier.verifierUrl;
  college = await createInstitution(stack, { name: 'Riverside College' });
  university = await createInstitution(stack, { name: 'Hilltop University' });
  wallet = await LearnerWallet.create();
});

afterAll(async () => {
  await secondVerifier?.app.close();
  await stack?.close();
  await verifierDatabase?.drop();
});

/**
 * A credit credential issued to the wallet's holder: `ldp_vc` (the issuer's default, its did:web), a
 * VC-JWT (its did:ethr), or a `vc+jwt` (its did:web), held as the wallet keeps each: the document, the JWT.
 */
async function credit(
  institution: TestInstitution,
  format: 'ldp_vc' | 'vc-jwt' | 'vc+jwt',
  amount: number,
  learner: object = { did: wallet.did },
) {
  const { verifiableCredential } = await issueCredential(stack, institution, {
    kind: 'credit',
    learner,
    credits: { amount, unit: 'ECTS' },
    ...(format === 'ldp_vc' ? {} : { format }),
  });
  if (format === 'vc-jwt') return verifiableCredential.proof.jwt as HeldCredential;
  if (format === 'vc+jwt') return (verifiableCredential.id as string).slice('data:application/vc+jwt,'.length);
  return verifiableCredential as HeldCredential;
}

async function schoolRequest(body: object = {}) {
  const response = await postJson(`${schoolUrl}/presentation-requests`, body);
  expect(response.status).toBe(201);
  return response.body;
}

const result = async (id: string): Promise<any> =>
  (await fetch(`${schoolUrl}/presentation-requests/${id}`, { headers: { Accept: 'application/json' } })).json();

describe('a school asks for credits with OpenID4VP', () => {
  it("gets the student's credits from two institutions, in two formats, and their total", async () => {
    const held = [await credit(college, 'ldp_vc', 6), await credit(university, 'vc-jwt', 7.5)];
    const request = await schoolRequest({ purpose: 'Credit transfer into the BSc Mathematics' });
    expect(request).toMatchObject({ state: 'pending', query: { kinds: ['credit'] } });
    expect(request.openid4vp.authorizationRequest).toMatch(
      /^openid4vp:\/\/\?client_id=decentralized_identifier%3Adid%3Ajwk%3A.+&request_uri=/,
    );

    const resolved = await wallet.resolve(request.openid4vp.authorizationRequest);
    expect(resolved.authorizationRequestPayload).toMatchObject({ response_mode: 'direct_post', client_id: request.openid4vp.clientId });
    const chosen = wallet.select(resolved, held);
    expect(Object.keys(chosen).sort()).toEqual(['credentials_jwt_vc_json', 'credentials_ldp_vc']);
    const answer = await wallet.answer(resolved, chosen);
    expect([answer.status, answer.body]).toEqual([200, {}]);

    const seen = await result(request.id);
    expect(seen.state).toBe('answered');
    expect(seen.result).toMatchObject({ protocol: 'openid4vp', verdict: 'verified', holders: [wallet.did] });
    expect(seen.result.presentations.map((p: { queryId: string; verdict: string }) => [p.queryId, p.verdict]).sort()).toEqual([
      ['credentials_jwt_vc_json', 'verified'],
      ['credentials_ldp_vc', 'verified'],
    ]);
    expect(seen.result.creditSummary.byUnit).toEqual([{ unit: 'ECTS', credits: 13.5 }]);
    expect(
      seen.result.creditSummary.byInstitution.map((total: { name: string; credits: number }) => [total.name, total.credits]).sort(),
    ).toEqual([
      ['Hilltop University', 7.5],
      ['Riverside College', 6],
    ]);
    expect(seen.result.creditSummary.notCounted).toEqual([]);
  });

  it('takes a vc+jwt in a vp+jwt under the JWT query, beside a VC-JWT in a VP-JWT', async () => {
    const held = [await credit(college, 'vc+jwt', 2), await credit(university, 'vc-jwt', 3)];
    const request = await schoolRequest();
    const resolved = await wallet.resolve(request.openid4vp.authorizationRequest);
    const chosen = wallet.select(resolved, held);
    expect(Object.keys(chosen)).toEqual(['credentials_jwt_vc_json']);
    expect(chosen.credentials_jwt_vc_json).toHaveLength(2);
    expect((await wallet.answer(resolved, chosen)).status).toBe(200);
    const seen = await result(request.id);
    expect(seen.result.verdict).toBe('verified');
    expect(seen.result.creditSummary.byUnit).toEqual([{ unit: 'ECTS', credits: 5 }]);
  });
});

describe('what the school never counts', () => {
  let held: HeldCredential[];

  beforeAll(async () => {
    held = [await credit(college, 'ldp_vc', 6), await credit(university, 'vc-jwt', 3)];
  });

  async function openRequest() {
    const request = await schoolRequest();
    const resolved = await wallet.resolve(request.openid4vp.authorizationRequest);
    return { request, resolved, chosen: wallet.select(resolved, held) };
  }

  const checkOf = (presentation: { checks: { check: string; status: string; reason?: { code: string } }[] }, name: string) => {
    const found = presentation.checks.find((check) => check.check === name)!;
    return [found.status, found.reason?.code];
  };

  it.each([
    ['a nonce the request did not give', { nonce: 'a-nonce-of-another-request' }, 'challenge', 'CHALLENGE_MISMATCH'],
    ['another verifier as audience', { audience: 'decentralized_identifier:did:jwk:e30' }, 'domain', 'DOMAIN_MISMATCH'],
  ])('refuses presentations signing %s, keeps nothing, and leaves the request open', async (_case, overrides, check, code) => {
    const { request, resolved, chosen } = await openRequest();
    const refused = await wallet.answer(resolved, chosen, overrides);
    expect(refused.status).toBe(422);
    const { error } = refused.body as { error: { code: string; details: { presentations: { checks: never[] }[] } } };
    expect(error.code).toBe('PRESENTATION_RESPONSE_REFUSED');
    expect(error.details.presentations).toHaveLength(2);
    for (const presentation of error.details.presentations) expect(checkOf(presentation, check)).toEqual(['invalid', code]);
    expect((await result(request.id)).state).toBe('pending');
    expect((await wallet.answer(resolved, chosen)).status).toBe(200);
    expect((await result(request.id)).result.verdict).toBe('verified');
  });

  it("refuses presentations signed by another key than the holder's", async () => {
    const { request, resolved, chosen } = await openRequest();
    const stranger = await importSigningKey(await didKeyPair('Ed25519'));
    const refused = await wallet.answer(resolved, chosen, { key: stranger });
    expect(refused.status).toBe(422);
    const { error } = refused.body as { error: { code: string; details: { presentations: { checks: never[] }[] } } };
    expect(error.code).toBe('PRESENTATION_RESPONSE_REFUSED');
    for (const presentation of error.details.presentations) expect(checkOf(presentation, 'holder-signature')[0]).toBe('invalid');
    expect((await result(request.id)).state).toBe('pending');
  });

  it('refuses a replayed response, to the same request and to another', async () => {
    const { request, resolved, chosen } = await openRequest();
    const first = await wallet.answer(resolved, chosen);
    expect(first.status).toBe(200);
    const kept = await result(request.id);
    const replayed = await wallet.submit(resolved.authorizationRequestPayload, first.vpToken);
    expect([replayed.status, (replayed.body as { error: { code: string } }).error.code]).toEqual([409, 'PRESENTATION_REQUEST_ANSWERED']);
    expect(await result(request.id)).toEqual(kept);

    const another = await openRequest();
    const elsewhere = await wallet.submit(another.resolved.authorizationRequestPayload, first.vpToken);
    expect(elsewhere.status).toBe(422);
    const { error } = elsewhere.body as { error: { details: { presentations: { checks: never[] }[] } } };
    expect(checkOf(error.details.presentations[0], 'challenge')).toEqual(['invalid', 'CHALLENGE_MISMATCH']);
    expect((await result(another.request.id)).state).toBe('pending');
  });

  it('keeps a failed verdict for a tampered credential, and counts only the rest', async () => {
    const { request, resolved, chosen } = await openRequest();
    const tampered = structuredClone(chosen.credentials_ldp_vc[0]) as { credentialSubject: { achievement: { name: string } } };
    tampered.credentialSubject.achievement.name = 'Advanced Linear Algebra';
    const answer = await wallet.answer(resolved, { ...chosen, credentials_ldp_vc: [tampered] });
    expect(answer.status).toBe(200);
    const seen = await result(request.id);
    expect(seen.result.verdict).toBe('failed');
    const ldp = seen.result.presentations.find((p: { queryId: string }) => p.queryId === 'credentials_ldp_vc');
    expect(ldp.credentials[0].verdict).toBe('failed');
    expect(ldp.credentials[0].checks.find((c: { check: string }) => c.check === 'signature').status).toBe('invalid');
    expect(seen.result.creditSummary.byUnit).toEqual([{ unit: 'ECTS', credits: 3 }]);
    expect(seen.result.creditSummary.notCounted.map((entry: { reason: string }) => entry.reason)).toEqual(['It failed verification.']);
  });

  it('refuses an answer to a request no school made, and serves it no request object', async () => {
    const unknown = await postJson(`${stack.verifierUrl}/openid4vp/responses/never-made`, { vp_token: '{}' });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'PRESENTATION_REQUEST_NOT_FOUND']);
    const missing = await fetch(`${stack.verifierUrl}/openid4vp/requests/never-made`);
    expect(missing.status).toBe(404);
  });
});

describe('a named set', () => {
  it("gets only the named institution's credentials, as the wallet's DCQL match picks them", async () => {
    const fromCollege = (await credit(college, 'ldp_vc', 5)) as { issuer: { id: string } };
    const held = [fromCollege, await credit(university, 'vc-jwt', 2)];
    const request = await schoolRequest({ kinds: ['credit'], issuers: [fromCollege.issuer.id] });
    const resolved = await wallet.resolve(request.openid4vp.authorizationRequest);
    const chosen = wallet.select(resolved, held);
    expect(Object.keys(chosen)).toEqual(['credentials_ldp_vc']);
    expect((await wallet.answer(resolved, chosen)).status).toBe(200);
    const seen = await result(request.id);
    expect(seen.result.verdict).toBe('verified');
    expect(seen.result.creditSummary.byUnit).toEqual([{ unit: 'ECTS', credits: 5 }]);
  });

  it('refuses an answer whose credentials do not answer the query, and keeps nothing', async () => {
    const held = [await credit(college, 'ldp_vc', 5)];
    const request = await schoolRequest({ issuers: ['did:web:another-college.example'] });
    const resolved = await wallet.resolve(request.openid4vp.authorizationRequest);
    expect(wallet.select(resolved, held)).toEqual({});
    const answer = await wallet.answer(resolved, { credentials_ldp_vc: held });
    expect([answer.status, (answer.body as { error: { code: string } }).error.code]).toEqual([400, 'PRESENTATION_RESPONSE_INVALID']);
    expect((await result(request.id)).state).toBe('pending');
  });
});

describe('an answer from more than one holder', () => {
  it('is refused: the credits of two students never add up to one total', async () => {
    const other = await LearnerWallet.create();
    const mine = await credit(college, 'ldp_vc', 6);
    const theirs = await credit(university, 'vc-jwt', 7.5, { did: other.did });
    const request = await schoolRequest();
    const resolved = await wallet.resolve(request.openid4vp.authorizationRequest);
    const payload = resolved.authorizationRequestPayload;
    const options = { nonce: payload.nonce, audience: payload.client_id! };
    const answer = await wallet.submit(payload, {
      credentials_ldp_vc: [await wallet.present(mine, options)],
      credentials_jwt_vc_json: [await other.present(theirs, options)],
    });
    expect([answer.status, (answer.body as { error: { code: string } }).error.code]).toEqual([400, 'PRESENTATION_RESPONSE_INVALID']);
    expect((await result(request.id)).state).toBe('pending');
  });
});

describe('the Learner Credential Wallet path: a VC-API exchange', () => {
  it('asks for DIDAuthentication and credentials by example, then takes a Data Integrity presentation of a did:key holder', async () => {
    const held = await credit(college, 'ldp_vc', 4);
    const request = await schoolRequest();
    expect(request.vcApi.protocols).toEqual({ vcapi: request.vcApi.exchangeUrl });
    const first = await postJson(request.vcApi.exchangeUrl, {});
    expect(first.status).toBe(200);
    const vpr = first.body.verifiablePresentationRequest;
    expect(vpr.query.map((query: { type: string }) => query.type)).toEqual(['DIDAuthentication', 'QueryByExample']);
    expect(vpr.query[0].acceptedMethods).toEqual([{ method: 'key' }]);
    expect(vpr.query[1].credentialQuery[0].example.type).toBe('OpenBadgeCredential');
    expect(vpr.domain).toBe(new URL(stack.verifierUrl).host);

    const presentation = await wallet.present(held, { nonce: vpr.challenge, audience: vpr.domain });
    const second = await postJson(request.vcApi.exchangeUrl, { verifiablePresentation: presentation });
    expect([second.status, second.body]).toEqual([200, {}]);
    const seen = await result(request.id);
    expect(seen.result).toMatchObject({ protocol: 'vc-api', verdict: 'verified', holders: [wallet.did] });
    expect(seen.result.creditSummary.byUnit).toEqual([{ unit: 'ECTS', credits: 4 }]);

    const again = await postJson(request.vcApi.exchangeUrl, { verifiablePresentation: presentation });
    expect([again.status, again.body.error.code]).toEqual([409, 'PRESENTATION_REQUEST_ANSWERED']);
  });

  it('refuses a presentation signed for the OpenID4VP audience instead of this exchange', async () => {
    const held = await credit(college, 'ldp_vc', 4);
    const request = await schoolRequest();
    const { verifiablePresentationRequest: vpr } = (await postJson(request.vcApi.exchangeUrl, {})).body;
    const presentation = await wallet.present(held, { nonce: vpr.challenge, audience: request.openid4vp.clientId });
    const refused = await postJson(request.vcApi.exchangeUrl, { verifiablePresentation: presentation });
    expect([refused.status, refused.body.error.code]).toEqual([422, 'PRESENTATION_RESPONSE_REFUSED']);
    expect((await result(request.id)).state).toBe('pending');
  });
});

describe("the school's page", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(() => browser?.close());

  it('shows the QR code while the request waits, and the verdict and credits once answered (on reload)', async () => {
    const held = [await credit(college, 'ldp_vc', 6), await credit(university, 'vc-jwt', 7.5)];
    const request = await schoolRequest({ purpose: 'Credit transfer into the BSc <Mathematics>' });
    const tab = await browser.newPage();
    const problems: string[] = [];
    tab.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    try {
      await tab.goto(request.page);
      expect(await tab.textContent('#state')).toBe("Waiting for the student's wallet");
      expect(await tab.$eval('#qr', (img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
      expect(await tab.textContent('body')).toContain('BSc <Mathematics>');
      await tab.screenshot({ path: `${ARTIFACTS}presentation-request-pending.png`, fullPage: true });

      const resolved = await wallet.resolve(request.openid4vp.authorizationRequest);
      expect((await wallet.answer(resolved, wallet.select(resolved, held))).status).toBe(200);
      await tab.reload();
      expect(await tab.textContent('#verdict')).toBe('Verified');
      expect(await tab.textContent('tr[data-unit="ECTS"]')).toContain('13.5');
      await tab.screenshot({ path: `${ARTIFACTS}presentation-request-answered.png`, fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await tab.close();
    }
  });
});

it('refuses an answer after the request expired, and the page says so', async () => {
  const port = await freePort();
  const quick = await createVerifierApp(
    loadVerifierConfig({ ...stack.verifierEnv, VERIFIER_PORT: String(port), PRESENTATION_REQUEST_TTL_SECONDS: '10' }),
  );
  try {
    await quick.listen(port, '127.0.0.1');
    const url = `http://127.0.0.1:${port}`;
    const held = [await credit(college, 'ldp_vc', 6)];
    const request = (await postJson(`${url}/presentation-requests`, {})).body;
    const resolved = await wallet.resolve(request.openid4vp.authorizationRequest);
    await new Promise((resolve) => setTimeout(resolve, 10_500));
    const late = await wallet.answer(resolved, wallet.select(resolved, held));
    expect([late.status, (late.body as { error: { code: string } }).error.code]).toEqual([409, 'PRESENTATION_REQUEST_EXPIRED']);
    expect((await fetch(request.openid4vp.requestUri)).status).toBe(409);
    const page = await (await fetch(request.page)).text();
    expect(page).toContain('Expired');
    const view = (await (await fetch(request.page, { headers: { Accept: 'application/json' } })).json()) as { state: string };
    expect(view.state).toBe('expired');
  } finally {
    await quick.close();
  }
}, 30_000);
