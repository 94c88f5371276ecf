import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXAMPLE_FACTS } from '../../../scripts/example-facts.js';
import { httpRequest, nestedValue } from '../../../test/http-request.js';
import {
  authOf,
  createInstitution,
  credentialFacts,
  type TestInstitution,
  unsignedCredential as unsignedCredentialOf,
} from '../../../test/factories/index.js';
import { postJson, startTestStack, type TestStack } from '../../../test/stack.js';

let stack: TestStack;
let institution: TestInstitution;

beforeAll(async () => {
  stack = await startTestStack();
  institution = await createInstitution(stack);
});

afterAll(() => stack.close());

const auth = () => authOf(institution);

/** Credentials and the status indexes allocated to them: a refused request adds to neither. */
async function storedCredentials(): Promise<number> {
  return (
    await stack.database.query('SELECT ((SELECT count(*) FROM issued_credentials) + (SELECT count(*) FROM credential_statuses))::int AS n')
  ).rows[0].n as number;
}

/** Every bad request: the expected status and code, and nothing stored. */
async function expectRefused(request: Promise<{ status: number; body: any }>, status: number, code: string) {
  const before = await storedCredentials();
  const response = await request;
  expect({ status: response.status, code: response.body?.error?.code }).toEqual({ status, code });
  expect(typeof response.body.error.message).toBe('string');
  expect(await storedCredentials()).toBe(before);
  return response.body;
}

const facts = (overrides: Record<string, unknown>) => ({ ...credentialFacts(), ...overrides });
const issueFacts = (body: unknown, headers: Record<string, string> = auth()) =>
  postJson(`${stack.issuerUrl}/v1/credentials`, body, headers);
const issueVcApi = (body: unknown) => postJson(`${stack.issuerUrl}/credentials/issue`, body, auth());
/** A VCDM 1.1 course credential as a VC-API client would send it, to be signed as a VC-JWT. */
const unsignedCredential = () => unsignedCredentialOf(stack, institution);

describe('authentication', () => {
  it('refuses a request without an API key', () => expectRefused(issueFacts(EXAMPLE_FACTS.course, {}), 401, 'API_KEY_REQUIRED'));

  it('refuses a wrong API key', async () => {
    const wrong = institution.apiKey.slice(0, -4) + 'AAAA';
    await expectRefused(issueFacts(EXAMPLE_FACTS.course, { Authorization: `Bearer ${wrong}` }), 401, 'API_KEY_INVALID');
    await expectRefused(issueFacts(EXAMPLE_FACTS.course, { 'X-API-Key': 'not-a-key' }), 401, 'API_KEY_INVALID');
  });

  it('refuses the admin API without the admin token, or with an API key', async () => {
    await expectRefused(
      postJson(`${stack.issuerUrl}/v1/admin/institutions`, { name: 'X', url: 'https://x.example' }),
      401,
      'ADMIN_TOKEN_REQUIRED',
    );
    await expectRefused(
      postJson(`${stack.issuerUrl}/v1/admin/institutions`, { name: 'X', url: 'https://x.example' }, auth()),
      401,
      'ADMIN_TOKEN_INVALID',
    );
  });
});

