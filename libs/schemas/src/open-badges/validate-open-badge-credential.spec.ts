import { expectViolations, fixtureNames, type NotOkCase, readFixture } from '../../test/fixtures.js';
import { validateOpenBadgeCredential } from './validate-open-badge-credential.js';

describe('validateOpenBadgeCredential', () => {
  it.each(fixtureNames('ok/open-badges'))('accepts the 1EdTech example ok/open-badges/%s', (name) => {
    expect(validateOpenBadgeCredential(readFixture('ok/open-badges', name))).toEqual([]);
  });

  it.each(fixtureNames('not-ok/open-badges'))('refuses not-ok/open-badges/%s', (name) => {
    const { body, violations } = readFixture<NotOkCase>('not-ok/open-badges', name);
    expectViolations(validateOpenBadgeCredential(body), violations);
  });

  it('reads the draft-04 schema the way draft-04 does: dates are checked as date-times', () => {
    const credential = { ...readFixture<Record<string, unknown>>('ok/open-badges', 'simple_v1'), issuanceDate: '2010-01-01' };
    expect(validateOpenBadgeCredential(credential)).toEqual([{ path: '/issuanceDate', message: 'must match format "date-time"' }]);
  });
});
