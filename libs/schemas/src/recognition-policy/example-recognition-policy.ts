import { CREDIT_UNITS } from '../credit/credit-units.js';
import type { RecognitionPolicy } from './recognition-policy.js';

/** The DIDs the example policy names: the receiving university and three sources. */
export const EXAMPLE_POLICY_DIDS = {
  university: 'did:web:university.example',
  college: 'did:web:college.example',
  platform: 'did:web:mooc.example',
  authority: 'did:web:authority.example',
} as const;

export const ECTS = CREDIT_UNITS.ECTS.framework;
export const US_SEMESTER_HOURS = CREDIT_UNITS.US_SEMESTER_CREDIT_HOUR.framework;

/**
 * A recognition policy that uses every kind of rule: a university's BSc in Computer Science (180 ECTS)
 * recognising a college's programming courses (n:1), an online platform's database course (1:1, by
 * code pattern, with a minimum grade and a grade table), a certificate worth two courses (1:n), and
 * computing electives by level and field (a bucket). A fresh object each call, for tests, the benchmark
 * and the demo.
 */
export function exampleRecognitionPolicy(): RecognitionPolicy {
  const { university, college, platform } = EXAMPLE_POLICY_DIDS;
  return {
    type: 'RecognitionPolicy',
    receivingInstitution: university,
    programme: { id: 'https://university.example/programmes/bsc-cs', name: 'BSc Computer Science', totalCredits: 180 },
    creditFramework: ECTS,
    caps: { total: 90, shareOfProgramme: 0.5, perTerm: 30, perYear: 45, perSourceInstitution: 40 },
    residencyMinimum: 60,
    recencyYears: 10,
    calendar: { yearStartMonth: 9, termsPerYear: 2 },
    duplicatePolicy: 'keep-best-grade',
    gradePolicy: { recordScale: 'ects-grade', missingGrade: 'refuse' },
    aggregation: { grade: 'credit-weighted-mean' },
    unitConversions: [{ from: US_SEMESTER_HOURS, to: ECTS, factor: 2 }],
    gradeScales: [
      { id: 'percent', type: 'numeric', min: 0, max: 100, higherIsBetter: true },
      {
        id: 'ects-grade',
        type: 'ordinal',
        values: ['F', 'E', 'D', 'C', 'B', 'A'].map((value, points) => ({ value, points })),
      },
      {
        id: 'us-letter',
        type: 'ordinal',
        values: ['F', 'D', 'C', 'B', 'A'].map((value, points) => ({ value, points })),
      },
    ],
    gradeConversions: [
      {
        id: 'percent-to-ects',
        fromScale: 'percent',
        toScale: 'ects-grade',
        bands: [
          { atLeast: 90, to: 'A' },
          { atLeast: 80, to: 'B' },
          { atLeast: 70, to: 'C' },
          { atLeast: 60, to: 'D' },
          { atLeast: 50, to: 'E' },
        ],
      },
      {
        id: 'us-letter-to-ects',
        fromScale: 'us-letter',
        toScale: 'ects-grade',
        entries: [
          { from: 'A', to: 'A' },
          { from: 'B', to: 'B' },
          { from: 'C', to: 'D' },
          { from: 'D', to: 'E' },
        ],
      },
    ],
    rules: [
      {
        code: 'MOOC-DB',
        cardinality: '1:1',
        sources: [
          {
            issuers: [platform],
            codePattern: 'DB-1??',
            kinds: ['course'],
            minimumCredits: { value: 4, framework: ECTS },
            minimumGrade: { scale: 'percent', value: '60' },
          },
        ],
        targets: [{ achievementId: 'https://university.example/courses/CS-210', name: 'Databases' }],
        credits: { mode: 'fixed', credits: 6 },
        gradeConversion: { mode: 'table', table: 'percent-to-ects' },
      },
      {
        code: 'COLLEGE-PROGRAMMING',
        cardinality: 'n:1',
        sources: [
          { issuers: [college], achievementIds: ['https://college.example/courses/PROG-1'] },
          { issuers: [college], achievementIds: ['https://college.example/courses/PROG-2'] },
        ],
        targets: [{ achievementId: 'https://university.example/courses/CS-101', name: 'Programming' }],
        credits: { mode: 'as-source' },
        gradeConversion: { mode: 'keep' },
      },
      {
        code: 'CLOUD-CERTIFICATE',
        cardinality: '1:n',
        sources: [{ kinds: ['certificate'], codePattern: 'CLOUD-*' }],
        targets: [
          { achievementId: 'https://university.example/courses/CS-310', name: 'Cloud Computing', credits: 5 },
          { achievementId: 'https://university.example/courses/CS-320', name: 'Networks', credits: 3 },
        ],
        credits: { mode: 'fixed', credits: 8 },
        gradeConversion: { mode: 'pass-only' },
      },
      {
        code: 'COMPUTING-ELECTIVE',
        cardinality: '1:1',
        sources: [{ kinds: ['course'], eqfLevels: [5, 6], fields: ['06'], minimumCredits: { value: 2, framework: ECTS } }],
        targets: [{ bucket: 'elective', name: 'Computing elective' }],
        credits: { mode: 'as-source' },
        gradeConversion: { mode: 'keep' },
      },
    ],
  };
}
