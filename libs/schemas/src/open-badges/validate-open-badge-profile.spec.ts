import { FIXTURE_BUILD_CONTEXT } from '../../test/fixtures.js';
import { issuerObject } from '../common/issuer-profile.js';
import { validateOpenBadgeProfile } from './validate-open-badge-profile.js';

describe('validateOpenBadgeProfile', () => {
  it('accepts the issuer profile our credentials carry, with a logo and without', () => {
    expect(validateOpenBadgeProfile(issuerObject(FIXTURE_BUILD_CONTEXT.issuer))).toEqual([]);
    expect(validateOpenBadgeProfile(issuerObject({ ...FIXTURE_BUILD_CONTEXT.issuer, image: undefined }))).toEqual([]);
  });

  it('refuses a profile without an id, or of another type', () => {
    const { id: _id, ...anonymous } = issuerObject(FIXTURE_BUILD_CONTEXT.issuer);
    expect(validateOpenBadgeProfile(anonymous)).toEqual([{ path: '/id', message: 'is required' }]);
    expect(validateOpenBadgeProfile({ ...issuerObject(FIXTURE_BUILD_CONTEXT.issuer), type: 'Organization' })).toEqual([
      { path: '/type', message: 'must be one of: Profile' },
    ]);
  });
});
