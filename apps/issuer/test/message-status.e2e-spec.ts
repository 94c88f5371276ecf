import { verifyDataIntegrityCredential } from '#identity';
import { decodeStatusList, isBitSet, STATUS_MESSAGES } from '#schemas';
import {
  changeStatus as changeStatusOf,
  createInstitution,
  type CredentialRequest,
  issueCredential,
  stackVerifiers,
  type TestInstitution,
} from '../../../test/factories/index.js';
import { startTestStack, type TestStack } from '../../../test/stack.js';

// A VCDM 2.0 credential names one credentialStatus: its entry in the institution's 2-bit message list
// (0x0 valid, 0x1 suspended, 0x2 revoked), published as a VCDM 2.0 BitstringStatusListCredential
// signed by the did:web. VCDM 1.1 credentials keep their two 1-bit lists.

let stack: TestStack;
let institution: TestInstitution;

beforeAll(async () => {
  stack = await startTestStack();
  institution = await createInstitution(stack, { name: 'Message Status University' });
});

afterAll(() => stack.close());

const issue = (extra: CredentialRequest = {}) => issueCredential(stack, institution, { kind: 'credit', ...extra });
const changeStatus = (credentialId: string, status: string) =>
  changeStatusOf(stack, institution, credentialId, status, 'Registrar decision 2026-7');

/** The published list a status entry names, verified as a verifier would, and the entry's value in it. */
async function published(entry: { statusListCredential: string; statusListIndex: string; statusSize?: number }) {
  const list = (await (await fetch(entry.statusListCredential)).json()) as Record<string, any>;
  const verification = await verifyDataIntegrityCredential(list, { documentLoader: stackVerifiers().documentLoader });
  const bits = decodeStatusList(list.credentialSubject.encodedList);
  const size = entry.statusSize ?? 1;
  const index = Number(entry.statusListIndex);
  let value = 0;
  for (let bit = 0; bit < size; bit++) value = (value << 1) | (isBitSet(bits, index * size + bit) ? 1 : 0);
  return { list, verification, value };
}

describe('a VCDM 2.0 credential', () => {
  it('names one entry in a 2-bit message list, published by the did:web as a VCDM 2.0 list with a Data Integrity proof', async () => {
    const { verifiableCredential } = await issue();
    const entry = verifiableCredential.credentialStatus;
    expect(entry).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusPurpose: 'message',
      statusSize: 2,
      statusMessage: STATUS_MESSAGES,
      statusListCredential: expect.stringMatching(new RegExp(`^${stack.issuerUrl}/v1/status-lists/`)),
    });
    const { list, verification, value } = await published(entry);
    expect(verification).toMatchObject({ status: 'valid', signer: institution.didWeb });
    expect(list).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: entry.statusListCredential,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: institution.didWeb,
      credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'message' },
      proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' },
    });
    // 131,072 entries of two bits each.
    expect(decodeStatusList(list.credentialSubject.encodedList)).toHaveLength(32 * 1024);
    expect(value).toBe(0);
  });

  it('is suspended (0x1), unsuspended (0x0) and revoked (0x2) in that one entry; revoking is final', async () => {
    const { id, verifiableCredential } = await issue({ format: 'vc+jwt' });
    const entry = (
      JSON.parse(Buffer.from(verifiableCredential.id.split(',')[1].split('.')[1], 'base64url').toString()) as Record<string, any>
    ).credentialStatus;
    const valueNow = async () => (await published(entry)).value;

    expect((await changeStatus(id, 'suspended')).body).toMatchObject({ revoked: false, suspended: true });
    expect(await valueNow()).toBe(0x1);
    expect((await changeStatus(id, 'unsuspended')).body).toMatchObject({ revoked: false, suspended: false });
    expect(await valueNow()).toBe(0x0);
    await changeStatus(id, 'suspended');
    const revoked = await changeStatus(id, 'revoked');
    expect(revoked.body).toMatchObject({ revoked: true, published: { statusListCredential: entry.statusListCredential } });
    expect(await valueNow()).toBe(0x2);
    const again = await changeStatus(id, 'unsuspended');
    expect([again.status, again.body.error.code]).toEqual([409, 'CREDENTIAL_REVOKED']);
    expect(await valueNow()).toBe(0x2);
  });

  it("leaves its neighbours' entries alone", async () => {
    const [first, second] = [await issue(), await issue()];
    await changeStatus(first.id, 'revoked');
    expect((await published(first.verifiableCredential.credentialStatus)).value).toBe(0x2);
    expect((await published(second.verifiableCredential.credentialStatus)).value).toBe(0x0);
  });
});

describe('a VCDM 1.1 credential', () => {
  it('keeps its revocation and suspension entries in the two 1-bit lists, which POST /credentials/status changes as before', async () => {
    const { id, verifiableCredential } = await issue({ format: 'vc-jwt' });
    const [revocation, suspension] = verifiableCredential.credentialStatus;
    expect([revocation.statusPurpose, suspension.statusPurpose]).toEqual(['revocation', 'suspension']);
    expect((await changeStatus(id, 'suspended')).status).toBe(200);
    const list = async (entry: { statusListCredential: string; statusListIndex: string }) => {
      const published = (await (await fetch(entry.statusListCredential)).json()) as Record<string, any>;
      const payload = JSON.parse(Buffer.from(published.proof.jwt.split('.')[1], 'base64url').toString());
      return isBitSet(decodeStatusList(payload.vc.credentialSubject.encodedList), Number(entry.statusListIndex));
    };
    expect([await list(revocation), await list(suspension)]).toEqual([false, true]);
    await changeStatus(id, 'revoked');
    expect(await list(revocation)).toBe(true);
  });
});
