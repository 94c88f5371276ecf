import { buildCredential } from '#schemas';
import { EXAMPLE_FACTS } from '../../../../scripts/example-facts.js';
import { creditSummary, type PresentedCredential } from './credit-summary.js';

const issuer = (n: number) => ({
  id: `did:ethr:0x7a69:0x000000000000000000000000000000000000000${n}`,
  name: `University ${n}`,
  url: 'https://u.example',
});
const credit = (n: number, credits: { amount: number; unit: string }, eqfLevel?: number) =>
  buildCredential({ ...EXAMPLE_FACTS.credit, credits, ...(eqfLevel ? { eqfLevel } : {}) } as never, {
    id: `urn:uuid:0b8e3c8e-3f7c-4d0a-9f7e-8f2f3c1d2e4${n}`,
    issuer: issuer(n),
    issuanceDate: '2026-01-01T00:00:00Z',
  });
const presented = (index: number, signed: Record<string, unknown>, overrides: Partial<PresentedCredential> = {}): PresentedCredential => ({
  index,
  verdict: 'verified',
  holderIsSubject: true,
  signed,
  issuer: { id: (signed.issuer as { id: string }).id, name: `University ${index}` },
  ...overrides,
});

describe('creditSummary', () => {
  it('adds credits by unit, by level and by institution, never across units', () => {
    const summary = creditSummary([
      presented(1, credit(1, { amount: 6, unit: 'ECTS' })),
      presented(2, credit(2, { amount: 7.5, unit: 'ECTS' })),
      presented(3, credit(3, { amount: 3, unit: 'US_SEMESTER_CREDIT_HOUR' })),
    ]);
    expect(summary.byUnit).toEqual([
      { unit: 'ECTS', credits: 13.5 },
      { unit: 'US_SEMESTER_CREDIT_HOUR', credits: 3 },
    ]);
    expect(summary.byInstitution.map(({ issuer: id, unit, credits }) => [id.slice(-1), unit, credits])).toEqual([
      ['1', 'ECTS', 6],
      ['2', 'ECTS', 7.5],
      ['3', 'US_SEMESTER_CREDIT_HOUR', 3],
    ]);
    expect(summary.byLevel.reduce((sum, total) => sum + total.credits, 0)).toBe(16.5);
    expect(summary.notCounted).toEqual([]);
  });

  it('counts a credential presented twice once, and says why the second is not counted', () => {
    const once = credit(1, { amount: 6, unit: 'ECTS' });
    const summary = creditSummary([presented(0, once), presented(1, { ...once }), presented(2, credit(2, { amount: 3, unit: 'ECTS' }))]);
    expect(summary.byUnit).toEqual([{ unit: 'ECTS', credits: 9 }]);
    expect(summary.notCounted).toEqual([{ index: 1, id: once.id, reason: 'It was presented already: the same credential counts once.' }]);
  });

  it("counts nothing that failed, could not be checked, is someone else's or earns no credits, and says why", () => {
    const course = buildCredential(EXAMPLE_FACTS.course, {
      id: 'urn:uuid:0b8e3c8e-3f7c-4d0a-9f7e-8f2f3c1d2e49',
      issuer: issuer(9),
      issuanceDate: '2026-01-01T00:00:00Z',
    });
    const summary = creditSummary([
      presented(0, credit(1, { amount: 6, unit: 'ECTS' }), { verdict: 'failed' }),
      presented(1, credit(2, { amount: 6, unit: 'ECTS' }), { verdict: 'indeterminate' }),
      presented(2, credit(3, { amount: 6, unit: 'ECTS' }), { holderIsSubject: false }),
      presented(3, course),
      { index: 4, verdict: 'failed', holderIsSubject: false },
      presented(5, credit(5, { amount: 6, unit: 'ECTS' }), { verdict: 'indeterminate', issuerUnknown: true }),
    ]);
    expect(summary.byUnit).toEqual([]);
    expect(summary.notCounted.map(({ index, reason }) => [index, reason])).toEqual([
      [0, 'It failed verification.'],
      [1, expect.stringContaining('could not be fully verified')],
      [2, "It is not the presenting student's."],
      [3, expect.stringContaining('not a credit credential')],
      [4, 'It failed verification.'],
      [5, 'Its issuer is not an institution this verifier trusts.'],
    ]);
    expect(summary.notCounted[0].id).toBe('urn:uuid:0b8e3c8e-3f7c-4d0a-9f7e-8f2f3c1d2e41');
  });
});
