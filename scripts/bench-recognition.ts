import { performance } from 'node:perf_hooks';
import {
  ECTS,
  EXAMPLE_POLICY_DIDS,
  type EquivalenceRule,
  exampleRecognitionPolicy,
  type RecognitionPolicy,
  validateRecognitionPolicy,
} from '#schemas';
import { proposeRecognitions } from '../apps/issuer/src/credit-bank/rules/recognition-engine.js';
import { type DepositFacts, NOTHING_RECOGNISED } from '../apps/issuer/src/credit-bank/rules/recognition-input.js';

/**
 * Rule evaluation: a learner with 200 deposits from three institutions against a policy of 500
 * rules (1:1 by achievement id and by code pattern, n:1, 1:n, and level-and-field buckets, each with
 * minimums), caps wide enough that most deposits are recognised. Pure CPU: no database, no chain.
 */
const DEPOSITS = 200;
const RULES = 500;
const RUNS = 50;
const { college, platform, authority } = EXAMPLE_POLICY_DIDS;
const issuers = [college, platform, authority];

function rule(i: number): EquivalenceRule {
  const target = { achievementId: `https://university.example/courses/T-${i}`, name: `Course ${i}` };
  const minimums = { minimumCredits: { value: 1, framework: ECTS }, minimumGrade: { scale: 'percent', value: '50' } };
  switch (i % 5) {
    case 0:
      return {
        code: `ID-${i}`,
        cardinality: '1:1',
        sources: [{ issuers: [issuers[i % 3]], achievementIds: [`https://source.example/courses/C-${i % 400}`], ...minimums }],
        targets: [target],
        credits: { mode: 'as-source' },
        gradeConversion: { mode: 'table', table: 'percent-to-ects' },
      };
    case 1:
      return {
        code: `CODE-${i}`,
        cardinality: '1:1',
        sources: [{ codePattern: `C-${i % 400}?*`, kinds: ['course'], ...minimums }],
        targets: [target],
        credits: { mode: 'fixed', credits: 5 },
        gradeConversion: { mode: 'keep' },
      };
    case 2:
      return {
        code: `SET-${i}`,
        cardinality: 'n:1',
        sources: [0, 1].map((k) => ({ achievementIds: [`https://source.example/courses/C-${(i + k * 7) % 400}`], ...minimums })),
        targets: [target],
        credits: { mode: 'ratio', ratio: 0.8 },
        gradeConversion: { mode: 'keep' },
      };
    case 3:
      return {
        code: `SPLIT-${i}`,
        cardinality: '1:n',
        sources: [{ kinds: ['certificate'], codePattern: `CERT-${i % 50}` }],
        targets: [
          { ...target, credits: 3 },
          { achievementId: `https://university.example/courses/T-${i}-b`, name: `Course ${i} b`, credits: 2 },
        ],
        credits: { mode: 'fixed', credits: 5 },
        gradeConversion: { mode: 'pass-only' },
      };
    default:
      return {
        code: `BUCKET-${i}`,
        cardinality: '1:1',
        sources: [{ kinds: ['course'], eqfLevels: [4 + (i % 3)], fields: [`0${i % 10}`], ...minimums }],
        targets: [{ bucket: `elective-${i % 4}`, name: 'Elective' }],
        credits: { mode: 'as-source' },
        gradeConversion: { mode: 'keep' },
      };
  }
}

function policyOf(): RecognitionPolicy {
  const policy = exampleRecognitionPolicy();
  policy.programme.totalCredits = 2000;
  policy.caps = { total: 1000, perTerm: 300, perYear: 500, perSourceInstitution: 500 };
  policy.recencyYears = 15;
  policy.rules = Array.from({ length: RULES }, (_, i) => rule(i));
  return policy;
}

function deposits(): DepositFacts[] {
  return Array.from({ length: DEPOSITS }, (_, i) => ({
    id: `deposit-${i}`,
    digest: `sha256-${i}`,
    issuer: issuers[i % 3],
    achievementId: `https://source.example/courses/C-${(i * 37) % 400}`,
    achievementCode: i % 10 === 9 ? `CERT-${i % 50}` : `C-${(i * 37) % 400}${i % 10}`,
    kind: i % 10 === 9 ? 'certificate' : 'course',
    eqfLevel: 4 + (i % 3),
    field: `0${i % 10}${i % 7}`,
    credits: { value: 1 + (i % 6), framework: ECTS },
    grade: { scale: 'percent', value: String(40 + (i % 60)) },
    completedAt: new Date(Date.UTC(2014 + (i % 12), i % 12, 1 + (i % 28))).toISOString(),
    state: i % 41 === 0 ? 'revoked' : 'active',
  }));
}

const policy = policyOf();
const problems = validateRecognitionPolicy(policy);
if (problems.length > 0) throw new Error(`The benchmark's policy is invalid: ${JSON.stringify(problems.slice(0, 5))}`);
const input = { policy, deposits: deposits(), recognised: NOTHING_RECOGNISED, asOf: '2026-06-01T00:00:00Z' };

const validationStart = performance.now();
validateRecognitionPolicy(policy);
const validationMs = performance.now() - validationStart;

proposeRecognitions(input);
const times: number[] = [];
let proposal = proposeRecognitions(input);
for (let run = 0; run < RUNS; run++) {
  const start = performance.now();
  proposal = proposeRecognitions(input);
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const reasons = new Map<string, number>();
for (const refusal of proposal.refusals) reasons.set(refusal.reason, (reasons.get(refusal.reason) ?? 0) + 1);

console.log(
  `Recognition benchmark: ${DEPOSITS} deposits against a policy of ${RULES} rules, ${RUNS} runs, one core, Node ${process.version}`,
);
console.log(
  `  rule evaluation: median ${times[Math.floor(RUNS / 2)].toFixed(1)} ms, p95 ${times[Math.floor(RUNS * 0.95)].toFixed(1)} ms, min ${times[0].toFixed(1)} ms`,
);
console.log(`  policy validation (JSON Schema + consistency): ${validationMs.toFixed(1)} ms`);
console.log(
  `  outcome: ${proposal.decisions.length} decisions, ${proposal.refusals.length} refusals (${[...reasons].map(([reason, n]) => `${reason} ${n}`).join(', ')}), ${proposal.recognised.total} ECTS recognised`,
);
