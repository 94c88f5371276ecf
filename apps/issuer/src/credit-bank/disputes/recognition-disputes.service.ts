import { Injectable, Logger } from '@nestjs/common';
import { isUuid } from '#service-kit';
import { randomUUID } from 'node:crypto';
import { UnitOfWork } from '../../database/unit-of-work.js';
import type { Institution } from '../../institutions/institutions.service.js';
import { AlliancesService } from '../alliances/alliances.service.js';
import { CreditAccountsService } from '../accounts/credit-accounts.service.js';
import { CreditBankError } from '../credit-bank.errors.js';
import { DecisionEventsRepository } from '../decisions/decision-events.repository.js';
import { RecognitionDecisionsService } from '../decisions/recognition-decisions.service.js';
import { type Vote, DisputeVotesRepository } from './dispute-votes.repository.js';
import { type DisputeRecord, RecognitionDisputesRepository } from './recognition-disputes.repository.js';

export interface DisputeView {
  id: string;
  decisionId: string;
  accountId: string;
  statement: string;
  state: DisputeRecord['state'];
  reviewers: string[] | null;
  votes: { reviewerId: string; vote: Vote; reason: string; votedAt: string }[];
  openedAt: string;
  decidedAt: string | null;
}

/** Decisions a learner may dispute: those made, not proposals waiting or rows withdrawn. */
const DISPUTABLE = ['confirmed', 'edited', 'refused', 'refused-by-rule'];

/**
 * Disputes of recognition decisions. The learner opens one by proving they hold the account's DID;
 * the receiving institution names a panel of reviewers (other members of the alliance, an odd number
 * of at least three, so a majority always exists); each reviewer votes once with a reason; the first
 * majority decides. Upheld, the decision is reopened (a recognition is reversed in the ledger).
 * Every step is a decision event.
 */
@Injectable()
export class RecognitionDisputesService {
  private readonly logger = new Logger(RecognitionDisputesService.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly disputes: RecognitionDisputesRepository,
    private readonly votes: DisputeVotesRepository,
    private readonly events: DecisionEventsRepository,
    private readonly accounts: CreditAccountsService,
    private readonly decisions: RecognitionDecisionsService,
    private readonly alliances: AlliancesService,
  ) {}

  async open(
    accountId: string,
    request: { challenge: string; proof: string; decisionId: string; statement: string },
  ): Promise<DisputeView> {
    const account = await this.accounts.holderProven(accountId, request);
    const decision = await this.decisions.decisionInAccount(account, request.decisionId);
    if (!DISPUTABLE.includes(decision.state)) throw CreditBankError.notDisputable(decision.id, `it is ${decision.state}`);
    if (!decision.appealDeadline || decision.appealDeadline.getTime() < Date.now())
      throw CreditBankError.notDisputable(decision.id, 'its appeal deadline has passed');
    const id = randomUUID();
    await this.unitOfWork.run(async (tx) => {
      const opened = await this.disputes.insert(tx, {
        id,
        decisionId: decision.id,
        accountId: account.id,
        institutionId: account.institutionId,
        statement: request.statement,
      });
      if (!opened) throw CreditBankError.disputeExists(decision.id);
      await this.events.append(tx, {
        decisionId: decision.id,
        action: 'dispute-opened',
        actor: `learner:${account.holderDid}`,
        details: { disputeId: id, statement: request.statement },
      });
    });
    return this.view(await this.require(id));
  }

  /** The receiving institution names the panel, once. */
  async namePanel(caller: Institution, disputeId: string, reviewers: string[]): Promise<DisputeView> {
    const dispute = await this.visible(caller, disputeId);
    if (dispute.institutionId !== caller.id) throw CreditBankError.disputeNotFound(disputeId);
    const account = await this.accounts.accountById(dispute.accountId);
    const members = new Set((await this.alliances.membersOf(account.allianceId)).map((member) => member.institutionId));
    const named = reviewers.map((reviewer) => reviewer.toLowerCase());
    if (named.length < 3 || named.length % 2 === 0)
      throw CreditBankError.panelInvalid('A panel is an odd number of reviewers, at least three.');
    if (new Set(named).size !== named.length) throw CreditBankError.panelInvalid('Each reviewer is named once.');
    if (named.includes(caller.id)) throw CreditBankError.panelInvalid('The institution whose decision is disputed does not review it.');
    const outsider = named.find((reviewer) => !members.has(reviewer));
    if (outsider) throw CreditBankError.panelInvalid(`${outsider} is not a member of the account's alliance.`);
    await this.unitOfWork.run(async (tx) => {
      const locked = await this.disputes.lock(tx, dispute.id);
      if (locked?.state !== 'open') throw CreditBankError.disputeDecided(dispute.id, locked?.state ?? 'gone');
      if (locked.reviewerIds) throw CreditBankError.panelInvalid('The panel is named already.');
      await this.disputes.nameReviewers(tx, dispute.id, named);
      await this.events.append(tx, {
        decisionId: dispute.decisionId,
        action: 'panel-named',
        actor: `institution:${caller.id}`,
        details: { disputeId: dispute.id, reviewers: named },
      });
    });
    return this.view(await this.require(dispute.id));
  }

