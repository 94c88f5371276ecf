import type { SchemaViolation } from '../common/ajv.js';
import {
  achievementIdOf,
  achievementOf,
  type BuildContext,
  type CredentialParts,
  eqfAlignment,
  resultDescriptionIdOf,
  SCHEMA_URLS,
} from '../common/credential-envelope.js';
import { kindCredentialSchemas } from '../common/kind-credential-schema.js';
import { CONTEXT_URLS } from '../contexts/context-urls.js';
import { CREDIT_FRAMEWORKS, CREDIT_UNITS } from './credit-units.js';
import type { CreditFacts } from './credit.facts.js';

/**
 * Open Badges readers find the amount in `creditsAvailable`/`creditsEarned`; the unit, which Open
 * Badges lacks, travels as ELM CreditPoints (the academic-credit extension): `creditPoint` on the
 * achievement, `creditReceived` on the result. The achievement stays a "Course", which every Open
 * Badges reader knows; `creditsEarned` is what makes it a credit.
 */
export function creditCredentialParts(facts: CreditFacts, ctx: BuildContext): CredentialParts {
  const { credits, eqfLevel, grade, term, activityEndDate } = facts;
  const creditPoint = { type: 'CreditPoint', framework: CREDIT_UNITS[credits.unit].framework, point: String(credits.amount) };
  const achievementId = achievementIdOf(facts.achievement, ctx.issuer);
  const gradeDescriptionId = resultDescriptionIdOf(achievementId, 'grade');
  return {
    type: 'AchievementCredential',
    name: `${facts.achievement.name}: ${credits.amount} ${CREDIT_UNITS[credits.unit].label}`,
    extraContexts: [CONTEXT_URLS.academicCreditV1],
    extraSchemas: [SCHEMA_URLS.academicCreditV1],
    subject: {
      achievement: achievementOf(facts.achievement, achievementId, 'Course', {
        creditsAvailable: credits.amount,
        creditPoint,
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
      result: [
        {
          type: ['Result'],
          ...(grade?.scale ? { resultDescription: gradeDescriptionId } : {}),
          ...(grade ? { value: grade.value } : {}),
          creditReceived: creditPoint,
        },
      ],
    },
  };
}

const knownCreditPoint = { type: 'object', properties: { framework: { enum: CREDIT_FRAMEWORKS } }, required: ['framework'] };

/**
 * A credit, besides the published extension schema: a Course achievement, credits earned, a credit
 * framework we know, and the extension's schema named in `credentialSchema`.
 */
export const creditCredentialSchema = kindCredentialSchemas({
  achievement: { achievementType: { const: 'Course' }, creditPoint: knownCreditPoint },
  subject: {
    creditsEarned: { type: 'number', exclusiveMinimum: 0 },
    result: { type: 'array', items: { type: 'object', properties: { creditReceived: knownCreditPoint } } },
  },
  credential: {
    credentialSchema: {
      type: 'array',
      contains: { type: 'object', properties: { id: { const: SCHEMA_URLS.academicCreditV1 } }, required: ['id'] },
    },
  },
});

export interface CreditCredentialShape {
  credentialSubject: { creditsEarned: number; result: { creditReceived?: { point: string } }[] };
}

/** What the schemas cannot say: Open Badges readers and ELM readers must see the same credits earned. */
export function creditCredentialRuleViolations(credential: CreditCredentialShape): SchemaViolation[] {
  const { creditsEarned, result } = credential.credentialSubject;
  return result.flatMap(({ creditReceived }, i) =>
    creditReceived && Number(creditReceived.point) !== creditsEarned
      ? [{ path: `/credentialSubject/result/${i}/creditReceived/point`, message: `must state the credits earned, ${creditsEarned}` }]
      : [],
  );
}
