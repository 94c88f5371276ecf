import { pinnedContext } from '#schemas';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInstitution, requestVcApiCredential, type TestInstitution } from '../../../test/factories/index.js';
import { startTestStack, type TestStack } from '../../../test/stack.js';

// The W3C VCDM 2.0 test suite's inputs for /credentials/issue (libs/schemas/test/fixtures/vcdm, see
// its README), driven through our VC-API endpoint: each `-ok` one is signed, each `-fail` one refused
// with a 4xx and nothing stored. The suite names its issuer where the input has a well-formed one; we
// name ours there, since the endpoint signs only for the caller's own DIDs.

const FIXTURES = fileURLToPath(new URL('../../../libs/schemas/test/fixtures/vcdm', import.meta.url));

interface Vector {
  as: 'credential' | 'presentation';
  proof: 'forbidden' | 'optional' | 'required';
  body: Record<string, unknown>;
}

/** The v2 inputs the suite sends an issuer: credentials to be signed. */
function vectors(folder: 'ok' | 'not-ok'): [string, Vector][] {
  return readdirSync(path.join(FIXTURES, folder))
    .filter((file) => file.startsWith('v2-'))
    .map((file): [string, Vector] => [file, JSON.parse(readFileSync(path.join(FIXTURES, folder, file), 'utf8'))])
    .filter(([, vector]) => vector.as === 'credential' && vector.proof === 'forbidden');
}

let stack: TestStack;
let institution: TestInstitution;

beforeAll(async () => {
  stack = await startTestStack();
  institution = await createInstitution(stack, { name: 'Vectors University' });
});

afterAll(() => stack.close());

const isUrl = (value: unknown): boolean => typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\S+$/i.test(value);

/** The input with our did:web where it names a well-formed issuer; a malformed or missing issuer stays as it is. */
function asOurs(body: Record<string, unknown>): Record<string, unknown> {
  const { issuer } = body;
  if (isUrl(issuer)) return { ...body, issuer: institution.didWeb };
  if (typeof issuer === 'object' && issuer !== null && isUrl((issuer as { id?: unknown }).id))
    return { ...body, issuer: { ...issuer, id: institution.didWeb } };
  return body;
}

const issue = (credential: object, options?: object) => requestVcApiCredential(stack, institution, credential, options);

/** Whether every context the credential names by URL is pinned here, so that it can be signed as Data Integrity. */
const allPinned = (body: Record<string, unknown>) =>
  [body['@context']].flat().every((context) => typeof context !== 'string' || pinnedContext(context) !== undefined);

/** Whether the credential has expired already: the issuer never hands out what has (see signed-credential-check.ts). */
const expired = (body: Record<string, unknown>) => typeof body.validUntil === 'string' && Date.parse(body.validUntil) <= Date.now();

describe('the VCDM 2.0 inputs that must be signed', () => {
  const [current, past] = [vectors('ok').filter(([, { body }]) => !expired(body)), vectors('ok').filter(([, { body }]) => expired(body))];

  it.each(past)(
    '%s, expired already, is refused as outside its validity period: our one policy beyond the data model',
    async (_file, { body }) => {
      const response = await issue(asOurs(body), { format: 'vc+jwt' });
      expect([response.status, response.body.error.code]).toEqual([422, 'CREDENTIAL_OUTSIDE_VALIDITY_PERIOD']);
    },
  );

  it.each(current)('%s is signed as vc+jwt with its id kept, and as ldp_vc where its contexts are pinned', async (_file, { body }) => {
    const credential = asOurs(body);
    const enveloped = await issue(credential, { format: 'vc+jwt' });
    expect(enveloped.status).toBe(201);
    const jws = enveloped.body.verifiableCredential.id.slice('data:application/vc+jwt,'.length);
    const signed = JSON.parse(Buffer.from(jws.split('.')[1], 'base64url').toString());
    if ('id' in body) expect(signed.id).toBe(body.id);
    expect(signed.credentialSubject).toEqual(body.credentialSubject);

    const { id: _id, ...withoutId } = credential;
    const linked = await issue(withoutId);
    if (allPinned(body)) {
      expect(linked.status).toBe(201);
      expect(linked.body.verifiableCredential.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' });
    } else {
      expect([linked.status, linked.body.error.code]).toEqual([422, 'CREDENTIAL_NOT_SIGNABLE']);
    }
  });
});

describe('the VCDM 2.0 inputs that must be refused', () => {
  it.each(vectors('not-ok'))('%s is refused with a 4xx, and nothing is stored', async (_file, { body }) => {
    const before = (await stack.database.query('SELECT count(*)::int AS n FROM issued_credentials')).rows[0].n;
    for (const options of [undefined, { format: 'vc+jwt' }]) {
      const response = await issue(asOurs(body), options);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.body.error.code).toMatch(/^[A-Z_]+$/);
    }
    expect((await stack.database.query('SELECT count(*)::int AS n FROM issued_credentials')).rows[0].n).toBe(before);
  });
});
