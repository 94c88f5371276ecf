import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CheckContext, CheckResult, CredentialCheck, ParsedCredential } from './check.js';
import { TrustRegistry } from '../trust/trust-registry.js';
import { VERIFIER_CONFIG, type VerifierConfig } from '../verifier.config.js';
import { checkFormat } from './checks/format.check.js';
import { ISSUER_UNKNOWN } from './checks/issuer-trust.check.js';
import { beforeDeadline } from './verification-deadline.js';
import { type Verdict, verdictOf } from './verification-verdict.js';

export const CREDENTIAL_CHECKS = Symbol('CredentialChecks');
/** The one did:ethr resolver (on the configured chain) that issuers' and holders' signatures are checked with. */
export const DID_RESOLVER = Symbol('DidResolver');

export interface VerificationReport {
  verdict: Verdict;
  /** True only for `verified`, for clients that read a boolean. */
  verified: boolean;
  checks: CheckResult[];
  /** What a person must see even when the verdict is `verified`: an issuer no trusted registry knows. */
  warnings: CheckResult[];
  /** What the signed credential says, for display; absent when it could not be decoded. */
  credential?: { id?: string; issuer: string; type: string[] };
  /** The signing DID, and the institution a trusted registry says it is, if any. */
  issuer?: { id: string; trusted: boolean; name?: string; url?: string };
}

export interface VerifyOptions {
  /** An anchor receipt sent beside the credential (as in a credential package), unverified. */
  anchorReceipt?: unknown;
  /** Check the receipt the issuer publishes when `anchorReceipt` does not hold (a link's kept receipt). */
  fallBackToPublishedReceipt?: boolean;
  /** When the verification must be over (epoch ms); by default the configured budget from now. */
  deadline?: number;
  now?: Date;
}

@Injectable()
export class VerificationService {
  private readonly logger = new Logger(VerificationService.name);

  constructor(
    @Inject(CREDENTIAL_CHECKS) private readonly checks: CredentialCheck[],
    private readonly trust: TrustRegistry,
    @Inject(VERIFIER_CONFIG) private readonly config: VerifierConfig,
  ) {}

  async verifyCredential(input: unknown, anchorReceipt?: unknown): Promise<VerificationReport> {
    return (await this.verify(input, { anchorReceipt })).report;
  }

  /** When a verification that starts now must be over: the configured budget, for callers that share it. */
  deadlineFromNow(): number {
    return Date.now() + this.config.verificationDeadlineMs;
  }

  /**
   * The report, and the credential as decoded from its JWT for callers that show or inspect it.
   * Checks run in order within one deadline; those it cuts off, and those after them, are `error`.
   */
  async verify(
    input: unknown,
    { anchorReceipt, fallBackToPublishedReceipt, deadline = this.deadlineFromNow(), now = new Date() }: VerifyOptions = {},
  ): Promise<{ report: VerificationReport; credential?: ParsedCredential }> {
    const format = checkFormat(input);
    const results: CheckResult[] = [{ check: 'format', ...format.outcome }];
    if (format.parsed) {
      for (const check of this.checks) results.push(await this.runCheck(check, format.parsed, { now, anchorReceipt, fallBackToPublishedReceipt, earlier: [...results] }, deadline));
    }
    const verdict = verdictOf(results);
    this.logger.log(`Credential ${format.parsed?.signed.id ?? '(undecodable)'}: ${verdict}`);
    const warnings = results.filter((result) => result.status === 'skipped' && result.reason?.code === ISSUER_UNKNOWN);
    const report: VerificationReport = { verdict, verified: verdict === 'verified', checks: results, warnings };
    if (!format.parsed) return { report };
    return {
      report: { ...report, credential: summaryOf(format.parsed), issuer: await this.issuerOf(format.parsed, results) },
      credential: format.parsed,
    };
  }

  /** Named only when the signature holds: an unverified credential's claims about its issuer are not repeated. */
  private async issuerOf(credential: ParsedCredential, results: CheckResult[]): Promise<VerificationReport['issuer']> {
    const id = credential.payload.iss as string;
    const trusted = results.find((result) => result.check === 'issuer-trust')?.status === 'valid' ? await this.trust.find(id) : undefined;
    return trusted ? { id, trusted: true, name: trusted.name, url: trusted.url } : { id, trusted: false };
  }

  /** A check that throws, or that the deadline cuts off, is a check that could not run: `error`, never a pass. */
  private async runCheck(check: CredentialCheck, credential: ParsedCredential, context: CheckContext, deadline: number): Promise<CheckResult> {
    try {
      return { check: check.name, ...(await beforeDeadline(() => check.run(credential, context), deadline)) };
    } catch (error) {
      this.logger.error(`Check ${check.name} threw`, (error as Error).stack);
      return { check: check.name, status: 'error', reason: { code: 'CHECK_FAILED', message: `The ${check.name} check could not run.` } };
    }
  }
}

function summaryOf(credential: ParsedCredential): NonNullable<VerificationReport['credential']> {
  const { signed } = credential;
  return {
    ...(typeof signed.id === 'string' ? { id: signed.id } : {}),
    issuer: credential.payload.iss as string,
    type: ([] as string[]).concat(signed.type ?? []),
  };
}
