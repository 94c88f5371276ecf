import { authOf as auth, createInstitution, requestCredential, type TestInstitution, unsignedFrom } from '../../../test/factories/index.js';
import { postJson, startTestStack, type TestStack } from '../../../test/stack.js';

let stack: TestStack;
let a: TestInstitution;
let b: TestInstitution;

beforeAll(async () => {
  stack = await startTestStack();
  [a, b] = [await createInstitution(stack, { name: 'Institution A' }), await createInstitution(stack, { name: 'Institution B' })];
});

afterAll(() => stack.close());

async function credentialsOf(institution: TestInstitution): Promise<number> {
  const { rows } = await stack.database.query('SELECT count(*)::int AS n FROM issued_credentials WHERE institution_id = $1', [
    institution.id,
  ]);
  return rows[0].n as number;
}

// Veramo names a did:ethr by its compressed public key; its controller is the key's address.
const DID_ON_LOCAL_CHAIN = /^did:ethr:0x7a69:0x0[23][0-9a-f]{64}$/;

it('gives every institution its own did:ethr on the configured chain', () => {
  expect(a.did).toMatch(DID_ON_LOCAL_CHAIN);
  expect(b.did).toMatch(DID_ON_LOCAL_CHAIN);
  expect(a.did).not.toBe(b.did);
});

it('refuses to let B issue as A, and stores nothing', async () => {
  const issued = await requestCredential(stack, a);
  const credential = unsignedFrom(issued.body.verifiableCredential);
  const before = await credentialsOf(b);

  const aDidWeb = a.didWeb;
  for (const issuer of [a.did, { id: a.did, type: ['Profile'], name: 'Institution A' }, aDidWeb, { id: aDidWeb, type: ['Profile'] }]) {
    const response = await postJson(`${stack.issuerUrl}/credentials/issue`, { credential: { ...credential, issuer } }, auth(b));
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('FOREIGN_ISSUER');
  }
  expect(await credentialsOf(b)).toBe(before);
});

it("signs with the caller's own DID whatever profile the facts carry", async () => {
  const issued = await requestCredential(stack, b, { kind: 'credit' });
  expect(issued.body.verifiableCredential.issuer.id).toBe(b.didWeb);
  const asEthr = await requestCredential(stack, b, { kind: 'credit', format: 'vc-jwt' });
  expect(asEthr.body.verifiableCredential.issuer.id).toBe(b.did);
});

it("does not let B read or list A's credentials", async () => {
  const issued = await requestCredential(stack, a, { kind: 'certificate' });
  const id = encodeURIComponent(issued.body.id);

  const asB = await fetch(`${stack.issuerUrl}/v1/credentials/${id}`, { headers: auth(b) });
  expect(asB.status).toBe(404);
  expect(((await asB.json()) as { error: { code: string } }).error.code).toBe('CREDENTIAL_NOT_FOUND');

  const listB = (await (await fetch(`${stack.issuerUrl}/v1/credentials?limit=100`, { headers: auth(b) })).json()) as { id: string }[];
  expect(listB.map((c) => c.id)).not.toContain(issued.body.id);

  const asA = await fetch(`${stack.issuerUrl}/v1/credentials/${id}`, { headers: auth(a) });
  expect(asA.status).toBe(200);
});
