import type { ValidateFunction } from 'ajv';
import { certificateCredentialSchema } from './certificate/certificate.credential.js';
import { compileSchema, type SchemaViolation, violationsOf } from './common/ajv.js';
import { dateOrderViolations } from './common/date-order.js';
import { unreadableTextViolations } from './common/readable-text.js';
import { courseCredentialSchema } from './course/course.credential.js';
import { academicCreditSchema } from './credit/academic-credit.schema.js';
import { type CreditCredentialShape, creditCredentialRuleViolations, creditCredentialSchema } from './credit/credit.credential.js';
import type { CredentialKind } from './facts.js';
import { validateOpenBadgeSchema } from './open-badges/validate-open-badge-credential.js';

const kindValidators: Record<CredentialKind, ValidateFunction[]> = {
  course: [validateOpenBadgeSchema, compileSchema(courseCredentialSchema)],
  certificate: [validateOpenBadgeSchema, compileSchema(certificateCredentialSchema)],
  credit: [validateOpenBadgeSchema, compileSchema(academicCreditSchema), compileSchema(creditCredentialSchema)],
};

interface DatedCredential {
  issuanceDate: string;
  expirationDate?: string;
  validFrom?: string;
  validUntil?: string;
  credentialSubject: { activityStartDate?: string; activityEndDate?: string };
}

/**
 * A credential of one of our kinds, unsigned or decoded from its VC-JWT: the 1EdTech Open Badges
 * schema, the kind's own schema (for a credit, also the published extension schema), then what
 * schemas cannot say. [] means valid.
 */
export function validateCredential(kind: CredentialKind, credential: unknown): SchemaViolation[] {
  const violations = violationsOf(kindValidators[kind], credential);
  if (violations.length > 0) return violations;
  // The schemas passed, so the credential has the shape they describe.
  return [
    ...datesInOrder(credential as DatedCredential),
    ...unreadableTextViolations(credential),
    ...(kind === 'credit' ? creditCredentialRuleViolations(credential as CreditCredentialShape) : []),
  ];
}

/** Each period ends after it starts: the credential's validity in VCDM 1.1 and 2.0 terms, and the activity. */
function datesInOrder({ issuanceDate, expirationDate, validFrom, validUntil, credentialSubject }: DatedCredential): SchemaViolation[] {
  const { activityStartDate, activityEndDate } = credentialSubject;
  return [
    ...dateOrderViolations({ name: 'issuanceDate', value: issuanceDate }, { path: '/expirationDate', value: expirationDate }, 'later'),
    ...dateOrderViolations({ name: 'validFrom', value: validFrom }, { path: '/validUntil', value: validUntil }, 'later'),
    ...dateOrderViolations(
      { name: 'activityStartDate', value: activityStartDate },
      { path: '/credentialSubject/activityEndDate', value: activityEndDate },
      'not-earlier',
    ),
  ];
}
