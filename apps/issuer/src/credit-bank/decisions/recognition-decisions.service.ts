import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RecognitionTarget } from '#schemas';
import { isUuid } from '#service-kit';
import { randomUUID } from 'node:crypto';
import { newCredentialId } from '../../credentials/credential-issuance.service.js';
import { CredentialStatusService } from '../../credentials/credential-status.service.js';
import { type Transaction, UnitOfWork } from '../../database/unit-of-work.js';
import { type Institution, InstitutionsService } from '../../institutions/institutions.service.js';
import { StatusListError } from '../../status-lists/status-lists.errors.js';
import { AccountIdentifiersRepository } from '../accounts/account-identifiers.repository.js';
import { ISSUER_CONFIG, type IssuerConfig } from '../../issuer.config.js';
import { CreditAccountsService } from '../accounts/credit-accounts.service.js';
import type { CreditAccountRecord } from '../accounts/credit-accounts.repository.js';
import { CreditBankError } from '../credit-bank.errors.js';
import { type DepositRecord, DepositsRepository } from '../deposits/deposits.repository.js';
import { RecognitionDisputesRepository } from '../disputes/recognition-disputes.repository.js';
import { recognisedTotals } from '../ledger/ledger-balances.js';
import { LedgerEntriesRepository } from '../ledger/ledger-entries.repository.js';
import { PoliciesService } from '../policies/policies.service.js';
import {
  type ConfirmedDecision,
  type DepositedSource,
  RecognitionCredentialsService,
  type RecognitionIssueRequest,
  sourceIdentifiers,
} from '../recognition-credentials/recognition-credentials.service.js';
import { academicPeriodOf } from '../rules/academic-calendar.js';
import { fromHundredths, toHundredths } from '../rules/credit-conversion.js';
import { proposeRecognitions } from '../rules/recognition-engine.js';
import type { DepositFacts, Grade, ProposedDecision, Refusal } from '../rules/recognition-input.js';
import { DecisionEventsRepository } from './decision-events.repository.js';
import { type DecisionView, decisionView } from './decision-view.js';
import { type DecisionRecord, RecognitionDecisionsRepository } from './recognition-decisions.repository.js';

export interface ProposalView {
  accountId: string;
  policy: { id: string; version: number };
  programmeId: string;
  asOf: string;
  decisions: DecisionView[];
  refusals: DecisionView[];
}

export interface EditRequest {
  credits: number;
  grade?: Grade;
  /** Needed when recognising what a rule refused (after a dispute upheld it): what it is recognised as. */
  target?: RecognitionTarget;
  reason: string;
}

/** The engine's rows are whole: nothing of a refusal is recognised until a registrar edits it. */
const isProposed = (proposal: ProposedDecision | Refusal): proposal is ProposedDecision => 'target' in proposal;

/** Reversed recognitions whose credential the recheck job revokes in one pass, at most. */
const REVOKE_BATCH = 100;

/**
 * Recognition decisions for a learner's account at the receiving institution: the engine proposes
 * (on the account's deposits and what its ledger has recognised), a registrar of the institution
 * confirms, edits with a stated reason, or refuses. A recognition is a `recognise` ledger entry;
 * every step is recorded.
 */
@Injectable()
export class RecognitionDecisionsService {
  private readonly logger = new Logger(RecognitionDecisionsService.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly decisions: RecognitionDecisionsRepository,
    private readonly events: DecisionEventsRepository,
    private readonly disputes: RecognitionDisputesRepository,
    private readonly deposits: DepositsRepository,
    private readonly ledger: LedgerEntriesRepository,
    private readonly accounts: CreditAccountsService,
    private readonly policies: PoliciesService,
    private readonly identifiers: AccountIdentifiersRepository,
    private readonly recognitions: RecognitionCredentialsService,
    private readonly statuses: CredentialStatusService,
    private readonly institutions: InstitutionsService,
    @Inject(ISSUER_CONFIG) private readonly config: IssuerConfig,
  ) {}

