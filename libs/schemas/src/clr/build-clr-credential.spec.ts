import { FIXTURE_BUILD_CONTEXT, FIXTURE_BUILD_OPTIONS_V2, okFacts } from '../../test/fixtures.js';
import { recognitionFacts } from '../../test/recognition-facts.js';
import { buildCredential } from '../build-credential.js';
import { buildRecognitionCredential } from '../recognition/recognition-credential.js';
import { buildClrCredential } from './build-clr-credential.js';
import { validateClrCredential } from './validate-clr-credential.js';

/** Signed members are whole Data Integrity documents; the schema wants a proof's shape, not a valid signature. */
const withProof = (credential: Record<string, unknown>): Record<string, unknown> => ({
  ...credential,
  proof: {
    type: 'DataIntegrityProof',
    cryptosuite: 'eddsa-rdfc-2022',
    created: '2026-07-01T12:00:00Z',
    proofPurpose: 'assertionMethod',
    verificationMethod: 'did:web:university.example#key-1',
    proofValue: 'z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKods5D2UkUs2nYt1HA',
  },
});

const status = FIXTURE_BUILD_OPTIONS_V2.credentialStatus;
const course = withProof(
  buildCredential(
    okFacts('credit'),
    { ...FIXTURE_BUILD_CONTEXT, id: 'urn:uuid:1b2c3d4e-0000-4000-8000-000000000002' },
    FIXTURE_BUILD_OPTIONS_V2,
  ),
);
const recognition = withProof(
  buildRecognitionCredential(recognitionFacts(), { ...FIXTURE_BUILD_CONTEXT, id: 'urn:uuid:1b2c3d4e-0000-4000-8000-000000000003' }, status),
);
const programme = {
  id: 'https://university.example/programmes/BSc-CS',
  name: 'BSc Computer Science',
  description: 'A three-year bachelor programme.',
  achievementType: 'BachelorDegree',
};

const transcript = () =>
  buildClrCredential(
    { learner: recognitionFacts().learner, programme, credentials: [course, recognition] },
    { ...FIXTURE_BUILD_CONTEXT, id: 'urn:uuid:1b2c3d4e-0000-4000-8000-000000000004' },
    status,
  ) as Record<string, any>;

describe('buildClrCredential', () => {
  it('builds a transcript that passes the official CLR 2.0 schema, members included', () => {
    expect(validateClrCredential(transcript())).toEqual([]);
  });

  it('embeds the signed credentials whole, and lists the programme and each course once', () => {
    const subject = transcript().credentialSubject;
    expect(subject.verifiableCredential).toEqual([course, recognition]);
    expect(subject.achievement.map((achievement: { id: string }) => achievement.id)).toEqual([
      programme.id,
      (course.credentialSubject as { achievement: { id: string } }).achievement.id,
      'https://university.example/courses/CS-210',
    ]);
  });

  it('associates each source achievement of a recognition with the course it was recognised as, by exactMatchOf', () => {
    const associations = transcript().credentialSubject.association;
    expect(associations.filter((association: { associationType: string }) => association.associationType === 'exactMatchOf')).toEqual([
      {
        type: 'Association',
        associationType: 'exactMatchOf',
        sourceId: 'https://college.example/courses/DB-1',
        targetId: 'https://university.example/courses/CS-210',
      },
      {
        type: 'Association',
        associationType: 'exactMatchOf',
        sourceId: 'https://platform.example/moocs/DB-2',
        targetId: 'https://university.example/courses/CS-210',
      },
    ]);
    expect(associations.filter((association: { associationType: string }) => association.associationType === 'isChildOf')).toHaveLength(2);
  });

  it('fails the official schema when a member is not a credential object', () => {
    const broken = transcript();
    broken.credentialSubject.verifiableCredential = ['eyJhbGciOiJFZERTQSJ9.e30.c2ln'];
    expect(validateClrCredential(broken).length).toBeGreaterThan(0);
  });
});
