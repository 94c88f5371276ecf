import { checkFormat } from './format.check.js';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const JWT = `${b64url({ alg: 'ES256K', typ: 'JWT' })}.${b64url({ iss: 'did:ethr:0x7a69:0x01', vc: { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiableCredential'], credentialSubject: {} } })}.c2ln`;
const envelope = (members: Record<string, unknown> = {}) => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  id: `data:application/vc+jwt,${JWT}`,
  type: 'EnvelopedVerifiableCredential',
  ...members,
});

describe('checkFormat', () => {
  it('reads an EnvelopedVerifiableCredential of @context, id and type', () => {
    const { parsed, outcome } = checkFormat(envelope());
    expect(outcome).toEqual({ status: 'valid' });
    expect(parsed?.bytes).toBe(JWT);
  });

  it.each([{ name: 'A Degree' }, { credentialSubject: { id: 'did:example:someone-else' } }, { proof: {} }])(
    'refuses an envelope with other members: %j',
    (members) => {
      const { parsed, outcome } = checkFormat(envelope(members));
      expect(parsed).toBeUndefined();
      expect(outcome).toMatchObject({ status: 'invalid', reason: { code: 'FORMAT_ENVELOPE_EXTRA_MEMBERS' } });
    },
  );
});