  /**
   * Runs the engine for the account under a published version of one of the caller's policies in the
   * account's alliance, and stores what it proposes and refuses. Undecided rows of an earlier run for
   * the programme are withdrawn (those under dispute stay).
   */
  async propose(caller: Institution, accountId: string, request: { policyId: string; version: number }): Promise<ProposalView> {
    const account = await this.accounts.accountOf(caller, accountId);
    const { policyId, version, policy } = await this.policies.publishedOf(account.allianceId, caller.id, request.policyId, request.version);
    const [deposits, ledger, earlier] = await Promise.all([
      this.deposits.listOf(account.id),
      this.ledger.listOf(account.id),
      this.decisions.listOf(account.id),
    ]);
    const asOf = new Date().toISOString();
    const proposal = proposeRecognitions({
      policy,
      deposits: deposits.map(depositFacts),
      recognised: recognisedTotals(ledger, policy.programme.id),
      asOf,
    });
    const disputed = (await this.disputes.listOfDecisions(earlier.map((decision) => decision.id)))
      .filter((dispute) => dispute.state === 'open')
      .map((dispute) => dispute.decisionId);
    const common = { accountId: account.id, institutionId: caller.id, policyId, policyVersion: version, programmeId: policy.programme.id };
    const actor = `institution:${caller.id}`;
    const ids = await this.unitOfWork.run(async (tx) => {
      for (const withdrawn of await this.decisions.withdrawUndecided(tx, account.id, policy.programme.id, disputed))
        await this.events.append(tx, {
          decisionId: withdrawn,
          action: 'withdrawn',
          actor,
          details: { reason: 'replaced by a newer proposal' },
        });
      const proposed: string[] = [];
      for (const decision of proposal.decisions) {
        const id = randomUUID();
        proposed.push(id);
        await this.decisions.insert(tx, {
          ...common,
          id,
          rule: decision.rule,
          cardinality: decision.cardinality,
          depositIds: decision.deposits,
          proposal: decision,
          state: 'proposed',
          target: decision.target,
          credits: decision.credits,
          framework: decision.framework,
          grade: decision.grade ?? null,
          reasonCode: null,
          reason: null,
          appealDeadline: null,
        });
        await this.events.append(tx, { decisionId: id, action: 'proposed', actor, details: { asOf } });
      }
      const refused: string[] = [];
      for (const refusal of proposal.refusals) {
        const id = randomUUID();
        refused.push(id);
        await this.decisions.insert(tx, {
          ...common,
          id,
          rule: refusal.rule ?? null,
          cardinality: null,
          depositIds: [refusal.deposit],
          proposal: refusal,
          state: 'refused-by-rule',
          target: null,
          credits: null,
          framework: null,
          grade: null,
          reasonCode: refusal.reason,
          reason: refusal.message,
          appealDeadline: this.appealDeadline(),
        });
        await this.events.append(tx, { decisionId: id, action: 'refused-by-rule', actor, details: { asOf, reason: refusal.reason } });
      }
      return { proposed, refused };
    });
    const views = await this.views(account.id);
    const pick = (wanted: string[]) => wanted.map((id) => views.find((view) => view.id === id)!);
    return {
      accountId: account.id,
      policy: { id: policyId, version },
      programmeId: policy.programme.id,
      asOf,
      decisions: pick(ids.proposed),
      refusals: pick(ids.refused),
    };
  }

  async listFor(caller: Institution, accountId: string): Promise<DecisionView[]> {
    const account = await this.accounts.accountOf(caller, accountId);
    return this.views(account.id);
  }

  async get(caller: Institution, decisionId: string): Promise<DecisionView> {
    const decision = await this.decisionOf(caller, decisionId);
    return (await this.views(decision.accountId)).find((view) => view.id === decision.id)!;
  }