describe('the facts endpoint', () => {
  it('refuses malformed JSON', () => expectRefused(issueFacts('{"kind": "course",'), 400, 'MALFORMED_JSON'));

  it('refuses a missing body', () =>
    expectRefused(
      fetch(`${stack.issuerUrl}/v1/credentials`, { method: 'POST', headers: auth() }).then(async (r) => ({
        status: r.status,
        body: await r.json(),
      })),
      400,
      'MISSING_REQUEST_BODY',
    ));

  it('refuses an oversized body', () =>
    expectRefused(issueFacts(facts({ padding: 'x'.repeat(stack.issuerConfig.maxBodyBytes) })), 413, 'PAYLOAD_TOO_LARGE'));

  it('refuses an unknown kind', async () => {
    const body = await expectRefused(issueFacts(facts({ kind: 'diploma-mill' })), 400, 'INVALID_REQUEST_BODY');
    expect(body.error.details.violations.length).toBeGreaterThan(0);
  });

  it('refuses missing fields and says which', async () => {
    const { achievement: _gone, ...withoutAchievement } = structuredClone(EXAMPLE_FACTS.course);
    const body = await expectRefused(issueFacts(withoutAchievement), 400, 'INVALID_REQUEST_BODY');
    expect(JSON.stringify(body.error.details.violations)).toContain('achievement');
  });

  it('refuses ill-typed fields', () => expectRefused(issueFacts(facts({ learner: { email: 42 } })), 400, 'INVALID_REQUEST_BODY'));

  it('refuses an unknown property', () =>
    expectRefused(
      issueFacts(facts({ holder: 'did:ethr:0x7a69:0x0000000000000000000000000000000000000001' })),
      400,
      'INVALID_REQUEST_BODY',
    ));

  it('refuses negative credits', () =>
    expectRefused(
      issueFacts({ ...structuredClone(EXAMPLE_FACTS.credit), credits: { amount: -3, unit: 'ECTS' } }),
      400,
      'INVALID_REQUEST_BODY',
    ));
});

describe('the VC-API issue endpoint', () => {
  it('refuses a request without a credential', () => expectRefused(issueVcApi({ options: {} }), 400, 'INVALID_REQUEST_BODY'));

  it('refuses a credential that already has a proof', async () =>
    expectRefused(
      issueVcApi({ credential: { ...(await unsignedCredential()), proof: { type: 'Ed25519Signature2020' } } }),
      400,
      'PROOF_NOT_ALLOWED',
    ));

  it('refuses a client-chosen status entry: the issuer allocates it', async () =>
    expectRefused(
      issueVcApi({
        credential: {
          ...(await unsignedCredential()),
          credentialStatus: { id: 'https://x.example/list#1', type: 'BitstringStatusListEntry' },
        },
      }),
      400,
      'CREDENTIAL_STATUS_NOT_ALLOWED',
    ));

  it('refuses a client-chosen refresh service', async () =>
    expectRefused(
      issueVcApi({ credential: { ...(await unsignedCredential()), refreshService: { id: 'https://x.example/p', type: 'X' } } }),
      400,
      'REFRESH_SERVICE_NOT_ALLOWED',
    ));

  it.each(['vc', 'iss', 'sub', 'aud', 'jti', 'nbf', 'exp', 'iat', 'context'])(
    'refuses the member %s, which the VC-JWT encoding reserves',
    async (member) =>
      expectRefused(
        issueVcApi({ credential: { ...(await unsignedCredential()), [member]: member === 'vc' ? 1 : 'x' } }),
        400,
        'RESERVED_MEMBER_NOT_ALLOWED',
      ),
  );

  it('refuses an issuanceDate that is not a date-time string, rather than replacing it', async () => {
    for (const issuanceDate of [1e308, ['2026-01-01T00:00:00Z'], null]) {
      const body = await expectRefused(
        issueVcApi({ credential: { ...(await unsignedCredential()), issuanceDate } }),
        422,
        'CREDENTIAL_SCHEMA_INVALID',
      );
      expect(JSON.stringify(body.error.details.violations)).toContain('/issuanceDate');
    }
  });

  it("refuses a credential that fails its kind's schema, listing the violations", async () => {
    const credential = await unsignedCredential();
    delete credential.credentialSubject.achievement.name;
    const body = await expectRefused(issueVcApi({ credential }), 422, 'CREDENTIAL_SCHEMA_INVALID');
    expect(JSON.stringify(body.error.details.violations)).toContain('achievement');
  });

  // W3C VCDM 1.1 test suite negative inputs (../shared/vectors/vcdm11-suite-inputs, BSD-3-Clause),
  // copied under test/fixtures/vcdm11-bad with their source noted there.
  const fixtures = fileURLToPath(new URL('./fixtures/vcdm11-bad', import.meta.url));
  it.each(readdirSync(fixtures).filter((f) => f.endsWith('.jsonld')))('refuses the W3C negative input %s with a 4xx', async (file) => {
    const { id: _id, ...credential } = JSON.parse(readFileSync(path.join(fixtures, file), 'utf8'));
    const before = await storedCredentials();
    const response = await issueVcApi({ credential });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.body.error.code).toMatch(/^[A-Z_]+$/);
    expect(await storedCredentials()).toBe(before);
  });
});

