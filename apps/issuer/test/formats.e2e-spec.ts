import { unwrapEnvelopedCredential, verifyDataIntegrityCredential, verifyVcJwt } from '#identity';
import { CREDENTIAL_KINDS, validateOpenBadgeCredential } from '#schemas';
import { verifyCredential as verifyWithDidJwtVc } from 'did-jwt-vc';
import { randomUUID } from 'node:crypto';
import {
  authOf,
  createInstitution,
  type CredentialRequest,
  requestCredential,
  requestVcApiCredential,
  stackResolver,
  stackVerifiers,
  type TestInstitution,
} from '../../../test/factories/index.js';
import { verifyWithDcc } from '../../../test/independent-verifier.js';
import { postJson, startTestStack, type TestStack } from '../../../test/stack.js';

// Current Open Badges 3.0 in every VCDM 2.0 format, the VC-JWT as before, and any credential on the
// VC-API: issued over HTTP, then checked as outsiders would check them, with the DIDs resolved (the
// did:web document from the issuer, the did:ethr on the chain).

let stack: TestStack;
let institution: TestInstitution;

beforeAll(async () => {
  stack = await startTestStack();
  institution = await createInstitution(stack, { name: 'Formats University' });
});

afterAll(() => stack.close());

const auth = () => authOf(institution);
const issueFacts = (request: CredentialRequest) => requestCredential(stack, institution, request);
const issueVcApi = (credential: object, options?: object) => requestVcApiCredential(stack, institution, credential, options);

async function storedCredentials(): Promise<number> {
  return (await stack.database.query('SELECT count(*)::int AS n FROM issued_credentials')).rows[0].n as number;
}

/** The credential inside what the issuer answered, checked as a verifier would: who signed it and what it says. */
async function verified(handedOut: Record<string, any>): Promise<{ signer: string; method: string; credential: Record<string, any> }> {
  const { documentLoader, resolveKey } = stackVerifiers();
  const jws = unwrapEnvelopedCredential(handedOut);
  if (jws) {
    const result = await verifyVcJwt(jws, { resolveKey });
    if (result.status !== 'valid') throw new Error(`${result.code}: ${result.message}`);
    return { signer: result.signer, method: result.verificationMethod, credential: result.credential };
  }
  const result = await verifyDataIntegrityCredential(handedOut, { documentLoader });
  if (result.status !== 'valid') throw new Error(`${result.code}: ${result.message}`);
  const { proof: _proof, ...credential } = handedOut;
  return { signer: result.signer, method: result.verificationMethod, credential };
}

/** Each VCDM 2.0 format, as a facts request asks for it, with who signs it and how. */
const VCDM2_FORMATS = [
  { name: 'ldp_vc eddsa-rdfc-2022 by the did:web (the default)', ask: () => ({}), format: 'ldp_vc', by: 'web', proof: 'eddsa-rdfc-2022' },
  {
    name: 'ldp_vc ecdsa-rdfc-2019 by the did:web',
    ask: () => ({ format: 'ldp_vc', cryptosuite: 'ecdsa-rdfc-2019' }),
    format: 'ldp_vc',
    by: 'web',
    proof: 'ecdsa-rdfc-2019',
  },
  { name: 'vc+jwt ES256 by the did:web', ask: () => ({ format: 'vc+jwt' }), format: 'vc+jwt', by: 'web', proof: 'ES256' },
  {
    name: 'vc+jwt ES256K by the did:ethr',
    ask: () => ({ format: 'vc+jwt', issuer: institution.did }),
    format: 'vc+jwt',
    by: 'ethr',
    proof: 'ES256K',
  },
] as const;

const didOf = (by: 'web' | 'ethr') => (by === 'web' ? institution.didWeb : institution.did);

/** The proof's algorithm or cryptosuite, as the format names it. */
function proofKind(handedOut: Record<string, any>): string {
  const jws = unwrapEnvelopedCredential(handedOut);
  return jws ? JSON.parse(Buffer.from(jws.split('.')[0], 'base64url').toString()).alg : handedOut.proof.cryptosuite;
}

describe.each(VCDM2_FORMATS)('Open Badges 3.0 as $name', ({ ask, format, by, proof }) => {
  it.each(CREDENTIAL_KINDS)("issues a %s credential that passes 1EdTech's official schema unchanged and verifies", async (kind) => {
    const issued = await issueFacts({ kind, ...ask() });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ kind, format });
    expect(proofKind(issued.body.verifiableCredential)).toBe(proof);
    const { signer, method, credential } = await verified(issued.body.verifiableCredential);
    expect(signer).toBe(didOf(by));
    expect(method.startsWith(`${didOf(by)}#`)).toBe(true);
    expect(credential['@context'][0]).toBe('https://www.w3.org/ns/credentials/v2');
    expect(credential.issuer.id).toBe(didOf(by));
    expect(credential.id).toBe(issued.body.id);
    expect(credential.credentialStatus).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'message', statusSize: 2 });
    expect(validateOpenBadgeCredential(credential)).toEqual([]);
  });
});