  /**
   * Recognises the decision as proposed and issues its recognition credential. The issuance service
   * signs with no transaction open and commits in transactions of its own (see signAndRecord), so the
   * two cannot be one unit of work; instead the decision, its ledger entry and the id its credential
   * will have commit together first, and the credential is issued under that id after. A failure in
   * between leaves a recognised decision without its credential: confirming (or editing) it again
   * issues what is missing under the reserved id, which the issued credentials' primary key lets
   * exist once, so never twice.
   */
  async confirm(caller: Institution, decisionId: string): Promise<DecisionView> {
    const decision = await this.decisionOf(caller, decisionId);
    if (needsIssuance(decision)) return this.issueRecognition(caller, decision);
    await this.unitOfWork.run(async (tx) => {
      const locked = await this.proposed(tx, decision.id);
      if (!locked.target || locked.credits === null)
        throw CreditBankError.alreadyDecided(decision.id, 'a refusal: edit it with a target and credits');
      await this.recognise(tx, locked, {
        state: 'confirmed',
        credits: locked.credits,
        grade: locked.grade,
        target: locked.target,
        reason: null,
      });
      await this.events.append(tx, { decisionId: locked.id, action: 'confirmed', actor: `institution:${caller.id}`, details: {} });
    });
    return this.issueRecognition(caller, await this.decisionOf(caller, decision.id));
  }

  /** Recognises with other credits or grade (or, for what a rule refused, a target), for a reason the record keeps. */
  async edit(caller: Institution, decisionId: string, request: EditRequest): Promise<DecisionView> {
    const decision = await this.decisionOf(caller, decisionId);
    // A retry of an edit whose credential was not issued: the recorded edit stands, its credential is issued.
    if (needsIssuance(decision)) return this.issueRecognition(caller, decision);
    await this.unitOfWork.run(async (tx) => {
      const locked = await this.proposed(tx, decision.id);
      const target = request.target ?? locked.target;
      if (!target) throw CreditBankError.targetRequired(decision.id);
      const grade = request.grade ?? locked.grade;
      await this.recognise(tx, locked, { state: 'edited', credits: request.credits, grade, target, reason: request.reason });
      await this.events.append(tx, {
        decisionId: locked.id,
        action: 'edited',
        actor: `institution:${caller.id}`,
        details: {
          reason: request.reason,
          from: { credits: locked.credits, grade: locked.grade, target: locked.target },
          to: { credits: request.credits, grade, target },
        },
      });
    });
    return this.issueRecognition(caller, await this.decisionOf(caller, decision.id));
  }

  async refuse(caller: Institution, decisionId: string, reason: string): Promise<DecisionView> {
    const decision = await this.decisionOf(caller, decisionId);
    await this.unitOfWork.run(async (tx) => {
      const locked = await this.proposed(tx, decision.id);
      await this.decisions.decide(tx, locked.id, {
        state: 'refused',
        target: locked.target,
        credits: null,
        grade: null,
        reasonCode: 'REFUSED_BY_REGISTRAR',
        reason,
        appealDeadline: this.appealDeadline(),
      });
      await this.events.append(tx, { decisionId: locked.id, action: 'refused', actor: `institution:${caller.id}`, details: { reason } });
    });
    return this.get(caller, decision.id);
  }

  /** The decisions of an account with every step, for the registrar (and the learner's statement). */
  async views(accountId: string): Promise<DecisionView[]> {
    const decisions = await this.decisions.listOf(accountId);
    const events = await this.events.listOf(decisions.map((decision) => decision.id));
    return decisions.map((decision) => decisionView(decision, events));
  }

  /**
   * What a dispute upheld does: a recognised decision is reversed (a `reverse` ledger entry) and
   * withdrawn, so the engine proposes again; a refused one goes back to the registrar as a proposal.
   */
  async reopen(tx: Transaction, decisionId: string, actor: string): Promise<void> {
    if (await this.reverse(tx, decisionId, actor, 'Reversed: the dispute was upheld.')) return;
    const locked = await this.decisions.lock(tx, decisionId);
    if (!locked) throw CreditBankError.decisionNotFound(decisionId);
    await this.decisions.decide(tx, locked.id, { ...locked, state: 'proposed', appealDeadline: null });
  }

