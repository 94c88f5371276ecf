import { applyPatch, FIXTURE_BUILD_CONTEXT, okFacts, readFixture } from '../test/fixtures.js';
import { buildCredential } from './build-credential.js';
import { detectCredentialKind } from './detect-credential-kind.js';

const built = (name: string) => buildCredential(okFacts(name), FIXTURE_BUILD_CONTEXT);

describe('detectCredentialKind', () => {
  it.each([
    ['course', 'course'],
    ['course-withdrawn', 'course'],
    ['certificate', 'certificate'],
    ['certificate-minimal', 'certificate'],
    ['credit', 'credit'],
    ['credit-us-quarter', 'credit'],
  ])('finds that ok/facts/%s built a %s', (name, kind) => {
    expect(detectCredentialKind(built(name))).toBe(kind);
  });

  it('tells a credit from a course by its credits alone, since both are a Course', () => {
    const withoutCreditsEarned = applyPatch(built('credit'), [{ op: 'remove', path: '/credentialSubject/creditsEarned' }]);
    expect(detectCredentialKind(withoutCreditsEarned)).toBe('credit');
    const withoutEither = applyPatch(withoutCreditsEarned, [{ op: 'remove', path: '/credentialSubject/result' }]);
    expect(detectCredentialKind(withoutEither)).toBe('course');
  });

  it('finds a certificate in a foreign Open Badges credential for a degree', () => {
    expect(detectCredentialKind(readFixture<{ body: unknown }>('not-ok/open-badges', 'complete_v1').body)).toBe('certificate');
  });

  it.each(['simple_v1', 'credential-status-revoked'])('finds none of our kinds in the foreign badge ok/open-badges/%s', (name) => {
    expect(detectCredentialKind(readFixture('ok/open-badges', name))).toBeUndefined();
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'eyJhbGciOiJFUzI1NksifQ'],
    ['a subject list', { credentialSubject: [{ achievement: { achievementType: 'Course' } }] }],
    ['an achievement type that is not a string', { credentialSubject: { achievement: { achievementType: ['Course'] } } }],
    ['a Badge', { credentialSubject: { achievement: { achievementType: 'Badge' } } }],
  ])('finds none of our kinds in %s', (_what, credential) => {
    expect(detectCredentialKind(credential)).toBeUndefined();
  });
});