  /** A reviewer's vote; the first majority of the panel decides the dispute. */
  async vote(caller: Institution, disputeId: string, request: { vote: Vote; reason: string }): Promise<DisputeView> {
    const dispute = await this.visible(caller, disputeId);
    await this.unitOfWork.run(async (tx) => {
      const locked = await this.disputes.lock(tx, dispute.id);
      if (!locked) throw CreditBankError.disputeNotFound(disputeId);
      if (!locked.reviewerIds?.includes(caller.id)) throw CreditBankError.notReviewer();
      if (locked.state !== 'open') throw CreditBankError.disputeDecided(locked.id, locked.state);
      if (!(await this.votes.insert(tx, { disputeId: locked.id, reviewerId: caller.id, vote: request.vote, reason: request.reason })))
        throw CreditBankError.alreadyVoted();
      const actor = `reviewer:${caller.id}`;
      await this.events.append(tx, { decisionId: locked.decisionId, action: 'vote', actor, details: { disputeId: locked.id, ...request } });
      const cast = await this.votes.listOf([locked.id], tx);
      const majority = Math.floor(locked.reviewerIds.length / 2) + 1;
      const outcome = (['uphold', 'dismiss'] as const).find((side) => cast.filter((vote) => vote.vote === side).length >= majority);
      if (!outcome) return;
      const state = outcome === 'uphold' ? 'upheld' : 'dismissed';
      await this.disputes.decide(tx, locked.id, state);
      await this.events.append(tx, {
        decisionId: locked.decisionId,
        action: 'dispute-decided',
        actor: 'panel',
        details: { disputeId: locked.id, outcome: state, votes: cast.map(({ reviewerId, vote }) => ({ reviewerId, vote })) },
      });
      if (state === 'upheld') await this.decisions.reopen(tx, locked.decisionId, 'panel');
    });
    // A reversal revokes the recognition credential once committed; the recheck job revokes what fails here.
    await this.decisions.revokeReversedCredentials(dispute.decisionId).catch((error: unknown) => {
      this.logger.warn(
        `Recognition credential of decision ${dispute.decisionId} not revoked yet (the recheck job retries): ${String(error)}`,
      );
    });
    return this.view(await this.require(dispute.id));
  }

  async get(caller: Institution, disputeId: string): Promise<DisputeView> {
    return this.view(await this.visible(caller, disputeId));
  }

  /** The receiving institution and the panel see a dispute; for anyone else it does not exist. */
  private async visible(caller: Institution, disputeId: string): Promise<DisputeRecord> {
    const dispute = isUuid(disputeId) ? await this.disputes.find(disputeId.toLowerCase()) : null;
    if (!dispute || (dispute.institutionId !== caller.id && !dispute.reviewerIds?.includes(caller.id)))
      throw CreditBankError.disputeNotFound(disputeId);
    return dispute;
  }

  private async require(id: string): Promise<DisputeRecord> {
    const dispute = await this.disputes.find(id);
    if (!dispute) throw CreditBankError.disputeNotFound(id);
    return dispute;
  }

  private async view(dispute: DisputeRecord): Promise<DisputeView> {
    const votes = await this.votes.listOf([dispute.id]);
    return {
      id: dispute.id,
      decisionId: dispute.decisionId,
      accountId: dispute.accountId,
      statement: dispute.statement,
      state: dispute.state,
      reviewers: dispute.reviewerIds,
      votes: votes.map(({ reviewerId, vote, reason, votedAt }) => ({ reviewerId, vote, reason, votedAt: votedAt.toISOString() })),
      openedAt: dispute.openedAt.toISOString(),
      decidedAt: dispute.decidedAt?.toISOString() ?? null,
    };
  }
}
