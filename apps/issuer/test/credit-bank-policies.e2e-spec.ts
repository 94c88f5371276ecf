import { signedHashOf } from '#anchoring';
import { importSigningKey, type SigningKey, signVpJwt, verifyDataIntegrityCredential } from '#identity';
import { LOCAL_CHAIN_FUNDED_KEYS } from '#local-stack';
import { digestMultibase, exampleRecognitionPolicy, type RecognitionPolicy } from '#schemas';
import { JsonRpcProvider } from 'ethers';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../../test/chromium.js';
import { authOf, createInstitution, didJwkPair, didKeyPair, stackVerifiers, type TestInstitution } from '../../../test/factories/index.js';
import { startTestStack, type TestStack, testWorkerEnv } from '../../../test/stack.js';
import { testEnvironment } from '../../../test/test-environment.js';

const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));

// The anchoring worker cuts a batch per leaf, so a publication is anchored soon after it is made.
const WORKER = testWorkerEnv(LOCAL_CHAIN_FUNDED_KEYS[5], 1);
const provider = new JsonRpcProvider(testEnvironment().chainRpcUrl, testEnvironment().chainId, { staticNetwork: true });

interface Member extends TestInstitution {
  key: SigningKey;
}

let stack: TestStack;
let db: pg.Client;
let university: Member;
let college: Member;
let platform: Member;
let authority: Member;
let outsider: Member;
let browser: Browser;

async function member(name: string, curve: 'key' | 'jwk'): Promise<Member> {
  const institution = await createInstitution(stack, { name });
  return { ...institution, key: await importSigningKey(curve === 'key' ? await didKeyPair('Ed25519') : didJwkPair('P-256')) };
}

beforeAll(async () => {
  stack = await startTestStack(WORKER);
  university = await member('University of Example', 'key');
  college = await member('Example Vocational College', 'jwk');
  platform = await member('Example Online Platform', 'key');
  authority = await member('Example Education Authority', 'jwk');
  outsider = await member('Outside University', 'key');
  db = new pg.Client({ connectionString: stack.database.url });
  await db.connect();
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await db?.end();
  await stack?.close();
  provider.destroy();
});

