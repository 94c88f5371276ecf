import { Module } from '@nestjs/common';
import { createDidResolver, didKeyResolver } from '#identity';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { InstitutionsModule } from '../institutions/institutions.module.js';
import { InstitutionsService } from '../institutions/institutions.service.js';
import { ISSUER_CONFIG, type IssuerConfig } from '../issuer.config.js';
import { AccountIdentifiersRepository } from './accounts/account-identifiers.repository.js';
import { CreditAccountsController } from './accounts/credit-accounts.controller.js';
import { CreditAccountsRepository } from './accounts/credit-accounts.repository.js';
import { CreditAccountsService } from './accounts/credit-accounts.service.js';
import { CreditChallengesRepository } from './accounts/credit-challenges.repository.js';
import { LearnerAccountsController } from './accounts/learner-accounts.controller.js';
import { AllianceMembersRepository } from './alliances/alliance-members.repository.js';
import { AlliancesController } from './alliances/alliances.controller.js';
import { AlliancesRepository } from './alliances/alliances.repository.js';
import { AlliancesService } from './alliances/alliances.service.js';
import { DecisionEventsRepository } from './decisions/decision-events.repository.js';
import { RecognitionDecisionsController } from './decisions/recognition-decisions.controller.js';
import { RecognitionDecisionsRepository } from './decisions/recognition-decisions.repository.js';
import { RecognitionDecisionsService } from './decisions/recognition-decisions.service.js';
import { DepositVerifier } from './deposits/deposit-verifier.js';
import { DepositsRepository } from './deposits/deposits.repository.js';
import { DisputeVotesRepository } from './disputes/dispute-votes.repository.js';
import { RecognitionDisputesController } from './disputes/recognition-disputes.controller.js';
import { RecognitionDisputesRepository } from './disputes/recognition-disputes.repository.js';
import { RecognitionDisputesService } from './disputes/recognition-disputes.service.js';
import { LedgerEntriesRepository } from './ledger/ledger-entries.repository.js';
import { SourceRecheckScheduler } from './ledger/source-recheck.scheduler.js';
import { SourceRecheckService } from './ledger/source-recheck.service.js';
import { PoliciesRepository } from './policies/policies.repository.js';
import { PoliciesService } from './policies/policies.service.js';
import { APPROVAL_KEY_RESOLVER } from './policies/policy-approval-check.js';
import { PolicyApprovalsRepository } from './policies/policy-approvals.repository.js';
import { PolicyProposalsController } from './policies/policy-proposals.controller.js';
import { PolicyVersionsRepository } from './policies/policy-versions.repository.js';
import { PublishedPoliciesController } from './policies/published-policies.controller.js';
import { RecognitionCredentialsService } from './recognition-credentials/recognition-credentials.service.js';

/**
 * The credit bank: alliances and their recognition policies; learners' accounts, their deposits and
 * ledger; recognition decisions and their disputes; recognition credentials and transcripts.
 */
@Module({
  imports: [InstitutionsModule, CredentialsModule],
  controllers: [
    AlliancesController,
    PolicyProposalsController,
    PublishedPoliciesController,
    LearnerAccountsController,
    CreditAccountsController,
    RecognitionDecisionsController,
    RecognitionDisputesController,
  ],
  providers: [
    AlliancesRepository,
    AllianceMembersRepository,
    AlliancesService,
    PoliciesRepository,
    PolicyVersionsRepository,
    PolicyApprovalsRepository,
    PoliciesService,
    RecognitionCredentialsService,
    {
      provide: APPROVAL_KEY_RESOLVER,
      inject: [ISSUER_CONFIG],
      // No did:web here: the issuer resolves approvers without fetching from the web.
      useFactory: (config: IssuerConfig) => didKeyResolver(createDidResolver({ ethr: config.chain })),
    },
    {
      provide: DepositVerifier,
      inject: [ISSUER_CONFIG, InstitutionsService],
      useFactory: (config: IssuerConfig, institutions: InstitutionsService) => new DepositVerifier(config, institutions),
    },
    CreditChallengesRepository,
    CreditAccountsRepository,
    AccountIdentifiersRepository,
    DepositsRepository,
    LedgerEntriesRepository,
    RecognitionDecisionsRepository,
    DecisionEventsRepository,
    RecognitionDisputesRepository,
    DisputeVotesRepository,
    CreditAccountsService,
    RecognitionDecisionsService,
    RecognitionDisputesService,
    SourceRecheckService,
    SourceRecheckScheduler,
  ],
})
export class CreditBankModule {}
