import { httpStatusOf } from '../../../test/reports.js';
import { decodeJwt } from 'jose';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { EXAMPLE_FACTS } from '../../../scripts/example-facts.js';
import { launchChromium } from '../../../test/chromium.js';
import { postJson, startTestStack, type TestStack } from '../../../test/stack.js';
import { createInstitution, type TestInstitution } from '../../../test/factories/index.js';
import { asDidJwk, ed25519HolderKey, p256HolderKey, type Received, redeemWithLibraryClient } from '../../../test/learner-wallet.js';
import { handWrittenCredential, handWrittenProof, handWrittenToken, startHandWritten } from './hand-written-wallet.js';

// OpenID4VCI, pre-authorized code flow, end to end on the real stack: a registrar issues, asks for
// an offer, and two wallets (the @openid4vc client, and a hand-written draft-13 one) redeem offers in
// each format, with and without tx_code, Bearer and DPoP; the stack's verifier accepts what they got.

let stack: TestStack;
let institution: TestInstitution;
let db: pg.Client;

beforeAll(async () => {
  // The verifier reads status lists afresh on every check: revocation is tested through it.
  stack = await startTestStack({}, { STATUS_LIST_CACHE_SECONDS: '0' });
  institution = await createInstitution(stack, { name: 'Wallet University' });
  db = new pg.Client({ connectionString: stack.database.url });
  await db.connect();
});

afterAll(async () => {
  await db.end();
  await stack.close();
});

const auth = () => ({ Authorization: `Bearer ${institution.apiKey}` });

async function issueCredit(): Promise<string> {
  return (await issueCreditCredential()).id as string;
}

async function issueCreditCredential(): Promise<Record<string, any>> {
  const issued = await postJson(`${stack.issuerUrl}/v1/credentials`, EXAMPLE_FACTS.credit, auth());
  expect(issued.status).toBe(201);
  return issued.body;
}

const changeStatus = (credentialId: string, status: 'revoked' | 'suspended' | 'unsuspended') =>
  postJson(
    `${stack.issuerUrl}/credentials/status`,
    { credentialId, credentialStatus: [{ type: 'BitstringStatusListCredential', status }], reason: 'Registrar decision' },
    auth(),
  );

const statusOf = (report: Record<string, any>) => report.checks.find((check: { check: string }) => check.check === 'status');

async function offerFor(credentialId: string, body?: object): Promise<{ status: number; body: Record<string, any> }> {
  return postJson(`${stack.issuerUrl}/v1/credentials/${encodeURIComponent(credentialId)}/offer`, body ?? '', auth());
}

/** The credential the wallet received, as the stack's verifier reports it. */
async function verify(received: Received['credential']): Promise<Record<string, any>> {
  const report = await postJson(`${stack.verifierUrl}/credentials/verify`, { verifiableCredential: received });
  expect(report.status).toBe(httpStatusOf(report.body));
  return report.body;
}

/** The subject of a received credential: the JWT's `vc` claims with `sub`, or the document's. */
function subjectOf(received: Received['credential']): Record<string, any> {
  if (typeof received === 'string') {
    const claims = decodeJwt(received) as Record<string, any>;
    return { ...claims.vc.credentialSubject, id: claims.sub };
  }
  return received.credentialSubject as Record<string, any>;
}

const FORMATS = ['ldp_vc', 'jwt_vc_json'] as const;

