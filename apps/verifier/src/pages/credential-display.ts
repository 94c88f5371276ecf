import { CREDIT_UNITS, earnedCredits } from '#schemas';

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
export function credentialDisplay(signed: Record<string, any>): CredentialDisplay {
  const subject = (signed.credentialSubject ?? {}) as Record<string, any>;
  const achievement = (subject.achievement ?? {}) as Record<string, any>;
  const result = ([] as any[]).concat(subject.result ?? []).find((entry) => typeof entry?.value === 'string');
  const credits = earnedCredits(signed);
  const identifiers = ([] as any[]).concat(subject.identifier ?? []).map((identifier) => text(identifier?.identityType)).filter((type): type is string => !!type);
  return {
    name: text(signed.name),
    claimedIssuer: typeof signed.issuer === 'object' ? { name: text(signed.issuer?.name), url: text(signed.issuer?.url) } : undefined,
    learner: text(subject.id) ? { did: subject.id } : identifiers.length > 0 ? { hashedIdentifiers: identifiers } : { unknown: true },
    achievement: { name: text(achievement.name), type: text(achievement.achievementType), code: text(achievement.humanCode), description: text(achievement.description) },
    ...(credits ? { credits: { amount: credits.amount, unit: credits.unit && CREDIT_UNITS[credits.unit].label } } : {}),
    grade: text(result?.value),
    term: text(subject.term),
    issuanceDate: text(signed.issuanceDate),
  };
}
