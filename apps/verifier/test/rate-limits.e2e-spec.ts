import { httpRequest } from '../../../test/http-request.js';
import { startTestStack, type TestStack } from '../../../test/stack.js';

const LIMIT = 3;
const WINDOW_SECONDS = 60;
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({}, { VERIFIER_RATE_LIMIT: String(LIMIT), VERIFIER_RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS) });
});

afterAll(() => stack.close());

const json = (body: unknown) => ({ headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const ENDPOINTS: [string, RequestInit][] = [
  ['/credentials/verify', json({ verifiableCredential: 'not-a-jwt' })],
  ['/presentations/verify', json({ verifiablePresentation: 'not-a-jwt' })],
  ['/challenges', json({ domain: 'admissions.school.example' })],
  ['/links', json({ verifiableCredential: 'not-a-jwt' })],
  ['/presentation-requests', json({})],
  ['/openid4vp/responses/unknown', json({ vp_token: '{}' })],
  ['/exchanges/unknown', json({})],
  ['/check', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'credential=not-a-jwt' }],
];

it.each(ENDPOINTS)(
  `lets a client POST %s ${LIMIT} times a window, then answers 429 RATE_LIMITED with Retry-After`,
  async (urlPath, init) => {
    const post = (headers: Record<string, string> = {}) =>
      httpRequest(`${stack.verifierUrl}${urlPath}`, {
        ...init,
        method: 'POST',
        headers: { ...(init.headers as Record<string, string>), ...headers },
      });
    for (let attempt = 0; attempt < LIMIT; attempt++) expect((await post()).status).not.toBe(429);
    const limited = await post();
    expect({ status: limited.status, code: limited.body?.error?.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    // Without TRUST_PROXY, a client cannot name itself another address to get a fresh allowance.
    expect((await post({ 'X-Forwarded-For': '203.0.113.9' })).status).toBe(429);
  },
);

it('reads pages, links and health freely', async () => {
  for (let attempt = 0; attempt < LIMIT * 3; attempt++) {
    expect((await httpRequest(`${stack.verifierUrl}/health`)).status).toBe(200);
    expect((await httpRequest(`${stack.verifierUrl}/`)).status).toBe(200);
  }
});
