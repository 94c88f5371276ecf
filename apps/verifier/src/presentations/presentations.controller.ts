import { Body, Controller, HttpCode, Inject, Post, UseInterceptors } from '@nestjs/common';
import { ValidBody } from '#service-kit';
import { VerdictStatusInterceptor } from '../verification/verdict-status.interceptor.js';
import { type Challenge, CHALLENGES, type Challenges } from './challenge-store.js';
import { type PresentationAnswer, PresentationsService } from './presentations.service.js';
import { type ChallengeRequest, challengeBody, type VerifyPresentationRequest, verifyPresentationBody } from './presentations.dto.js';

/** A school asks for a challenge, the student signs a presentation answering it, the school verifies it. */
@Controller()
export class PresentationsController {
  constructor(
    private readonly presentations: PresentationsService,
    @Inject(CHALLENGES) private readonly challenges: Challenges,
  ) {}

  @Post('challenges')
  @HttpCode(201)
  challenge(@Body(new ValidBody(challengeBody)) body: ChallengeRequest): Promise<Challenge> {
    return this.challenges.issue(body.domain);
  }

  /** As for a credential: a presentation that fails is a 400 with its report. */
  @Post('presentations/verify')
  @UseInterceptors(VerdictStatusInterceptor)
  verify(@Body(new ValidBody(verifyPresentationBody)) body: VerifyPresentationRequest): Promise<PresentationAnswer> {
    return this.presentations.verifyPresentation(body.verifiablePresentation, body.options ?? {});
  }
}
