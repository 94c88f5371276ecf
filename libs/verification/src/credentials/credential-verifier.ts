import { digestMultibase, listOf } from '#schemas';
import type { VerificationLogger } from '../logger.js';
import { type CheckResult, resultOf } from '../pipeline/check.js';
import type { CredentialCheckName } from '../pipeline/check-name.js';
import { runChecks } from '../pipeline/check-runner.js';
import { REQUIRED_CREDENTIAL_CHECKS, type Verdict, verdictOf } from '../pipeline/verification-verdict.js';
import { mapConcurrently } from '../presentations/map-concurrently.js';
import {
  citedSources,
  type GivenSource,
  isRecognition,
  type RecognitionReport,
  recognitionReport,
  verdictWithSources,
} from '../recognition/recognition-sources.js';
import type { IssuerTrust } from '../trust/trust-registry.js';
import { checkFormat } from './checks/format.check.js';
import type { CredentialCheck, ParsedCredential } from './parsed-credential.js';

export interface VerificationReport {
  verdict: Verdict;
  /** True only for `verified`, for clients that read a boolean. */
  verified: boolean;
  checks: CheckResult<CredentialCheckName>[];
  /** What a person must see even when the verdict is `verified`: an issuer no trusted registry knows. */
  warnings: CheckResult<CredentialCheckName>[];
  /** What the signed credential says, for display; absent when it could not be decoded. */
  credential?: { id?: string; issuer: string; type: string[] };
  /** The signing DID, and the institution a trusted registry says it is, if any. */
  issuer?: { id: string; trusted: boolean; name?: string; url?: string };
  /**
   * For a recognition credential (or one given sources): each source it cites, checked against the
   * credential given for it, if any. Its failures fail the verdict; see `recognitionReport`.
   */
  recognition?: RecognitionReport<VerificationReport>;
}

export interface VerifyOptions {
  /** An anchor receipt sent beside the credential (as in a credential package), unverified. */
  anchorReceipt?: unknown;
  /** Check the receipt the issuer publishes when `anchorReceipt` does not hold (a link's kept receipt). */
  fallBackToPublishedReceipt?: boolean;
  /** When the verification must be over (epoch ms); by default the configured budget from now. */
  deadline?: number;
  now?: Date;
  /** The source credentials of a recognition credential, as the learner presented them: each is verified in full and matched to what it cites. */
  sources?: readonly unknown[];
}

/** Sources of one recognition verified at once, as for a presentation's credentials. */
const CONCURRENT_SOURCES = 4;

export interface CredentialVerifierOptions {
  /** The whole verification of one credential (or presentation), in milliseconds. */
  deadlineMs: number;
  logger: VerificationLogger;
}

/**
 * A credential's verification: its format, then every check in order within one deadline, then the
 * verdict. The checks' order is the report's order.
 */
export class CredentialVerifier {
  constructor(
    private readonly checks: readonly CredentialCheck[],
    private readonly trust: Pick<IssuerTrust, 'find'>,
    private readonly options: CredentialVerifierOptions,
  ) {}

  async verifyCredential(input: unknown, anchorReceipt?: unknown, sources?: readonly unknown[]): Promise<VerificationReport> {
    return (await this.verify(input, { anchorReceipt, sources })).report;
  }

  /** When a verification that starts now must be over: the configured budget, for callers that share it. */
  deadlineFromNow(): number {
    return Date.now() + this.options.deadlineMs;
  }

  /**
   * The report, and the credential as decoded from its JWT for callers that show or inspect it.
   * Checks run in order within one deadline; those it cuts off, and those after them, are `error`.
   */
  async verify(
    input: unknown,
    { anchorReceipt, fallBackToPublishedReceipt, deadline = this.deadlineFromNow(), now = new Date(), sources = [] }: VerifyOptions = {},
  ): Promise<{ report: VerificationReport; credential?: ParsedCredential }> {
    const format = checkFormat(input);
    const results: CheckResult<CredentialCheckName>[] = [{ check: 'format', ...format.outcome }];
    if (format.parsed) {
      const context = { now, anchorReceipt, fallBackToPublishedReceipt };
      results.push(...(await runChecks(this.checks, format.parsed, context, { earlier: results, deadline, logger: this.options.logger })));
    }
    const recognition =
      format.parsed && isRecognition(format.parsed.credential, sources)
        ? await this.recognitionOf(format.parsed, results, sources, { deadline, now })
        : undefined;
    const verdict = verdictWithSources(verdictOf(results, REQUIRED_CREDENTIAL_CHECKS), recognition);
    this.options.logger.log(`Credential ${format.parsed?.credential.id ?? '(undecodable)'}: ${verdict}`);
    const warnings = results.filter((result) => result.reason?.code === 'ISSUER_UNKNOWN');
    const report: VerificationReport = { verdict, verified: verdict === 'verified', checks: results, warnings };
    if (!format.parsed) return { report };
    return {
      report: {
        ...report,
        credential: summaryOf(format.parsed),
        issuer: await this.issuerOf(format.parsed, results),
        ...(recognition ? { recognition } : {}),
      },
      credential: format.parsed,
    };
  }

  /**
   * The sources a recognition cites, each matched to a credential given for it, which is verified in
   * full (its own sources aside) within the same deadline; only once the recognition's signature holds.
   */
  private async recognitionOf(
    parsed: ParsedCredential,
    results: CheckResult<CredentialCheckName>[],
    sources: readonly unknown[],
    { deadline, now }: { deadline: number; now: Date },
  ): Promise<RecognitionReport<VerificationReport>> {
    const signatureHolds = resultOf(results, 'signature')?.status === 'valid';
    const given: GivenSource<VerificationReport>[] = signatureHolds
      ? await mapConcurrently(sources, CONCURRENT_SOURCES, async (source) => {
          const { report, credential } = await this.verify(source, { deadline, now });
          return {
            report,
            ...(credential
              ? {
                  digest: digestMultibase(credential.bytes),
                  ...(typeof credential.credential.id === 'string' ? { id: credential.credential.id } : {}),
                }
              : {}),
          };
        })
      : [];
    return recognitionReport(citedSources(parsed.credential), given, signatureHolds);
  }

  /** Named only when the signature holds: an unverified credential's claims about its issuer are not repeated. */
  private async issuerOf(credential: ParsedCredential, results: CheckResult<CredentialCheckName>[]): Promise<VerificationReport['issuer']> {
    const id = credential.issuer;
    const trusted = resultOf(results, 'issuer-trust')?.status === 'valid' ? await this.trust.find(id) : undefined;
    return trusted ? { id, trusted: true, name: trusted.name, url: trusted.url } : { id, trusted: false };
  }
}

function summaryOf(credential: ParsedCredential): NonNullable<VerificationReport['credential']> {
  const { credential: signed } = credential;
  return {
    ...(typeof signed.id === 'string' ? { id: signed.id } : {}),
    issuer: credential.issuer,
    type: listOf(signed.type).filter((type): type is string => typeof type === 'string'),
  };
}