describe('malformed URLs', () => {
  const get = (urlPath: string, headers: Record<string, string> = auth()) => httpRequest(`${stack.issuerUrl}${urlPath}`, { headers });

  it.each(['%ff', '%C0%AF', '%', '%E2%82', 'a%zz'])(
    'refuses percent-encoding that is not UTF-8 (%s) in every path parameter',
    async (bad) => {
      const admin = { Authorization: `Bearer ${stack.adminToken}` };
      for (const [urlPath, headers] of [
        [`/v1/credentials/${bad}`, auth()],
        [`/v1/anchors/credentials/${bad}`, {}],
        [`/v1/anchors/credentials/${bad}/package`, {}],
        [`/v1/anchors/leaves/${bad}`, {}],
        [`/v1/status-lists/${bad}`, {}],
        [`/v1/status-lists/${bad}/versions`, {}],
        [`/v1/status-lists/00000000-0000-4000-8000-000000000000/versions/${bad}`, {}],
        [`/v1/admin/institutions/${bad}`, admin],
        [`/${bad}`, {}],
      ] as const) {
        const response = await get(urlPath, headers);
        expect({ urlPath, status: response.status, code: response.body?.error?.code }).toEqual({
          urlPath,
          status: 400,
          code: 'MALFORMED_URL',
        });
      }
      await expectRefused(postJson(`${stack.issuerUrl}/v1/credentials/${bad}/verification-link`, {}, auth()), 400, 'MALFORMED_URL');
      await expectRefused(postJson(`${stack.issuerUrl}/v1/admin/institutions/${bad}/api-keys`, {}, admin), 400, 'MALFORMED_URL');
    },
  );

  it('refuses a NUL character in a path id before it reaches Postgres', async () => {
    for (const urlPath of [
      '/v1/anchors/credentials/%00',
      '/v1/anchors/credentials/a%00b/package',
      '/v1/credentials/urn%3Auuid%3A%00',
      '/v1/status-lists/%00',
    ]) {
      const response = await get(urlPath);
      expect({ urlPath, status: response.status, code: response.body?.error?.code }).toEqual({
        urlPath,
        status: 400,
        code: 'INVALID_CHARACTER',
      });
    }
    expect((await get('/v1/credentials?limit=%00')).body.error.code).toBe('INVALID_CHARACTER');
  });
});