describe('the credential issuer metadata', () => {
  it('is served per institution where 1.0 and draft clients look, with a display in every configuration', async () => {
    const issuer = `${stack.issuerUrl}/institutions/${institution.slug}`;
    const after = (await (
      await fetch(`${stack.issuerUrl}/.well-known/openid-credential-issuer/institutions/${institution.slug}`)
    ).json()) as Record<string, any>;
    const appended = await (await fetch(`${issuer}/.well-known/openid-credential-issuer`)).json();
    expect(appended).toEqual(after);
    expect(after).toMatchObject({
      credential_issuer: issuer,
      credential_endpoint: `${issuer}/credential`,
      nonce_endpoint: `${issuer}/nonce`,
    });
    expect(after.display[0].name).toBe('Wallet University');
    for (const configuration of Object.values(after.credential_configurations_supported) as Record<string, any>[]) {
      expect(configuration.credential_metadata.display[0]).toMatchObject({ description: 'Issued by Wallet University', locale: 'en' });
      expect(configuration.proof_types_supported.jwt.proof_signing_alg_values_supported).toEqual(['ES256', 'EdDSA', 'Ed25519']);
    }
    for (const path of [
      `/.well-known/oauth-authorization-server/institutions/${institution.slug}`,
      `/institutions/${institution.slug}/.well-known/openid-configuration`,
    ]) {
      expect(await (await fetch(`${stack.issuerUrl}${path}`)).json()).toMatchObject({
        issuer,
        token_endpoint: `${issuer}/token`,
        grant_types_supported: ['urn:ietf:params:oauth:grant-type:pre-authorized_code'],
      });
    }
  });
});

describe('the @openid4vc client wallet (did:key Ed25519, 1.0 requests)', () => {
  it.each(FORMATS)('receives a %s credential bound to its did:key, which the verifier accepts', async (format) => {
    const original = await issueCredit();
    const offer = await offerFor(original);
    expect(offer.status).toBe(201);
    expect(offer.body.credentialOffer).toMatch(/^openid-credential-offer:\/\/\?credential_offer=/);
    const holder = ed25519HolderKey();
    const { credential, response } = await redeemWithLibraryClient(offer.body.credentialOffer, { holder, format });
    expect(response.credentials).toHaveLength(1);
    expect(typeof credential).toBe(format === 'jwt_vc_json' ? 'string' : 'object');
    const subject = subjectOf(credential);
    expect(subject.id).toBe(holder.did);
    expect(subject.identifier[0]).toMatchObject({ type: 'IdentityObject', identityType: 'sisSourcedId', hashed: true });
    const report = await verify(credential);
    expect(report.checks.filter((check: { status: string }) => check.status === 'invalid')).toEqual([]);
    expect(report.verdict).toBe('verified');
    const { rows } = await db.query('SELECT id, derived_from FROM issued_credentials WHERE derived_from = $1', [original]);
    expect(rows).toHaveLength(1);
  });
});

describe('the @openid4vc client wallet with a tx_code, DPoP, and other holder DIDs', () => {
  it.each(FORMATS)('receives a %s credential for an offer with a tx_code, over DPoP, as did:jwk P-256', async (format) => {
    const offer = await offerFor(await issueCredit(), { txCode: true });
    expect(offer.body.txCode).toMatch(/^\d{6}$/);
    const holder = asDidJwk(p256HolderKey());
    const dpopKey = p256HolderKey();
    const { credential } = await redeemWithLibraryClient(offer.body.credentialOffer, {
      holder,
      format,
      txCode: offer.body.txCode,
      dpopKey,
    });
    expect(subjectOf(credential).id).toBe(holder.did);
    expect((await verify(credential)).verdict).toBe('verified');
  });

  it('receives a credential as did:key P-256 (ES256)', async () => {
    const offer = await offerFor(await issueCredit());
    const holder = p256HolderKey();
    const { credential } = await redeemWithLibraryClient(offer.body.credentialOffer, { holder, format: 'ldp_vc' });
    expect(subjectOf(credential).id).toBe(holder.did);
    expect((await verify(credential)).verdict).toBe('verified');
  });

  it('keeps the tx_code only as a hash', async () => {
    const offer = await offerFor(await issueCredit(), { txCode: true });
    const { rows } = await db.query('SELECT tx_code_hash, code_hash FROM wallet_offers WHERE id = $1', [offer.body.id]);
    expect(rows[0].tx_code_hash).toHaveLength(32);
    expect(rows[0].tx_code_hash.toString()).not.toContain(offer.body.txCode);
    expect(JSON.stringify(rows)).not.toContain(offer.body.claimPage.split('/').pop());
  });
});

/** Redeems an offer with the hand-written wallet up to its token; the token response. */
async function handWrittenTokenFor(offer: Record<string, any>, txCode?: string) {
  const session = await startHandWritten(offer.credentialOffer);
  return { session, token: await handWrittenToken(session, txCode ? { txCode } : {}) };
}

