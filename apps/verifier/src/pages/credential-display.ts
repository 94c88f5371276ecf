import { CREDIT_UNITS, earnedCredits, type JsonObject, listOf, objectOf } from '#schemas';

/** What a page shows of a credential, read from its signed payload alone. */
export interface CredentialDisplay {
  name?: string;
  /** The issuer as the credential names itself; a page shows it as trusted only from a registry. */
  claimedIssuer?: { name?: string; url?: string };
  learner: { did: string } | { hashedIdentifiers: string[] } | { unknown: true };
  achievement?: { name?: string; type?: string; code?: string; description?: string };
  credits?: { amount: number; unit?: string };
  grade?: string;
  term?: string;
  issuanceDate?: string;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

/** Defensive: a credential of another issuer may carry anything where ours carry strings. */
export function credentialDisplay(signed: JsonObject): CredentialDisplay {
  const subject = objectOf(signed.credentialSubject);
  const achievement = objectOf(subject.achievement);
  const issuer = typeof signed.issuer === 'object' ? objectOf(signed.issuer) : undefined;
  const result = listOf(subject.result)
    .map(objectOf)
    .find((entry) => typeof entry.value === 'string');
  const credits = earnedCredits(signed);
  const identifiers = listOf(subject.identifier)
    .map((identifier) => text(objectOf(identifier).identityType))
    .filter((type): type is string => !!type);
  const learnerDid = text(subject.id);
  return {
    name: text(signed.name),
    claimedIssuer: issuer ? { name: text(issuer.name), url: text(issuer.url) } : undefined,
    learner: learnerDid ? { did: learnerDid } : identifiers.length > 0 ? { hashedIdentifiers: identifiers } : { unknown: true },
    achievement: {
      name: text(achievement.name),
      type: text(achievement.achievementType),
      code: text(achievement.humanCode),
      description: text(achievement.description),
    },
    ...(credits ? { credits: { amount: credits.amount, unit: credits.unit && CREDIT_UNITS[credits.unit].label } } : {}),
    grade: text(result?.value),
    term: text(subject.term),
    // VCDM 1.1 says when it was issued; VCDM 2.0 says only from when it is valid.
    issuanceDate: text(signed.issuanceDate) ?? text(signed.validFrom),
  };
}