async function call(
  method: string,
  path: string,
  caller?: TestInstitution,
  body?: unknown,
): Promise<{ status: number; body: any; headers: Headers; text: string }> {
  const response = await fetch(`${stack.issuerUrl}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(caller ? authOf(caller) : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = response.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : undefined;
  return { status: response.status, body: json, headers: response.headers, text };
}

/** The member's signed approval of a version's text. */
function approval(signer: Member, digest: string, versionUrl: string, key: SigningKey = signer.key): string {
  return signVpJwt(
    { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], holder: key.controller },
    key,
    {
      nonce: digest,
      aud: versionUrl,
    },
  );
}

function policyOf(receiver: TestInstitution, programmeName = 'BSc Computer Science <b>& friends</b>'): RecognitionPolicy {
  const policy = exampleRecognitionPolicy();
  policy.receivingInstitution = receiver.didWeb;
  policy.programme.name = programmeName;
  policy.rules[0].sources[0].issuers = [platform.didWeb];
  policy.rules[1].sources.forEach((source) => (source.issuers = [college.did]));
  return policy;
}

const count = async (table: string) => (await db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

async function alliance(): Promise<string> {
  const founded = await call('POST', '/v1/alliances', university, {
    name: 'Lifelong Learning Alliance',
    requiredApprovals: 2,
    role: 'institution',
    approverDid: university.key.controller,
  });
  expect(founded.status).toBe(201);
  for (const [added, role] of [
    [college, 'institution'],
    [authority, 'authority'],
  ] as const) {
    const response = await call('POST', `/v1/alliances/${founded.body.id}/members`, university, {
      institutionId: added.id,
      role,
      approverDid: added.key.controller,
    });
    expect(response.status).toBe(201);
  }
  return founded.body.id as string;
}

describe('alliances', () => {
  it('is founded by a member, who alone adds members; it is invisible to everyone else', async () => {
    const id = await alliance();
    const seen = await call('GET', `/v1/alliances/${id}`, college);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ name: 'Lifelong Learning Alliance', requiredApprovals: 2, founderId: university.id });
    expect(seen.body.members.map((m: { name: string; role: string }) => [m.name, m.role])).toEqual([
      ['University of Example', 'institution'],
      ['Example Vocational College', 'institution'],
      ['Example Education Authority', 'authority'],
    ]);

    const byMember = await call('POST', `/v1/alliances/${id}/members`, college, {
      institutionId: platform.id,
      role: 'institution',
      approverDid: platform.key.controller,
    });
    expect([byMember.status, byMember.body.error.code]).toEqual([403, 'ALLIANCE_FOUNDER_ONLY']);
    const again = await call('POST', `/v1/alliances/${id}/members`, university, {
      institutionId: college.id,
      role: 'institution',
      approverDid: college.key.controller,
    });
    expect([again.status, again.body.error.code]).toEqual([409, 'ALLIANCE_MEMBER_EXISTS']);
    const borrowed = await call('POST', `/v1/alliances/${id}/members`, university, {
      institutionId: platform.id,
      role: 'institution',
      approverDid: college.key.controller,
    });
    expect([borrowed.status, borrowed.body.error.code]).toEqual([409, 'APPROVER_DID_TAKEN']);
    const nobody = await call('POST', `/v1/alliances/${id}/members`, university, {
      institutionId: '00000000-0000-4000-8000-000000000000',
      role: 'institution',
      approverDid: college.key.controller,
    });
    expect([nobody.status, nobody.body.error.code]).toEqual([404, 'INSTITUTION_NOT_FOUND']);
    const webApprover = await call('POST', `/v1/alliances/${id}/members`, university, {
      institutionId: platform.id,
      role: 'institution',
      approverDid: platform.didWeb,
    });
    expect([webApprover.status, webApprover.body.error.code]).toEqual([400, 'INVALID_REQUEST_BODY']);

    for (const path of [`/v1/alliances/${id}`, `/v1/alliances/${id}/policies`, '/v1/alliances/not-a-uuid']) {
      const response = await call('GET', path, outsider);
      expect([response.status, response.body.error.code]).toEqual([404, 'ALLIANCE_NOT_FOUND']);
    }
    expect((await call('GET', '/v1/alliances', outsider)).body).toEqual([]);
    expect((await call('GET', '/v1/alliances', college)).body.map((a: { id: string }) => a.id)).toContain(id);
    expect((await call('GET', '/v1/alliances')).status).toBe(401);
  });
});

describe('policies', () => {
  let allianceId: string;

  beforeAll(async () => {
    allianceId = await alliance();
  });

  it('refuses an invalid policy, or one for another institution, and stores nothing', async () => {
    const before = [await count('policies'), await count('policy_versions')];
    const broken = {
      ...policyOf(university),
      rules: [{ ...policyOf(university).rules[0], gradeConversion: { mode: 'table', table: 'x' } }],
    };
    const invalid = await call('POST', `/v1/alliances/${allianceId}/policies`, university, { policy: broken });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error).toMatchObject({
      code: 'POLICY_INVALID',
      details: { violations: [{ path: '/rules/0/gradeConversion/table', message: 'must name a table of gradeConversions' }] },
    });
    const schema = await call('POST', `/v1/alliances/${allianceId}/policies`, university, { policy: { type: 'RecognitionPolicy' } });
    expect([schema.status, schema.body.error.code]).toEqual([422, 'POLICY_INVALID']);
    const foreign = await call('POST', `/v1/alliances/${allianceId}/policies`, college, { policy: policyOf(university) });
    expect([foreign.status, foreign.body.error.code]).toEqual([403, 'POLICY_FOREIGN_INSTITUTION']);
    const outside = await call('POST', `/v1/alliances/${allianceId}/policies`, outsider, { policy: policyOf(outsider) });
    expect([outside.status, outside.body.error.code]).toEqual([404, 'ALLIANCE_NOT_FOUND']);
    const bare = await call('POST', `/v1/alliances/${allianceId}/policies`, university, policyOf(university));
    expect([bare.status, bare.body.error.code]).toEqual([400, 'INVALID_REQUEST_BODY']);
    expect([await count('policies'), await count('policy_versions')]).toEqual(before);
  });

  it('is published at the k-th signed approval (2 of 3), signed, anchored and public; then it never changes', async () => {
    const proposed = await call('POST', `/v1/alliances/${allianceId}/policies`, university, { policy: policyOf(university) });
    expect(proposed.status).toBe(201);
    const policyId = proposed.body.id as string;
    const [draft] = proposed.body.versions;
    expect(draft).toMatchObject({ version: 1, state: 'proposed', approvals: [], publication: null });
    expect(draft.url).toBe(`${stack.issuerUrl}/v1/policies/${policyId}/versions/1`);
    const repeat = await call('POST', `/v1/alliances/${allianceId}/policies`, university, { policy: policyOf(university) });
    expect([repeat.status, repeat.body.error.code]).toEqual([409, 'POLICY_EXISTS']);
    expect((await call('GET', `/v1/policies/${policyId}/versions/1`)).status).toBe(404);

    const approve = (caller: TestInstitution, jws: string) =>
      call('POST', `/v1/policies/${policyId}/versions/1/approvals`, caller, { approval: jws });
    const refusals = [
      await approve(college, approval(college, draft.digest, draft.url, authority.key)),
      await approve(college, approval(college, digestMultibase('another text'), draft.url)),
      await approve(college, approval(college, draft.digest, `${stack.issuerUrl}/v1/policies/${policyId}/versions/2`)),
      await approve(college, 'not.a.jws'),
    ];
    expect(refusals.map((r) => [r.status, r.body.error.code, r.body.error.details.reason.code])).toEqual([
      [422, 'APPROVAL_INVALID', 'SIGNER_NOT_APPROVER'],
      [422, 'APPROVAL_INVALID', 'CHALLENGE_MISMATCH'],
      [422, 'APPROVAL_INVALID', 'DOMAIN_MISMATCH'],
      [422, 'APPROVAL_INVALID', 'PROOF_MALFORMED'],
    ]);
    const fromOutside = await approve(outsider, approval(outsider, draft.digest, draft.url));
    expect([fromOutside.status, fromOutside.body.error.code]).toEqual([404, 'POLICY_NOT_FOUND']);
    expect(await count('policy_approvals')).toBe(0);

    const first = await approve(college, approval(college, draft.digest, draft.url));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      state: 'proposed',
      approvals: [{ name: 'Example Vocational College', approverDid: college.key.controller }],
    });
    const twice = await approve(college, approval(college, draft.digest, draft.url));
    expect([twice.status, twice.body.error.code]).toEqual([409, 'POLICY_ALREADY_APPROVED']);

    const second = await approve(authority, approval(authority, draft.digest, draft.url));
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ state: 'published', digest: draft.digest });
    expect(second.body.approvals).toHaveLength(2);

    const served = await call('GET', `/v1/policies/${policyId}/versions/1`);
    expect(served.status).toBe(200);
    expect(served.body).toMatchObject({
      state: 'published',
      receivingInstitution: { didWeb: university.didWeb, did: university.did },
      alliance: { id: allianceId, requiredApprovals: 2 },
    });
    const { publication } = served.body;
    expect(publication).toMatchObject({
      issuer: university.didWeb,
      credentialSubject: { id: draft.url },
      relatedResource: [{ id: `${draft.url}/document`, digestMultibase: draft.digest, mediaType: 'application/json' }],
    });
    const verified = await verifyDataIntegrityCredential(publication, stackVerifiers());
    expect(verified).toMatchObject({ status: 'valid', signer: university.didWeb });
    const text = await call('GET', `/v1/policies/${policyId}/versions/1/document`);
    expect(digestMultibase(text.text)).toBe(draft.digest);
    expect(JSON.parse(text.text)).toEqual(policyOf(university));

    const pageResponse = await call('GET', `/policies/${policyId}/versions/1`);
    expect(pageResponse.status).toBe(200);
    expect(pageResponse.headers.get('content-type')).toMatch(/^text\/html/);
    expect(pageResponse.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(pageResponse.text).toContain('BSc Computer Science &lt;b&gt;&amp; friends&lt;/b&gt;');
    expect(pageResponse.text).not.toContain('<b>&');
    expect(pageResponse.text).toContain('COLLEGE-PROGRAMMING');
    expect(pageResponse.text).toContain('Example Education Authority');
    expect(pageResponse.text).not.toMatch(
      /<(script|link|img)\b|src=|https?:\/\/(?!localhost|university\.example|college\.example|data\.europa\.eu|w3id\.org)/,
    );

    const changed = policyOf(university);
    changed.caps.total = 100;
    const put = await call('PUT', `/v1/policies/${policyId}/versions/1`, university, { policy: changed });
    expect([put.status, put.body.error.code]).toEqual([409, 'POLICY_PUBLISHED']);
    const late = await approve(university, approval(university, draft.digest, draft.url));
    expect([late.status, late.body.error.code]).toEqual([409, 'POLICY_PUBLISHED']);
    await expect(db.query(`UPDATE policy_versions SET document = '{}' WHERE policy_id = $1`, [policyId])).rejects.toThrow(/published/);
    expect((await call('GET', `/v1/policies/${policyId}/versions/1/document`)).text).toBe(text.text);

    const anchored = await eventually(async () => (await call('GET', `/v1/policies/${policyId}/versions/1`)).body.anchorReceipt);
    expect(anchored.leaf).toBe(signedHashOf({ format: 'ldp_vc', bytes: JSON.stringify(publication) }));
    const tab = await browser.newPage();
    const violations: string[] = [];
    tab.on('console', (message) => message.type() === 'error' && violations.push(message.text()));
    try {
      await tab.goto(`${stack.issuerUrl}/policies/${policyId}/versions/1`);
      expect(await tab.textContent('#title')).toBe('BSc Computer Science <b>& friends</b>: recognition policy, version 1');
      expect(await tab.textContent('#publication')).toContain(`Anchored in block ${anchored.blockNumber}`);
      expect(await tab.$$eval('tr[data-rule]', (rows) => rows.map((row) => row.getAttribute('data-rule')))).toEqual([
        'MOOC-DB',
        'COLLEGE-PROGRAMMING',
        'CLOUD-CERTIFICATE',
        'COMPUTING-ELECTIVE',
      ]);
      expect(await tab.$$eval('tr[data-approval]', (rows) => rows.length)).toBe(2);
      await tab.screenshot({ path: `${ARTIFACTS}policy-page.png`, fullPage: true });
      expect(violations).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it('changes by new versions; a proposed version may be replaced, and approvals of its old text stop counting', async () => {
    const proposed = await call('POST', `/v1/alliances/${allianceId}/policies`, university, {
      policy: { ...policyOf(university), programme: { id: 'https://university.example/programmes/msc', name: 'MSc', totalCredits: 120 } },
    });
    const policyId = proposed.body.id as string;
    const base = proposed.body.versions[0].policy as RecognitionPolicy;
    const draft = proposed.body.versions[0];
    expect(
      (
        await call('POST', `/v1/policies/${policyId}/versions/1/approvals`, college, {
          approval: approval(college, draft.digest, draft.url),
        })
      ).status,
    ).toBe(201);

    const notOwner = await call('PUT', `/v1/policies/${policyId}/versions/1`, college, { policy: base });
    expect([notOwner.status, notOwner.body.error.code]).toEqual([403, 'POLICY_PROPOSER_ONLY']);
    const otherProgramme = await call('PUT', `/v1/policies/${policyId}/versions/1`, university, { policy: policyOf(university) });
    expect(otherProgramme.body.error).toMatchObject({ code: 'POLICY_INVALID', details: { violations: [{ path: '/programme/id' }] } });
    const replaced = await call('PUT', `/v1/policies/${policyId}/versions/1`, university, { policy: { ...base, residencyMinimum: 30 } });
    expect(replaced.status).toBe(200);
    expect(replaced.body.digest).not.toBe(draft.digest);
    expect(replaced.body.approvals).toEqual([]);
    const stale = await call('POST', `/v1/policies/${policyId}/versions/1/approvals`, authority, {
      approval: approval(authority, draft.digest, draft.url),
    });
    expect([stale.status, stale.body.error.details.reason.code]).toEqual([422, 'CHALLENGE_MISMATCH']);

    const second = await call('POST', `/v1/policies/${policyId}/versions`, university, { policy: { ...base, recencyYears: 5 } });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ version: 2, state: 'proposed' });
    const listed = await call('GET', `/v1/alliances/${allianceId}/policies`, authority);
    expect(listed.body.find((p: { id: string }) => p.id === policyId).versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    for (const [method, path] of [
      ['GET', `/v1/policies/${policyId}`],
      ['POST', `/v1/policies/${policyId}/versions`],
      ['PUT', `/v1/policies/${policyId}/versions/1`],
    ] as const) {
      const response = await call(method, path, outsider, method === 'GET' ? undefined : { policy: policyOf(outsider) });
      expect([response.status, response.body.error.code]).toEqual([404, 'POLICY_NOT_FOUND']);
    }
    const badVersion = await call('GET', `/v1/policies/${policyId}/versions/x`);
    expect([badVersion.status, badVersion.body.error.code]).toEqual([400, 'INVALID_PARAMETER']);
  });
});

describe('an interrupted publication', () => {
  it('is finished when a member sends its approval again', async () => {
    const founded = await call('POST', '/v1/alliances', college, {
      name: 'College Alliance',
      requiredApprovals: 1,
      role: 'institution',
      approverDid: college.key.controller,
    });
    const proposed = await call('POST', `/v1/alliances/${founded.body.id}/policies`, college, { policy: policyOf(college, 'Diploma') });
    const [draft] = proposed.body.versions;
    const jws = approval(college, draft.digest, draft.url);
    // The approval committed, then the process stopped before it signed the publication.
    await db.query(
      `INSERT INTO policy_approvals (policy_version_id, institution_id, digest, approver_did, approval)
       SELECT id, $2, digest, $3, $4 FROM policy_versions WHERE policy_id = $1`,
      [proposed.body.id, college.id, college.key.controller, jws],
    );
    const again = await call('POST', `/v1/policies/${proposed.body.id}/versions/1/approvals`, college, { approval: jws });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ state: 'published', approvals: [{ institutionId: college.id }] });
    expect(again.body.publication.issuer).toBe(college.didWeb);
  });
});

/** Polls until the value is there, mining a block each time: the chain mines only on demand, and the worker waits for confirmations. */
async function eventually<T>(read: () => Promise<T | null | undefined>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await provider.send('evm_mine', []);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
