import {
  achievementIdOf,
  achievementOf,
  type BuildContext,
  type CredentialParts,
  eqfAlignment,
  resultDescriptionIdOf,
} from '../common/credential-envelope.js';
import { kindCredentialSchemas } from '../common/kind-credential-schema.js';
import { CERTIFICATE_TYPES, type CertificateFacts } from './certificate.facts.js';

const NUMBER = /^\d+(\.\d+)?$/;

/**
 * The grade becomes a Result that points at the achievement's ResultDescription, which says how to
 * read it: a number is a grade point average, anything else a letter grade or classification.
 */
export function certificateCredentialParts(facts: CertificateFacts, ctx: BuildContext): CredentialParts {
  const { specialization, creditsAvailable, eqfLevel, awardedDate, grade } = facts;
  const achievementId = achievementIdOf(facts.achievement, ctx.issuer);
  const gradeDescriptionId = resultDescriptionIdOf(achievementId, 'grade');
  return {
    type: 'OpenBadgeCredential',
    name: facts.achievement.name,
    fields: awardedDate ? { awardedDate } : {},
    subject: {
      achievement: achievementOf(facts.achievement, achievementId, facts.achievementType ?? 'Certificate', {
        ...(specialization ? { specialization } : {}),
        ...(creditsAvailable !== undefined ? { creditsAvailable } : {}),
        ...(eqfLevel !== undefined ? { alignment: [eqfAlignment(eqfLevel)] } : {}),
        ...(grade
          ? {
              resultDescription: [
                {
                  id: gradeDescriptionId,
                  type: ['ResultDescription'],
                  name: 'Final grade',
                  resultType: NUMBER.test(grade) ? 'GradePointAverage' : 'LetterGrade',
                },
              ],
            }
          : {}),
      }),
      ...(grade ? { result: [{ type: ['Result'], resultDescription: gradeDescriptionId, value: grade }] } : {}),
    },
  };
}

/** A certificate: an achievement whose type is one of the certificate, diploma or degree types. */
export const certificateCredentialSchema = kindCredentialSchemas({ achievement: { achievementType: { enum: CERTIFICATE_TYPES } } });
