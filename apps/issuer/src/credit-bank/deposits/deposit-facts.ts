import { detectCredentialKind, earnedCredits, type JsonObject, listOf, objectOf } from '#schemas';
import type { Grade } from '../rules/recognition-input.js';

/** What a rule matches on, read from a verified credential (any issuer's: read defensively). */
export interface CredentialFacts {
  credentialId: string | null;
  achievementId: string | null;
  achievementCode: string | null;
  achievementName: string | null;
  kind: string;
  credits: { value: number; framework: string } | null;
  eqfLevel: number | null;
  field: string | null;
  grade: Grade | null;
  /** RFC 3339; undefined when the credential states no date at all. */
  completedAt: string | undefined;
  contactHours: number | null;
  /** The subject's salted identifier hashes, for credentials that name the learner by them. */
  hashedIdentifiers: string[];
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** `LetterGrade` -> `letter-grade`: the Open Badges ResultType as the grade's scale id, the name a policy's grade scale takes. */
const scaleIdOf = (resultType: string): string => resultType.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/**
 * The facts of an Open Badges 3.0 credential: the achievement (id, `humanCode`, name, type), the
 * credits earned and their framework (`creditsEarned` with the result's `creditReceived`), the EQF
 * level (an `ext:EQFLevel` alignment), the ISCED-F field (an `ext:ISCED-F` alignment's `targetCode`, or
 * a `fieldOfStudy` that is a code), the grade (the first result's `value`, on the scale its
 * ResultDescription's `resultType` names), the completion date (`activityEndDate`, `awardedDate`, else
 * when it became valid) and contact hours (`achievement.contactHours`, where an issuer states them).
 */
export function credentialFacts(credential: JsonObject): CredentialFacts {
  const subject = objectOf(listOf(credential.credentialSubject)[0]);
  const achievement = objectOf(subject.achievement);
  const alignments = listOf(achievement.alignment).map(objectOf);
  const eqf = alignments.find((alignment) => alignment.targetType === 'ext:EQFLevel');
  const eqfLevel = Number(/(\d)\s*$/.exec(String(eqf?.targetUrl ?? eqf?.targetName ?? ''))?.[1] ?? Number.NaN);
  const isced = text(alignments.find((alignment) => alignment.targetType === 'ext:ISCED-F')?.targetCode);
  const fieldOfStudy = text(achievement.fieldOfStudy);
  const earned = earnedCredits(credential);
  const result = objectOf(listOf(subject.result)[0]);
  const description = listOf(achievement.resultDescription)
    .map(objectOf)
    .find((candidate) => candidate.id === result.resultDescription);
  const gradeValue = text(result.value);
  const completed =
    text(subject.activityEndDate) ??
    text(credential.awardedDate) ??
    text(subject.awardedDate) ??
    text(credential.validFrom) ??
    text(credential.issuanceDate);
  const completedAt = completed !== null && !Number.isNaN(Date.parse(completed)) ? new Date(completed).toISOString() : undefined;
  return {
    credentialId: text(credential.id),
    achievementId: text(achievement.id),
    achievementCode: text(achievement.humanCode),
    achievementName: text(achievement.name),
    kind: detectCredentialKind(credential) ?? text(achievement.achievementType)?.toLowerCase() ?? 'unknown',
    credits: earned?.framework ? { value: earned.amount, framework: earned.framework } : null,
    eqfLevel: eqfLevel >= 1 && eqfLevel <= 8 ? eqfLevel : null,
    field: isced ?? (fieldOfStudy && /^\d{2,4}$/.test(fieldOfStudy) ? fieldOfStudy : null),
    grade: gradeValue === null ? null : { scale: scaleIdOf(text(description?.resultType) ?? 'unspecified'), value: gradeValue },
    completedAt,
    contactHours: typeof achievement.contactHours === 'number' && achievement.contactHours >= 0 ? achievement.contactHours : null,
    hashedIdentifiers: listOf(subject.identifier)
      .map(objectOf)
      .map((identifier) => text(identifier.identityHash))
      .filter((hash): hash is string => hash !== null),
  };
}
