import { createVerifiableCredentialJwt, normalizeCredential, transformCredentialInput } from 'did-jwt-vc';
import { ES256KSigner } from 'did-jwt';
import { randomBytes } from 'node:crypto';
import { FIXTURE_BUILD_CONTEXT, fixtureNames, okFacts, readFixture } from '../test/fixtures.js';
import { buildCredential } from './build-credential.js';
import { CERTIFICATE_TYPES, type CertificateFacts } from './certificate/certificate.facts.js';
import { type CourseFacts, RESULT_STATUSES } from './course/course.facts.js';
import type { CreditFacts } from './credit/credit.facts.js';
import { detectCredentialKind } from './detect-credential-kind.js';
import { validateOpenBadgeCredential } from './open-badges/validate-open-badge-credential.js';
import { validateCredential } from './validate-credential.js';

const built = (name: string, ctx = FIXTURE_BUILD_CONTEXT) => buildCredential(okFacts(name), ctx) as Record<string, any>;

describe.each(fixtureNames('ok/facts'))('the credential built from ok/facts/%s', (name) => {
  const { kind } = okFacts(name);

  it("passes the 1EdTech Open Badges schema and its kind's schema", () => {
    expect(validateOpenBadgeCredential(built(name))).toEqual([]);
    expect(validateCredential(kind, built(name))).toEqual([]);
  });

  it('is detected as its own kind', () => {
    expect(detectCredentialKind(built(name))).toBe(kind);
  });

  it('is the VCDM 1.1 shape Veramo signs: v1 context first, issuanceDate, no validFrom', () => {
    const credential = built(name);
    expect(credential['@context'].slice(0, 2)).toEqual([
      'https://www.w3.org/2018/credentials/v1',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(credential.issuanceDate).toBe(FIXTURE_BUILD_CONTEXT.issuanceDate);
    expect(credential).not.toHaveProperty('validFrom');
    expect(credential).not.toHaveProperty('validUntil');
  });

  it('still passes its schemas once signed as a VC-JWT and decoded again', async () => {
    const jwt = await createVerifiableCredentialJwt(transformCredentialInput(built(name)), {
      did: FIXTURE_BUILD_CONTEXT.issuer.id,
      signer: ES256KSigner(randomBytes(32)),
      alg: 'ES256K',
    });
    const decoded = normalizeCredential(jwt);
    expect(decoded.proof).toMatchObject({ type: 'JwtProof2020', jwt });
    expect(validateCredential(kind, decoded)).toEqual([]);
  });
});

describe('golden credentials', () => {
  it.each(fixtureNames('ok/credentials'))('ok/facts/%s builds exactly ok/credentials/%s', (name) => {
    expect(built(name)).toEqual(readFixture('ok/credentials', name));
  });
});

describe('mapping the facts', () => {
  it('puts the learner in the subject only as a salted hash when known by email or student number', () => {
    for (const name of ['course', 'credit']) {
      const credential = JSON.stringify(built(name, { ...FIXTURE_BUILD_CONTEXT, salt: undefined }));
      expect(credential.toLowerCase()).not.toContain('ada.learner@example.org');
      expect(credential).not.toContain('S-2026-00042');
    }
  });

  it('derives one achievement id per issuer and code, the same for every learner', () => {
    const facts = okFacts('course-minimal') as CourseFacts;
    const forAnotherLearner: CourseFacts = { ...facts, learner: { email: 'someone@example.org' } };
    const idOf = (credential: Record<string, any>) => credential.credentialSubject.achievement.id;
    const first = idOf(buildCredential(facts, FIXTURE_BUILD_CONTEXT));
    expect(first).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(
      idOf(buildCredential(forAnotherLearner, { ...FIXTURE_BUILD_CONTEXT, id: 'urn:uuid:7d0a3a3e-0c59-4a43-9b7a-3f1d6c2b8e11' })),
    ).toBe(first);
    expect(idOf(buildCredential({ ...facts, achievement: { ...facts.achievement, code: 'HIST-102' } }, FIXTURE_BUILD_CONTEXT))).not.toBe(
      first,
    );
    const otherIssuer = {
      ...FIXTURE_BUILD_CONTEXT,
      issuer: { ...FIXTURE_BUILD_CONTEXT.issuer, id: 'did:ethr:0x7a69:0x0000000000000000000000000000000000000001' },
    };
    expect(idOf(buildCredential(facts, otherIssuer))).not.toBe(first);
  });

  it('completes a course unless told otherwise, and names it by its status', () => {
    expect(built('course-minimal').credentialSubject.result).toEqual([{ type: ['Result'], status: 'Completed' }]);
    expect(built('course-minimal').name).toBe('World History I (course completion)');
    expect(built('course-withdrawn').credentialSubject.result).toEqual([{ type: ['Result'], status: 'Withdrew' }]);
    expect(built('course-withdrawn').name).toBe('General Chemistry (withdrawn)');
  });

  it.each(RESULT_STATUSES)('builds a valid course credential for the result status %s', (status) => {
    const facts: CourseFacts = { ...(okFacts('course') as CourseFacts), result: { status } };
    expect(validateCredential('course', buildCredential(facts, FIXTURE_BUILD_CONTEXT))).toEqual([]);
  });

  it.each(CERTIFICATE_TYPES)('builds a valid certificate credential of type %s', (achievementType) => {
    const facts: CertificateFacts = { ...(okFacts('certificate') as CertificateFacts), achievementType };
    expect(validateCredential('certificate', buildCredential(facts, FIXTURE_BUILD_CONTEXT))).toEqual([]);
  });

  it('makes a plain Certificate by default, and a number grade a grade point average', () => {
    expect(built('certificate-minimal').credentialSubject.achievement.achievementType).toBe('Certificate');
    const { achievement, result } = built('certificate-gpa').credentialSubject;
    expect(achievement.resultDescription).toEqual([
      expect.objectContaining({ resultType: 'GradePointAverage', id: result[0].resultDescription }),
    ]);
    expect(result[0].value).toBe('3.85');
    expect(achievement.alignment[0]).toMatchObject({ targetUrl: 'http://data.europa.eu/snb/eqf/7', targetName: 'EQF level 7' });
  });

  it('turns validUntil into the expirationDate', () => {
    expect(built('certificate-gpa').expirationDate).toBe((okFacts('certificate-gpa') as CertificateFacts).validUntil);
  });

  it('keeps the credit unit where Open Badges readers and ELM readers each find it', () => {
    const { achievement, creditsEarned, result } = built('credit-us-semester').credentialSubject;
    const credit = {
      type: 'CreditPoint',
      framework: 'https://w3id.org/lifelong-learning/credit-frameworks/us-semester-credit-hour',
      point: '3',
    };
    expect(achievement).toMatchObject({ achievementType: 'Course', creditsAvailable: 3, creditPoint: credit });
    expect(creditsEarned).toBe(3);
    expect(result).toEqual([{ type: ['Result'], value: 'A-', creditReceived: credit }]);
    expect(achievement).not.toHaveProperty('resultDescription');
  });

  it('names a credit by its credits', () => {
    expect(built('credit-us-semester').name).toBe('College Writing II: 3 semester credit hours');
    expect(buildCredential({ ...(okFacts('credit') as CreditFacts), name: 'Linear Algebra' }, FIXTURE_BUILD_CONTEXT).name).toBe(
      'Linear Algebra',
    );
  });

  it('offers the anchored package as a refresh service when the issuer publishes one', () => {
    const packageUrl = 'https://issuer.example/v1/anchors/credentials/urn%3Auuid%3A2f5c7c1e-8d7a-4b8e-9a51-6f0d1d0b9a11/package';
    const credential = built('course', { ...FIXTURE_BUILD_CONTEXT, packageUrl });
    expect(credential.refreshService).toEqual({ id: packageUrl, type: 'AnchoredCredentialPackage2026' });
    expect(validateCredential('course', credential)).toEqual([]);
    expect(built('course')).not.toHaveProperty('refreshService');
  });
});
