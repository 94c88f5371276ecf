import { readFixture } from '../../test/fixtures.js';
import { validateEndorsementCredential } from './validate-endorsement-credential.js';

type Endorsement = Record<string, any>;
const endorsement = () => readFixture<Endorsement>('ok/endorsements', 'endorsement-valid');

describe('validateEndorsementCredential', () => {
  it("accepts 1EdTech's example", () => {
    expect(validateEndorsementCredential(endorsement())).toEqual([]);
  });

  it('refuses a subject that is not an EndorsementSubject, even as a single string', () => {
    expect(
      validateEndorsementCredential({
        ...endorsement(),
        credentialSubject: { ...endorsement().credentialSubject, type: 'AchievementSubject' },
      }),
    ).toEqual([{ path: '/credentialSubject/type', message: 'must be one of: EndorsementSubject' }]);
  });

  it('refuses a credential that is not an EndorsementCredential', () => {
    expect(validateEndorsementCredential({ ...endorsement(), type: ['VerifiableCredential', 'OpenBadgeCredential'] })).toEqual([
      { path: '/type', message: 'must contain one of: EndorsementCredential' },
    ]);
  });

  it('refuses a VCDM 1.1 endorsement, for which 1EdTech publishes no schema', () => {
    const { validFrom, ...current } = endorsement();
    const older = {
      ...current,
      '@context': ['https://www.w3.org/2018/credentials/v1', ...current['@context'].slice(1)],
      issuanceDate: validFrom,
    };
    expect(validateEndorsementCredential(older)).toEqual([
      { path: '/@context/0', message: 'must be https://www.w3.org/ns/credentials/v2' },
    ]);
  });
});
