import { earnedCredits } from './earned-credits.js';

const ECTS = 'http://data.europa.eu/snb/education-credit/6fcec5c5af';

describe('earnedCredits', () => {
  it("reads the amount from creditsEarned and the unit from the Result's creditReceived", () => {
    const subject = { creditsEarned: 6, result: [{ value: 'B' }, { creditReceived: { framework: ECTS, point: '6' } }] };
    expect(earnedCredits({ credentialSubject: subject })).toEqual({ amount: 6, framework: ECTS, unit: 'ECTS' });
  });

  it('leaves out a unit it does not know, and reads nothing from a credential that earns no credits', () => {
    expect(
      earnedCredits({ credentialSubject: { creditsEarned: 3, result: [{ creditReceived: { framework: 'https://x.example/units' } }] } }),
    ).toEqual({
      amount: 3,
      framework: 'https://x.example/units',
    });
    expect(earnedCredits({ credentialSubject: { creditsEarned: 3 } })).toEqual({ amount: 3 });
    expect(earnedCredits({ credentialSubject: { creditsEarned: '3' } })).toBeUndefined();
    expect(earnedCredits({})).toBeUndefined();
  });
});
