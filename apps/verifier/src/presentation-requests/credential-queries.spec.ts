import { buildCredential } from '#schemas';
import { EXAMPLE_FACTS } from '../../../../scripts/example-facts.js';
import { answersQuery, dcqlQueryOf, outsideRequest, verifiablePresentationRequestOf } from './credential-queries.js';

const issuer = { id: 'did:web:college.example', name: 'College', url: 'https://college.example' };
const built = (kind: 'credit' | 'course') =>
  buildCredential(EXAMPLE_FACTS[kind], {
    id: 'urn:uuid:0b8e3c8e-3f7c-4d0a-9f7e-8f2f3c1d2e41',
    issuer,
    issuanceDate: '2026-01-01T00:00:00Z',
  });

describe('dcqlQueryOf', () => {
  it('asks for Open Badges courses as ldp_vc and as JWT, several of each, either or both', () => {
    const query = dcqlQueryOf({ kinds: ['credit'] });
    expect(query.credentials.map((credential) => [credential.id, credential.format, credential.multiple])).toEqual([
      ['credentials_ldp_vc', 'ldp_vc', true],
      ['credentials_jwt_vc_json', 'jwt_vc_json', true],
    ]);
    expect(query.credentials[0].claims).toEqual([{ path: ['credentialSubject', 'achievement', 'achievementType'], values: ['Course'] }]);
    expect(query.credential_sets![0].options).toEqual([
      ['credentials_ldp_vc', 'credentials_jwt_vc_json'],
      ['credentials_ldp_vc'],
      ['credentials_jwt_vc_json'],
    ]);
  });

  it('names the issuers of a named set, and the certificate types for certificates', () => {
    const query = dcqlQueryOf({ kinds: ['certificate'], issuers: ['did:web:college.example'], purpose: 'Admission' });
    const [types, issuers] = query.credentials[1].claims as { path: string[]; values: string[] }[];
    expect(types.values).toContain('BachelorDegree');
    expect(issuers).toEqual({ path: ['issuer', 'id'], values: ['did:web:college.example'] });
    expect(query.credential_sets![0].purpose).toBe('Admission');
  });
});

describe('answersQuery', () => {
  it('holds the verified credentials to the query: format, types and claim values', () => {
    const query = dcqlQueryOf({ kinds: ['credit'], issuers: ['did:web:college.example'] });
    expect(answersQuery(query, { credentials_ldp_vc: [{ format: 'ldp_vc', signed: built('credit') }] })).toBe(true);
    expect(answersQuery(query, { credentials_ldp_vc: [{ format: 'vc-jwt', signed: built('credit') }] })).toBe(false);
    const elsewhere = { ...built('credit'), issuer: { ...issuer, id: 'did:web:elsewhere.example' } };
    expect(answersQuery(query, { credentials_ldp_vc: [{ format: 'ldp_vc', signed: elsewhere }] })).toBe(false);
    expect(answersQuery(query, { credentials_ldp_vc: [{}] })).toBe(false);
  });
});

describe('outsideRequest', () => {
  it('says why a credential is not what the school asked for', () => {
    expect(outsideRequest({ kinds: ['credit'] }, issuer.id, built('credit'))).toBeUndefined();
    expect(outsideRequest({ kinds: ['credit'] }, issuer.id, built('course'))).toMatch(/a course credential; the school asked for credit/);
    expect(outsideRequest({ kinds: ['credit'], issuers: ['did:web:other.example'] }, issuer.id, built('credit'))).toMatch(
      /not one of the institutions/,
    );
  });
});

describe('verifiablePresentationRequestOf', () => {
  it('asks by DIDAuthentication and by example, with the challenge and domain', () => {
    const request = verifiablePresentationRequestOf(
      { kinds: ['credit'], issuers: ['did:web:a.example', 'did:web:b.example'] },
      'nonce',
      'verify.example',
    );
    expect(request).toMatchObject({ challenge: 'nonce', domain: 'verify.example' });
    const [didAuthentication, byExample] = request.query as {
      type: string;
      credentialQuery?: { example: { issuer?: { id: string } } }[];
    }[];
    expect(didAuthentication.type).toBe('DIDAuthentication');
    expect(byExample.credentialQuery!.map((query) => query.example.issuer?.id)).toEqual(['did:web:a.example', 'did:web:b.example']);
  });
});
