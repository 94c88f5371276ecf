import { Injectable, Logger } from '@nestjs/common';
import type { RecognitionPolicy } from '#schemas';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { CreditAccountsService } from '../accounts/credit-accounts.service.js';
import type { CreditAccountRecord } from '../accounts/credit-accounts.repository.js';
import { RecognitionDecisionsService } from '../decisions/recognition-decisions.service.js';
import { DepositVerifier } from '../deposits/deposit-verifier.js';
import { type DepositRecord, DepositsRepository } from '../deposits/deposits.repository.js';
import { PoliciesService } from '../policies/policies.service.js';
import { isOlderThan } from '../rules/academic-calendar.js';
import { LedgerEntriesRepository, type NewLedgerEntry } from './ledger-entries.repository.js';

/** Active deposits read at a time. */
const BATCH = 100;

export interface RecheckSummary {
  checked: number;
  revoked: number;
  expired: number;
}

/**
 * Turns what changed since a deposit into ledger entries, never deleting anything: a credential its
 * issuer has revoked (its status list says so, read again now) becomes `revoke-at-source`, the
 * deposit `revoked`, and each recognition that consumed it is reversed; learning older than a
 * programme's recency limit becomes `expire` for that programme. A status that cannot be read now
 * changes nothing; a suspension is not a revocation (it may be lifted). Safe to run on several
 * instances at once: each entry may be written once (unique indexes) and the deposit changes only
 * while active. Challenges expired a day ago are forgotten on the way.
 */
@Injectable()
export class SourceRecheckService {
  private readonly logger = new Logger(SourceRecheckService.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly deposits: DepositsRepository,
    private readonly ledger: LedgerEntriesRepository,
    private readonly accounts: CreditAccountsService,
    private readonly decisions: RecognitionDecisionsService,
    private readonly policies: PoliciesService,
    private readonly verifier: DepositVerifier,
  ) {}

  async recheck(now = new Date()): Promise<RecheckSummary> {
    const summary: RecheckSummary = { checked: 0, revoked: 0, expired: 0 };
    const accounts = new Map<string, CreditAccountRecord>();
    const policies = new Map<string, RecognitionPolicy[]>();
    for (
      let batch = await this.deposits.activeBatch(undefined, BATCH);
      batch.length > 0;
      batch = await this.deposits.activeBatch(batch.at(-1)!.id, BATCH)
    ) {
      for (const deposit of batch) {
        summary.checked++;
        const account = accounts.get(deposit.accountId) ?? (await this.accounts.accountById(deposit.accountId));
        accounts.set(account.id, account);
        if (await this.revokedAtSource(deposit, account)) {
          summary.revoked++;
          continue;
        }
        const key = `${account.allianceId} ${account.institutionId}`;
        const programmes =
          policies.get(key) ?? (await this.policies.latestPublished(account.allianceId, account.institutionId)).map(({ policy }) => policy);
        policies.set(key, programmes);
        summary.expired += await this.expire(deposit, account, programmes, now);
      }
    }
    // The credentials of what the revocations above reversed, and of any reversal whose revocation failed before.
    await this.decisions.revokeReversedCredentials();
    await this.accounts.sweepChallenges();
    if (summary.revoked + summary.expired > 0)
      this.logger.log(
        `Rechecked ${summary.checked} deposits: ${summary.revoked} revoked at source, ${summary.expired} expired for a programme`,
      );
    return summary;
  }

  private async revokedAtSource(deposit: DepositRecord, account: CreditAccountRecord): Promise<boolean> {
    const report = await this.verifier.verifyCredential(deposit);
    const status = report.checks.find((check) => check.check === 'status');
    if (status?.status !== 'invalid' || status.reason?.code !== 'CREDENTIAL_REVOKED') return false;
    return this.unitOfWork.run(async (tx) => {
      if (!(await this.deposits.markRevoked(tx, deposit.id))) return false;
      await this.ledger.append(
        tx,
        account,
        depositEntry('revoke-at-source', deposit, null, status.reason?.message ?? 'The issuer revoked the credential.'),
      );
      for (const recognition of await this.ledger.standingRecognitionsOf(tx, deposit.id))
        await this.decisions.reverse(
          tx,
          recognition.decisionId!,
          'system',
          `Reversed: the source credential ${deposit.id} was revoked by its issuer.`,
        );
      return true;
    });
  }

  /** `expire` entries for the programmes whose recency limit the deposit's learning has passed; how many were written. */
  private async expire(deposit: DepositRecord, account: CreditAccountRecord, programmes: RecognitionPolicy[], now: Date): Promise<number> {
    let written = 0;
    for (const policy of programmes) {
      if (policy.recencyYears === undefined || !isOlderThan(deposit.completedAt.toISOString(), policy.recencyYears, now.toISOString()))
        continue;
      if (await this.ledger.hasExpired(deposit.id, policy.programme.id)) continue;
      const appended = await this.unitOfWork.run((tx) =>
        this.ledger.append(
          tx,
          account,
          depositEntry(
            'expire',
            deposit,
            policy.programme.id,
            `Completed more than ${policy.recencyYears} years before ${now.toISOString()}.`,
          ),
        ),
      );
      if (appended) written++;
    }
    return written;
  }
}

/** A ledger entry about one deposit as a whole (its credits taken out at source, or expired for a programme). */
function depositEntry(
  kind: 'revoke-at-source' | 'expire',
  deposit: DepositRecord,
  programmeId: string | null,
  reason: string,
): NewLedgerEntry {
  return {
    kind,
    depositId: deposit.id,
    decisionId: null,
    programmeId,
    bucket: null,
    targetAchievementId: null,
    credits: deposit.credits?.value ?? 0,
    creditFramework: deposit.credits?.framework ?? null,
    term: null,
    year: null,
    bySource: null,
    depositIds: null,
    reason,
  };
}
