import { expectViolations, fixtureNames, type NotOkCase, readFixture } from '../../test/fixtures.js';
import { violationsOf } from '../common/ajv.js';
import { officialSchemas } from '../official-schemas/official-schemas.js';
import { validateOpenBadgeCredential } from './validate-open-badge-credential.js';

describe('validateOpenBadgeCredential', () => {
  it.each(fixtureNames('ok/open-badges'))('accepts the 1EdTech example ok/open-badges/%s', (name) => {
    expect(validateOpenBadgeCredential(readFixture('ok/open-badges', name))).toEqual([]);
  });

  it.each(fixtureNames('not-ok/open-badges'))('refuses not-ok/open-badges/%s', (name) => {
    const { body, violations, only } = readFixture<NotOkCase>('not-ok/open-badges', name);
    expectViolations(validateOpenBadgeCredential(body), violations, only);
  });

  it('reads the draft-04 schema the way draft-04 does: dates are checked as date-times', () => {
    const credential = { ...readFixture<Record<string, unknown>>('ok/open-badges', 'simple_v1'), issuanceDate: '2010-01-01' };
    expect(validateOpenBadgeCredential(credential)).toEqual([{ path: '/issuanceDate', message: 'must match format "date-time"' }]);
  });

  it('holds a VCDM 2.0 credential to the official 2019-09 schema: validFrom, not issuanceDate', () => {
    const { validFrom, ...credential } = readFixture<Record<string, unknown>>('ok/open-badges', 'simple');
    expect(validateOpenBadgeCredential({ ...credential, issuanceDate: validFrom })).toEqual([
      { path: '/validFrom', message: 'is required' },
    ]);
  });

  it('holds a VCDM 1.1 credential to the draft-04 schema: issuanceDate, not validFrom', () => {
    const { issuanceDate, ...credential } = readFixture<Record<string, unknown>>('ok/open-badges', 'simple_v1');
    expect(validateOpenBadgeCredential({ ...credential, validFrom: issuanceDate })).toEqual([
      { path: '/issuanceDate', message: 'is required' },
    ]);
  });

  it("adds the type checks of 1EdTech's validator: the official schema alone accepts a single type that names another class", () => {
    const { body } = readFixture<NotOkCase>('not-ok/open-badges', 'simple-err-evidence-type');
    expect(violationsOf(officialSchemas.openBadgeCredential(), body)).toEqual([]);
    expect(validateOpenBadgeCredential(body)).toEqual([{ path: '/evidence/1/type', message: 'must be one of: Evidence' }]);
  });

  it('refuses a credential type given as a single string, which cannot name both VerifiableCredential and an Open Badges type', () => {
    const credential = { ...readFixture<Record<string, unknown>>('ok/open-badges', 'simple'), type: 'OpenBadgeCredential' };
    expect(validateOpenBadgeCredential(credential)).toContainEqual({ path: '/type', message: 'must be array' });
  });

  it('wants a subject named by id or by identifier, and criteria with an id or a narrative', () => {
    const credential = readFixture<{ credentialSubject: Record<string, any> }>('ok/open-badges', 'simple');
    const { id: _id, ...subject } = credential.credentialSubject;
    const anonymous = { ...credential, credentialSubject: { ...subject, achievement: { ...subject.achievement, criteria: {} } } };
    expect(validateOpenBadgeCredential(anonymous)).toEqual([
      { path: '/credentialSubject/id', message: 'is required' },
      { path: '/credentialSubject/identifier', message: 'is required' },
      { path: '/credentialSubject/achievement/criteria/id', message: 'is required' },
      { path: '/credentialSubject/achievement/criteria/narrative', message: 'is required' },
    ]);
  });
});