describe("the plain VCDM 2.0 credential of the issue's 'Done when'", () => {
  const plain = (issuer: string) => ({
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: `urn:uuid:${randomUUID()}`,
    type: ['VerifiableCredential'],
    issuer,
    credentialSubject: { id: 'did:example:1' },
  });

  it.each([
    { name: 'ldp_vc eddsa-rdfc-2022 (the default for the did:web)', options: undefined, by: 'web', format: 'ldp_vc' },
    { name: 'ldp_vc ecdsa-rdfc-2019', options: { format: 'ldp_vc', cryptosuite: 'ecdsa-rdfc-2019' }, by: 'web', format: 'ldp_vc' },
    { name: 'vc+jwt by the did:web', options: { format: 'vc+jwt' }, by: 'web', format: 'vc+jwt' },
    { name: 'vc+jwt by the did:ethr (the default for it)', options: undefined, by: 'ethr', format: 'vc+jwt' },
  ] as const)('is issued with its id kept as $name, and verifies', async ({ options, by, format }) => {
    const sent = plain(didOf(by));
    const issued = await issueVcApi(sent, options);
    expect(issued.status).toBe(201);
    const { signer, credential } = await verified(issued.body.verifiableCredential);
    expect(signer).toBe(didOf(by));
    expect(credential.id).toBe(sent.id);
    expect(credential.issuer).toBe(didOf(by));
    expect(credential.credentialSubject).toEqual(sent.credentialSubject);
    const listed = await (await fetch(`${stack.issuerUrl}/v1/credentials/${encodeURIComponent(sent.id)}`, { headers: auth() })).json();
    expect(listed).toMatchObject({ id: sent.id, kind: null, format });
  });

  it('as VCDM 1.1 is a VC-JWT of the did:ethr with its id kept, which did-jwt-vc verifies', async () => {
    const sent = {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      id: 'https://registrar.example.edu/credentials/2026/1',
      type: ['VerifiableCredential'],
      issuer: institution.did,
      issuanceDate: '2026-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:1', name: 'Ada' },
    };
    const issued = await issueVcApi(sent);
    expect(issued.status).toBe(201);
    const verification = await verifyWithDidJwtVc(issued.body.verifiableCredential.proof.jwt, stackResolver());
    expect(verification.verifiableCredential.id).toBe(sent.id);
    expect(verification.issuer).toBe(institution.did);
  });

  it("as VCDM 1.1 whose subject says nothing but its id (the VC-API issuer suite's credential) is a VC-JWT keeping it, beside the sub", async () => {
    const sent = {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      id: `urn:uuid:${randomUUID()}`,
      type: ['VerifiableCredential'],
      issuer: institution.did,
      issuanceDate: new Date(Date.now() - 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
      credentialSubject: { id: 'did:key:z6MkhTNL7i2etLerDK8Acz5t528giE5KA4p75T6ka1E1D74r' },
    };
    const issued = await issueVcApi(sent);
    expect(issued.status).toBe(201);
    const handedOut = issued.body.verifiableCredential;
    // The issuance date travels as the JWT's nbf, in seconds: the same instant, written with milliseconds.
    expect([handedOut.id, handedOut.credentialSubject, Date.parse(handedOut.issuanceDate)]).toEqual([
      sent.id,
      sent.credentialSubject,
      Date.parse(sent.issuanceDate),
    ]);
    const claims = JSON.parse(Buffer.from(handedOut.proof.jwt.split('.')[1], 'base64url').toString());
    expect([claims.sub, claims.vc.credentialSubject]).toEqual([sent.credentialSubject.id, sent.credentialSubject]);
    const verification = await verifyWithDidJwtVc(handedOut.proof.jwt, stackResolver());
    expect(verification.verifiableCredential.credentialSubject).toEqual(sent.credentialSubject);
    const report = await postJson(`${stack.verifierUrl}/credentials/verify`, { verifiableCredential: handedOut });
    expect([report.status, report.body.verdict]).toEqual([200, 'verified']);
  });

  it("as VCDM 1.1 without an issuanceDate (the VC-API verifier suite's credential) is dated now by the issuer", async () => {
    const sent = {
      '@context': ['https://www.w3.org/2018/credentials/v1', 'https://w3id.org/security/suites/ed25519-2020/v1'],
      id: `urn:uuid:${randomUUID()}`,
      type: ['VerifiableCredential'],
      issuer: institution.did,
      credentialSubject: { id: 'did:key:z6MkhTNL7i2etLerDK8Acz5t528giE5KA4p75T6ka1E1D74r' },
    };
    const before = Math.floor(Date.now() / 1000) * 1000;
    const issued = await issueVcApi(sent, { format: 'vc-jwt' });
    expect(issued.status).toBe(201);
    const issuedAt = Date.parse(issued.body.verifiableCredential.issuanceDate);
    expect(issuedAt).toBeGreaterThanOrEqual(before);
    expect(issuedAt).toBeLessThanOrEqual(Date.now());
    const report = await postJson(`${stack.verifierUrl}/credentials/verify`, { verifiableCredential: issued.body.verifiableCredential });
    expect([report.status, report.body.verdict]).toEqual([200, 'verified']);
  });

  it('is refused when its id was issued already, and nothing is stored', async () => {
    const sent = plain(institution.didWeb);
    expect((await issueVcApi(sent)).status).toBe(201);
    const before = await storedCredentials();
    const again = await issueVcApi({ ...sent, credentialSubject: { id: 'did:example:2' } }, { format: 'vc+jwt' });
    expect([again.status, again.body.error.code]).toEqual([409, 'CREDENTIAL_ID_TAKEN']);
    expect(await storedCredentials()).toBe(before);
  });
});