  /** Takes a standing recognition back (a `reverse` ledger entry) and withdraws its decision; false when nothing stands. */
  async reverse(tx: Transaction, decisionId: string, actor: string, reason: string): Promise<boolean> {
    const locked = await this.decisions.lock(tx, decisionId);
    if (!locked) throw CreditBankError.decisionNotFound(decisionId);
    const standing = await this.ledger.standingRecognitionOf(tx, locked.id);
    if (!standing) return false;
    await this.ledger.append(tx, { id: locked.accountId, institutionId: locked.institutionId }, { ...standing, kind: 'reverse', reason });
    await this.decisions.decide(tx, locked.id, { ...locked, state: 'withdrawn', reason });
    await this.events.append(tx, { decisionId: locked.id, action: 'reversed', actor, details: { credits: standing.credits, reason } });
    return true;
  }

  /**
   * Revokes the recognition credentials of reversed recognitions, through their status lists. A
   * reversal commits with its ledger entry first (a status change publishes a list, outside any
   * transaction); what a failure then leaves unrevoked is found here again, so the recheck job's
   * every run finishes it (all decisions; `decisionId` for one). Returns how many were revoked.
   */
  async revokeReversedCredentials(decisionId?: string): Promise<number> {
    let revoked = 0;
    for (const decision of await this.decisions.credentialsToRevoke(REVOKE_BATCH, decisionId)) {
      const institution = await this.institutions.get(decision.institutionId);
      const credentialId = decision.recognitionCredential!.id;
      try {
        await this.statuses.change(institution, {
          credentialId,
          credentialStatus: [{ type: 'BitstringStatusListCredential', status: 'revoked' }],
          reason: decision.reason ?? 'The recognition was reversed.',
        });
      } catch (error) {
        // Revoked already (by the institution, or by a run that stopped before recording it): done.
        if (!(error instanceof StatusListError && error.code === 'CREDENTIAL_REVOKED')) throw error;
      }
      await this.decisions.markCredentialRevoked(decision.id);
      revoked++;
    }
    if (revoked > 0) this.logger.log(`Revoked ${revoked} recognition credentials of reversed recognitions`);
    return revoked;
  }

  /** The decision of the caller's, or not found (another institution's decisions do not exist for it). */
  async decisionOf(caller: Institution, decisionId: string): Promise<DecisionRecord> {
    const decision = isUuid(decisionId) ? await this.decisions.findOf(caller.id, decisionId.toLowerCase()) : null;
    if (!decision) throw CreditBankError.decisionNotFound(decisionId);
    return decision;
  }

  /** A learner's decision, in their account. */
  async decisionInAccount(account: CreditAccountRecord, decisionId: string): Promise<DecisionRecord> {
    const decision = isUuid(decisionId) ? await this.decisions.findInAccount(account.id, decisionId.toLowerCase()) : null;
    if (!decision) throw CreditBankError.decisionNotFound(decisionId);
    return decision;
  }

  /** Issues the recognised decision's credential under its reserved id, unless it was issued; answers the decision. */
  private async issueRecognition(caller: Institution, decision: DecisionRecord): Promise<DecisionView> {
    if (needsIssuance(decision)) {
      const credentialId = decision.recognitionCredential!.id;
      // Issued already when the issuance went through and recording it did not. Two retries at once:
      // the reserved id is a primary key of the issued credentials and their status entries, so one
      // issuance fails, and finds the other's credential.
      if (!(await this.recognitions.isIssued(caller, credentialId))) {
        try {
          await this.recognitions.issueRecognitionCredential(caller, { ...(await this.issueRequestOf(decision)), credentialId });
        } catch (error) {
          if (!(await this.recognitions.isIssued(caller, credentialId))) throw error;
        }
      }
      await this.decisions.markCredentialIssued(decision.id);
    }
    return this.get(caller, decision.id);
  }

