import { type CommonFacts, commonFactsProperties, commonFactsRequired, dateTime, termSchema, text } from '../common/common-facts.js';

/** Open Badges 3.0 ResultStatusType values, as the pinned 1EdTech schema lists them (without the later Provisional). */
export const RESULT_STATUSES = ['Completed', 'Enrolled', 'Failed', 'InProgress', 'OnHold', 'Withdrew'] as const;

/** A course taken: completed (by default) or with another status, optionally graded. */
export interface CourseFacts extends CommonFacts {
  kind: 'course';
  activityStartDate?: string;
  activityEndDate?: string;
  /** The academic term, e.g. "Spring 2026". */
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
  required: commonFactsRequired,
  additionalProperties: false,
} as const;
