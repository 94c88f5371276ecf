import { EXAMPLE_FACTS } from '../../../scripts/example-facts.js';
import { httpRequest } from '../../../test/http-request.js';
import { createInstitution, type TestInstitution } from '../../../test/factories/index.js';
import { postJson, startTestStack, type TestStack } from '../../../test/stack.js';

const WINDOW_SECONDS = 2;
let stack: TestStack;
let institution: TestInstitution;

beforeAll(async () => {
  stack = await startTestStack(
    // The issuer sits behind a proxy on loopback, which names each client in X-Forwarded-For.
    {
      AUTH_FAILURE_LIMIT: '3',
      AUTH_FAILURE_WINDOW_SECONDS: String(WINDOW_SECONDS),
      TOKEN_RATE_LIMIT: '3',
      TOKEN_RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS),
      TRUST_PROXY: 'loopback',
    },
    { VERIFIER_RATE_LIMIT: '2' },
  );
  institution = await createInstitution(stack);
});

afterAll(() => stack.close());

const asClient = (address: string, authorization: string) => ({ 'X-Forwarded-For': address, Authorization: `Bearer ${authorization}` });
const listCredentials = (headers: Record<string, string>) => httpRequest(`${stack.issuerUrl}/v1/credentials`, { headers });
const listInstitutions = (headers: Record<string, string>) => httpRequest(`${stack.issuerUrl}/v1/admin/institutions`, { headers });

function expectRateLimited(response: { status: number; headers: Headers; body: any }) {
  expect({ status: response.status, code: response.body?.error?.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
  expect(response.body.error.message).toMatch(/try again in \d+ s/);
}

describe('failed authentication', () => {
  it('refuses a client that sent too many wrong API keys, even with the right key, until the window has passed', async () => {
    const wrong = institution.apiKey.slice(0, -4) + 'AAAA';
    for (let attempt = 0; attempt < 3; attempt++)
      expect((await listCredentials(asClient('203.0.113.7', wrong))).body.error.code).toBe('API_KEY_INVALID');
    expectRateLimited(await listCredentials(asClient('203.0.113.7', wrong)));
    expectRateLimited(await listCredentials(asClient('203.0.113.7', institution.apiKey)));
    // Another client behind the same proxy is not affected.
    expect((await listCredentials(asClient('203.0.113.8', institution.apiKey))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, WINDOW_SECONDS * 1000 + 200));
    expect((await listCredentials(asClient('203.0.113.7', institution.apiKey))).status).toBe(200);
  });

  it('counts wrong admin tokens the same way, and successful or missing credentials not at all', async () => {
    for (let attempt = 0; attempt < 5; attempt++)
      expect((await listInstitutions(asClient('198.51.100.1', stack.adminToken))).status).toBe(200);
    for (let attempt = 0; attempt < 5; attempt++)
      expect((await listInstitutions({ 'X-Forwarded-For': '198.51.100.1' })).body.error.code).toBe('ADMIN_TOKEN_REQUIRED');
    for (let attempt = 0; attempt < 3; attempt++)
      expect((await listInstitutions(asClient('198.51.100.1', 'x'.repeat(40)))).body.error.code).toBe('ADMIN_TOKEN_INVALID');
    expect((await listInstitutions(asClient('198.51.100.1', stack.adminToken))).status).toBe(200);
    expectRateLimited(await listInstitutions(asClient('198.51.100.1', 'x'.repeat(40))));
    expectRateLimited(await listInstitutions(asClient('198.51.100.1', stack.adminToken)));
  });
});

describe("the verifier's limit on links", () => {
  it('answers 503 VERIFIER_UNAVAILABLE, to try again, when the verifier limits this issuer', async () => {
    const auth = asClient('192.0.2.10', institution.apiKey);
    const statuses: number[] = [];
    let last: { status: number; body: any } | undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      const issued = await postJson(`${stack.issuerUrl}/v1/credentials`, { ...EXAMPLE_FACTS.course, format: 'vc-jwt' }, auth);
      last = await postJson(`${stack.issuerUrl}/v1/credentials/${encodeURIComponent(issued.body.id)}/verification-link`, {}, auth);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([201, 201, 503]);
    expect(last?.body.error).toMatchObject({ code: 'VERIFIER_UNAVAILABLE', message: expect.stringContaining('rate limited') });
  });
});

describe('the OpenID4VCI token endpoint', () => {
  it('limits token requests per client (a pre-authorized code is a bearer secret), in OAuth terms', async () => {
    const { body: institutionView } = await httpRequest(`${stack.issuerUrl}/v1/admin/institutions/${institution.id}`, {
      headers: { Authorization: `Bearer ${stack.adminToken}` },
    });
    const token = (address: string) =>
      httpRequest(`${stack.issuerUrl}/institutions/${institutionView.slug}/token`, {
        method: 'POST',
        headers: { 'X-Forwarded-For': address, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Apre-authorized_code&pre-authorized_code=guess',
      });
    for (let attempt = 0; attempt < 3; attempt++) expect((await token('203.0.113.20')).body.error).toBe('invalid_grant');
    const limited = await token('203.0.113.20');
    expect([limited.status, limited.body.error]).toEqual([429, 'invalid_request']);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await token('203.0.113.21')).body.error).toBe('invalid_grant');
  });
});
