import type { CredentialKind, Learner } from '#schemas';
import type { PresentationReport, Verdict } from '#verification';
import type { CreditSummary } from '../presentations/credit-summary.js';

/** What a school asks a student's wallet for. */
export interface RequestedCredentials {
  kinds: CredentialKind[];
  /** Only credentials these DIDs signed; any institution's when absent (and then those this verifier trusts count). */
  issuers?: string[];
  /** Why the school asks, shown by wallets. */
  purpose?: string;
  /** What the student told the school, for credentials that name their subject only by hash. */
  learner?: Learner;
}

/** How the wallet answered: OpenID4VP `direct_post`, or a VC-API exchange (the Learner Credential Wallet). */
export type AnswerProtocol = 'openid4vp' | 'vc-api';

/** What the school sees once the wallet answered: every presentation's report, and the credits it can count. */
export interface PresentationRequestResult {
  protocol: AnswerProtocol;
  verdict: Verdict;
  verified: boolean;
  /** Who presented (the presentations' holders). */
  holders: string[];
  /** Each presentation as the wallet sent it, with the DCQL query it answers (OpenID4VP). */
  presentations: (PresentationReport & { queryId?: string })[];
  creditSummary: CreditSummary;
}

export interface PresentationRequestRecord {
  /** The school's: its page and JSON. Never shown to the wallet. */
  id: string;
  /** The wallet's: in the request URI, the response URI and the exchange URL, so the QR code never opens the result. */
  transactionId: string;
  /** The challenge every presentation of the answer signs (OpenID4VP `nonce`, VC-API `challenge`). */
  nonce: string;
  query: RequestedCredentials;
  createdAt: Date;
  expiresAt: Date;
  answer?: { answeredAt: Date; result: PresentationRequestResult };
}

/**
 * Where presentation requests live: in this process's memory, or in the database every verifier
 * instance shares (a wallet's request, response and the school's reload may each reach another instance).
 */
export interface PresentationRequestStore {
  create(record: PresentationRequestRecord): Promise<void>;
  byId(id: string): Promise<PresentationRequestRecord | undefined>;
  byTransaction(transactionId: string): Promise<PresentationRequestRecord | undefined>;
  /** Keeps the answer if the request is still unanswered and unexpired at `answeredAt`; false when it is not. */
  answer(id: string, result: PresentationRequestResult, answeredAt: Date): Promise<boolean>;
}

export const PRESENTATION_REQUESTS = Symbol('PresentationRequestStore');

/** How long a request and its result are kept after it expires: long enough for the school to read it. */
export const RESULT_RETENTION_MS = 7 * 86_400_000;
