export { type SchemaViolation, compileSchema, violationsOf } from './common/ajv.js';
export { type Learner, type IdentityObject, learnerSubject } from './common/learner.js';
export {
  CONTEXT_URLS,
  SCHEMA_URLS,
  type IssuerProfile,
  type UnsignedCredential,
  type BuildContext,
  issuerObject,
} from './common/credential.js';
export { type CourseFacts, RESULT_STATUSES } from './course/course.js';
export { type CertificateFacts, CERTIFICATE_TYPES } from './certificate/certificate.js';
export { type CreditFacts, type CreditUnit, CREDIT_UNITS, creditCredentialSchema as ACADEMIC_CREDIT_SCHEMA } from './credit/credit.js';
export { type CredentialKind, CREDENTIAL_KINDS, type CredentialFacts, credentialFactsSchema, validateFacts } from './facts.js';
export { validateCredential, validateOpenBadgeCredential, detectCredentialKind, buildCredential } from './validate-credential.js';
export { ANCHOR_RECEIPT_SCHEMA, validateAnchorReceipt } from './anchor-receipt/anchor-receipt.schema.js';
