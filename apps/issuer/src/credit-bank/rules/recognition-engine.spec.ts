import { ECTS, EXAMPLE_POLICY_DIDS, exampleRecognitionPolicy, type RecognitionPolicy, US_SEMESTER_HOURS } from '#schemas';
import { codeSpans, readmeTable } from '../../../../../test/readme-tables.js';
import { fillSlots, proposeRecognitions } from './recognition-engine.js';
import {
  type DepositFacts,
  NOTHING_RECOGNISED,
  type RecognisedTotals,
  type RecognitionProposal,
  REFUSAL_REASONS,
} from './recognition-input.js';

const { college, platform } = EXAMPLE_POLICY_DIDS;
const AS_OF = '2026-06-01T00:00:00Z';
let serial = 0;

function deposit(overrides: Partial<DepositFacts> = {}): DepositFacts {
  serial += 1;
  const id = overrides.id ?? `deposit-${String(serial).padStart(4, '0')}`;
  return {
    id,
    digest: `sha256-${id}`,
    issuer: platform,
    achievementCode: 'DB-101',
    achievementId: `https://mooc.example/courses/${id}`,
    kind: 'course',
    credits: { value: 5, framework: ECTS },
    grade: { scale: 'percent', value: '85' },
    completedAt: '2025-01-15T00:00:00Z',
    state: 'active',
    ...overrides,
  };
}

const programming = (n: 1 | 2, overrides: Partial<DepositFacts> = {}) =>
  deposit({
    issuer: college,
    achievementId: `https://college.example/courses/PROG-${n}`,
    achievementCode: `PROG-${n}`,
    ...overrides,
  });

const elective = (overrides: Partial<DepositFacts> = {}) =>
  deposit({ achievementCode: 'ML-200', eqfLevel: 6, field: '0613', credits: { value: 3, framework: ECTS }, ...overrides });

function propose(
  deposits: DepositFacts[],
  recognised: Partial<RecognisedTotals> = {},
  policy: RecognitionPolicy = exampleRecognitionPolicy(),
): RecognitionProposal {
  return proposeRecognitions({ policy, deposits, recognised: { ...NOTHING_RECOGNISED, ...recognised }, asOf: AS_OF });
}

const reasons = (proposal: RecognitionProposal) => proposal.refusals.map(({ deposit, reason, rule }) => ({ deposit, reason, rule }));

