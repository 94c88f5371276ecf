import type { SchemaViolation } from '../common/ajv.js';
import {
  type CommonFacts,
  commonFactsProperties,
  commonFactsRequired,
  eventDate,
  eqfLevelSchema,
  termSchema,
  text,
} from '../common/common-facts.js';
import { CREDIT_UNITS, type CreditUnit } from './credit-units.js';

/** Academic credits earned for a course: what a transfer school evaluates. */
export interface CreditFacts extends CommonFacts {
  kind: 'credit';
  credits: { amount: number; unit: CreditUnit };
  /** Level in the European Qualifications Framework, 1 to 8. */
  eqfLevel?: number;
  grade?: {
    value: string;
    /** The grading scale's values, lowest first (e.g. the ECTS scale F, FX, E, D, C, B, A). */
    scale?: string[];
    /** The lowest passing value of the scale. */
    required?: string;
  };
  /** The academic term, e.g. "Spring 2026". */
  term?: string;
  activityEndDate?: string;
}

export const creditFactsSchema = {
  type: 'object',
  properties: {
    kind: { const: 'credit' },
    ...commonFactsProperties,
    credits: {
      type: 'object',
      properties: {
        amount: { type: 'number', exclusiveMinimum: 0, maximum: 1000 },
        unit: { enum: Object.keys(CREDIT_UNITS) },
      },
      required: ['amount', 'unit'],
      additionalProperties: false,
    },
    eqfLevel: eqfLevelSchema,
    grade: {
      type: 'object',
      properties: {
        value: text(50),
        scale: { type: 'array', items: text(50), minItems: 2, maxItems: 100, uniqueItems: true },
        required: text(50),
      },
      required: ['value'],
      dependencies: { required: ['scale'] },
      additionalProperties: false,
    },
    term: termSchema,
    activityEndDate: eventDate,
  },
  required: [...commonFactsRequired, 'credits'],
  additionalProperties: false,
} as const;

/** What the schema cannot say: the grade, and the passing grade, must be values of their scale. */
export function creditFactsRuleViolations({ grade }: CreditFacts): SchemaViolation[] {
  if (!grade?.scale) return [];
  const { scale } = grade;
  const offScale = (path: string, value: string | undefined): SchemaViolation[] =>
    value === undefined || scale.includes(value) ? [] : [{ path, message: `must be one of the scale's values: ${scale.join(', ')}` }];
  return [...offScale('/grade/value', grade.value), ...offScale('/grade/required', grade.required)];
}