  /** What the recognition credential is issued from: the account's learner, the decision as recognised, the deposits' exact bytes. */
  private async issueRequestOf(decision: DecisionRecord): Promise<RecognitionIssueRequest> {
    const account = await this.accounts.accountById(decision.accountId);
    const [deposits, identifiers] = await Promise.all([this.deposits.listOf(account.id), this.identifiers.listOf(account.id)]);
    const used = decision.depositIds.map((id) => deposits.find((deposit) => deposit.id === id));
    if (used.some((deposit) => deposit === undefined)) throw CreditBankError.decisionNotFound(decision.id);
    const consumed = used as DepositRecord[];
    const sources = consumed.map(depositedSource);
    const hashes = new Set(identifiers.filter((entry) => entry.kind === 'hashed-identifier').map((entry) => entry.value));
    const identifier = sourceIdentifiers(sources, hashes);
    return {
      learner: { did: account.holderDid, ...(identifier.length > 0 ? { identifier } : {}) },
      decision: await this.confirmedOf(decision, consumed),
      sources,
    };
  }

  /** The decision as recognised: the engine's proposal with the registrar's credits, grade and target; for a rule's refusal, built from its deposit. */
  private async confirmedOf(decision: DecisionRecord, consumed: DepositRecord[]): Promise<ConfirmedDecision> {
    const proposal: ProposedDecision = isProposed(decision.proposal)
      ? decision.proposal
      : {
          // What a rule refused and a registrar recognised (after a dispute): the rule that refused it, one source.
          rule: decision.rule ?? 'registrar',
          cardinality: '1:1',
          deposits: decision.depositIds,
          sources: consumed.map((deposit) => ({
            deposit: deposit.id,
            digest: deposit.digest,
            issuer: deposit.issuer,
            ...(deposit.credits ? { credits: deposit.credits } : {}),
            ...(deposit.grade ? { grade: deposit.grade } : {}),
          })),
          ...(await this.periodOf(decision)),
          target: decision.target!,
          credits: decision.credits!,
        };
    const grade = decision.grade ?? undefined;
    return {
      ...proposal,
      target: decision.target ?? proposal.target,
      credits: decision.credits ?? proposal.credits,
      framework: decision.framework ?? proposal.framework,
      grade,
      policy: { id: decision.policyId, version: decision.policyVersion },
      decisionDate: (decision.decidedAt ?? new Date()).toISOString(),
    };
  }

  private appealDeadline(): Date {
    return new Date(Date.now() + this.config.creditBank.appealDays * 86_400_000);
  }

  private async proposed(tx: Transaction, id: string): Promise<DecisionRecord> {
    const locked = await this.decisions.lock(tx, id);
    if (!locked) throw CreditBankError.decisionNotFound(id);
    if (locked.state !== 'proposed') throw CreditBankError.alreadyDecided(id, locked.state);
    return locked;
  }

  /** Records the decision and its `recognise` ledger entry, whose caps count by the proposal's split between sources. */
  private async recognise(
    tx: Transaction,
    decision: DecisionRecord,
    outcome: { state: 'confirmed' | 'edited'; credits: number; grade: Grade | null; target: RecognitionTarget; reason: string | null },
  ): Promise<void> {
    const period = await this.periodOf(decision);
    await this.decisions.decide(tx, decision.id, {
      state: outcome.state,
      target: outcome.target,
      credits: outcome.credits,
      grade: outcome.grade,
      reasonCode: null,
      reason: outcome.reason,
      appealDeadline: this.appealDeadline(),
    });
    await this.decisions.reserveCredential(tx, decision.id, newCredentialId());
    await this.ledger.append(
      tx,
      { id: decision.accountId, institutionId: decision.institutionId },
      {
        kind: 'recognise',
        depositId: null,
        decisionId: decision.id,
        programmeId: decision.programmeId,
        bucket: outcome.target.bucket ?? null,
        targetAchievementId: outcome.target.achievementId ?? null,
        credits: outcome.credits,
        creditFramework: period.framework,
        term: period.term,
        year: period.year,
        bySource: rescaled(period.bySource, outcome.credits),
        depositIds: decision.depositIds,
        reason: outcome.reason,
      },
    );
  }