describe('the VC-JWT (VCDM 1.1, did:ethr), kept for clients that want it', () => {
  it.each(CREDENTIAL_KINDS)('is what a %s credential naming the did:ethr comes as, and did-jwt-vc verifies it', async (kind) => {
    const issued = await issueFacts({ kind, issuer: institution.did });
    expect(issued.status).toBe(201);
    expect(issued.body.format).toBe('vc-jwt');
    const verification = await verifyWithDidJwtVc(issued.body.verifiableCredential.proof.jwt, stackResolver());
    expect(verification.issuer).toBe(institution.did);
    expect(verification.verifiableCredential.credentialStatus).toHaveLength(2);
  });
});

describe('what cannot be made is refused, and nothing is stored', () => {
  const v2 = () => ({
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential'],
    issuer: institution.didWeb,
    credentialSubject: { id: 'did:example:1' },
  });
  const v1 = (issuer: string) => ({
    '@context': ['https://www.w3.org/2018/credentials/v1'],
    type: ['VerifiableCredential'],
    issuer,
    issuanceDate: '2026-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:1' },
  });

  it.each([
    ['Data Integrity from the did:ethr', () => issueFacts({ format: 'ldp_vc', issuer: institution.did })],
    ['a VC-JWT from the did:web', () => issueFacts({ format: 'vc-jwt', issuer: institution.didWeb })],
    ['a cryptosuite for a JWT', () => issueFacts({ format: 'vc+jwt', cryptosuite: 'ecdsa-rdfc-2019' })],
    ['a VCDM 2.0 credential as a VC-JWT', () => issueVcApi(v2(), { format: 'vc-jwt' })],
    ['a VCDM 1.1 credential as vc+jwt', () => issueVcApi(v1(institution.did), { format: 'vc+jwt' })],
    ['a VCDM 1.1 credential of the did:web', () => issueVcApi(v1(institution.didWeb))],
  ])('%s: 422 FORMAT_NOT_AVAILABLE', async (_what, request) => {
    const before = await storedCredentials();
    const response = await request();
    expect([response.status, response.body.error.code]).toEqual([422, 'FORMAT_NOT_AVAILABLE']);
    expect(await storedCredentials()).toBe(before);
  });

  it('an unknown format or cryptosuite: 400', async () => {
    for (const body of [{ format: 'jwt_vc_json' }, { cryptosuite: 'bbs-2023' }]) {
      const response = await issueFacts(body);
      expect([response.status, response.body.error.code]).toEqual([400, 'INVALID_REQUEST_BODY']);
    }
    const response = await issueVcApi(v2(), { format: 'jwt_vc_json' });
    expect([response.status, response.body.error.code]).toEqual([400, 'INVALID_REQUEST_BODY']);
  });

  it("an issuer other than the institution's two DIDs: 403 FOREIGN_ISSUER", async () => {
    const other = 'did:web:other.example:institutions:someone';
    for (const response of [await issueFacts({ issuer: other }), await issueVcApi({ ...v2(), issuer: other })])
      expect([response.status, response.body.error.code]).toEqual([403, 'FOREIGN_ISSUER']);
  });

  it('a VCDM 2.0 credential whose context is not pinned cannot be Data Integrity: 422 CREDENTIAL_NOT_SIGNABLE', async () => {
    const credential = { ...v2(), '@context': ['https://www.w3.org/ns/credentials/v2', 'https://vocab.example/contexts/not-pinned/v1'] };
    const response = await issueVcApi(credential);
    expect([response.status, response.body.error.code]).toEqual([422, 'CREDENTIAL_NOT_SIGNABLE']);
    expect((await issueVcApi(credential, { format: 'vc+jwt' })).status).toBe(201);
  });
});

describe("an independent verifier, @digitalcredentials/verifier-core (the Learner Credential Wallet's)", () => {
  it.each(CREDENTIAL_KINDS)('accepts our ldp_vc %s credential, resolving our did:web', async (kind) => {
    const issued = await issueFacts({ kind });
    const result = await verifyWithDcc(issued.body.verifiableCredential, stack.issuerUrl);
    expect(result.errors).toBeUndefined();
    expect(result.log).toContainEqual({ id: 'valid_signature', valid: true });
    const changed = { ...issued.body.verifiableCredential, name: 'Something else' };
    const tampered = await verifyWithDcc(changed, stack.issuerUrl);
    expect(tampered.errors?.map(({ name }) => name)).toEqual(['invalid_signature']);
  });
});
