import { CERTIFICATE_TYPES } from './certificate/certificate.facts.js';
import type { CredentialKind } from './facts.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Which of our kinds a credential claims to be: a certificate type, or a Course that earned credits
 * (credit) or not (course); undefined for anything else. A credit stays a "Course" for Open Badges
 * readers, so credits earned are what tell it apart.
 */
export function detectCredentialKind(credential: unknown): CredentialKind | undefined {
  const subject = isRecord(credential) ? credential.credentialSubject : undefined;
  if (!isRecord(subject) || !isRecord(subject.achievement)) return undefined;
  const { achievementType } = subject.achievement;
  if ((CERTIFICATE_TYPES as readonly unknown[]).includes(achievementType)) return 'certificate';
  if (achievementType !== 'Course') return undefined;
  const creditReceived = Array.isArray(subject.result) && subject.result.some((result) => isRecord(result) && 'creditReceived' in result);
  return subject.creditsEarned !== undefined || creditReceived ? 'credit' : 'course';
}