describe('the hand-written wallet (a plain P-256 JWK, draft-13 requests, the c_nonce of the token response)', () => {
  it.each([
    { format: 'ldp_vc', txCode: false },
    { format: 'jwt_vc_json', txCode: false },
    { format: 'ldp_vc', txCode: true },
    { format: 'jwt_vc_json', txCode: true },
  ] as const)('receives a $format credential (tx_code: $txCode) in the draft-13 shape', async ({ format, txCode }) => {
    const offer = (await offerFor(await issueCredit(), txCode ? { txCode: true } : undefined)).body;
    const { session, token } = await handWrittenTokenFor(offer, offer.txCode);
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ token_type: 'Bearer', c_nonce: expect.any(String) });
    const key = p256HolderKey();
    const answer = await handWrittenCredential(
      session,
      token.body.access_token,
      format,
      await handWrittenProof(session, key, token.body.c_nonce),
    );
    expect(answer.status).toBe(200);
    expect(answer.body.credentials).toBeUndefined();
    expect(answer.body.c_nonce).toEqual(expect.any(String));
    const credential = answer.body.credential;
    expect(typeof credential).toBe(format === 'jwt_vc_json' ? 'string' : 'object');
    expect(subjectOf(credential).id).toBe(
      `did:jwk:${Buffer.from(JSON.stringify({ crv: 'P-256', kty: 'EC', x: key.publicJwk.x, y: key.publicJwk.y })).toString('base64url')}`,
    );
    expect((await verify(credential)).verdict).toBe('verified');
  });

  it('accepts an Ed25519 JWK with the algorithm named Ed25519', async () => {
    const offer = (await offerFor(await issueCredit())).body;
    const { session, token } = await handWrittenTokenFor(offer);
    const key = ed25519HolderKey();
    const proof = await handWrittenProof(session, key, token.body.c_nonce, { alg: 'Ed25519' });
    const answer = await handWrittenCredential(session, token.body.access_token, 'ldp_vc', proof);
    expect(answer.status).toBe(200);
    expect(subjectOf(answer.body.credential).id).toMatch(/^did:jwk:/);
  });
});

