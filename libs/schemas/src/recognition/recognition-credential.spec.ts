import { FIXTURE_BUILD_CONTEXT, FIXTURE_BUILD_OPTIONS_V2 } from '../../test/fixtures.js';
import { jwtSource, recognitionFacts } from '../../test/recognition-facts.js';
import { digestMultibase } from '../common/digest-multibase.js';
import { validateOpenBadgeCredential } from '../open-badges/validate-open-badge-credential.js';
import { buildRecognitionCredential, type RecognitionFacts } from './recognition-credential.js';
import { isRecognitionCredential, validateRecognitionCredential } from './validate-recognition-credential.js';

const build = (facts: RecognitionFacts = recognitionFacts()) =>
  buildRecognitionCredential(facts, FIXTURE_BUILD_CONTEXT, FIXTURE_BUILD_OPTIONS_V2.credentialStatus) as Record<string, any>;

describe('buildRecognitionCredential', () => {
  it('builds an n:1 recognition that passes 1EdTech, the credit kind and the recognition extension', () => {
    const credential = build();
    expect(validateOpenBadgeCredential(credential)).toEqual([]);
    expect(validateRecognitionCredential(credential)).toEqual([]);
    expect(isRecognitionCredential(credential)).toBe(true);
  });

  it('cites each source as evidence and as a related resource with the digest of its exact bytes', () => {
    const facts = recognitionFacts();
    const credential = build(facts);
    expect(credential.relatedResource).toEqual(
      facts.sources.map((source) => ({ id: source.id, digestMultibase: digestMultibase(source.bytes), mediaType: source.mediaType })),
    );
    expect(credential.evidence.map((entry: { id: string; name: string }) => [entry.id, entry.name])).toEqual(
      facts.sources.map((source) => [source.id, source.name]),
    );
    expect(credential.evidence[0].narrative).toContain(facts.sources[0].issuer);
    expect(credential.relatedResource[0].digestMultibase).toMatch(/^uEi[A-D]/);
  });

  it('carries the decision: policy and version, rule, cardinality, dates, each source with its credits and grade', () => {
    const credential = build();
    expect(credential.validUntil).toBe('2031-06-15T10:00:00Z');
    expect(credential.credentialSubject.creditsEarned).toBe(6);
    expect(credential.credentialSubject.result[0]).toMatchObject({ value: 'B', creditReceived: { point: '6' } });
    expect(credential.credentialSubject.recognition).toEqual({
      type: 'Recognition',
      recognitionType: 'transfer',
      recognitionPolicy: 'https://university.example/v1/policies/4d3c2b1a-0000-4000-8000-000000000001',
      policyVersion: 2,
      recognitionRule: 'DB-N1',
      cardinality: 'n:1',
      decisionDate: '2026-06-15T10:00:00Z',
      recognitionExpires: '2031-06-15T10:00:00Z',
      gradeScale: 'ects-letter',
      recognitionSource: [
        {
          id: 'urn:uuid:0b6a3c8e-1f4d-4e2a-9c7b-5d8e2f1a3b4c',
          type: 'RecognitionSource',
          sourceAchievement: 'https://college.example/courses/DB-1',
          sourceCredits: { type: 'CreditPoint', framework: 'http://data.europa.eu/snb/education-credit/6fcec5c5af', point: '5' },
          convertedCredits: 5,
          sourceGrade: 'B',
          gradeScale: 'ects-letter',
        },
        expect.objectContaining({
          id: 'urn:uuid:7c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e',
          sourceCredits: expect.objectContaining({ point: '1' }),
        }),
      ],
    });
  });

  it('gives a 1:n decision one credential per target course, each citing the same source', () => {
    const source = jwtSource();
    const [first, second] = ['CS-101', 'CS-102'].map((code) =>
      build(
        recognitionFacts({
          cardinality: '1:n',
          course: { code, name: code },
          credits: { value: 3, framework: source.credits!.framework },
          sources: [source],
        }),
      ),
    );
    expect(first.credentialSubject.achievement.id).not.toBe(second.credentialSubject.achievement.id);
    expect(first.relatedResource).toEqual(second.relatedResource);
    expect(validateRecognitionCredential(first)).toEqual([]);
  });

  it.each<[string, (credential: Record<string, any>) => void, string]>([
    [
      'a 1:1 recognition with two sources',
      (c) => (c.credentialSubject.recognition.cardinality = '1:1'),
      '/credentialSubject/recognition/recognitionSource',
    ],
    ['a source with no related resource', (c) => c.relatedResource.pop(), '/relatedResource'],
    [
      'a related resource of another credential',
      (c) => (c.relatedResource[0].id = 'urn:uuid:00000000-0000-4000-8000-000000000000'),
      '/relatedResource',
    ],
    ['a source cited without evidence', (c) => c.evidence.pop(), '/evidence'],
    ['no digest', (c) => delete c.relatedResource[0].digestMultibase, '/relatedResource/0/digestMultibase'],
    [
      'an unknown recognition type',
      (c) => (c.credentialSubject.recognition.recognitionType = 'gift'),
      '/credentialSubject/recognition/recognitionType',
    ],
    [
      'a property the extension does not define',
      (c) => (c.credentialSubject.recognition.approvedBy = 'me'),
      '/credentialSubject/recognition/approvedBy',
    ],
    ['no policy version', (c) => delete c.credentialSubject.recognition.policyVersion, '/credentialSubject/recognition/policyVersion'],
  ])('refuses %s', (_why, change, path) => {
    const credential = build();
    change(credential);
    expect(validateRecognitionCredential(credential).map((violation) => violation.path)).toContain(path);
  });
});
