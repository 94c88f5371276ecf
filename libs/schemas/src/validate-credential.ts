import { buildCertificateCredential, CERTIFICATE_TYPES, certificateCredentialSchema } from './certificate/certificate.js';
import { compileSchema, lenientAjv, type SchemaViolation, violationsOf } from './common/ajv.js';
import type { BuildContext, UnsignedCredential } from './common/credential.js';
import { buildCourseCredential, courseCredentialSchema } from './course/course.js';
import { buildCreditCredential, creditCredentialSchema } from './credit/credit.js';
import type { CredentialFacts, CredentialKind } from './facts.js';
import { OPEN_BADGE_CREDENTIAL_SCHEMA } from './open-badges/ob-v3p0-achievement-credential.schema.js';

const validateOpenBadge = lenientAjv.compile(OPEN_BADGE_CREDENTIAL_SCHEMA);
const kindValidators = {
  course: compileSchema(courseCredentialSchema),
  certificate: compileSchema(certificateCredentialSchema),
  credit: compileSchema(creditCredentialSchema),
};

/** Any Open Badges 3.0 credential (VCDM 1.1 shape) against the 1EdTech schema alone. */
export function validateOpenBadgeCredential(credential: unknown): SchemaViolation[] {
  return violationsOf(validateOpenBadge, credential);
}

/** A credential of one of our kinds: the 1EdTech schema and the kind's own constraints; [] means valid. */
export function validateCredential(kind: CredentialKind, credential: unknown): SchemaViolation[] {
  return [...violationsOf(validateOpenBadge, credential), ...violationsOf(kindValidators[kind], credential)];
}

/**
 * Which of our kinds a credential claims to be, from its achievement type: a certificate type, or a
 * Course that earned credits (credit) or not (course). Interop over a discriminator of our own.
 */
export function detectCredentialKind(credential: unknown): CredentialKind | undefined {
  const subject = (credential as { credentialSubject?: { achievement?: { achievementType?: unknown }; creditsEarned?: unknown } })
    ?.credentialSubject;
  const achievementType = subject?.achievement?.achievementType;
  if (typeof achievementType !== 'string') return undefined;
  if ((CERTIFICATE_TYPES as readonly string[]).includes(achievementType)) return 'certificate';
  if (achievementType === 'Course') return subject?.creditsEarned === undefined ? 'course' : 'credit';
  return undefined;
}

/** Builds the unsigned Open Badges 3.0 credential for a registrar's facts. */
export function buildCredential(facts: CredentialFacts, ctx: BuildContext): UnsignedCredential {
  switch (facts.kind) {
    case 'course':
      return buildCourseCredential(facts, ctx);
    case 'certificate':
      return buildCertificateCredential(facts, ctx);
    case 'credit':
      return buildCreditCredential(facts, ctx);
  }
}
