import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CheckContext, CheckResult, CredentialCheck, ParsedCredential } from './check.js';
import { checkFormat } from './checks/format.check.js';
import { type Verdict, verdictOf } from './verification-verdict.js';

export const CREDENTIAL_CHECKS = Symbol('CredentialChecks');

export interface VerificationReport {
  verdict: Verdict;
  /** True only for `verified`, for clients that read a boolean. */
  verified: boolean;
  checks: CheckResult[];
  /** What the signed credential says, for display; absent when it could not be decoded. */
  credential?: { id?: string; issuer: string; type: string[] };
}

@Injectable()
export class VerificationService {
  private readonly logger = new Logger(VerificationService.name);

  constructor(@Inject(CREDENTIAL_CHECKS) private readonly checks: CredentialCheck[]) {}

  async verifyCredential(input: unknown, anchorReceipt?: unknown, now = new Date()): Promise<VerificationReport> {
    const format = checkFormat(input);
    const results: CheckResult[] = [{ check: 'format', ...format.outcome }];
    if (format.parsed) {
      for (const check of this.checks) results.push(await this.runCheck(check, format.parsed, { now, anchorReceipt, earlier: [...results] }));
    }
    const verdict = verdictOf(results);
    this.logger.log(`Credential ${format.parsed?.signed.id ?? '(undecodable)'}: ${verdict}`);
    return { verdict, verified: verdict === 'verified', checks: results, ...(format.parsed ? { credential: summaryOf(format.parsed) } : {}) };
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