  /** The proposal's term, year, framework and split between sources; for a rule's refusal, those of its deposit under the policy. */
  private async periodOf(
    decision: DecisionRecord,
  ): Promise<{ term: string; year: string; framework: string; bySource: Record<string, number> }> {
    if (isProposed(decision.proposal)) {
      const { term, year, framework, bySource } = decision.proposal;
      return { term, year, framework, bySource };
    }
    const account = await this.accounts.accountById(decision.accountId);
    const { policy } = await this.policies.publishedOf(
      account.allianceId,
      decision.institutionId,
      decision.policyId,
      decision.policyVersion,
    );
    const deposit = (await this.deposits.listOf(decision.accountId)).find((candidate) => candidate.id === decision.depositIds[0]);
    if (!deposit) throw CreditBankError.decisionNotFound(decision.id);
    return {
      ...academicPeriodOf(deposit.completedAt.toISOString(), policy.calendar),
      framework: policy.creditFramework,
      bySource: { [deposit.issuer]: 1 },
    };
  }
}

/** A split between sources scaled to other credits, in hundredths; what rounding leaves goes to the first. */
function rescaled(bySource: Record<string, number>, credits: number): Record<string, number> {
  const entries = Object.entries(bySource);
  const sum = entries.reduce((total, [, share]) => total + share, 0);
  const target = toHundredths(credits);
  const parts = entries.map(([, share]) => (sum > 0 ? Math.floor((target * share) / sum) : 0));
  if (parts.length > 0) parts[0] += target - parts.reduce((a, b) => a + b, 0);
  return Object.fromEntries(entries.map(([issuer], i) => [issuer, fromHundredths(parts[i])]));
}

/** Recognised, its credential's id reserved, and not issued yet. */
function needsIssuance(decision: DecisionRecord): boolean {
  return (
    (decision.state === 'confirmed' || decision.state === 'edited') &&
    decision.recognitionCredential !== null &&
    decision.recognitionCredential.issuedAt === null
  );
}

/** A deposit as the recognition credential cites it: its exact bytes, when it was verified and the checks that passed then. */
function depositedSource(deposit: DepositRecord): DepositedSource {
  const checks = Array.isArray(deposit.verification.checks) ? (deposit.verification.checks as { check?: unknown; status?: unknown }[]) : [];
  return {
    format: deposit.format,
    bytes: deposit.bytes,
    verifiedAt: deposit.depositedAt.toISOString(),
    checks: checks.filter((entry) => entry.status === 'valid' && typeof entry.check === 'string').map((entry) => entry.check as string),
  };
}

function depositFacts(deposit: DepositRecord): DepositFacts {
  return {
    id: deposit.id,
    digest: deposit.digest,
    issuer: deposit.issuer,
    ...(deposit.achievementId !== null && { achievementId: deposit.achievementId }),
    ...(deposit.achievementCode !== null && { achievementCode: deposit.achievementCode }),
    kind: deposit.kind,
    ...(deposit.eqfLevel !== null && { eqfLevel: deposit.eqfLevel }),
    ...(deposit.field !== null && { field: deposit.field }),
    ...(deposit.credits !== null && { credits: deposit.credits }),
    ...(deposit.grade !== null && { grade: deposit.grade }),
    completedAt: deposit.completedAt.toISOString(),
    state: deposit.state,
  };
}
