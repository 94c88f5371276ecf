import {
  achievementOf,
  type BuildContext,
  type CommonFacts,
  commonFactsProperties,
  dateTime,
  envelope,
  kindCredentialSchema,
  termSchema,
  text,
  type UnsignedCredential,
} from '../common/credential.js';

/** Open Badges 3.0 ResultStatusType values. */
export const RESULT_STATUSES = ['Completed', 'Enrolled', 'Failed', 'InProgress', 'OnHold', 'Provisional', 'Withdrew'] as const;

/** A course taken: completed (by default) or with another status, optionally graded. */
export interface CourseFacts extends CommonFacts {
  kind: 'course';
  activityStartDate?: string;
  activityEndDate?: string;
  term?: string;
  result?: { status?: (typeof RESULT_STATUSES)[number]; grade?: string };
}

export const courseFactsSchema = {
  type: 'object',
  properties: {
    kind: { const: 'course' },
    ...commonFactsProperties,
    activityStartDate: dateTime,
    activityEndDate: dateTime,
    term: termSchema,
    result: {
      type: 'object',
      properties: { status: { enum: RESULT_STATUSES }, grade: text(50) },
      additionalProperties: false,
    },
  },
  required: ['kind', 'learner', 'achievement'],
  additionalProperties: false,
} as const;

export function buildCourseCredential(facts: CourseFacts, ctx: BuildContext): UnsignedCredential {
  const { activityStartDate, activityEndDate, term } = facts;
  return envelope(facts, ctx, {
    type: 'OpenBadgeCredential',
    name: `${facts.achievement.name} (course)`,
    subject: {
      achievement: achievementOf(facts, 'Course'),
      ...(activityStartDate ? { activityStartDate } : {}),
      ...(activityEndDate ? { activityEndDate } : {}),
      ...(term ? { term } : {}),
      result: [
        {
          type: ['Result'],
          status: facts.result?.status ?? 'Completed',
          ...(facts.result?.grade ? { value: facts.result.grade } : {}),
        },
      ],
    },
  });
}

export const courseCredentialSchema = kindCredentialSchema(
  { achievementType: { const: 'Course' } },
  {
    result: {
      type: 'array',
      minItems: 1,
      contains: { type: 'object', properties: { status: { enum: RESULT_STATUSES } }, required: ['status'] },
    },
  },
);
