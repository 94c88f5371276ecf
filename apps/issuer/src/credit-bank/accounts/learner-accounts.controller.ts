import { Body, Controller, Header, HttpCode, Param, Post } from '@nestjs/common';
import { PAGE_CSP, ValidBody } from '#service-kit';
import {
  type HolderProofRequest,
  holderProofBody,
  type LearnerPresentationRequest,
  learnerPresentationBody,
  type OpenDisputeRequest,
  openDisputeBody,
} from '../credit-bank.dto.js';
import { type DisputeView, RecognitionDisputesService } from '../disputes/recognition-disputes.service.js';
import { accountPage } from './account-page.js';
import { type AccountView, type ChallengeView, CreditAccountsService } from './credit-accounts.service.js';

/**
 * Learners' endpoints: no API key; a learner proves who they are by signing, with the key of their
 * holder DID, a single-use challenge this issuer handed out (with credentials: a presentation; without:
 * a `vp+jwt` proof).
 */
@Controller('v1/credit-accounts')
export class LearnerAccountsController {
  constructor(
    private readonly accounts: CreditAccountsService,
    private readonly disputes: RecognitionDisputesService,
  ) {}

  /** Opens an account with a presentation answering a challenge the receiving institution's registrar gave. */
  @Post()
  @HttpCode(201)
  open(@Body(new ValidBody(learnerPresentationBody)) request: LearnerPresentationRequest): Promise<AccountView> {
    return this.accounts.open(request);
  }

  @Post(':id/challenges')
  @HttpCode(201)
  challenge(@Param('id') id: string): Promise<ChallengeView> {
    return this.accounts.accountChallenge(id);
  }

  @Post(':id/deposits')
  @HttpCode(201)
  deposit(
    @Param('id') id: string,
    @Body(new ValidBody(learnerPresentationBody)) request: LearnerPresentationRequest,
  ): Promise<AccountView> {
    return this.accounts.deposit(id, request);
  }

  /** The learner's view of their account (a POST: it uses up a challenge). */
  @Post(':id/statement')
  @HttpCode(200)
  statement(@Param('id') id: string, @Body(new ValidBody(holderProofBody)) request: HolderProofRequest): Promise<AccountView> {
    return this.accounts.statement(id, request);
  }

  /** The same, as a page a wallet or a small client shows: escaped, strict CSP, no external assets. */
  @Post(':id/statement/page')
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', PAGE_CSP(false))
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Referrer-Policy', 'no-referrer')
  @Header('Cache-Control', 'no-store')
  async statementPage(@Param('id') id: string, @Body(new ValidBody(holderProofBody)) request: HolderProofRequest): Promise<string> {
    return accountPage(await this.accounts.statement(id, request));
  }

  @Post(':id/disputes')
  @HttpCode(201)
  dispute(@Param('id') id: string, @Body(new ValidBody(openDisputeBody)) request: OpenDisputeRequest): Promise<DisputeView> {
    return this.disputes.open(id, request);
  }
}
