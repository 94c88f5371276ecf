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

describe('checkFormat of an envelope whose @context is not the VCDM 2.0 base context first (the W3C VCDM 2.0 suite sends these)', () => {
  it.each([[], 'https://www.w3.org/ns/credentials/examples/v2', ['https://www.w3.org/ns/credentials/examples/v2'], 4, null])(
    'refuses @context %j',
    (context) => {
      const { parsed, outcome } = checkFormat(envelope({ '@context': context }));
      expect(parsed).toBeUndefined();
      expect(outcome).toMatchObject({ status: 'invalid', reason: { code: 'FORMAT_ENVELOPE_CONTEXT_INVALID' } });
    },
  );

  it('reads one whose @context is the base context alone, as a string, as in the data model examples', () => {
    expect(checkFormat(envelope({ '@context': 'https://www.w3.org/ns/credentials/v2' })).outcome).toEqual({ status: 'valid' });
  });
});

describe('checkFormat across formats', () => {
  const v2 = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential'],
    issuer: { id: 'did:web:school.example', name: 'School' },
    credentialSubject: { id: 'did:example:1' },
  };
  const jws = (header: object, payload: object) => `${b64url(header)}.${b64url(payload)}.c2ln`;
  const codeOf = (input: unknown) => checkFormat(input).outcome.reason?.code;

  it('reads a vc+jwt, bare or enveloped, as the credential its payload is, issued by the issuer it names', () => {
    const compact = jws({ alg: 'ES256', typ: 'vc+jwt', cty: 'vc', kid: 'did:web:school.example#p256' }, v2);
    for (const input of [
      compact,
      {
        '@context': 'https://www.w3.org/ns/credentials/v2',
        id: `data:application/vc+jwt,${compact}`,
        type: 'EnvelopedVerifiableCredential',
      },
    ]) {
      const { parsed } = checkFormat(input);
      expect(parsed).toMatchObject({ format: 'vc+jwt', bytes: compact, credential: v2, issuer: 'did:web:school.example' });
    }
  });

  it('reads a document with a Data Integrity proof as ldp_vc, its bytes the RFC 8785 form of all of it', () => {
    const proof = { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod', proofValue: 'z1' };
    const { parsed } = checkFormat({ proof, ...v2 });
    expect(parsed).toMatchObject({ format: 'ldp_vc', issuer: 'did:web:school.example', credential: { ...v2, proof } });
    expect(parsed?.bytes).toBe(
      '{"@context":["https://www.w3.org/ns/credentials/v2"],"credentialSubject":{"id":"did:example:1"},"issuer":{"id":"did:web:school.example","name":"School"},' +
        '"proof":{"cryptosuite":"eddsa-rdfc-2022","proofPurpose":"assertionMethod","proofValue":"z1","type":"DataIntegrityProof"},"type":["VerifiableCredential"]}',
    );
  });

  it.each([
    ['a JWS of another media type', jws({ alg: 'EdDSA', typ: 'bad+typ' }, v2), 'FORMAT_MEDIA_TYPE_NOT_ACCEPTED'],
    ['a vc+jwt with another content type', jws({ alg: 'EdDSA', typ: 'vc+jwt', cty: 'bad+cty' }, v2), 'FORMAT_MEDIA_TYPE_NOT_ACCEPTED'],
    ['a presentation sent as a credential', jws({ alg: 'EdDSA', typ: 'vp+jwt' }, v2), 'FORMAT_MEDIA_TYPE_NOT_ACCEPTED'],
    [
      'an envelope of SD-JWT',
      { '@context': 'https://www.w3.org/ns/credentials/v2', id: 'data:application/vc+sd-jwt,abc', type: 'EnvelopedVerifiableCredential' },
      'FORMAT_MEDIA_TYPE_NOT_ACCEPTED',
    ],
    ['a vc+jwt carrying a vc claim', jws({ alg: 'EdDSA', typ: 'vc+jwt' }, { ...v2, vc: {} }), 'FORMAT_NOT_A_CREDENTIAL'],
    [
      'a vc+jwt of VCDM 1.1',
      jws({ alg: 'EdDSA', typ: 'vc+jwt' }, { ...v2, '@context': ['https://www.w3.org/2018/credentials/v1'] }),
      'FORMAT_NOT_A_CREDENTIAL',
    ],
    ['a vc+jwt that names no issuer', jws({ alg: 'EdDSA', typ: 'vc+jwt' }, { ...v2, issuer: undefined }), 'FORMAT_NOT_A_CREDENTIAL'],
    ['a credential with no proof', v2, 'FORMAT_NO_PROOF'],
    ['a Blockcerts MerkleProof2019', { ...v2, proof: { type: 'MerkleProof2019', proofValue: 'z1' } }, 'FORMAT_PROOF_TYPE_UNSUPPORTED'],
    [
      'a Data Integrity proof of another cryptosuite',
      { ...v2, proof: { type: 'DataIntegrityProof', cryptosuite: 'bbs-2023' } },
      'FORMAT_PROOF_TYPE_UNSUPPORTED',
    ],
    [
      'a Data Integrity document that is no credential',
      { ...v2, type: ['VerifiablePresentation'], proof: { type: 'Ed25519Signature2020' } },
      'FORMAT_NOT_A_CREDENTIAL',
    ],
    [
      'a Data Integrity credential that names no issuer',
      { ...v2, issuer: undefined, proof: { type: 'Ed25519Signature2020' } },
      'FORMAT_NOT_A_CREDENTIAL',
    ],
  ])('refuses %s', (_case, input, code) => {
    expect(codeOf(input)).toBe(code);
  });
});
