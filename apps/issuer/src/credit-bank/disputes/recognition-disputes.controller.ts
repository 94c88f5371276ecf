import { Body, Controller, Get, HttpCode, Param, Post, Put, UseGuards } from '@nestjs/common';
import { ValidBody } from '#service-kit';
import { ApiKeyGuard, CallingInstitution } from '../../institutions/auth.guards.js';
import type { Institution } from '../../institutions/institutions.service.js';
import { type NamePanelRequest, namePanelBody, type VoteRequest, voteBody } from '../credit-bank.dto.js';
import { type DisputeView, RecognitionDisputesService } from './recognition-disputes.service.js';

/** The receiving institution names a dispute's panel; its reviewers (alliance members, by their API keys) vote. */
@Controller('v1/recognition-disputes')
@UseGuards(ApiKeyGuard)
export class RecognitionDisputesController {
  constructor(private readonly disputes: RecognitionDisputesService) {}

  @Get(':id')
  get(@CallingInstitution() institution: Institution, @Param('id') id: string): Promise<DisputeView> {
    return this.disputes.get(institution, id);
  }

  @Put(':id/panel')
  namePanel(
    @CallingInstitution() institution: Institution,
    @Param('id') id: string,
    @Body(new ValidBody(namePanelBody)) request: NamePanelRequest,
  ): Promise<DisputeView> {
    return this.disputes.namePanel(institution, id, request.reviewers);
  }

  @Post(':id/votes')
  @HttpCode(201)
  vote(
    @CallingInstitution() institution: Institution,
    @Param('id') id: string,
    @Body(new ValidBody(voteBody)) request: VoteRequest,
  ): Promise<DisputeView> {
    return this.disputes.vote(institution, id, request);
  }
}
