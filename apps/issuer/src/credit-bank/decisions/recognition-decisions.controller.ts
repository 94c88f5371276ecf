import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ValidBody } from '#service-kit';
import { ApiKeyGuard, CallingInstitution } from '../../institutions/auth.guards.js';
import type { Institution } from '../../institutions/institutions.service.js';
import {
  editDecisionBody,
  type ProposeRecognitionsRequest,
  proposeRecognitionsBody,
  type ReasonRequest,
  refuseDecisionBody,
} from '../credit-bank.dto.js';
import type { DecisionView } from './decision-view.js';
import { type EditRequest, type ProposalView, RecognitionDecisionsService } from './recognition-decisions.service.js';

/** The receiving institution's registrar: proposals under its published policies, and its decisions on them. */
@Controller('v1')
@UseGuards(ApiKeyGuard)
export class RecognitionDecisionsController {
  constructor(private readonly decisions: RecognitionDecisionsService) {}

  @Post('credit-accounts/:id/recognitions/propose')
  @HttpCode(201)
  propose(
    @CallingInstitution() institution: Institution,
    @Param('id') id: string,
    @Body(new ValidBody(proposeRecognitionsBody)) request: ProposeRecognitionsRequest,
  ): Promise<ProposalView> {
    return this.decisions.propose(institution, id, request);
  }

  @Get('credit-accounts/:id/decisions')
  list(@CallingInstitution() institution: Institution, @Param('id') id: string): Promise<DecisionView[]> {
    return this.decisions.listFor(institution, id);
  }

  @Get('recognition-decisions/:id')
  get(@CallingInstitution() institution: Institution, @Param('id') id: string): Promise<DecisionView> {
    return this.decisions.get(institution, id);
  }

  @Post('recognition-decisions/:id/confirm')
  @HttpCode(200)
  confirm(@CallingInstitution() institution: Institution, @Param('id') id: string): Promise<DecisionView> {
    return this.decisions.confirm(institution, id);
  }

  @Post('recognition-decisions/:id/edit')
  @HttpCode(200)
  edit(
    @CallingInstitution() institution: Institution,
    @Param('id') id: string,
    @Body(new ValidBody(editDecisionBody)) request: EditRequest,
  ): Promise<DecisionView> {
    return this.decisions.edit(institution, id, request);
  }

  @Post('recognition-decisions/:id/refuse')
  @HttpCode(200)
  refuse(
    @CallingInstitution() institution: Institution,
    @Param('id') id: string,
    @Body(new ValidBody(refuseDecisionBody)) request: ReasonRequest,
  ): Promise<DecisionView> {
    return this.decisions.refuse(institution, id, request.reason);
  }
}
