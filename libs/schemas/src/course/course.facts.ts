import type { SchemaViolation } from '../common/ajv.js';
import { dateOrderViolations } from '../common/date-order.js';
import { type CommonFacts, commonFactsProperties, commonFactsRequired, eventDate, termSchema, text } from '../common/common-facts.js';

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
    activityStartDate: eventDate,
    activityEndDate: eventDate,
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

/** What the schema cannot say: a course ends no earlier than it starts. */
export function courseFactsRuleViolations({ activityStartDate, activityEndDate }: CourseFacts): SchemaViolation[] {
  return dateOrderViolations(
    { name: 'activityStartDate', value: activityStartDate },
    { path: '/activityEndDate', value: activityEndDate },
    'not-earlier',
  );
}
