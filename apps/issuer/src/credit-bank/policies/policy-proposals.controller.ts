import { Body, Controller, Get, HttpCode, Param, Post, Put, UseGuards } from '@nestjs/common';
import { ValidBody } from '#service-kit';
import { ApiKeyGuard, CallingInstitution } from '../../institutions/auth.guards.js';
import type { Institution } from '../../institutions/institutions.service.js';
import { type ApprovePolicyRequest, approvePolicyBody, type ProposePolicyRequest, proposePolicyBody } from '../credit-bank.dto.js';
import { PoliciesService, type PolicyVersionView, type PolicyView } from './policies.service.js';
import { versionNumber } from './version-number.js';

/** Members' endpoints: propose, change while proposed, approve, list. */
@Controller('v1')
@UseGuards(ApiKeyGuard)
export class PolicyProposalsController {
  constructor(private readonly policies: PoliciesService) {}

  @Post('alliances/:allianceId/policies')
  @HttpCode(201)
  propose(
    @CallingInstitution() institution: Institution,
    @Param('allianceId') allianceId: string,
    @Body(new ValidBody(proposePolicyBody)) request: ProposePolicyRequest,
  ): Promise<PolicyView> {
    return this.policies.propose(institution, allianceId, request.policy);
  }

  @Get('alliances/:allianceId/policies')
  list(@CallingInstitution() institution: Institution, @Param('allianceId') allianceId: string): Promise<PolicyView[]> {
    return this.policies.listInAlliance(institution, allianceId);
  }

  @Get('policies/:id')
  get(@CallingInstitution() institution: Institution, @Param('id') id: string): Promise<PolicyView> {
    return this.policies.view(institution, id);
  }

  @Post('policies/:id/versions')
  @HttpCode(201)
  proposeVersion(
    @CallingInstitution() institution: Institution,
    @Param('id') id: string,
    @Body(new ValidBody(proposePolicyBody)) request: ProposePolicyRequest,
  ): Promise<PolicyVersionView> {
    return this.policies.proposeVersion(institution, id, request.policy);
  }

  @Put('policies/:id/versions/:version')
  replace(
    @CallingInstitution() institution: Institution,
    @Param('id') id: string,
    @Param('version') version: string,
    @Body(new ValidBody(proposePolicyBody)) request: ProposePolicyRequest,
  ): Promise<PolicyVersionView> {
    return this.policies.replace(institution, id, versionNumber(version), request.policy);
  }

  @Post('policies/:id/versions/:version/approvals')
  @HttpCode(201)
  approve(
    @CallingInstitution() institution: Institution,
    @Param('id') id: string,
    @Param('version') version: string,
    @Body(new ValidBody(approvePolicyBody)) request: ApprovePolicyRequest,
  ): Promise<PolicyVersionView> {
    return this.policies.approve(institution, id, versionNumber(version), request.approval);
  }
}
