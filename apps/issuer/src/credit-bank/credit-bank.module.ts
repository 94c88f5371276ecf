import { Module } from '@nestjs/common';
import { createDidResolver, didKeyResolver } from '#identity';
import { InstitutionsModule } from '../institutions/institutions.module.js';
import { ISSUER_CONFIG, type IssuerConfig } from '../issuer.config.js';
import { AllianceMembersRepository } from './alliances/alliance-members.repository.js';
import { AlliancesController } from './alliances/alliances.controller.js';
import { AlliancesRepository } from './alliances/alliances.repository.js';
import { AlliancesService } from './alliances/alliances.service.js';
import { PoliciesRepository } from './policies/policies.repository.js';
import { PoliciesService } from './policies/policies.service.js';
import { APPROVAL_KEY_RESOLVER } from './policies/policy-approval-check.js';
import { PolicyApprovalsRepository } from './policies/policy-approvals.repository.js';
import { PolicyProposalsController } from './policies/policy-proposals.controller.js';
import { PolicyVersionsRepository } from './policies/policy-versions.repository.js';
import { PublishedPoliciesController } from './policies/published-policies.controller.js';

/** The credit bank: alliances and their recognition policies (accounts, deposits and decisions come later). */
@Module({
  imports: [InstitutionsModule],
  controllers: [AlliancesController, PolicyProposalsController, PublishedPoliciesController],
  providers: [
    AlliancesRepository,
    AllianceMembersRepository,
    AlliancesService,
    PoliciesRepository,
    PolicyVersionsRepository,
    PolicyApprovalsRepository,
    PoliciesService,
    {
      provide: APPROVAL_KEY_RESOLVER,
      inject: [ISSUER_CONFIG],
      // No did:web here: the issuer resolves approvers without fetching from the web.
      useFactory: (config: IssuerConfig) => didKeyResolver(createDidResolver({ ethr: config.chain })),
    },
  ],
})
export class CreditBankModule {}
