import { ECTS, type RecognitionFacts, type RecognitionSourceFacts } from '../src/index.js';

/** A source credential as the credit bank verified it: a VC-JWT from a college, fresh each call. */
export function jwtSource(overrides: Partial<RecognitionSourceFacts> = {}): RecognitionSourceFacts {
  return {
    id: 'urn:uuid:0b6a3c8e-1f4d-4e2a-9c7b-5d8e2f1a3b4c',
    name: 'Databases I: 5 ECTS',
    format: 'vc-jwt',
    bytes: 'eyJhbGciOiJFUzI1NksifQ.eyJ2YyI6e319.c2lnbmF0dXJl',
    mediaType: 'application/jwt',
    issuer: 'did:ethr:0x7a69:0x1111111111111111111111111111111111111111',
    achievementId: 'https://college.example/courses/DB-1',
    credits: { value: 5, framework: ECTS },
    convertedCredits: 5,
    grade: { scale: 'ects-letter', value: 'B' },
    verifiedAt: '2026-06-01T09:00:00Z',
    checks: ['signature', 'status', 'anchor', 'issuer-trust'],
    ...overrides,
  };
}

/** A Data Integrity source from an online platform, fresh each call. */
export function ldpSource(overrides: Partial<RecognitionSourceFacts> = {}): RecognitionSourceFacts {
  return jwtSource({
    id: 'urn:uuid:7c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e',
    name: 'Databases II (MOOC): 1 ECTS',
    format: 'ldp_vc',
    bytes: '{"@context":["https://www.w3.org/ns/credentials/v2"],"id":"urn:uuid:7c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e"}',
    mediaType: 'application/vc',
    issuer: 'did:web:platform.example',
    achievementId: 'https://platform.example/moocs/DB-2',
    credits: { value: 1, framework: ECTS },
    convertedCredits: 1,
    grade: { scale: 'ects-letter', value: 'A' },
    ...overrides,
  });
}

/** A confirmed n:1 decision: two sources recognised as one course of 6 ECTS. */
export function recognitionFacts(overrides: Partial<RecognitionFacts> = {}): RecognitionFacts {
  return {
    learner: { did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' },
    course: { id: 'https://university.example/courses/CS-210', code: 'CS-210', name: 'Database Systems' },
    recognitionType: 'transfer',
    policy: { id: 'https://university.example/v1/policies/4d3c2b1a-0000-4000-8000-000000000001', version: 2 },
    rule: 'DB-N1',
    cardinality: 'n:1',
    credits: { value: 6, framework: ECTS },
    grade: { scale: 'ects-letter', value: 'B' },
    decisionDate: '2026-06-15T10:00:00Z',
    expires: '2031-06-15T10:00:00Z',
    sources: [jwtSource(), ldpSource()],
    ...overrides,
  };
}
