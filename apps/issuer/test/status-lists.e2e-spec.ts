import { ANCHOR_CONTRACT, receiptProblem } from '#anchoring';
import { freePort, LOCAL_CHAIN_FUNDED_KEYS } from '#local-stack';
import { createVerifiableCredentialJwt, normalizeCredential, transformCredentialInput } from 'did-jwt-vc';
import { ES256KSigner, hexToBytes } from 'did-jwt';
import { Contract, JsonRpcProvider, Wallet } from 'ethers';
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { statusListCredential } from '#schemas';
import { createIssuerApp } from '../src/issuer.app.js';
import {
  authOf as auth,
  changeStatus as changeStatusOf,
  createInstitution,
  didOf,
  issueCredential,
  selfSignedCredential,
  type TestInstitution,
  type TestSigner,
} from '../../../test/factories/index.js';
import { postJson, startTestStack, type TestStack, testWorkerEnv } from '../../../test/stack.js';
import { until } from '../../../test/until.js';
import { testEnvironment } from '../../../test/test-environment.js';

// Its own funded account: no other test sends from it, so its nonces are this file's alone.
const WORKER = testWorkerEnv(LOCAL_CHAIN_FUNDED_KEYS[4], 50);

const env = testEnvironment();
const provider = new JsonRpcProvider(env.chainRpcUrl, env.chainId, { staticNetwork: true });
const anchor = new Contract(env.anchorContract, ANCHOR_CONTRACT.abi, provider);

let stack: TestStack;
let a: TestInstitution;
let b: TestInstitution;

beforeAll(async () => {
  // No list cache in this verifier: each verification sees a change at once (the cache has unit tests).
  stack = await startTestStack(WORKER, { STATUS_LIST_CACHE_SECONDS: '0' });
  a = await createInstitution(stack, { name: 'University A' });
  b = await createInstitution(stack, { name: 'University B' });
});

afterAll(async () => {
  await stack.close();
  provider.destroy();
});

interface Entry {
  statusPurpose: 'revocation' | 'suspension';
  statusListIndex: string;
  statusListCredential: string;
}

async function issue(institution = a): Promise<{ id: string; verifiableCredential: Record<string, any>; entries: Entry[] }> {
  const issued = await issueCredential(stack, institution, { format: 'vc-jwt' });
  return { ...issued, entries: issued.verifiableCredential.credentialStatus };
}

const changeStatus = (id: string, status: string, institution = a, reason?: string) =>
  changeStatusOf(stack, institution, id, status, reason);

const verify = async (credential: unknown) =>
  (await postJson(`${stack.verifierUrl}/credentials/verify`, { verifiableCredential: credential })).body;
const statusCheck = (report: { checks: { check: string }[] }) => report.checks.find((c) => c.check === 'status');

/** The published list's bit, decoded here with node:zlib alone, independently of our encoder. */
async function publishedBit(entry: Entry): Promise<boolean> {
  const list = (await (await fetch(entry.statusListCredential)).json()) as Record<string, any>;
  const payload = JSON.parse(Buffer.from(list.proof.jwt.split('.')[1], 'base64url').toString());
  const encoded: string = payload.vc.credentialSubject.encodedList;
  expect(encoded[0]).toBe('u');
  const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
  expect(bits.length * 8).toBeGreaterThanOrEqual(131_072);
  const index = Number(entry.statusListIndex);
  return ((bits[Math.floor(index / 8)] >> (7 - (index % 8))) & 1) === 1;
}

const entryOf = (credential: { entries: Entry[] }, purpose: Entry['statusPurpose']) =>
  credential.entries.find((e) => e.statusPurpose === purpose)!;

