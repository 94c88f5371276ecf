import { LOCAL_CHAIN_FUNDED_KEYS } from '#local-stack';
import { JsonRpcProvider, Wallet } from 'ethers';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { EXAMPLE_FACTS } from '../../../scripts/example-facts.js';
import { launchChromium } from '../../../test/chromium.js';
import {
  anchoredReceipt,
  authOf,
  createInstitution,
  type CredentialRequest,
  issueCredential,
  jwtOf,
  selfSignedCredential,
  type TestInstitution,
} from '../../../test/factories/index.js';
import { highSTwin } from '../../../test/high-s-twin.js';
import { outcomeOf as statusOf } from '../../../test/reports.js';
import { postJson, startTestStack, type TestStack, testWorkerEnv } from '../../../test/stack.js';
import { testEnvironment } from '../../../test/test-environment.js';

/** Screenshots kept for people to look at after a run (ignored by git). */
const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));

const env = testEnvironment();
const provider = new JsonRpcProvider(env.chainRpcUrl, env.chainId, { staticNetwork: true });

let stack: TestStack;
let institution: TestInstitution;
let browser: Browser;

beforeAll(async () => {
  // Its own funded account: no other test sends from it, so its nonces are this file's alone.
  stack = await startTestStack(testWorkerEnv(LOCAL_CHAIN_FUNDED_KEYS[5], 10));
  institution = await createInstitution(stack);
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await stack.close();
  provider.destroy();
});

const auth = () => authOf(institution);

async function issue(request: CredentialRequest = {}): Promise<{ id: string; jwt: string }> {
  const issued = await issueCredential(stack, institution, { kind: 'credit', ...request, format: 'vc-jwt' });
  return { id: issued.id, jwt: jwtOf(issued) };
}

async function linkOf(id: string): Promise<{ code: string; url: string; qr: { png: string; svg: string } }> {
  const response = await postJson(`${stack.issuerUrl}/v1/credentials/${encodeURIComponent(id)}/verification-link`, {}, auth());
  expect(response.status).toBe(201);
  return response.body;
}

const reportAt = async (url: string) => (await (await fetch(url, { headers: { Accept: 'application/json' } })).json()) as any;
/** The test chain mines only on transactions: mine until the credential's receipt is served. */
const anchored = (id: string) => anchoredReceipt(stack, id, provider);

