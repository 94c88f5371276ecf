import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ValidBody } from '#service-kit';
import type { VerifiableCredential } from 'did-jwt-vc';
import { ApiKeyGuard, CallingInstitution } from '../institutions/auth.guards.js';
import type { Institution } from '../institutions/institutions.service.js';
import { CredentialIssuanceService } from './credential-issuance.service.js';
import { type VcApiIssueRequest, vcApiIssueBody } from './credentials.dto.js';

/** W3C VC-API issuance, for standard clients. */
@Controller('credentials')
@UseGuards(ApiKeyGuard)
export class VcApiController {
  constructor(private readonly issuance: CredentialIssuanceService) {}

  @Post('issue')
  @HttpCode(201)
  async issue(
    @CallingInstitution() institution: Institution,
    @Body(new ValidBody(vcApiIssueBody)) request: VcApiIssueRequest,
  ): Promise<{ verifiableCredential: VerifiableCredential }> {
    const { verifiableCredential } = await this.issuance.issueVcApi(institution, request);
    return { verifiableCredential };
  }
}
