import { createInstitution, issueCredential, jwtOf } from '../../../test/factories/index.js';
import { httpRequest, nestedValue } from '../../../test/http-request.js';
import { startTestStack, type TestStack } from '../../../test/stack.js';

let stack: TestStack;
let jwt: string;

beforeAll(async () => {
  stack = await startTestStack();
  jwt = jwtOf(await issueCredential(stack, await createInstitution(stack), { format: 'vc-jwt' }));
});

afterAll(() => stack.close());

const POSTS = ['/credentials/verify', '/presentations/verify', '/links', '/challenges', '/check', '/presentation-requests'];

function expectCode(response: { status: number; body: any }, status: number, code: string) {
  expect({ status: response.status, code: response.body?.error?.code }).toEqual({ status, code });
}

describe('malformed URLs', () => {
  it.each(['%ff', '%C0%AF', '%', '%E2%82'])('refuses percent-encoding that is not UTF-8 (%s) in every path parameter', async (bad) => {
    for (const urlPath of [`/v/${bad}`, `/v/${bad}/qr.png`, `/v/${bad}/qr.svg`, `/${bad}`]) {
      const response = await httpRequest(`${stack.verifierUrl}${urlPath}`, { headers: { Accept: 'application/json' } });
      expect({ urlPath, status: response.status, code: response.body?.error?.code }).toEqual({
        urlPath,
        status: 400,
        code: 'MALFORMED_URL',
      });
    }
  });

  it('refuses a NUL character in a path parameter', async () => {
    expectCode(await httpRequest(`${stack.verifierUrl}/v/%00`), 400, 'INVALID_CHARACTER');
    expectCode(await httpRequest(`${stack.verifierUrl}/v/abc%00/qr.png`), 400, 'INVALID_CHARACTER');
  });
});

describe('request bodies the parser cannot read', () => {
  const send = (urlPath: string, headers: Record<string, string>, body: string = JSON.stringify({ verifiableCredential: jwt })) =>
    httpRequest(`${stack.verifierUrl}${urlPath}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });

  it.each(POSTS)('POST %s refuses a charset other than UTF-8 and encodings it cannot decode', async (urlPath) => {
    expectCode(await send(urlPath, { 'Content-Type': 'application/json; charset=latin1' }), 415, 'UNSUPPORTED_CHARSET');
    expectCode(await send(urlPath, { 'Content-Encoding': 'foo' }), 415, 'UNSUPPORTED_CONTENT_ENCODING');
    expectCode(await send(urlPath, { 'Content-Encoding': 'gzip' }), 400, 'UNREADABLE_BODY');
  });

  it('refuses the same in a page form', async () => {
    const form = { 'Content-Type': 'application/x-www-form-urlencoded; charset=latin1' };
    expectCode(await send('/check', form, `credential=${jwt}`), 415, 'UNSUPPORTED_CHARSET');
    expectCode(
      await send('/check', { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Encoding': 'foo' }, `credential=${jwt}`),
      415,
      'UNSUPPORTED_CONTENT_ENCODING',
    );
  });

  it.each(POSTS)('POST %s refuses a body nested deeper than any credential or presentation is', async (urlPath) => {
    expectCode(
      await send(urlPath, {}, JSON.stringify({ verifiableCredential: { proof: { type: 'JwtProof2020', jwt }, extra: nestedValue(4000) } })),
      400,
      'JSON_TOO_DEEP',
    );
  });

  it.each(POSTS)('POST %s refuses a NUL character anywhere in the body', async (urlPath) => {
    expectCode(
      await send(urlPath, {}, JSON.stringify({ verifiableCredential: `${jwt}\u0000`, domain: 'school\u0000.example' })),
      400,
      'INVALID_CHARACTER',
    );
  });

  it('refuses a pasted credential nested deeper than any credential is, on the page', async () => {
    const pasted = JSON.stringify({ verifiableCredential: { proof: { type: 'JwtProof2020', jwt }, extra: nestedValue(4000) } });
    const response = await httpRequest(`${stack.verifierUrl}/check`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ credential: pasted }).toString(),
    });
    expect(response.status).toBe(400);
    expect(response.body).toContain('nested too deeply');
  });
});

describe('options the verifier reads', () => {
  it.each([null, 'a', { length: 1 }])('refuses sources that are not a list (%p) before verifying anything', async (sources) => {
    const response = await httpRequest(`${stack.verifierUrl}/credentials/verify`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ verifiableCredential: jwt, options: { sources } }),
    });
    expectCode(response, 400, 'INVALID_REQUEST_BODY');
  });
});