describe('a verification link', () => {
  it('is made by the issuer on the verifier, with QR codes, and answers JSON with the report', async () => {
    const credential = await issue();
    const link = await linkOf(credential.id);
    expect(link.url).toBe(`${stack.verifierUrl}/v/${link.code}`);
    expect(link.code).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(await linkOf(credential.id)).toEqual(link);

    const report = await reportAt(link.url);
    expect(report.verdict).toBe('verified');
    expect(report.display).toMatchObject({
      achievement: { name: 'Linear Algebra' },
      credits: { amount: 6, unit: 'ECTS credits' },
      grade: 'B',
    });
    expect(report.issuer).toMatchObject({ id: institution.did, trusted: true, name: 'Test University' });

    const png = await fetch(link.qr.png);
    expect([png.status, png.headers.get('content-type')]).toEqual([200, 'image/png']);
    expect(
      Buffer.from(await png.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    const svg = await fetch(link.qr.svg);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    expect(await svg.text()).toMatch(/^<svg/);
  });

  it('is refused for a credential whose signature fails or whose issuer this verifier does not trust', async () => {
    const { jwt } = await issue();
    const [header, payload, signature] = jwt.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    claims.vc.credentialSubject.creditsEarned = 60;
    const tampered = await postJson(`${stack.verifierUrl}/links`, {
      verifiableCredential: `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`,
    });
    expect([tampered.status, tampered.body.error.code]).toEqual([422, 'LINK_CREDENTIAL_NOT_VERIFIED']);

    const selfSigned = await selfSignedCredential();
    const untrusted = await postJson(`${stack.verifierUrl}/links`, { verifiableCredential: selfSigned });
    expect([untrusted.status, untrusted.body.error.code]).toEqual([422, 'LINK_ISSUER_NOT_TRUSTED']);

    const missing = await fetch(`${stack.verifierUrl}/v/AAAAAAAAAAAAAAAA`, { headers: { Accept: 'application/json' } });
    expect([missing.status, ((await missing.json()) as { error: { code: string } }).error.code]).toEqual([404, 'LINK_NOT_FOUND']);
  });

  it('renders everything escaped, under a policy that loads nothing from elsewhere', async () => {
    const credential = await issue({
      achievement: { ...EXAMPLE_FACTS.credit.achievement, name: '<script>alert(1)</script> & "Algebra"' },
    });
    const page = await fetch((await linkOf(credential.id)).url);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const body = await page.text();
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Algebra&quot;');
    expect(body).not.toContain('<script>alert');
    // Nothing loaded from elsewhere: no scripts, stylesheets or images but this verifier's own.
    expect(body).not.toMatch(/<script|<link|src="https?:/);
  });

  it('opens in a browser: the verdict, each check, the institution and the anchoring transaction', async () => {
    const credential = await issue();
    const link = await linkOf(credential.id);
    await anchored(credential.id);
    const tab = await browser.newPage();
    try {
      await tab.goto(link.url);
      expect(await tab.textContent('#verdict')).toBe('Verified');
      const rows = await tab.$$eval('tr[data-check]', (trs) =>
        trs.map((tr) => [tr.getAttribute('data-check'), tr.getAttribute('data-status')]),
      );
      expect(rows).toEqual([
        ['format', 'valid'],
        ['signature', 'valid'],
        ['signed-payload', 'valid'],
        ['schema', 'valid'],
        ['validity-period', 'valid'],
        ['status', 'valid'],
        ['anchor', 'valid'],
        ['issuer-trust', 'valid'],
      ]);
      expect(await tab.textContent('#institution')).toContain('Test University');
      expect(await tab.textContent('#credits')).toBe('6 ECTS credits');
      expect(await tab.textContent('#anchor-tx')).toMatch(/^0x[0-9a-f]{64}$/);
      await tab.screenshot({ path: `${ARTIFACTS}verification-page.png`, fullPage: true });
    } finally {
      await tab.close();
    }
  });

  it('is a start page where a credential is pasted and verified', async () => {
    const { jwt } = await issue();
    const tab = await browser.newPage();
    try {
      await tab.goto(stack.verifierUrl);
      await tab.fill('#credential', jwt);
      await Promise.all([tab.waitForNavigation(), tab.click('button[type=submit]')]);
      expect(await tab.textContent('#verdict')).toBe('Verified');
      expect(await tab.textContent('#achievement')).toContain('Linear Algebra');
      await tab.screenshot({ path: `${ARTIFACTS}start-page-report.png`, fullPage: true });
    } finally {
      await tab.close();
    }
  });

  it("follows the credential to its new anchor after a reorg takes the kept receipt's block away", async () => {
    const credential = await issue();
    const link = await linkOf(credential.id);
    await anchored(credential.id);
    const before = (await reportAt(link.url)).checks.find((c: { check: string }) => c.check === 'anchor').details.receipt;
    await provider.send('anvil_reorg', [(await provider.getBlockNumber()) - before.blockNumber + 1, []]);
    const deadline = Date.now() + 20_000;
    let receipt;
    do {
      if (Date.now() > deadline) throw new Error('timed out waiting for the credential to be anchored again');
      await provider.send('evm_mine', []);
      await new Promise((resolve) => setTimeout(resolve, 100));
      receipt = (await (await fetch(`${stack.issuerUrl}/v1/anchors/credentials/${encodeURIComponent(credential.id)}`)).json()) as {
        blockNumber?: number;
      };
    } while (!receipt.blockNumber || receipt.blockNumber === before.blockNumber);
    const report = await reportAt(link.url);
    expect(statusOf(report, 'anchor')).toEqual(['valid', undefined]);
    expect(report.checks.find((c: { check: string }) => c.check === 'anchor').details.receipt.blockNumber).toBe(receipt.blockNumber);
  });

  it('stays valid whoever posts the credential again with a receipt that does not hold', async () => {
    const credential = await issue();
    const link = await linkOf(credential.id);
    await anchored(credential.id);
    const kept = (await reportAt(link.url)).checks.find((c: { check: string }) => c.check === 'anchor').details.receipt;
    for (const anchorReceipt of [
      { type: 'junk' },
      { ...kept, contract: Wallet.createRandom().address },
      { ...kept, chainId: 1 },
      { ...kept, blockNumber: kept.blockNumber + 1 },
    ]) {
      const posted = await postJson(`${stack.verifierUrl}/links`, { verifiableCredential: credential.jwt, anchorReceipt });
      expect([posted.status, posted.body.code]).toEqual([201, link.code]);
      const report = await reportAt(link.url);
      expect(statusOf(report, 'anchor')).toEqual(['valid', undefined]);
      expect(report.checks.find((c: { check: string }) => c.check === 'anchor').details.receipt).toEqual(kept);
      expect(report.verdict).toBe('verified');
    }
  });

  it('keeps no receipt that does not hold before the credential is anchored either', async () => {
    const credential = await issue();
    const posted = await postJson(`${stack.verifierUrl}/links`, { verifiableCredential: credential.jwt, anchorReceipt: { type: 'junk' } });
    expect(posted.status).toBe(201);
    const report = await reportAt(posted.body.url);
    expect(statusOf(report, 'anchor')).toEqual(['skipped', 'ANCHOR_NOT_YET_ANCHORED']);
    expect(report.verdict).toBe('verified');
    await anchored(credential.id);
    expect(statusOf(await reportAt(posted.body.url), 'anchor')).toEqual(['valid', undefined]);
  });

  it('is not made for the high-S twin of a credential', async () => {
    const { jwt } = await issue();
    const twin = await postJson(`${stack.verifierUrl}/links`, { verifiableCredential: highSTwin(jwt) });
    expect([twin.status, twin.body.error.code]).toEqual([422, 'LINK_CREDENTIAL_NOT_VERIFIED']);
  });

  it('keeps working with the issuer down: the stored credential, its receipt and the chain still verify', async () => {
    const credential = await issue();
    const link = await linkOf(credential.id);
    await anchored(credential.id);
    expect(statusOf(await reportAt(link.url), 'anchor')).toEqual(['valid', undefined]);
    await stack.stopIssuer();
    const report = await reportAt(link.url);
    expect(statusOf(report, 'signature')).toEqual(['valid', undefined]);
    // The receipt comes from the verifier's own copy: the issuer's package URL no longer answers.
    expect(statusOf(report, 'anchor')).toEqual(['valid', undefined]);
    expect(statusOf(report, 'issuer-trust')).toEqual(['valid', undefined]);
    // The status lists verified a moment ago are still within the verifier's cache; past it, status
    // says it cannot be checked (the status list tests show that) rather than passing by default.
    expect(statusOf(report, 'status')).toEqual(['valid', undefined]);
    expect(report.verdict).toBe('verified');
    const tab = await browser.newPage();
    try {
      await tab.goto(link.url);
      expect(await tab.textContent('#verdict')).toBe('Verified');
      await tab.screenshot({ path: `${ARTIFACTS}verification-page-issuer-down.png`, fullPage: true });
    } finally {
      await tab.close();
    }
  });
});