describe('a new credential', () => {
  it("names a random index in its institution's revocation and suspension lists, both published and signed by the institution", async () => {
    const credential = await issue();
    expect(credential.entries.map((e) => e.statusPurpose).sort()).toEqual(['revocation', 'suspension']);
    expect(new Set(credential.entries.map((e) => e.statusListIndex)).size).toBe(1);
    for (const entry of credential.entries) {
      expect(entry.statusListCredential.startsWith(`${stack.issuerUrl}/v1/status-lists/`)).toBe(true);
      const response = await fetch(entry.statusListCredential);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=60, must-revalidate');
      const list = (await response.json()) as Record<string, any>;
      expect(list.issuer.id).toBe(a.did);
      expect(list.credentialSubject.statusPurpose).toBe(entry.statusPurpose);
      expect(await publishedBit(entry)).toBe(false);
      // A cache revalidates with the ETag: 304 while the list has not changed.
      const again = await fetch(entry.statusListCredential, { headers: { 'If-None-Match': response.headers.get('etag')! } });
      expect(again.status).toBe(304);
    }
    expect(statusCheck(await verify(credential.verifiableCredential))).toEqual({ check: 'status', status: 'valid' });
  });

  it('gets an index no other gets, with 1,000 issued at once by a new institution', async () => {
    // Its first issuances also race to open its first list set: one set must come of it.
    const fresh = await createInstitution(stack, { name: 'University C' });
    const credentials = await Promise.all(Array.from({ length: 1000 }, () => issue(fresh)));
    expect(new Set(credentials.flatMap((c) => c.entries.map((e) => e.statusListCredential))).size).toBe(2);
    const slots = credentials.map((c) => `${entryOf(c, 'revocation').statusListCredential}#${entryOf(c, 'revocation').statusListIndex}`);
    expect(new Set(slots).size).toBe(1000);
  }, 120_000);
});

describe('revoking', () => {
  it('fails the credential, sets its bit in the published list, and leaves its neighbours alone', async () => {
    const [revoked, neighbour] = [await issue(), await issue()];
    const response = await changeStatus(revoked.id, 'revoked');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ credentialId: revoked.id, revoked: true, suspended: false });
    expect(response.body.published.statusListCredential).toBe(entryOf(revoked, 'revocation').statusListCredential);

    expect(await publishedBit(entryOf(revoked, 'revocation'))).toBe(true);
    expect(await publishedBit(entryOf(neighbour, 'revocation'))).toBe(false);
    const report = await verify(revoked.verifiableCredential);
    expect(statusCheck(report)).toMatchObject({ status: 'invalid', reason: { code: 'CREDENTIAL_REVOKED' } });
    expect(report.verdict).toBe('failed');
    expect((await verify(neighbour.verifiableCredential)).verdict).toBe('verified');

    // The reason is kept for the audit, never published.
    const list = await (await fetch(entryOf(revoked, 'revocation').statusListCredential)).text();
    expect(list).not.toContain('Registrar decision');
    const { rows } = await stack.database.query(`SELECT status, reason FROM status_changes WHERE credential_id = $1`, [revoked.id]);
    expect(rows).toEqual([{ status: 'revoked', reason: 'Registrar decision 2026-114' }]);
  });

  it("shows on the credential's verification page", async () => {
    const credential = await issue();
    const link = await postJson(`${stack.issuerUrl}/v1/credentials/${encodeURIComponent(credential.id)}/verification-link`, {}, auth(a));
    expect(link.status).toBe(201);
    await changeStatus(credential.id, 'revoked');
    const page = await (await fetch(link.body.url)).text();
    expect(page).toContain('<strong id="verdict">Not valid</strong>');
    expect(page).toMatch(/data-check="status" data-status="invalid">[^]*?The issuer has revoked this credential/);
  });

  it('is final: revoking again changes nothing, and no other change is accepted', async () => {
    const credential = await issue();
    const first = await changeStatus(credential.id, 'revoked');
    const again = await changeStatus(credential.id, 'revoked');
    expect(again.status).toBe(200);
    expect(again.body.published).toEqual(first.body.published);
    for (const status of ['suspended', 'unsuspended']) {
      const refused = await changeStatus(credential.id, status);
      expect([refused.status, refused.body.error.code]).toEqual([409, 'CREDENTIAL_REVOKED']);
    }
    const { rows } = await stack.database.query(`SELECT count(*)::int AS n FROM status_changes WHERE credential_id = $1`, [credential.id]);
    expect(rows[0].n).toBe(1);
  });
});

