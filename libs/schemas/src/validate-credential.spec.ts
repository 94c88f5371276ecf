import { applyPatch, expectViolations, FIXTURE_BUILD_CONTEXT, fixtureNames, type NotOkCase, okFacts, readFixture } from '../test/fixtures.js';
import { buildCredential } from './build-credential.js';
import type { CredentialKind } from './facts.js';
import { validateCredential } from './validate-credential.js';

describe('validateCredential', () => {
  it.each(fixtureNames('not-ok/credentials'))('refuses not-ok/credentials/%s', (name) => {
    const { kind, base, patch, violations } = readFixture<NotOkCase & { kind: CredentialKind; base: string }>('not-ok/credentials', name);
    const credential = applyPatch(buildCredential(okFacts(base), FIXTURE_BUILD_CONTEXT), patch);
    expectViolations(validateCredential(kind, credential), violations);
  });

  it.each(['course', 'certificate', 'credit'] as const)('refuses a %s credential that is not an object', (kind) => {
    expect(validateCredential(kind, 'eyJhbGciOiJFUzI1NksifQ')).toEqual([{ path: '/', message: 'must be object' }]);
  });

  it('reports a violation once even when several schemas find it', () => {
    const credential = applyPatch(buildCredential(okFacts('credit'), FIXTURE_BUILD_CONTEXT), [{ op: 'remove', path: '/credentialSubject/creditsEarned' }]);
    expect(validateCredential('credit', credential).filter((v) => v.path === '/credentialSubject/creditsEarned')).toHaveLength(1);
  });
});
