import { CREDENTIAL_KINDS, type CredentialKind } from '#schemas';
import { authOf, createInstitution, requestCredential, type TestInstitution, unsignedFrom } from '../../../test/factories/index.js';
import { postJson, startTestStack, type TestStack } from '../../../test/stack.js';

let stack: TestStack;
let institution: TestInstitution;

beforeAll(async () => {
  stack = await startTestStack();
  institution = await createInstitution(stack, { name: 'Example University' });
});

afterAll(() => stack.close());

const issue = (kind: CredentialKind) => requestCredential(stack, institution, { kind, format: 'vc-jwt' });

describe.each(CREDENTIAL_KINDS)('a %s credential', (kind) => {
  it('is issued over HTTP from plain facts, signed by the institution, and verified by the verifier over HTTP', async () => {
    const issued = await issue(kind);
    expect(issued.status).toBe(201);
    expect(issued.body.kind).toBe(kind);
    expect(issued.body.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    const vc = issued.body.verifiableCredential;
    expect(vc.id).toBe(issued.body.id);
    expect(vc.issuer.id).toBe(institution.did);
    expect(vc.proof.type).toBe('JwtProof2020');
    expect(vc.proof.jwt.split('.')).toHaveLength(3);

    const report = await postJson(`${stack.verifierUrl}/credentials/verify`, issued.body);
    expect(report.status).toBe(200);
    expect(report.body.checks).toEqual([
      { check: 'format', status: 'valid' },
      // Against the institution's did:ethr as it is now.
      { check: 'signature', status: 'valid', details: { keyHistory: 'current' } },
      { check: 'signed-payload', status: 'valid' },
      { check: 'schema', status: 'valid' },
      { check: 'validity-period', status: 'valid' },
      // The verifier fetched and verified both status lists the credential names.
      { check: 'status', status: 'valid' },
      // The verifier fetched the package the credential names: this issuer anchors nothing (no key).
      { check: 'anchor', status: 'skipped', reason: { code: 'ANCHOR_NOT_YET_ANCHORED', message: expect.any(String) } },
      // The verifier trusts the institutions in this issuer's registry.
      { check: 'issuer-trust', status: 'valid' },
    ]);
    expect(report.body.verdict).toBe('verified');
    expect(report.body.credential).toMatchObject({ id: issued.body.id, issuer: institution.did });
  });

  it('verifies from the bare JWT too', async () => {
    const issued = await issue(kind);
    const report = await postJson(`${stack.verifierUrl}/credentials/verify`, {
      verifiableCredential: issued.body.verifiableCredential.proof.jwt,
    });
    expect(report.body.verdict).toBe('verified');
  });
});

describe('the VC-API issue endpoint', () => {
  it("signs a standard client's credential of one of our kinds and answers 201 {verifiableCredential}", async () => {
    const fromFacts = await issue('course');
    const credential = unsignedFrom(fromFacts.body.verifiableCredential);
    const issued = await postJson(
      `${stack.issuerUrl}/credentials/issue`,
      { credential: { ...credential, issuer: institution.did }, options: {} },
      {
        'X-API-Key': institution.apiKey,
      },
    );
    expect(issued.status).toBe(201);
    expect(Object.keys(issued.body)).toEqual(['verifiableCredential']);
    expect(issued.body.verifiableCredential.id).toMatch(/^urn:uuid:/);
    expect(issued.body.verifiableCredential.id).not.toBe(fromFacts.body.id);
    const report = await postJson(`${stack.verifierUrl}/credentials/verify`, issued.body);
    expect(report.body.verdict).toBe('verified');
  });
});

describe('listing and fetching', () => {
  it("lists the institution's own credentials newest first and fetches one by id", async () => {
    const issued = await issue('credit');
    const headers = authOf(institution);
    const list = (await (await fetch(`${stack.issuerUrl}/v1/credentials?limit=100`, { headers })).json()) as { id: string; kind: string }[];
    expect(list[0]).toMatchObject({ id: issued.body.id, kind: 'credit', state: 'issued' });
    const fetched = await fetch(`${stack.issuerUrl}/v1/credentials/${encodeURIComponent(issued.body.id)}`, { headers });
    expect(fetched.status).toBe(200);
    expect(((await fetched.json()) as { verifiableCredential: unknown }).verifiableCredential).toEqual(issued.body.verifiableCredential);
  });
});