describe('request bodies the parser cannot read', () => {
  const body = JSON.stringify(EXAMPLE_FACTS.course);
  const send = (headers: Record<string, string>, sent: string | Buffer = body) =>
    httpRequest(`${stack.issuerUrl}/v1/credentials`, {
      method: 'POST',
      headers: { ...auth(), 'Content-Type': 'application/json', ...headers },
      body: sent,
    });

  it('refuses a charset other than UTF-8', () =>
    expectRefused(send({ 'Content-Type': 'application/json; charset=latin1' }), 415, 'UNSUPPORTED_CHARSET'));

  it('refuses an unknown Content-Encoding', () => expectRefused(send({ 'Content-Encoding': 'foo' }), 415, 'UNSUPPORTED_CONTENT_ENCODING'));

  it('refuses a body that does not decode as its Content-Encoding says', async () => {
    await expectRefused(send({ 'Content-Encoding': 'gzip' }), 400, 'UNREADABLE_BODY');
    await expectRefused(send({ 'Content-Encoding': 'deflate' }), 400, 'UNREADABLE_BODY');
  });

  it('refuses a NUL character in any stored string', async () => {
    const admin = { Authorization: `Bearer ${stack.adminToken}` };
    await expectRefused(
      postJson(`${stack.issuerUrl}/v1/admin/institutions`, { name: 'Null\u0000 University', url: 'https://x.example' }, admin),
      400,
      'INVALID_CHARACTER',
    );
    await expectRefused(
      postJson(`${stack.issuerUrl}/v1/admin/institutions/${institution.id}/api-keys`, { label: 'a\u0000' }, admin),
      400,
      'INVALID_CHARACTER',
    );
    const status = {
      credentialId: 'urn:uuid:\u0000',
      credentialStatus: [{ type: 'BitstringStatusListCredential', status: 'revoked' }],
      reason: 'x',
    };
    await expectRefused(postJson(`${stack.issuerUrl}/credentials/status`, status, auth()), 400, 'INVALID_CHARACTER');
    await expectRefused(issueFacts(facts({ name: 'Databases\u0000' })), 400, 'INVALID_CHARACTER');
    await expectRefused(issueFacts(facts({ learner: { studentNumber: 'S\u0000' } })), 400, 'INVALID_CHARACTER');
    await expectRefused(issueFacts({ ...facts({}), ['kind\u0000']: 'course' }), 400, 'INVALID_CHARACTER');
  });

  it('refuses a body nested deeper than any credential is, before signing overflows the stack', async () => {
    const issued = await issueFacts(EXAMPLE_FACTS.course);
    const {
      id: _id,
      issuanceDate: _date,
      proof: _proof,
      credentialStatus: _status,
      refreshService: _refresh,
      ...credential
    } = issued.body.verifiableCredential;
    await expectRefused(issueVcApi({ credential: { ...credential, extra: nestedValue(4000) } }), 400, 'JSON_TOO_DEEP');
    await expectRefused(
      issueVcApi({ credential: { ...credential, extra: JSON.parse('['.repeat(4000) + ']'.repeat(4000)) } }),
      400,
      'JSON_TOO_DEEP',
    );
  });
});

describe('dates beyond what a VC-JWT can carry', () => {
  it("refuses a validUntil past the JWT library's range on the facts endpoint", async () => {
    const body = await expectRefused(issueFacts(facts({ validUntil: '9999-12-31T23:59:59Z' })), 400, 'INVALID_REQUEST_BODY');
    expect(body.error.details.violations).toEqual([expect.objectContaining({ path: '/validUntil' })]);
  });

  it('refuses such dates as the VC-API issuanceDate or expirationDate', async () => {
    const credential = await unsignedCredential();
    const refused = await expectRefused(
      issueVcApi({ credential: { ...credential, issuanceDate: '9999-12-31T23:59:59Z' } }),
      422,
      'CREDENTIAL_SCHEMA_INVALID',
    );
    expect(JSON.stringify(refused.error.details.violations)).toContain('/issuanceDate');
    await expectRefused(
      issueVcApi({ credential: { ...credential, expirationDate: '9999-12-31T23:59:59Z' } }),
      422,
      'CREDENTIAL_SCHEMA_INVALID',
    );
  });
});

