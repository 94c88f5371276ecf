import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ValidBody } from '#service-kit';
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

  /** A presentation that fails is still a 200: the report says why. */
  @Post('presentations/verify')
  @HttpCode(200)
  verify(@Body(new ValidBody(verifyPresentationBody)) body: VerifyPresentationRequest): Promise<PresentationAnswer> {
    return this.presentations.verifyPresentation(body.verifiablePresentation, body.options ?? {});
  }
}
