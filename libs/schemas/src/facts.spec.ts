import { createHash } from 'node:crypto';
import { EXAMPLE_FACTS } from '../../../scripts/example-facts.js';
import { learnerSubject } from './common/learner.js';
import { CREDENTIAL_KINDS, validateFacts } from './facts.js';

const course = () => structuredClone(EXAMPLE_FACTS.course) as Record<string, any>;

describe('validateFacts', () => {
  it.each(CREDENTIAL_KINDS)('accepts the example %s facts', (kind) => {
    expect(validateFacts(EXAMPLE_FACTS[kind])).toEqual({ ok: true, value: EXAMPLE_FACTS[kind] });
  });

  const bad: [string, () => unknown, string][] = [
    ['an unknown kind', () => ({ ...course(), kind: 'badge' }), '/kind'],
    ['a body that is not an object', () => [course()], '/'],
    ['a missing achievement', () => ({ ...course(), achievement: undefined }), '/achievement'],
    ['a missing achievement name', () => ({ ...course(), achievement: { ...course().achievement, name: undefined } }), '/achievement/name'],
    ['an ill-typed learner', () => ({ ...course(), learner: { email: 42 } }), '/learner'],
    ['two learner identifiers', () => ({ ...course(), learner: { email: 'a@b.example', studentNumber: '1' } }), '/learner'],
    ['an invalid email', () => ({ ...course(), learner: { email: 'not-an-email' } }), '/learner'],
    ['an unknown property', () => ({ ...course(), issuer: 'did:ethr:0x1' }), '/'],
    ['a malformed date', () => ({ ...course(), activityEndDate: 'June' }), '/activityEndDate'],
    ['negative credits', () => ({ ...structuredClone(EXAMPLE_FACTS.credit), credits: { amount: -1, unit: 'ECTS' } }), '/credits/amount'],
    ['an unknown credit unit', () => ({ ...structuredClone(EXAMPLE_FACTS.credit), credits: { amount: 3, unit: 'PARSECS' } }), '/credits/unit'],
    ['credit facts without credits', () => ({ ...structuredClone(EXAMPLE_FACTS.credit), credits: undefined }), '/credits'],
    ['an EQF level out of range', () => ({ ...structuredClone(EXAMPLE_FACTS.certificate), eqfLevel: 9 }), '/eqfLevel'],
  ];
  it.each(bad)('refuses %s, pointing at %s', (_name, body, path) => {
    const result = validateFacts(JSON.parse(JSON.stringify(body())));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.violations.map((v) => v.path)).toContain(path);
  });
});

describe('learnerSubject', () => {
  const salt = '0f0e0d0c0b0a09080706050403020100';

  it('names a learner with a DID directly', () => {
    expect(learnerSubject({ did: 'did:key:z6Mk' })).toEqual({ id: 'did:key:z6Mk' });
  });

  it('hashes an email with the salt as Open Badges defines it, after normalising it', () => {
    const expected = createHash('sha256').update(`ada@example.org${salt}`).digest('hex');
    expect(learnerSubject({ email: ' Ada@Example.org ' }, salt)).toEqual({
      identifier: [{ type: 'IdentityObject', identityType: 'emailAddress', hashed: true, identityHash: `sha256$${expected}`, salt }],
    });
  });

  it('never carries the email or student number in clear, and salts randomly by default', () => {
    const first = JSON.stringify(learnerSubject({ email: 'ada@example.org' }));
    const second = JSON.stringify(learnerSubject({ email: 'ada@example.org' }));
    expect(first).not.toContain('ada@example.org');
    expect(first).not.toBe(second);
    expect(JSON.stringify(learnerSubject({ studentNumber: 'S-42' }))).not.toContain('S-42');
  });
});
