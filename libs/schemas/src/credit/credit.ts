import {
  achievementOf,
  type BuildContext,
  type CommonFacts,
  commonFactsProperties,
  CONTEXT_URLS,
  dateTime,
  envelope,
  eqfAlignment,
  eqfLevelSchema,
  kindCredentialSchema,
  SCHEMA_URLS,
  termSchema,
  text,
  type UnsignedCredential,
} from '../common/credential.js';

export type CreditUnit = 'ECTS' | 'US_SEMESTER_CREDIT_HOUR' | 'US_QUARTER_CREDIT_HOUR';

/**
 * Credit systems by the framework IRI that the European Learning Model's CreditPoint names. ECTS is
 * the EU's own concept; the US credit hours have no published IRI, so they are ours.
 */
export const CREDIT_UNITS: Record<CreditUnit, { framework: string; label: string }> = {
  ECTS: { framework: 'http://data.europa.eu/snb/education-credit/6fcec5c5af', label: 'ECTS credits' },
  US_SEMESTER_CREDIT_HOUR: {
    framework: 'https://w3id.org/lifelong-learning/credit-frameworks/us-semester-credit-hour',
    label: 'semester credit hours',
  },
  US_QUARTER_CREDIT_HOUR: {
    framework: 'https://w3id.org/lifelong-learning/credit-frameworks/us-quarter-credit-hour',
    label: 'quarter credit hours',
  },
};

const CREDIT_FRAMEWORKS = Object.values(CREDIT_UNITS).map((unit) => unit.framework);

/** Academic credits earned for a course, what a transfer school evaluates. */
export interface CreditFacts extends CommonFacts {
  kind: 'credit';
  credits: { amount: number; unit: CreditUnit };
  eqfLevel?: number;
  grade?: { value: string; /** allowed values, lowest first */ scale?: string[]; /** lowest passing value */ required?: string };
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
      additionalProperties: false,
    },
    term: termSchema,
    activityEndDate: dateTime,
  },
  required: ['kind', 'learner', 'achievement', 'credits'],
  additionalProperties: false,
} as const;

/**
 * Open Badges reads `creditsAvailable`/`creditsEarned`; the unit, which Open Badges lacks, travels
 * as the achievement's ELM `creditPoint` (our academic-credit extension). The earned amount stays
 * in `creditsEarned` only: Open Badges closes AchievementSubject to other properties.
 */
export function buildCreditCredential(facts: CreditFacts, ctx: BuildContext): UnsignedCredential {
  const { credits, eqfLevel, grade, term, activityEndDate } = facts;
  const gradeDescriptionId = `${facts.achievement.id}#grade`;
  return envelope(facts, ctx, {
    type: 'AchievementCredential',
    name: `${facts.achievement.name}: ${credits.amount} ${CREDIT_UNITS[credits.unit].label}`,
    extraContexts: [CONTEXT_URLS.academicCreditV1],
    extraSchemas: [SCHEMA_URLS.academicCreditV1],
    subject: {
      achievement: achievementOf(facts, 'Course', {
        creditsAvailable: credits.amount,
        creditPoint: { type: 'CreditPoint', framework: CREDIT_UNITS[credits.unit].framework, point: String(credits.amount) },
        ...(eqfLevel !== undefined ? { alignment: [eqfAlignment(eqfLevel)] } : {}),
        ...(grade?.scale
          ? {
              resultDescription: [
                {
                  id: gradeDescriptionId,
                  type: ['ResultDescription'],
                  name: 'Final grade',
                  resultType: 'LetterGrade',
                  allowedValue: grade.scale,
                  ...(grade.required ? { requiredValue: grade.required } : {}),
                },
              ],
            }
          : {}),
      }),
      creditsEarned: credits.amount,
      ...(term ? { term } : {}),
      ...(activityEndDate ? { activityEndDate } : {}),
      ...(grade
        ? { result: [{ type: ['Result'], value: grade.value, ...(grade.scale ? { resultDescription: gradeDescriptionId } : {}) }] }
        : {}),
    },
  });
}

/** The academic-credit extension's JSON Schema, published under its own id. */
export const creditCredentialSchema = kindCredentialSchema(
  {
    achievementType: { const: 'Course' },
    creditPoint: {
      type: 'object',
      properties: {
        type: { const: 'CreditPoint' },
        framework: { enum: CREDIT_FRAMEWORKS },
        point: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?$' },
      },
      required: ['type', 'framework', 'point'],
    },
  },
  { creditsEarned: { type: 'number', exclusiveMinimum: 0 } },
  { $id: SCHEMA_URLS.academicCreditV1, allOf: [{ properties: { '@context': { type: 'array', contains: { const: CONTEXT_URLS.academicCreditV1 } } } }] },
);
