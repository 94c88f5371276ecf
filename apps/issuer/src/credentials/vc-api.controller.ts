import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ValidBody } from '#service-kit';
import { ApiKeyGuard, CallingInstitution } from '../institutions/auth.guards.js';
import type { Institution } from '../institutions/institutions.service.js';
import { type StatusUpdateRequest, statusUpdateBody } from '../status-lists/status-lists.dto.js';
import { CredentialIssuanceService } from './credential-issuance.service.js';
import { CredentialStatusService, type FamilyStatusUpdateResult } from './credential-status.service.js';
import { type VcApiIssueRequest, vcApiIssueBody } from './credentials.dto.js';

/** W3C VC-API issuance and status changes, for standard clients. */
@Controller('credentials')
@UseGuards(ApiKeyGuard)
export class VcApiController {
  constructor(
    private readonly issuance: CredentialIssuanceService,
    private readonly status: CredentialStatusService,
  ) {}

  @Post('issue')
  @HttpCode(201)
  async issue(
    @CallingInstitution() institution: Institution,
    @Body(new ValidBody(vcApiIssueBody)) request: VcApiIssueRequest,
  ): Promise<{ verifiableCredential: Record<string, unknown> }> {
    const { verifiableCredential } = await this.issuance.issueVcApi(institution, request);
    return { verifiableCredential };
  }

  /** A status change of one of the institution's own credentials. */
  @Post('status')
  @HttpCode(200)
  updateStatus(
    @CallingInstitution() institution: Institution,
    @Body(new ValidBody(statusUpdateBody)) request: StatusUpdateRequest,
  ): Promise<FamilyStatusUpdateResult> {
    return this.status.change(institution, request);
  }
}
