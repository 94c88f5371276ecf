import type { CredentialFacts, CredentialKind } from '#schemas';

/**
 * One registrar request per kind: what `npm start` writes to `.data/examples/` for its curl
 * commands, and what the tests and the benchmark issue.
 */
export const EXAMPLE_FACTS: { [K in CredentialKind]: Extract<CredentialFacts, { kind: K }> } = {
  course: {
    kind: 'course',
    learner: { email: 'ada.learner@example.org' },
    achievement: {
      id: 'https://demo-university.example/courses/CS-210',
      code: 'CS-210',
      name: 'Introduction to Databases',
      description: 'Relational modelling, SQL and transactions.',
      criteria: 'Completed all modules and passed the final project.',
      fieldOfStudy: 'Computer Science',
      inLanguage: 'en',
    },
    activityStartDate: '2026-02-01T00:00:00Z',
    activityEndDate: '2026-06-15T00:00:00Z',
    term: 'Spring 2026',
    result: { status: 'Completed', grade: 'A' },
  },
  certificate: {
    kind: 'certificate',
    learner: { did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' },
    achievement: {
      id: 'https://demo-university.example/programmes/BSC-CS',
      code: 'BSC-CS',
      name: 'Bachelor of Science in Computer Science',
      description: 'A three-year undergraduate programme in computer science.',
      criteria: 'Earned 180 ECTS credits including the bachelor thesis.',
      fieldOfStudy: 'Computer Science',
    },
    achievementType: 'BachelorDegree',
    awardedDate: '2026-07-01T00:00:00Z',
    specialization: 'Data Systems',
    creditsAvailable: 180,
    eqfLevel: 6,
    grade: 'First class honours',
  },
  credit: {
    kind: 'credit',
    learner: { studentNumber: 'S-2026-00042' },
    achievement: {
      id: 'https://demo-university.example/courses/MATH-201',
      code: 'MATH-201',
      name: 'Linear Algebra',
      description: 'Vector spaces, linear maps, eigenvalues.',
      criteria: 'Passed the written examination.',
    },
    credits: { amount: 6, unit: 'ECTS' },
    eqfLevel: 6,
    grade: { value: 'B', scale: ['F', 'FX', 'E', 'D', 'C', 'B', 'A'], required: 'E' },
    term: 'Spring 2026',
    activityEndDate: '2026-06-15T00:00:00Z',
  },
};
