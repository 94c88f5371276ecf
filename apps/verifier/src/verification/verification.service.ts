import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CheckContext, CheckResult, CredentialCheck, ParsedCredential } from './check.js';
import { TrustRegistry } from '../trust/trust-registry.js';
import { checkFormat } from './checks/format.check.js';
import { ISSUER_UNKNOWN } from './checks/issuer-trust.check.js';
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

@Injectable()
export class VerificationService {
  private readonly logger = new Logger(VerificationService.name);

  constructor(
    @Inject(CREDENTIAL_CHECKS) private readonly checks: CredentialCheck[],
    private readonly trust: TrustRegistry,
  ) {}

  async verifyCredential(input: unknown, anchorReceipt?: unknown, now = new Date()): Promise<VerificationReport> {
    return (await this.verify(input, anchorReceipt, now)).report;
  }

  /** The report, and the credential as decoded from its JWT for callers that show or inspect it. */
  async verify(input: unknown, anchorReceipt?: unknown, now = new Date()): Promise<{ report: VerificationReport; credential?: ParsedCredential }> {
    const format = checkFormat(input);
    const results: CheckResult[] = [{ check: 'format', ...format.outcome }];
    if (format.parsed) {
      for (const check of this.checks) results.push(await this.runCheck(check, format.parsed, { now, anchorReceipt, earlier: [...results] }));
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

  /** A check that throws is a check that could not run: `error`, never a pass. */
  private async runCheck(check: CredentialCheck, credential: ParsedCredential, context: CheckContext): Promise<CheckResult> {
    try {
      return { check: check.name, ...(await check.run(credential, context)) };
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
