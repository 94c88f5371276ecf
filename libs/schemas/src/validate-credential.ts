import type { ValidateFunction } from 'ajv';
import { certificateCredentialSchema } from './certificate/certificate.credential.js';
import { compileSchema, type SchemaViolation, violationsOf } from './common/ajv.js';
import { type DataModel, dataModelOf, unknownDataModel } from './common/data-model.js';
import { dateOrderViolations } from './common/date-order.js';
import { onFirstUse } from './common/on-first-use.js';
import { unreadableTextViolations } from './common/readable-text.js';
import { courseCredentialSchema } from './course/course.credential.js';
import { academicCreditSchema } from './credit/academic-credit.schema.js';
import { type CreditCredentialShape, creditCredentialRuleViolations, creditCredentialSchema } from './credit/credit.credential.js';
import type { CredentialKind } from './facts.js';
import { openBadgeValidators } from './open-badges/validate-open-badge-credential.js';

const validateAcademicCredit = compileSchema(academicCreditSchema);

/** 1EdTech's schema of the data model, then the kind's own (for a credit, the extension's too first). */
function kindValidatorsOf(model: DataModel): Record<CredentialKind, ValidateFunction[]> {
  return {
    course: [...openBadgeValidators(model), compileSchema(courseCredentialSchema[model])],
    certificate: [...openBadgeValidators(model), compileSchema(certificateCredentialSchema[model])],
    credit: [...openBadgeValidators(model), validateAcademicCredit, compileSchema(creditCredentialSchema[model])],
  };
}

const kindValidators: Record<DataModel, () => Record<CredentialKind, ValidateFunction[]>> = {
  '1.1': onFirstUse(() => kindValidatorsOf('1.1')),
  '2.0': onFirstUse(() => kindValidatorsOf('2.0')),
};

interface DatedCredential {
  issuanceDate?: string;
  expirationDate?: string;
  validFrom?: string;
  validUntil?: string;
  credentialSubject: { activityStartDate?: string; activityEndDate?: string };
}

/**
 * A credential of one of our kinds, unsigned or decoded from its signed form, in either data model
 * (told by its first context): 1EdTech's Open Badges schema for that model (VCDM 1.1: draft-04;
 * VCDM 2.0: the official 2019-09 one) with its type checks, the kind's own schema for that model
 * (for a credit, also the published extension schema), then what schemas cannot say. [] means valid.
 */
export function validateCredential(kind: CredentialKind, credential: unknown): SchemaViolation[] {
  const model = dataModelOf(credential);
  if (!model) return [unknownDataModel(credential)];
  const violations = violationsOf(kindValidators[model]()[kind], credential);
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
