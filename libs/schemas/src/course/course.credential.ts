import { achievementIdOf, achievementOf, type BuildContext, type CredentialParts } from '../common/credential-envelope.js';
import { kindCredentialSchemas } from '../common/kind-credential-schema.js';
import { type CourseFacts, RESULT_STATUSES } from './course.facts.js';

export function courseCredentialParts(facts: CourseFacts, ctx: BuildContext): CredentialParts {
  const { activityStartDate, activityEndDate, term, result } = facts;
  const status = result?.status ?? 'Completed';
  return {
    type: 'OpenBadgeCredential',
    name: status === 'Completed' ? `${facts.achievement.name} (course completion)` : facts.achievement.name,
    subject: {
      achievement: achievementOf(facts.achievement, achievementIdOf(facts.achievement, ctx.issuer), 'Course'),
      ...(activityStartDate ? { activityStartDate } : {}),
      ...(activityEndDate ? { activityEndDate } : {}),
      ...(term ? { term } : {}),
      result: [{ type: ['Result'], status, ...(result?.grade ? { value: result.grade } : {}) }],
    },
  };
}

/** A course: a Course achievement with a result that says how the course went. */
export const courseCredentialSchema = kindCredentialSchemas({
  achievement: { achievementType: { const: 'Course' } },
  subject: {
    result: {
      type: 'array',
      contains: { type: 'object', properties: { status: { enum: RESULT_STATUSES } }, required: ['status'] },
    },
  },
});