describe('proposeRecognitions', () => {
  it('recognises a 1:1 course by code pattern, converting its grade by the rule’s table', () => {
    const source = deposit();
    const proposal = propose([source]);
    expect(proposal.refusals).toEqual([]);
    expect(proposal.decisions).toEqual([
      {
        rule: 'MOOC-DB',
        cardinality: '1:1',
        deposits: [source.id],
        sources: [
          {
            deposit: source.id,
            digest: source.digest,
            issuer: platform,
            credits: { value: 5, framework: ECTS },
            convertedCredits: 5,
            grade: { scale: 'percent', value: '85' },
          },
        ],
        target: { achievementId: 'https://university.example/courses/CS-210', name: 'Databases' },
        credits: 6,
        framework: ECTS,
        bySource: { [platform]: 6 },
        grade: { scale: 'ects-grade', value: 'B' },
        term: '2024-T1',
        year: '2024',
      },
    ]);
    expect(proposal.recognised).toEqual({
      total: 6,
      byTerm: { '2024-T1': 6 },
      byYear: { '2024': 6 },
      bySource: { [platform]: 6 },
      targets: ['https://university.example/courses/CS-210'],
      deposits: [source.id],
    });
  });

  it('refuses a grade below the minimum and credits below it, naming the rule', () => {
    const low = deposit({ grade: { scale: 'percent', value: '59.5' } });
    const small = deposit({ credits: { value: 3.99, framework: ECTS } });
    const none = deposit({ credits: undefined });
    const ungraded = deposit({ grade: undefined });
    expect(reasons(propose([low, small, none, ungraded]))).toEqual([
      { deposit: low.id, reason: 'GRADE_BELOW_MINIMUM', rule: 'MOOC-DB' },
      { deposit: small.id, reason: 'CREDITS_BELOW_MINIMUM', rule: 'MOOC-DB' },
      { deposit: none.id, reason: 'CREDITS_MISSING', rule: 'MOOC-DB' },
      { deposit: ungraded.id, reason: 'GRADE_MISSING', rule: 'MOOC-DB' },
    ]);
  });

  it('counts a missing grade as a pass when the policy says so', () => {
    const policy = exampleRecognitionPolicy();
    policy.gradePolicy.missingGrade = 'pass';
    const proposal = propose([deposit({ grade: undefined })], {}, policy);
    expect(proposal.decisions.map((decision) => [decision.rule, decision.grade])).toEqual([['MOOC-DB', undefined]]);
  });

  it("converts credits by the policy's factors only, one way", () => {
    const hours = deposit({ credits: { value: 2.5, framework: US_SEMESTER_HOURS } });
    const quarters = deposit({ credits: { value: 9, framework: 'us-quarter-hours' } });
    expect(propose([hours]).decisions[0].sources[0]).toMatchObject({
      credits: { value: 2.5, framework: US_SEMESTER_HOURS },
      convertedCredits: 5,
    });
    expect(reasons(propose([quarters]))).toEqual([{ deposit: quarters.id, reason: 'UNIT_NOT_CONVERTIBLE', rule: 'MOOC-DB' }]);
    const backwards = exampleRecognitionPolicy();
    backwards.unitConversions = [{ from: ECTS, to: US_SEMESTER_HOURS, factor: 0.5 }];
    expect(reasons(propose([hours], {}, backwards))).toEqual([{ deposit: hours.id, reason: 'UNIT_NOT_CONVERTIBLE', rule: 'MOOC-DB' }]);
  });

  it('compares a grade on another scale through the policy’s table, or refuses it as not comparable', () => {
    const policy = exampleRecognitionPolicy();
    policy.rules[0].sources[0].minimumGrade = { scale: 'ects-grade', value: 'C' };
    policy.rules[0].gradeConversion = { mode: 'keep' };
    const good = deposit({ grade: { scale: 'percent', value: '70' } });
    const poor = deposit({ grade: { scale: 'percent', value: '65' } });
    const foreign = deposit({ grade: { scale: 'gpa', value: '3.5' } });
    expect(propose([good], {}, policy).decisions.map((decision) => decision.grade)).toEqual([{ scale: 'percent', value: '70' }]);
    expect(reasons(propose([poor], {}, policy))).toEqual([{ deposit: poor.id, reason: 'GRADE_BELOW_MINIMUM', rule: 'MOOC-DB' }]);
    expect(reasons(propose([foreign], {}, policy))).toEqual([{ deposit: foreign.id, reason: 'GRADE_NOT_COMPARABLE', rule: 'MOOC-DB' }]);
  });

  it('refuses a grade the rule’s table does not convert', () => {
    const policy = exampleRecognitionPolicy();
    delete policy.rules[0].sources[0].minimumGrade;
    const proposal = propose([deposit({ grade: { scale: 'percent', value: '40' } })], {}, policy);
    expect(proposal.refusals.map((refusal) => refusal.reason)).toEqual(['GRADE_NOT_CONVERTIBLE']);
  });

  it('recognises an n:1 set as the sum of its credits and the credit-weighted mean of its grades, rounded down', () => {
    const first = programming(1, { credits: { value: 4, framework: ECTS }, grade: { scale: 'ects-grade', value: 'B' } });
    const second = programming(2, {
      credits: { value: 3, framework: US_SEMESTER_HOURS },
      grade: { scale: 'ects-grade', value: 'A' },
      completedAt: '2025-03-20T00:00:00Z',
    });
    const [decision] = propose([second, first]).decisions;
    // (4 x 4 points + 6 x 5 points) / 10 = 4.6 points: B (4), not A (5).
    expect(decision).toMatchObject({
      rule: 'COLLEGE-PROGRAMMING',
      cardinality: 'n:1',
      deposits: [first.id, second.id],
      target: { achievementId: 'https://university.example/courses/CS-101' },
      credits: 10,
      grade: { scale: 'ects-grade', value: 'B' },
      term: '2024-T2',
    });
  });

  it('averages numeric grades, or takes the lowest or the highest as the policy says', () => {
    const sources = () => [
      programming(1, { credits: { value: 2, framework: ECTS }, grade: { scale: 'percent', value: '90' } }),
      programming(2, { credits: { value: 6, framework: ECTS }, grade: { scale: 'percent', value: '70' } }),
    ];
    const gradeWith = (how: 'credit-weighted-mean' | 'lowest' | 'highest') => {
      const policy = exampleRecognitionPolicy();
      policy.aggregation.grade = how;
      return propose(sources(), {}, policy).decisions[0].grade;
    };
    expect(gradeWith('credit-weighted-mean')).toEqual({ scale: 'percent', value: '75' });
    expect(gradeWith('lowest')).toEqual({ scale: 'percent', value: '70' });
    expect(gradeWith('highest')).toEqual({ scale: 'percent', value: '90' });
  });

  it('refuses to combine grades on different scales', () => {
    const proposal = propose([
      programming(1, { grade: { scale: 'percent', value: '90' } }),
      programming(2, { grade: { scale: 'ects-grade', value: 'A' } }),
    ]);
    expect(proposal.decisions).toEqual([]);
    expect(proposal.refusals.map((refusal) => [refusal.reason, refusal.rule])).toEqual([
      ['GRADE_NOT_COMPARABLE', 'COLLEGE-PROGRAMMING'],
      ['GRADE_NOT_COMPARABLE', 'COLLEGE-PROGRAMMING'],
    ]);
  });

  it('refuses an n:1 rule’s sources as an incomplete set when a slot stays empty', () => {
    const first = programming(1);
    expect(reasons(propose([first]))).toEqual([{ deposit: first.id, reason: 'INCOMPLETE_SET', rule: 'COLLEGE-PROGRAMMING' }]);
  });

  it('gives a 1:n rule one decision per target, each citing the same source, with a pass', () => {
    const certificate = deposit({ kind: 'certificate', achievementCode: 'CLOUD-PRACTITIONER', credits: undefined, grade: undefined });
    const proposal = propose([certificate]);
    expect(proposal.decisions.map((d) => [d.rule, d.target.achievementId, d.credits, d.grade, d.deposits])).toEqual([
      ['CLOUD-CERTIFICATE', 'https://university.example/courses/CS-310', 5, { scale: 'pass-fail', value: 'pass' }, [certificate.id]],
      ['CLOUD-CERTIFICATE', 'https://university.example/courses/CS-320', 3, { scale: 'pass-fail', value: 'pass' }, [certificate.id]],
    ]);
    expect(proposal.recognised.total).toBe(8);
  });

  it('fills a bucket again and again, each deposit once, and recognises a target achievement once', () => {
    const electives = [elective(), elective({ achievementCode: 'AI-300' })];
    const databases = [deposit(), deposit({ achievementId: 'https://mooc.example/courses/other', achievementCode: 'DB-102' })];
    const proposal = propose([...electives, ...databases]);
    expect(proposal.decisions.map((d) => [d.rule, d.deposits[0], d.target.bucket ?? d.target.achievementId])).toEqual([
      ['MOOC-DB', databases[0].id, 'https://university.example/courses/CS-210'],
      ['COMPUTING-ELECTIVE', electives[0].id, 'elective'],
      ['COMPUTING-ELECTIVE', electives[1].id, 'elective'],
    ]);
    expect(reasons(proposal)).toEqual([{ deposit: databases[1].id, reason: 'DUPLICATE', rule: 'MOOC-DB' }]);
  });

  it('tries rules in policy order and keeps every failure in the attempts', () => {
    const course = deposit({ eqfLevel: 6, field: '0613', grade: { scale: 'percent', value: '50' } });
    const [refusal] = propose([course]).refusals;
    expect(refusal).toBeUndefined();
    const policy = exampleRecognitionPolicy();
    policy.rules[3].sources[0].minimumCredits = { value: 30, framework: ECTS };
    const refused = propose([course], {}, policy).refusals[0];
    expect(refused.reason).toBe('GRADE_BELOW_MINIMUM');
    expect(refused.attempts.map((attempt) => [attempt.rule, attempt.reason])).toEqual([
      ['MOOC-DB', 'GRADE_BELOW_MINIMUM'],
      ['COMPUTING-ELECTIVE', 'CREDITS_BELOW_MINIMUM'],
    ]);
  });

  it('refuses inactive deposits, repeated credentials, expired learning and what no rule matches', () => {
    const revoked = deposit({ state: 'revoked' });
    const original = deposit();
    const copy = deposit({ digest: original.digest, achievementId: 'https://mooc.example/courses/copy' });
    const old = deposit({ completedAt: '2016-05-31T23:59:59Z' });
    const unknown = deposit({ kind: 'badge', achievementCode: 'FUN-1' });
    const proposal = propose([revoked, original, copy, old, unknown]);
    expect(reasons(proposal)).toEqual([
      { deposit: old.id, reason: 'CREDIT_EXPIRED', rule: undefined },
      { deposit: revoked.id, reason: 'DEPOSIT_NOT_ACTIVE', rule: undefined },
      { deposit: copy.id, reason: 'DUPLICATE', rule: undefined },
      { deposit: unknown.id, reason: 'NO_MATCHING_RULE', rule: undefined },
    ]);
    expect(proposal.decisions.map((decision) => decision.deposits)).toEqual([[original.id]]);
    expect(propose([deposit({ completedAt: '2016-06-01T00:00:00Z' })]).decisions).toHaveLength(1);
  });

  it.each([
    ['keep-best-grade', ['90', '70', '80'], 0],
    ['keep-latest', ['90', '70', '80'], 2],
    ['keep-earliest', ['90', '70', '80'], 1],
  ] as const)('counts the same achievement once: %s', (duplicatePolicy, grades, keptIndex) => {
    const policy = exampleRecognitionPolicy();
    policy.duplicatePolicy = duplicatePolicy;
    const dates = ['2025-01-10', '2024-12-01', '2025-02-01'];
    const retakes = grades.map((value, i) =>
      deposit({
        achievementId: 'https://mooc.example/courses/db',
        grade: { scale: 'percent', value },
        completedAt: `${dates[i]}T00:00:00Z`,
      }),
    );
    const proposal = propose(retakes, {}, policy);
    expect(proposal.decisions.map((decision) => decision.deposits)).toEqual([[retakes[keptIndex].id]]);
    expect(proposal.refusals.map((refusal) => refusal.reason)).toEqual(['DUPLICATE', 'DUPLICATE']);
  });

  it('leaves out deposits the ledger consumed and targets it recognised', () => {
    const consumed = deposit();
    const again = deposit();
    const proposal = propose([consumed, again], { deposits: [consumed.id], targets: ['https://university.example/courses/CS-210'] });
    expect(proposal.decisions).toEqual([]);
    expect(reasons(proposal)).toEqual([{ deposit: again.id, reason: 'DUPLICATE', rule: 'MOOC-DB' }]);
    expect(proposal.recognised.deposits).toEqual([consumed.id]);
  });

  describe('caps, checked against the ledger plus what the run proposes', () => {
    const refusedFor = (recognised: Partial<RecognisedTotals>, policy = exampleRecognitionPolicy()) =>
      propose([deposit()], recognised, policy).refusals.map((refusal) => refusal.reason);

    it('refuses what goes over the total, the share of the programme and the residency', () => {
      expect(refusedFor({ total: 84 })).toEqual([]);
      expect(refusedFor({ total: 84.01 })).toEqual(['CAP_TOTAL']);
      const shareOnly = exampleRecognitionPolicy();
      delete shareOnly.caps.total;
      shareOnly.caps.shareOfProgramme = 0.4;
      expect(refusedFor({ total: 70 }, shareOnly)).toEqual(['CAP_SHARE']);
      const residencyOnly = exampleRecognitionPolicy();
      residencyOnly.caps = {};
      residencyOnly.residencyMinimum = 100;
      expect(refusedFor({ total: 74 }, residencyOnly)).toEqual([]);
      expect(refusedFor({ total: 74.01 }, residencyOnly)).toEqual(['CAP_RESIDENCY']);
    });

    it('refuses what goes over the year, the term and the source institution', () => {
      expect(refusedFor({ byYear: { '2024': 40 } })).toEqual(['CAP_PER_YEAR']);
      expect(refusedFor({ byYear: { '2023': 40 } })).toEqual([]);
      expect(refusedFor({ byTerm: { '2024-T1': 25 } })).toEqual(['CAP_PER_TERM']);
      expect(refusedFor({ byTerm: { '2024-T2': 25 } })).toEqual([]);
      expect(refusedFor({ bySource: { [platform]: 35 } })).toEqual(['CAP_PER_SOURCE']);
      expect(refusedFor({ bySource: { [college]: 35 } })).toEqual([]);
    });

    it('counts what the run proposes, in completion order, and lets a smaller deposit fill what is left', () => {
      const policy = exampleRecognitionPolicy();
      policy.caps.perTerm = 7;
      const electives = [
        elective({ credits: { value: 5, framework: ECTS } }),
        elective({ achievementCode: 'X-2', credits: { value: 4, framework: ECTS } }),
        elective({ achievementCode: 'X-3', credits: { value: 2, framework: ECTS } }),
      ];
      const proposal = propose(electives, {}, policy);
      expect(proposal.decisions.map((decision) => decision.deposits[0])).toEqual([electives[0].id, electives[2].id]);
      expect(reasons(proposal)).toEqual([{ deposit: electives[1].id, reason: 'CAP_PER_TERM', rule: 'COMPUTING-ELECTIVE' }]);
      expect(proposal.recognised.byTerm).toEqual({ '2024-T1': 7 });
    });

    it('splits an n:1 charge between the source institutions by their credits', () => {
      const policy = exampleRecognitionPolicy();
      policy.rules[1].sources[1].issuers = [platform];
      const proposal = propose(
        [
          programming(1, { credits: { value: 1, framework: ECTS } }),
          programming(2, { issuer: platform, credits: { value: 2, framework: ECTS } }),
        ],
        {},
        policy,
      );
      expect(proposal.recognised.bySource).toEqual({ [college]: 1, [platform]: 2 });
    });
  });

  it('gives the same proposal whatever order the deposits come in', () => {
    const deposits = [
      deposit({ id: 'b' }),
      deposit({ id: 'a' }),
      elective({ id: 'c' }),
      programming(1, { id: 'd' }),
      programming(2, { id: 'e' }),
      deposit({ id: 'f', completedAt: '2024-10-01T00:00:00Z', achievementCode: 'DB-199' }),
    ];
    const forwards = propose(deposits);
    expect(propose([...deposits].reverse())).toEqual(forwards);
    expect(forwards.decisions[0].deposits).toEqual(['f']);
  });
});

describe('fillSlots', () => {
  const d = (id: string) => deposit({ id });

  it('gives each slot a distinct deposit, moving an earlier choice when a later slot needs it', () => {
    const [a, b] = [d('a'), d('b')];
    expect(fillSlots([[a, b], [a]])).toEqual([b, a]);
    expect(fillSlots([[a], [a, b]])).toEqual([a, b]);
    expect(fillSlots([[a], [a]])).toBeUndefined();
    expect(fillSlots([[a], []])).toBeUndefined();
  });
});

describe('REFUSAL_REASONS', () => {
  it("is the README's table of reasons", () => {
    const documented = readmeTable('#### The rule engine').flatMap(([reasons]) => codeSpans(reasons));
    expect(documented.sort()).toEqual([...REFUSAL_REASONS].sort());
  });
});
