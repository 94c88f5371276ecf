import { expectViolations, fixtureNames, type NotOkCase, applyPatch, okFacts, readFixture } from '../test/fixtures.js';
import { CREDENTIAL_KINDS, credentialFactsSchema, validateFacts } from './facts.js';

describe('validateFacts', () => {
  it.each(fixtureNames('ok/facts'))('accepts ok/facts/%s and hands the facts back', (name) => {
    const body = okFacts(name);
    const result = validateFacts(body);
    expect(result).toMatchObject({ ok: true, facts: body });
  });

  it('has ok facts of every kind to test with', () => {
    expect(new Set(fixtureNames('ok/facts').map((name) => okFacts(name).kind))).toEqual(new Set(CREDENTIAL_KINDS));
  });

  it.each(fixtureNames('not-ok/facts'))('refuses not-ok/facts/%s', (name) => {
    const { body, base, patch, violations } = readFixture<NotOkCase>('not-ok/facts', name);
    const result = validateFacts(base === undefined ? body : applyPatch(okFacts(base), patch));
    expect(result.ok).toBe(false);
    if (!result.ok) expectViolations(result.violations, violations);
  });

  it('lists every violation at once, not just the first', () => {
    const result = validateFacts({ ...okFacts('credit'), learner: {}, credits: { amount: -1, unit: 'CATS' }, extra: true });
    expect(result.ok === false && result.violations.map((v) => v.path).sort()).toEqual([
      '/credits/amount',
      '/credits/unit',
      '/extra',
      '/learner',
    ]);
  });

  it('publishes its schema as plain JSON, e.g. for API documentation', () => {
    expect(JSON.parse(JSON.stringify(credentialFactsSchema))).toEqual(credentialFactsSchema);
  });
});
