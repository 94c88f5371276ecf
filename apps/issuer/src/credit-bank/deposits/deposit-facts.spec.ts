import { buildCredential, CREDIT_UNITS, type JsonObject } from '#schemas';
import { EXAMPLE_FACTS } from '../../../../../scripts/example-facts.js';
import { credentialFacts } from './deposit-facts.js';

const context = {
  id: 'urn:uuid:2f6b1c1e-8a55-4f57-9b0e-5d2b0f3e7a10',
  issuer: { id: 'did:example:college', name: 'College', url: 'https://college.example' },
  issuanceDate: '2026-07-01T00:00:00Z',
  salt: 'c2FsdA',
};

describe('credentialFacts', () => {
  it('reads what a rule matches on from one of our credit credentials', () => {
    const credential = buildCredential(
      { ...EXAMPLE_FACTS.credit, learner: { email: 'ada@example.org' } },
      context,
    ) as unknown as JsonObject;
    const facts = credentialFacts(credential);
    expect(facts).toEqual({
      credentialId: context.id,
      achievementId: 'https://demo-university.example/courses/MATH-201',
      achievementCode: 'MATH-201',
      achievementName: 'Linear Algebra',
      kind: 'credit',
      credits: { value: 6, framework: CREDIT_UNITS.ECTS.framework },
      eqfLevel: 6,
      field: null,
      grade: { scale: 'letter-grade', value: 'B' },
      completedAt: '2026-06-15T00:00:00.000Z',
      contactHours: null,
      hashedIdentifiers: [expect.stringMatching(/^sha256\$/)],
    });
  });

  it('takes an ISCED-F field from an alignment or a coded field of study, and stated contact hours', () => {
    const facts = credentialFacts({
      issuanceDate: '2024-01-10T00:00:00Z',
      credentialSubject: {
        achievement: {
          achievementType: 'Certificate',
          fieldOfStudy: '0613',
          contactHours: 48,
          alignment: [{ targetType: 'ext:EQFLevel', targetUrl: 'http://data.europa.eu/snb/eqf/5' }],
        },
      },
    });
    expect(facts).toMatchObject({
      kind: 'certificate',
      field: '0613',
      eqfLevel: 5,
      contactHours: 48,
      completedAt: '2024-01-10T00:00:00.000Z',
    });
    expect(credentialFacts({ credentialSubject: { achievement: { fieldOfStudy: 'Computer Science' } } })).toMatchObject({
      kind: 'unknown',
      field: null,
      completedAt: undefined,
      credits: null,
      grade: null,
    });
  });
});
