import {
  applyPatch,
  expectViolations,
  FIXTURE_BUILD_CONTEXT,
  fixtureNames,
  type NotOkCase,
  okFacts,
  readFixture,
} from '../test/fixtures.js';
import { buildCredential } from './build-credential.js';
import { statusListEntry } from './status-list/bitstring-status-list.js';
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

  it.each(['course', 'certificate', 'credit'] as const)('accepts a %s credential with a revocation and a suspension entry', (kind) => {
    const list = 'https://example.edu/v1/status-lists/6c1f0b3e-2f6a-4f0e-9d2b-1c3e5a7b9d0f';
    const credentialStatus = [statusListEntry(list, 'revocation', 4211), statusListEntry(list, 'suspension', 4211)];
    expect(validateCredential(kind, { ...buildCredential(okFacts(kind), FIXTURE_BUILD_CONTEXT), credentialStatus })).toEqual([]);
  });

  it.each([
    'https://registrar.example.edu/credentials/2026/42',
    'urn:uuid:5b3f8a7e-2c4d-4f1a-9e6b-0d7c8a9b1e2f',
    'did:example:credential-1',
  ])("accepts a VC-API client's own URI as the id (%s), and refuses what is no URI or links to a script", (id) => {
    const credential = buildCredential(okFacts('course'), FIXTURE_BUILD_CONTEXT);
    expect(validateCredential('course', { ...credential, id })).toEqual([]);
    for (const bad of ['credential 42', 'javascript:alert(1)'])
      expect(validateCredential('course', { ...credential, id: bad }).map((v) => v.path)).toContain('/id');
  });

  it('refuses a status entry without its id or type, as the Open Badges schema requires', () => {
    const credential = {
      ...buildCredential(okFacts('course'), FIXTURE_BUILD_CONTEXT),
      credentialStatus: [{ statusPurpose: 'revocation' }],
    };
    expect(validateCredential('course', credential).map((v) => v.path)).toEqual(
      expect.arrayContaining(['/credentialStatus/0/id', '/credentialStatus/0/type']),
    );
  });

  it('reports a violation once even when several schemas find it', () => {
    const credential = applyPatch(buildCredential(okFacts('credit'), FIXTURE_BUILD_CONTEXT), [
      { op: 'remove', path: '/credentialSubject/creditsEarned' },
    ]);
    expect(validateCredential('credit', credential).filter((v) => v.path === '/credentialSubject/creditsEarned')).toHaveLength(1);
  });
});