describe('refusals', () => {
  const issuedCount = async () => (await db.query('SELECT count(*)::int AS n FROM issued_credentials')).rows[0].n as number;

  it('refuses a replayed pre-authorized code, and a second credential for one offer', async () => {
    const offer = (await offerFor(await issueCredit())).body;
    const { session, token } = await handWrittenTokenFor(offer);
    expect(token.status).toBe(200);
    const again = await handWrittenToken(session);
    expect([again.status, again.body.error]).toEqual([400, 'invalid_grant']);
    const key = p256HolderKey();
    const first = await handWrittenCredential(
      session,
      token.body.access_token,
      'ldp_vc',
      await handWrittenProof(session, key, token.body.c_nonce),
    );
    expect(first.status).toBe(200);
    const before = await issuedCount();
    const second = await handWrittenCredential(
      session,
      token.body.access_token,
      'ldp_vc',
      await handWrittenProof(session, key, first.body.c_nonce),
    );
    expect([second.status, second.body.error]).toEqual([400, 'credential_request_denied']);
    expect(await issuedCount()).toBe(before);
  });

  it('refuses an expired offer', async () => {
    const offer = (await offerFor(await issueCredit())).body;
    await db.query(`UPDATE wallet_offers SET expires_at = now() - interval '1 second' WHERE id = $1`, [offer.id]);
    const { token } = await handWrittenTokenFor(offer);
    expect([token.status, token.body.error]).toEqual([400, 'invalid_grant']);
    expect(token.body.error_description).toMatch(/expired/);
  });

  it('refuses a missing or wrong tx_code, and voids the offer after five wrong ones', async () => {
    const offer = (await offerFor(await issueCredit(), { txCode: true })).body;
    const session = await startHandWritten(offer.credentialOffer);
    const missing = await handWrittenToken(session);
    expect([missing.status, missing.body.error]).toEqual([400, 'invalid_request']);
    const wrong = String((Number(offer.txCode) + 1) % 1_000_000).padStart(6, '0');
    for (let attempt = 0; attempt < 5; attempt++) {
      const refused = await handWrittenToken(session, { txCode: wrong });
      expect([refused.status, refused.body.error]).toEqual([400, 'invalid_grant']);
    }
    const right = await handWrittenToken(session, { txCode: offer.txCode });
    expect([right.status, right.body.error]).toEqual([400, 'invalid_grant']);
    expect(right.body.error_description).toMatch(/Too many/);
  });

  it('compares no more than five tx_codes however many guesses arrive at once', async () => {
    const offer = (await offerFor(await issueCredit(), { txCode: true })).body;
    const session = await startHandWritten(offer.credentialOffer);
    const wrong = String((Number(offer.txCode) + 1) % 1_000_000).padStart(6, '0');
    const answers = await Promise.all(Array.from({ length: 12 }, () => handWrittenToken(session, { txCode: wrong })));
    const compared = answers.filter((answer) => answer.body.error_description === 'The transaction code is wrong.');
    expect(compared).toHaveLength(5);
    expect(answers.every((answer) => answer.status === 400 && answer.body.error === 'invalid_grant')).toBe(true);
  });

  it('refuses a proof signed by another key than the one it names, and stores nothing', async () => {
    const offer = (await offerFor(await issueCredit())).body;
    const { session, token } = await handWrittenTokenFor(offer);
    const [named, signing] = [p256HolderKey(), p256HolderKey()];
    const before = await issuedCount();
    const proof = await handWrittenProof(session, signing, token.body.c_nonce, { publicJwk: named.publicJwk });
    const answer = await handWrittenCredential(session, token.body.access_token, 'ldp_vc', proof);
    expect([answer.status, answer.body.error]).toEqual([400, 'invalid_proof']);
    expect(await issuedCount()).toBe(before);
  });

  it('refuses a nonce used once already, and one it never gave', async () => {
    const [first, second] = [(await offerFor(await issueCredit())).body, (await offerFor(await issueCredit())).body];
    const one = await handWrittenTokenFor(first);
    const two = await handWrittenTokenFor(second);
    const key = p256HolderKey();
    const nonce = one.token.body.c_nonce;
    const used = await handWrittenCredential(
      one.session,
      one.token.body.access_token,
      'ldp_vc',
      await handWrittenProof(one.session, key, nonce),
    );
    expect(used.status).toBe(200);
    const reused = await handWrittenCredential(
      two.session,
      two.token.body.access_token,
      'ldp_vc',
      await handWrittenProof(two.session, key, nonce),
    );
    expect([reused.status, reused.body.error]).toEqual([400, 'invalid_nonce']);
    const invented = await handWrittenCredential(
      two.session,
      two.token.body.access_token,
      'ldp_vc',
      await handWrittenProof(two.session, key, 'not-a-nonce'),
    );
    expect([invented.status, invented.body.error]).toEqual([400, 'invalid_nonce']);
  });

  it('binds a token to the DPoP key it was asked with: refused as a Bearer token or with another key', async () => {
    const offer = (await offerFor(await issueCredit())).body;
    const session = await startHandWritten(offer.credentialOffer);
    const dpopKey = p256HolderKey();
    const token = await handWrittenToken(session, { dpopKey });
    expect([token.status, token.body.token_type]).toEqual([200, 'DPoP']);
    const key = p256HolderKey();
    const ask = async (nonce: string, how?: typeof dpopKey) =>
      handWrittenCredential(session, token.body.access_token, 'ldp_vc', await handWrittenProof(session, key, nonce), how);
    const nonce = async () => (await postJson(session.metadata.nonce_endpoint, {})).body.c_nonce as string;
    const asBearer = await ask(await nonce());
    expect([asBearer.status, asBearer.body.error]).toEqual([401, 'invalid_dpop_proof']);
    const otherKey = await ask(await nonce(), p256HolderKey());
    expect([otherKey.status, otherKey.body.error]).toEqual([401, 'invalid_dpop_proof']);
    const right = await ask(await nonce(), dpopKey);
    expect(right.status).toBe(200);
  });

  it('refuses a credential request without a valid access token, in OAuth terms', async () => {
    const offer = (await offerFor(await issueCredit())).body;
    const session = await startHandWritten(offer.credentialOffer);
    const answer = await handWrittenCredential(session, 'not-a-token', 'ldp_vc', 'x.y.z');
    expect([answer.status, answer.body.error]).toEqual([401, 'invalid_token']);
  });

  it('answers the house error shape for what is not OAuth: an unknown credential, another institution, a bad body', async () => {
    const other = await createInstitution(stack, { name: 'Other University' });
    const mine = await issueCredit();
    const foreign = await postJson(`${stack.issuerUrl}/v1/credentials/${encodeURIComponent(mine)}/offer`, '', {
      Authorization: `Bearer ${other.apiKey}`,
    });
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'CREDENTIAL_NOT_FOUND']);
    const bad = await offerFor(mine, { txCode: 'yes' });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'INVALID_REQUEST_BODY']);
    expect((await fetch(`${stack.issuerUrl}/offers/${'A'.repeat(43)}`)).status).toBe(404);
    const unknownIssuer = await fetch(`${stack.issuerUrl}/.well-known/openid-credential-issuer/institutions/no-such-university`);
    expect([unknownIssuer.status, ((await unknownIssuer.json()) as any).error.code]).toEqual([404, 'INSTITUTION_NOT_FOUND']);
  });
});

