import type { ConfigReader } from '#service-kit';

export interface CreditBankConfig {
  /** How long a learner has to answer a challenge with a presentation. */
  challengeTtlSeconds: number;
  /**
   * Whether URLs named by deposited credentials (status lists, anchored packages, did:web documents)
   * may point at loopback or private addresses. Only for development, where this issuer's own
   * institutions are on localhost: in production a learner's credential must not steer the issuer inward.
   */
  allowPrivateNetworkFetch: boolean;
  /** How often active deposits are checked again at their source (revocation) and against policies' recency. */
  recheckIntervalMs: number;
  /** Days a learner has to dispute a decision once it is made. */
  appealDays: number;
}

export function readCreditBankConfig(read: ConfigReader): CreditBankConfig {
  return {
    challengeTtlSeconds: read.integer('CREDIT_BANK_CHALLENGE_TTL_SECONDS', 600, { min: 10, max: 86_400 }),
    allowPrivateNetworkFetch: read.oneOf('CREDIT_BANK_ALLOW_PRIVATE_NETWORK_FETCH', ['true', 'false'] as const, 'false') === 'true',
    recheckIntervalMs: read.integer('CREDIT_BANK_RECHECK_INTERVAL_SECONDS', 3600, { min: 1, max: 604_800 }) * 1000,
    appealDays: read.integer('CREDIT_BANK_APPEAL_DAYS', 30, { min: 1, max: 3650 }),
  };
}
