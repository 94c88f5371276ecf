import { applyPatch, expectViolations, fixtureNames, type NotOkCase, readFixture } from '../../test/fixtures.js';
import { validateClrCredential } from './validate-clr-credential.js';

describe('validateClrCredential', () => {
  it.each(fixtureNames('ok/clr'))('accepts the 1EdTech example ok/clr/%s', (name) => {
    expect(validateClrCredential(readFixture('ok/clr', name))).toEqual([]);
  });

  it.each(fixtureNames('not-ok/clr'))('refuses not-ok/clr/%s', (name) => {
    const { body, base, patch, violations, only } = readFixture<NotOkCase>('not-ok/clr', name);
    expectViolations(validateClrCredential(base ? applyPatch(readFixture('ok/clr', base), patch) : body), violations, only);
  });

  it('holds a VCDM 2.0 transcript to the official schema and a VCDM 1.1 one to the draft-04 schema', () => {
    const { validFrom, ...current } = readFixture<Record<string, unknown>>('ok/clr', 'simple');
    expect(validateClrCredential({ ...current, issuanceDate: validFrom })).toEqual([{ path: '/validFrom', message: 'is required' }]);
    const { issuanceDate: _issued, ...older } = readFixture<Record<string, unknown>>('ok/clr', 'complex');
    expect(validateClrCredential(older)).toEqual([{ path: '/issuanceDate', message: 'is required' }]);
  });

  it('refuses a transcript of neither data model', () => {
    expect(validateClrCredential({ '@context': ['https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json'] })).toEqual([
      { path: '/@context/0', message: expect.stringContaining('https://www.w3.org/ns/credentials/v2') },
    ]);
  });
});