describe('the wallet copy and the original', () => {
  /** An original and the copy a wallet received of it, in the format asked. */
  async function pair(format: 'ldp_vc' | 'jwt_vc_json') {
    const original = await issueCreditCredential();
    const offer = (await offerFor(original.id)).body;
    const { credential } = await redeemWithLibraryClient(offer.credentialOffer, { holder: ed25519HolderKey(), format });
    const { rows } = await db.query('SELECT delivered_credential_id FROM wallet_offers WHERE id = $1', [offer.id]);
    return { original, copy: credential, copyId: rows[0].delivered_credential_id as string };
  }

  it('are the same achievement with the same learner identifier, in new credentials of their own', async () => {
    const { original, copy, copyId } = await pair('ldp_vc');
    const [before, after] = [original.verifiableCredential, copy as Record<string, any>];
    expect(after.id).toBe(copyId);
    expect(after.id).not.toBe(before.id);
    expect(after.credentialSubject.achievement).toEqual(before.credentialSubject.achievement);
    expect(after.credentialSubject.identifier).toEqual(before.credentialSubject.identifier);
    expect(after.credentialStatus.statusListIndex).not.toBe(before.credentialStatus.statusListIndex);
    const { rows } = await db.query('SELECT source_id FROM anchor_leaves WHERE source_id = $1', [copyId]);
    expect(rows).toHaveLength(1);
  });

  it('are revoked together when the original is revoked', async () => {
    const { original, copy, copyId } = await pair('jwt_vc_json');
    const revoked = await changeStatus(original.id, 'revoked');
    expect(revoked.status).toBe(200);
    expect(revoked.body.linkedCredentials).toEqual([copyId]);
    for (const credential of [copy, original.verifiableCredential]) {
      const report = await verify(credential);
      expect(statusOf(report)).toMatchObject({ status: 'invalid', reason: { code: 'CREDENTIAL_REVOKED' } });
      expect(report.verdict).toBe('failed');
    }
  });

  it('are suspended and reinstated together when the copy is', async () => {
    const { original, copy, copyId } = await pair('ldp_vc');
    expect((await changeStatus(copyId, 'suspended')).body.linkedCredentials).toEqual([original.id]);
    for (const credential of [copy, original.verifiableCredential])
      expect(statusOf(await verify(credential))).toMatchObject({ status: 'invalid', reason: { code: 'CREDENTIAL_SUSPENDED' } });
    await changeStatus(copyId, 'unsuspended');
    for (const credential of [copy, original.verifiableCredential]) expect((await verify(credential)).verdict).toBe('verified');
  });
});