describe('suspending', () => {
  it('fails the credential with its own code until it is unsuspended', async () => {
    const credential = await issue();
    expect((await changeStatus(credential.id, 'suspended')).body).toMatchObject({ revoked: false, suspended: true });
    const suspended = await verify(credential.verifiableCredential);
    expect(statusCheck(suspended)).toMatchObject({ status: 'invalid', reason: { code: 'CREDENTIAL_SUSPENDED' } });
    expect(suspended.verdict).toBe('failed');
    expect(await publishedBit(entryOf(credential, 'suspension'))).toBe(true);

    expect((await changeStatus(credential.id, 'unsuspended')).body).toMatchObject({ revoked: false, suspended: false });
    expect(await publishedBit(entryOf(credential, 'suspension'))).toBe(false);
    expect((await verify(credential.verifiableCredential)).verdict).toBe('verified');
  });
});

describe('status changes', () => {
  it('arriving together are published together, in fewer versions than changes', async () => {
    const credentials = await Promise.all(Array.from({ length: 20 }, () => issue()));
    const listUrl = entryOf(credentials[0], 'revocation').statusListCredential;
    const versionsBefore = ((await (await fetch(`${listUrl}/versions`)).json()) as unknown[]).length;
    const responses = await Promise.all(credentials.map((c) => changeStatus(c.id, 'revoked')));
    expect(responses.map((r) => r.status)).toEqual(credentials.map(() => 200));
    const versionsAfter = ((await (await fetch(`${listUrl}/versions`)).json()) as unknown[]).length;
    expect(versionsAfter - versionsBefore).toBeGreaterThan(0);
    expect(versionsAfter - versionsBefore).toBeLessThan(credentials.length / 2);
    for (const credential of credentials) expect(await publishedBit(entryOf(credential, 'revocation'))).toBe(true);
  });

  it('stored but not published before a crash are published when the issuer starts again', async () => {
    const credential = await issue();
    const entry = entryOf(credential, 'revocation');
    const index = Number(entry.statusListIndex);
    // What a crash between the change's commit and its publication leaves behind.
    await stack.database.query(`UPDATE status_lists SET bits = set_bit(bits, $2, 1), changes = changes + 1 WHERE id = $1`, [
      entry.statusListCredential.split('/').pop(),
      Math.floor(index / 8) * 8 + 7 - (index % 8),
    ]);
    expect(await publishedBit(entry)).toBe(false);
    const restarted = await createIssuerApp(stack.issuerConfig);
    await restarted.close();
    expect(await publishedBit(entry)).toBe(true);
  });

  it("of another institution's credential are refused, and change nothing", async () => {
    const credential = await issue(a);
    const refused = await changeStatus(credential.id, 'revoked', b);
    expect([refused.status, refused.body.error.code]).toEqual([404, 'CREDENTIAL_NOT_FOUND']);
    expect(await publishedBit(entryOf(credential, 'revocation'))).toBe(false);
    expect((await stack.database.query(`SELECT 1 FROM status_changes WHERE credential_id = $1`, [credential.id])).rows).toHaveLength(0);
  });

  it('refuse bad requests with stable codes', async () => {
    const credential = await issue();
    const cases: [unknown, number, string][] = [
      [
        { credentialId: credential.id, credentialStatus: [{ type: 'BitstringStatusListCredential', status: 'revoked' }] },
        400,
        'INVALID_REQUEST_BODY',
      ],
      [
        { credentialId: credential.id, credentialStatus: [{ type: 'BitstringStatusListCredential', status: 'deleted' }], reason: 'x' },
        400,
        'INVALID_REQUEST_BODY',
      ],
      [{ credentialId: credential.id, credentialStatus: [], reason: 'x' }, 400, 'INVALID_REQUEST_BODY'],
      [
        {
          credentialId: 'urn:uuid:00000000-0000-4000-8000-000000000000',
          credentialStatus: [{ type: 'BitstringStatusListCredential', status: 'revoked' }],
          reason: 'x',
        },
        404,
        'CREDENTIAL_NOT_FOUND',
      ],
    ];
    for (const [body, status, code] of cases) {
      const response = await postJson(`${stack.issuerUrl}/credentials/status`, body, auth(a));
      expect([response.status, response.body.error.code]).toEqual([status, code]);
    }
    const unauthenticated = await postJson(`${stack.issuerUrl}/credentials/status`, cases[0][0]);
    expect(unauthenticated.status).toBe(401);
    expect((await fetch(`${stack.issuerUrl}/v1/status-lists/not-a-list`)).status).toBe(404);
    expect((await fetch(`${entryOf(credential, 'revocation').statusListCredential}/versions/0`)).status).toBe(400);
    expect((await stack.database.query(`SELECT 1 FROM status_changes WHERE credential_id = $1`, [credential.id])).rows).toHaveLength(0);
  });
});

