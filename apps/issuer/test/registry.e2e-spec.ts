import { createInstitution, requestCredential, selfSignedCredential, type TestInstitution } from '../../../test/factories/index.js';
import { postJson, startTestStack, type TestStack } from '../../../test/stack.js';

let stack: TestStack;
const institutions: TestInstitution[] = [];

beforeAll(async () => {
  // Pages of two, so five institutions make three pages.
  stack = await startTestStack({ REGISTRY_PAGE_SIZE: '2' });
  for (const n of [1, 2, 3, 4, 5]) institutions.push(await createInstitution(stack, { name: `University ${n}` }));
});

afterAll(() => stack.close());

const getJson = async (url: string, headers: Record<string, string> = {}) => {
  const response = await fetch(url, { headers });
  return { status: response.status, body: (await response.json()) as any };
};

describe('the public registry', () => {
  it('comes a page at a time, oldest first, each page naming the next until the last', async () => {
    const pages: any[] = [];
    let url: string | undefined = `${stack.issuerUrl}/v1/registry`;
    while (url) {
      const { status, body } = await getJson(url);
      expect(status).toBe(200);
      pages.push(body);
      url = body.next === undefined ? undefined : new URL(body.next, url).href;
    }
    expect(pages.map((page) => page.institutions.length)).toEqual([2, 2, 1]);
    // The first page is the document a verifier that knows nothing of pages has always read.
    expect(pages[0]).toMatchObject({ type: 'IssuerRegistry', version: 1, next: expect.stringMatching(/^\?after=/) });
    expect(pages.flatMap((page) => page.institutions.map((institution: { did: string }) => institution.did))).toEqual(
      institutions.map(({ did }) => did),
    );
  });

  it('refuses a cursor it did not write', async () => {
    for (const after of ['nonsense', Buffer.from('["yesterday","x"]').toString('base64url')]) {
      const { status, body } = await getJson(`${stack.issuerUrl}/v1/registry?after=${after}`);
      expect([status, body.error.code]).toEqual([400, 'INVALID_PARAMETER']);
    }
  });

  it('is read to its last page by the verifier, which trusts an institution on page three', async () => {
    const last = institutions[4];
    const issued = await requestCredential(stack, last, { format: 'vc-jwt' });
    const report = (await postJson(`${stack.verifierUrl}/credentials/verify`, issued.body)).body;
    expect(report.issuer).toMatchObject({ id: last.did, trusted: true, name: 'University 5' });
    expect(report.verdict).toBe('verified');
    const { body: health } = await getJson(`${stack.verifierUrl}/health`);
    expect(health).toEqual({
      status: 'ok',
      trustRegistries: [{ url: `${stack.issuerUrl}/v1/registry`, ok: true, institutions: 5, lastSuccessAt: expect.any(String) }],
    });
  });
});

describe('the admin list of institutions', () => {
  it('comes a page at a time (limit, offset), oldest first', async () => {
    const admin = { Authorization: `Bearer ${stack.adminToken}` };
    const { body: page } = await getJson(`${stack.issuerUrl}/v1/admin/institutions?limit=2&offset=2`, admin);
    expect(page.map((institution: { did: string }) => institution.did)).toEqual([institutions[2].did, institutions[3].did]);
    const { status, body } = await getJson(`${stack.issuerUrl}/v1/admin/institutions?limit=1000`, admin);
    expect([status, body.error.code]).toEqual([400, 'INVALID_PARAMETER']);
  });
});

describe('a verifier whose registry stops answering', () => {
  it('keeps trusting what it said last, logs it, and says so on its health endpoint', async () => {
    await stack.stopIssuer();
    // An unknown DID makes the verifier refresh its registries at once (TRUST_REGISTRY_MISS_REFRESH_SECONDS=0).
    await postJson(`${stack.verifierUrl}/credentials/verify`, { verifiableCredential: await selfSignedCredential() });
    const { body: health } = await getJson(`${stack.verifierUrl}/health`);
    expect(health).toEqual({
      status: 'degraded',
      trustRegistries: [
        {
          url: `${stack.issuerUrl}/v1/registry`,
          ok: false,
          institutions: 5,
          lastSuccessAt: expect.any(String),
          failingSince: expect.any(String),
          lastError: expect.stringContaining('could not be reached'),
        },
      ],
    });
  });
});
