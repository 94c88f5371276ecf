import type { ParsedCredential } from '../parsed-credential.js';
import { SignedPayloadCheck } from './signed-payload.check.js';

const signed = {
  '@context': ['https://www.w3.org/2018/credentials/v1'],
  id: 'urn:uuid:1',
  type: ['VerifiableCredential'],
  issuer: { id: 'did:ethr:0x7a69:0xabc' },
  credentialSubject: { name: 'Ada', grade: 'B' },
  proof: { type: 'JwtProof2020', jwt: 'a.b.c' },
};

function parsed(outer?: Record<string, unknown>): ParsedCredential {
  return {
    format: 'vc-jwt',
    bytes: 'a.b.c',
    issuer: signed.issuer.id,
    jwt: { header: {}, payload: {} },
    credential: structuredClone(signed),
    outer,
  };
}

describe('SignedPayloadCheck', () => {
  const check = new SignedPayloadCheck();

  it('accepts an outer JSON equal to the signed credential, in any key order', async () => {
    const { credentialSubject, ...rest } = structuredClone(signed);
    expect(await check.run(parsed({ credentialSubject, ...rest }))).toEqual({ status: 'valid' });
  });

  it('accepts a bare JWT (nothing outside it to disagree)', async () => {
    expect((await check.run(parsed())).status).toBe('valid');
  });

  it('refuses a tampered outer claim and names it', async () => {
    const outer = structuredClone(signed);
    outer.credentialSubject.grade = 'A';
    const outcome = await check.run(parsed(outer));
    expect(outcome.status).toBe('invalid');
    expect(outcome.reason?.code).toBe('OUTER_JSON_DIFFERS_FROM_SIGNED');
    expect(outcome.reason?.message).toContain('credentialSubject');
  });

  it('refuses an outer claim that was never signed', async () => {
    const outcome = await check.run(parsed({ ...structuredClone(signed), evidence: [{ id: 'https://evil.example' }] }));
    expect(outcome.reason?.message).toContain('evidence');
  });
});
