import { Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiKeyGuard, CallingInstitution } from '../../institutions/auth.guards.js';
import type { Institution } from '../../institutions/institutions.service.js';
import { type AccountSummary, type AccountView, type ChallengeView, CreditAccountsService } from './credit-accounts.service.js';

/** The receiving institution's registrar: challenges for learners who open accounts, and its accounts. */
@Controller('v1')
@UseGuards(ApiKeyGuard)
export class CreditAccountsController {
  constructor(private readonly accounts: CreditAccountsService) {}

  @Post('alliances/:allianceId/credit-account-challenges')
  @HttpCode(201)
  openingChallenge(@CallingInstitution() institution: Institution, @Param('allianceId') allianceId: string): Promise<ChallengeView> {
    return this.accounts.openingChallenge(institution, allianceId);
  }

  @Get('credit-accounts')
  list(@CallingInstitution() institution: Institution): Promise<AccountSummary[]> {
    return this.accounts.listFor(institution);
  }

  @Get('credit-accounts/:id')
  get(@CallingInstitution() institution: Institution, @Param('id') id: string): Promise<AccountView> {
    return this.accounts.viewFor(institution, id);
  }
}
