import type { Cardinality, RecognitionPolicy, RecognitionTarget } from '#schemas';

/** A grade as a source credential states it: a value on a named scale (a percentage, a letter scheme). */
export interface Grade {
  scale: string;
  value: string;
}

/** What a pass-only rule records: the source's grade stays on the record, the recognition only says "passed". */
export const PASS_GRADE: Grade = { scale: 'pass-fail', value: 'pass' };

export type DepositState = 'active' | 'revoked' | 'expired' | 'withdrawn';

/**
 * One verified source credential in a learner's account, as the engine needs it: the facts a rule
 * matches on. A ledger's deposit row maps onto it one to one; the engine never reads the credential.
 */
export interface DepositFacts {
  id: string;
  /** The digest of the exact bytes deposited; two deposits with one digest are one credential. */
  digest: string;
  /** The issuer's DID. */
  issuer: string;
  achievementId?: string;
  achievementCode?: string;
  /** The credential kind or OB achievementType (course, certificate, ...). */
  kind: string;
  eqfLevel?: number;
  /** ISCED-F field code. */
  field?: string;
  credits?: { value: number; framework: string };
  grade?: Grade;
  /** When the learning was completed (RFC 3339); terms, years and recency are counted from it. */
  completedAt: string;
  state: DepositState;
}

/**
 * What is already recognised for this learner in this programme (from the ledger), in the policy's
 * framework: caps are checked against it plus what the engine proposes.
 */
export interface RecognisedTotals {
  total: number;
  byTerm: Record<string, number>;
  byYear: Record<string, number>;
  /** By issuer DID. */
  bySource: Record<string, number>;
  /** Target achievement ids already recognised: each is recognised once. */
  targets: string[];
  /** Deposits already consumed by a recognition: the engine leaves them out. */
  deposits: string[];
}

export const NOTHING_RECOGNISED: RecognisedTotals = { total: 0, byTerm: {}, byYear: {}, bySource: {}, targets: [], deposits: [] };

export interface RecognitionInput {
  policy: RecognitionPolicy;
  deposits: DepositFacts[];
  recognised: RecognisedTotals;
  /** The evaluation date (RFC 3339): recency is counted back from it. Passed in, so a run can be replayed. */
  asOf: string;
}

/** Why a deposit is not recognised. Public: they appear in decisions and the README lists them. */
export const REFUSAL_REASONS = [
  'DEPOSIT_NOT_ACTIVE',
  'DUPLICATE',
  'CREDIT_EXPIRED',
  'NO_MATCHING_RULE',
  'CREDITS_MISSING',
  'CREDITS_BELOW_MINIMUM',
  'UNIT_NOT_CONVERTIBLE',
  'GRADE_MISSING',
  'GRADE_BELOW_MINIMUM',
  'GRADE_NOT_COMPARABLE',
  'GRADE_NOT_CONVERTIBLE',
  'INCOMPLETE_SET',
  'CAP_TOTAL',
  'CAP_SHARE',
  'CAP_RESIDENCY',
  'CAP_PER_YEAR',
  'CAP_PER_TERM',
  'CAP_PER_SOURCE',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export interface SourceUse {
  deposit: string;
  digest: string;
  issuer: string;
  credits?: { value: number; framework: string };
  /** The source's credits in the policy's framework, when they convert. */
  convertedCredits?: number;
  grade?: Grade;
}

/** A recognition the engine proposes: a registrar confirms, edits or refuses it. */
export interface ProposedDecision {
  rule: string;
  cardinality: Cardinality;
  deposits: string[];
  sources: SourceUse[];
  target: RecognitionTarget;
  credits: number;
  framework: string;
  /** How `credits` count against each source institution's cap, by issuer DID (split by converted credits). */
  bySource: Record<string, number>;
  /** The recognised grade (after conversion); absent when no source has one and the rule keeps grades. */
  grade?: Grade;
  /** Counted against the caps of this term and year: those of the latest completion among the sources. */
  term: string;
  year: string;
}

export interface RuleAttempt {
  rule?: string;
  reason: RefusalReason;
  message: string;
}

/**
 * A deposit no proposal consumes: `reason` and `message` are those of the first rule that matched it
 * (rules in policy order), `attempts` every rule that did; NO_MATCHING_RULE when none did.
 */
export interface Refusal extends RuleAttempt {
  deposit: string;
  attempts: RuleAttempt[];
}

export interface RecognitionProposal {
  decisions: ProposedDecision[];
  refusals: Refusal[];
  /** The totals once the proposals are confirmed. */
  recognised: RecognisedTotals;
}