describe('offers of revoked or suspended credentials', () => {
  it('makes no offer of a revoked credential', async () => {
    const id = await issueCredit();
    await changeStatus(id, 'revoked');
    const offer = await offerFor(id);
    expect([offer.status, offer.body.error.code]).toEqual([409, 'CREDENTIAL_REVOKED']);
  });

  it('delivers nothing for an offer whose credential was revoked since', async () => {
    const id = await issueCredit();
    const offer = (await offerFor(id)).body;
    await changeStatus(id, 'revoked');
    const { session, token } = await handWrittenTokenFor(offer);
    const key = p256HolderKey();
    const answer = await handWrittenCredential(
      session,
      token.body.access_token,
      'ldp_vc',
      await handWrittenProof(session, key, token.body.c_nonce),
    );
    expect([answer.status, answer.body.error]).toEqual([400, 'credential_request_denied']);
    expect((await db.query('SELECT 1 FROM issued_credentials WHERE derived_from = $1', [id])).rows).toHaveLength(0);
  });

  it('delivers a suspended copy of a suspended credential', async () => {
    const id = await issueCredit();
    const offer = (await offerFor(id)).body;
    await changeStatus(id, 'suspended');
    const { credential } = await redeemWithLibraryClient(offer.credentialOffer, { holder: ed25519HolderKey(), format: 'jwt_vc_json' });
    expect(statusOf(await verify(credential))).toMatchObject({ status: 'invalid', reason: { code: 'CREDENTIAL_SUSPENDED' } });
  });
});

describe('the claim page', () => {
  /** Screenshots kept for people to look at after a run (ignored by git). */
  const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));
  let browser: Browser;
  let awkward: TestInstitution;

  beforeAll(async () => {
    browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
    awkward = await createInstitution(stack, { name: 'Hogeschool <b>Kunst</b> & "Design"' });
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function offerOf(by: TestInstitution, body?: object): Promise<Record<string, any>> {
    const issued = await postJson(`${stack.issuerUrl}/v1/credentials`, EXAMPLE_FACTS.credit, { Authorization: `Bearer ${by.apiKey}` });
    const offer = await postJson(`${stack.issuerUrl}/v1/credentials/${encodeURIComponent(issued.body.id)}/offer`, body ?? '', {
      Authorization: `Bearer ${by.apiKey}`,
    });
    expect(offer.status).toBe(201);
    return offer.body;
  }

  it('is escaped, allows nothing external, and serves its QR codes', async () => {
    const offer = await offerOf(awkward);
    const response = await fetch(offer.claimPage);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const body = await response.text();
    expect(body).toContain('Hogeschool &lt;b&gt;Kunst&lt;/b&gt; &amp; &quot;Design&quot;');
    expect(body).not.toContain('<b>Kunst');
    expect(body).not.toMatch(/<script|<link|src="https?:/);
    const png = await fetch(offer.qr.png);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await png.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    expect(await (await fetch(offer.qr.svg)).text()).toMatch(/^<svg/);
  });

  it('opens on a phone: the institution, the achievement, the QR code, the deep link and the steps', async () => {
    const offer = await offerOf(institution, { txCode: true });
    const tab = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    try {
      await tab.goto(offer.claimPage);
      expect(await tab.textContent('h1')).toBe('Your credential from Wallet University');
      expect(await tab.textContent('.card .name')).toBe(EXAMPLE_FACTS.credit.achievement.name);
      expect(await tab.locator('.qr svg').count()).toBe(1);
      expect(await tab.getAttribute('a.button', 'href')).toBe(offer.credentialOffer);
      expect(await tab.textContent('ol')).toContain('6-digit code');
      // Readable on a phone: nothing wider than the screen.
      expect(await tab.$eval('html', (root) => root.scrollWidth)).toBeLessThanOrEqual(390);
      await tab.screenshot({ path: `${ARTIFACTS}claim-page.png`, fullPage: true });
    } finally {
      await tab.close();
    }
  });

  it('says when the offer was collected, and shows no code any more', async () => {
    const offer = await offerOf(awkward);
    await redeemWithLibraryClient(offer.credentialOffer, { holder: ed25519HolderKey(), format: 'ldp_vc' });
    const body = await (await fetch(offer.claimPage)).text();
    expect(body).toContain('collected by a wallet already');
    expect(body).not.toContain('openid-credential-offer://');
  });
});
