export type { VerificationLogger } from './logger.js';

export type { CheckName, CredentialCheckName, PresentationCheckName } from './pipeline/check-name.js';
export {
  type Check,
  type CheckOutcome,
  type CheckResult,
  type CheckStatus,
  failedToCheck,
  invalid,
  type Reason,
  resultOf,
  skipped,
  valid,
} from './pipeline/check.js';
export { REASON_CODES, type ReasonCode, type ReasonStatus } from './pipeline/reason-codes.js';
export { runCheck, runChecks, type RunOptions } from './pipeline/check-runner.js';
export { REQUIRED_CREDENTIAL_CHECKS, type Verdict, verdictOf } from './pipeline/verification-verdict.js';

export type {
  CredentialCheck,
  CredentialContext,
  DecodedJwt,
  ParsedCredential,
  SignedJwt,
  VerifiedCredentialFormat,
} from './credentials/parsed-credential.js';
export { checkFormat } from './credentials/checks/format.check.js';
export { SignatureCheck } from './credentials/checks/signature.check.js';
export { type SignatureKeys, SignatureVerifier } from './signatures/signature-verifier.js';
export { KeySignatureCheck, type KnownSigningKey } from './credentials/checks/key-signature.check.js';
export { SchemaCheck } from './credentials/checks/schema.check.js';
export { ValidityPeriodCheck } from './credentials/checks/validity-period.check.js';
export { credentialChecks, type CredentialChecksOptions } from './credentials/credential-checks.js';
export {
  CredentialVerifier,
  type CredentialVerifierOptions,
  type VerificationReport,
  type VerifyOptions,
} from './credentials/credential-verifier.js';

export type { ChallengeStore, ChallengeUse } from './presentations/challenge-store.js';
export { HolderSignatureCheck } from './presentations/checks/holder-signature.check.js';
export {
  type PresentationOptions,
  type PresentationReport,
  type PresentationVerification,
  type PresentedCredentialReport,
  PresentationVerifier,
  type PresentationVerifierOptions,
} from './presentations/presentation-verifier.js';

export { FETCH_LIMITS } from './fetching/fetch-limits.js';
export { FetchSlots } from './fetching/fetch-slots.js';
export { type FetchPolicy, PublicFetcher } from './fetching/public-fetcher.js';
export { cachingResolver, type DidCacheOptions } from './dids/caching-resolver.js';
export { didWebFetch } from './dids/did-web-fetch.js';
export {
  type IssuerTrust,
  type RegistrySourceHealth,
  type TrustConfig,
  type TrustedIssuer,
  TrustRegistry,
} from './trust/trust-registry.js';

export type { CitedSource, RecognitionReport, SourceReport } from './recognition/recognition-sources.js';