describe('list history', () => {
  it('keeps every version, and each is anchored so anyone can check it against the chain', async () => {
    const credential = await issue(b);
    const listUrl = entryOf(credential, 'revocation').statusListCredential;
    await changeStatus(credential.id, 'revoked', b);
    type Version = { version: number; verifiableCredential: { proof: { jwt: string } }; anchorReceipt: any };
    const versions = await until(
      async () => {
        const listed = (await (await fetch(`${listUrl}/versions`)).json()) as Version[];
        return listed.every((v) => v.anchorReceipt) && listed;
      },
      'the list versions to be anchored',
      { timeoutMs: 30_000, mining: provider },
    );
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    for (const version of versions) {
      expect(await receiptProblem(version.anchorReceipt, { format: 'vc-jwt', bytes: version.verifiableCredential.proof.jwt })).toBeNull();
      expect(Number(await anchor.anchoredBlock(version.anchorReceipt.root))).toBe(version.anchorReceipt.blockNumber);
    }
    const first = (await (await fetch(`${listUrl}/versions/1`)).json()) as (typeof versions)[number];
    expect(first.verifiableCredential.proof.jwt).toBe(versions[1].verifiableCredential.proof.jwt);
  });
});

describe('the verifier', () => {
  /** A credential signed by `wallet` whose revocation entry names `listUrl`. */
  const selfSigned = (wallet: TestSigner, listUrl: string) => selfSignedCredential({ wallet, statusLists: [listUrl] });

  async function listSignedBy(wallet: TestSigner, url: string): Promise<string> {
    const did = didOf(wallet);
    const list = statusListCredential({
      url,
      issuer: { id: did, name: 'Other', url: 'https://other.example' },
      issuanceDate: '2026-01-01T00:00:00Z',
      purpose: 'revocation',
      bits: new Uint8Array(16_384),
    });
    return createVerifiableCredentialJwt(
      { ...transformCredentialInput(list) },
      { did, signer: ES256KSigner(hexToBytes(wallet.privateKey)), alg: 'ES256K' },
    );
  }

  it('says indeterminate when the status list cannot be fetched', async () => {
    const port = await freePort();
    const report = await verify(await selfSigned(Wallet.createRandom(), `http://127.0.0.1:${port}/lists/1`));
    expect(statusCheck(report)).toMatchObject({ status: 'error', reason: { code: 'STATUS_LIST_UNAVAILABLE' } });
    expect(report.verdict).toBe('indeterminate');
  });

  it('fails a credential whose list is signed by someone other than its issuer', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/lists/1`;
    const jwt = await listSignedBy(Wallet.createRandom(), url);
    const server = http.createServer((_, response) =>
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(normalizeCredential(jwt))),
    );
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      const report = await verify(await selfSigned(Wallet.createRandom(), url));
      expect(report.checks.find((c: { check: string }) => c.check === 'signature').status).toBe('valid');
      expect(statusCheck(report)).toMatchObject({ status: 'invalid', reason: { code: 'STATUS_LIST_ISSUER_MISMATCH' } });
      expect(report.verdict).toBe('failed');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
