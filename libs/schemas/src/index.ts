export { type SchemaViolation, compileSchema, violationsOf } from './common/ajv.js';
export { type JsonObject, isJsonObject, objectOf, listOf } from './common/json.js';
export { type DataModel, dataModelOf } from './common/data-model.js';
export { type Learner, type IdentityObject, learnerSchema, learnerSubject, subjectNames } from './common/learner.js';
export { type IssuerProfile, type IssuerProfileObject, issuerObject } from './common/issuer-profile.js';
export type { AchievementFacts } from './common/common-facts.js';
export {
  SCHEMA_URLS,
  type UnsignedCredential,
  type UnsignedCredentialV2,
  type BuildContext,
  ANCHORED_PACKAGE_SERVICE,
  packageService,
  issuanceTimestamp,
} from './common/credential-envelope.js';
export { type CourseFacts, RESULT_STATUSES } from './course/course.facts.js';
export { type CertificateFacts, type CertificateType, CERTIFICATE_TYPES } from './certificate/certificate.facts.js';
export { type CreditFacts } from './credit/credit.facts.js';
export { type CreditUnit, CREDIT_UNITS } from './credit/credit-units.js';
export { earnedCredits } from './credit/earned-credits.js';
export { academicCreditSchema } from './credit/academic-credit.schema.js';
export { type CredentialKind, CREDENTIAL_KINDS, type CredentialFacts, credentialFactsSchema, validateFacts } from './facts.js';
export { type BuildOptionsV2, buildCredential } from './build-credential.js';
export { validateCredential } from './validate-credential.js';
export { detectCredentialKind } from './detect-credential-kind.js';
export { validateOpenBadgeCredential } from './open-badges/validate-open-badge-credential.js';
export { validateEndorsementCredential } from './open-badges/validate-endorsement-credential.js';
export { validateOpenBadgeProfile } from './open-badges/validate-open-badge-profile.js';
export { validateClrCredential } from './clr/validate-clr-credential.js';
export { type ProofExpectation, type VcdmValidationOptions, validateVcdmCredential } from './vcdm/validate-vcdm-credential.js';
export { validateVcdmPresentation } from './vcdm/validate-vcdm-presentation.js';
export { CONTEXT_URLS } from './contexts/context-urls.js';
export { academicCreditContext, anchoredCredentialsContext, pinnedContext } from './contexts/pinned-contexts.js';
export { ANCHOR_RECEIPT_SCHEMA, ANCHOR_RECEIPT_SCHEMA_V2, validateAnchorReceipt } from './anchor-receipt/anchor-receipt.schema.js';
export {
  SIGNED_CREDENTIAL_FORMATS,
  type SignedCredentialFormat,
  JWT_CREDENTIAL_FORMATS,
  type JwtCredentialFormat,
  type SignedCredential,
  type SignedBytes,
} from './signed-credential/signed-credential.js';
export {
  STATUS_PURPOSES,
  type StatusPurpose,
  STATUS_LIST_ENTRY_TYPE,
  STATUS_LIST_CREDENTIAL_TYPE,
  STATUS_LIST_TYPE,
  MIN_STATUS_LIST_ENTRIES,
  MAX_STATUS_LIST_BYTES,
  type StatusListEntry,
  statusListEntry,
  MESSAGE_STATUS_SIZE,
  STATUS_MESSAGES,
  type MessageStatusListEntry,
  messageStatusListEntry,
  type CredentialStatusEntry,
  encodeStatusList,
  decodeStatusList,
  isBitSet,
  setBit,
} from './status-list/bitstring-status-list.js';
export { statusListCredential, statusListCredentialV2 } from './status-list/status-list-credential.js';
export {
  type IssuerRegistry,
  type RegisteredIssuer,
  ISSUER_REGISTRY_SCHEMA,
  validateIssuerRegistry,
} from './issuer-registry/issuer-registry.schema.js';
export type { VerificationLink } from './verification-link/verification-link.js';
export type {
  RecognitionPolicy,
  RecognitionCaps,
  DuplicatePolicy,
  GradePolicy,
  GradeAggregation,
  UnitConversion,
  GradeScale,
  NumericGradeScale,
  OrdinalGradeScale,
  GradeConversionTable,
  Cardinality,
  SourceMatcher,
  RecognitionTarget,
  CreditAward,
  GradeConversion,
  EquivalenceRule,
} from './recognition-policy/recognition-policy.js';
export {
  RECOGNITION_POLICY_SCHEMA,
  validateRecognitionPolicy,
  isBetter,
  numericGrade,
} from './recognition-policy/recognition-policy.schema.js';
export { ECTS, US_SEMESTER_HOURS, EXAMPLE_POLICY_DIDS, exampleRecognitionPolicy } from './recognition-policy/example-recognition-policy.js';
export { canonicalJson, digestMultibase } from './common/digest-multibase.js';