describe("what the issuer's own verifier would reject is never signed", () => {
  const withSubject = (credential: Record<string, any>, subject: Record<string, unknown>) => ({
    ...credential,
    credentialSubject: { ...credential.credentialSubject, ...subject },
  });
  const withAchievement = (credential: Record<string, any>, achievement: Record<string, unknown>) =>
    withSubject(credential, { achievement: { ...credential.credentialSubject.achievement, ...achievement } });

  it('refuses a VC-API issuanceDate at or before the floor (the epoch becomes a JWT nbf of 0, which decoders drop)', async () => {
    const credential = await unsignedCredential();
    for (const issuanceDate of ['1970-01-01T00:00:00Z', '1969-07-20T20:17:00Z']) {
      const body = await expectRefused(issueVcApi({ credential: { ...credential, issuanceDate } }), 422, 'CREDENTIAL_SCHEMA_INVALID');
      expect(body.error.details.violations).toEqual([expect.objectContaining({ path: '/issuanceDate' })]);
    }
  });

  it('refuses an inverted validFrom/validUntil', async () => {
    const credential = await unsignedCredential();
    const body = await expectRefused(
      issueVcApi({ credential: { ...credential, validFrom: '2030-01-01T00:00:00Z', validUntil: '2029-01-01T00:00:00Z' } }),
      422,
      'CREDENTIAL_SCHEMA_INVALID',
    );
    expect(body.error.details.violations).toEqual([expect.objectContaining({ path: '/validUntil' })]);
  });

  it('refuses a start date after the end date', async () => {
    const later = { activityStartDate: '2026-07-01T00:00:00Z', activityEndDate: '2026-06-15T00:00:00Z' };
    const body = await expectRefused(issueFacts(facts(later)), 400, 'INVALID_REQUEST_BODY');
    expect(body.error.details.violations).toEqual([expect.objectContaining({ path: '/activityEndDate' })]);
    await expectRefused(issueVcApi({ credential: withSubject(await unsignedCredential(), later) }), 422, 'CREDENTIAL_SCHEMA_INVALID');
  });

  it.each([
    ['blank', '   '],
    ['with a right-to-left override', 'Introduction to \u202eDatabases'],
    ['with a bidirectional isolate', 'Introduction to \u2067Databases'],
    ['with a lone surrogate', 'Introduction to \ud800Databases'],
    ['with a control character', 'Introduction to\u0007 Databases'],
  ])('refuses a name that is %s', async (_why, name) => {
    const body = await expectRefused(
      issueFacts(facts({ achievement: { ...EXAMPLE_FACTS.course.achievement, name } })),
      400,
      'INVALID_REQUEST_BODY',
    );
    expect(body.error.details.violations).toEqual([expect.objectContaining({ path: '/achievement/name' })]);
    await expectRefused(issueFacts(facts({ name })), 400, 'INVALID_REQUEST_BODY');
    await expectRefused(
      issueVcApi({ credential: withAchievement(await unsignedCredential(), { name }) }),
      422,
      'CREDENTIAL_SCHEMA_INVALID',
    );
    await expectRefused(issueVcApi({ credential: { ...(await unsignedCredential()), name } }), 422, 'CREDENTIAL_SCHEMA_INVALID');
  });

  it('refuses such text anywhere in a VC-API credential, and an institution name the credentials would carry', async () => {
    const credential = await unsignedCredential();
    await expectRefused(
      issueVcApi({ credential: withAchievement(credential, { description: 'Relational \u202emodelling' }) }),
      422,
      'CREDENTIAL_SCHEMA_INVALID',
    );
    const admin = { Authorization: `Bearer ${stack.adminToken}` };
    await expectRefused(
      postJson(`${stack.issuerUrl}/v1/admin/institutions`, { name: ' ', url: 'https://x.example' }, admin),
      400,
      'INVALID_REQUEST_BODY',
    );
    await expectRefused(
      postJson(`${stack.issuerUrl}/v1/admin/institutions`, { name: 'Evil \u202eUniversity', url: 'https://x.example' }, admin),
      400,
      'INVALID_REQUEST_BODY',
    );
  });

  it.each(['javascript:alert(1)', 'data:text/html,hi', 'ftp://example.edu/course', 'file:///etc/passwd'])(
    'refuses the achievement id %s',
    async (id) => {
      const body = await expectRefused(
        issueFacts(facts({ achievement: { ...EXAMPLE_FACTS.course.achievement, id } })),
        400,
        'INVALID_REQUEST_BODY',
      );
      expect(body.error.details.violations).toEqual([expect.objectContaining({ path: '/achievement/id' })]);
      await expectRefused(
        issueVcApi({ credential: withAchievement(await unsignedCredential(), { id }) }),
        422,
        'CREDENTIAL_SCHEMA_INVALID',
      );
    },
  );

  it.each(['did:x:y', 'did:example:123', 'did:ethr:0x1234', 'did:key:abc', 'did:web:exa mple.com'])(
    'refuses the learner DID %s, not one of a method the verifier resolves',
    async (did) => {
      const body = await expectRefused(issueFacts(facts({ learner: { did } })), 400, 'INVALID_REQUEST_BODY');
      expect(body.error.details.violations).toEqual([expect.objectContaining({ path: '/learner/did' })]);
      const { identifier: _identifier, ...subject } = (await unsignedCredential()).credentialSubject;
      await expectRefused(
        issueVcApi({ credential: { ...(await unsignedCredential()), credentialSubject: { ...subject, id: did } } }),
        422,
        'CREDENTIAL_SCHEMA_INVALID',
      );
    },
  );

  it('accepts learner DIDs of every method the verifier resolves', async () => {
    for (const did of [
      'did:ethr:0x7a69:0x5B38Da6a701c568545dCfcB03FcB875f56beddC4',
      'did:ethr:sepolia:0x02b97c30de767f084ce3080168ee293053ba33b235d7116a3263d29f1450936b71',
      'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
      'did:jwk:eyJjcnYiOiJQLTI1NiIsImt0eSI6IkVDIiwieCI6ImFjYklRaXVNczNpOF91c3pFakoydHBUdFJNNEVVM3l6OTFQSDZDZEgyVjAiLCJ5IjoiX0tjeUxqOXZXTXB0bm1LdG00NkdxRHo4d2Y3NEk1TEtncmwyR3pIM25TRSJ9',
      'did:web:example.edu',
      'did:web:example.edu%3A8443:learners:ada',
    ]) {
      const response = await issueFacts(facts({ learner: { did } }));
      expect({ did, status: response.status }).toEqual({ did, status: 201 });
    }
  });

  it('refuses a credential whose signed JWT would be larger than the cap, well below what verifiers accept', async () => {
    const credential = withAchievement(await unsignedCredential(), { description: 'x'.repeat(100_000) });
    const body = await expectRefused(issueVcApi({ credential }), 422, 'CREDENTIAL_TOO_LARGE');
    expect(body.error.message).toMatch(/65536 bytes/);
  });

  it('refuses a credential that would be outside its validity period the moment it is signed', async () => {
    const credential = await unsignedCredential();
    const expired = { ...credential, issuanceDate: '2001-01-01T00:00:00Z', expirationDate: '2002-01-01T00:00:00Z' };
    await expectRefused(issueVcApi({ credential: expired }), 422, 'CREDENTIAL_OUTSIDE_VALIDITY_PERIOD');
    await expectRefused(
      issueVcApi({ credential: { ...credential, issuanceDate: '2099-01-01T00:00:00Z' } }),
      422,
      'CREDENTIAL_OUTSIDE_VALIDITY_PERIOD',
    );
    await expectRefused(
      issueVcApi({ credential: { ...credential, validUntil: '2002-01-01T00:00:00Z' } }),
      422,
      'CREDENTIAL_OUTSIDE_VALIDITY_PERIOD',
    );
  });

  it('signs what it accepts so that its own verifier verifies it', async () => {
    const credential = await unsignedCredential();
    const issued = await issueVcApi({
      credential: { ...credential, issuanceDate: '2001-01-01T00:00:00Z', validFrom: '2001-01-01T00:00:00Z' },
    });
    expect(issued.status).toBe(201);
    const report = await postJson(`${stack.verifierUrl}/credentials/verify`, { verifiableCredential: issued.body.verifiableCredential });
    expect(report.body.checks.filter((check: { status: string }) => check.status === 'invalid')).toEqual([]);
  });
});
