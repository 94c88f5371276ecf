import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import type { VerificationLink } from '#schemas';
import { ValidBody } from '#service-kit';
import { ApiKeyGuard, CallingInstitution } from '../institutions/auth.guards.js';
import type { Institution } from '../institutions/institutions.service.js';
import { CredentialIssuanceService, type IssuedCredential, type IssuedCredentialSummary } from './credential-issuance.service.js';
import { type FactsIssueRequest, factsIssueBody, type ListQuery, ListQueryPipe } from './credentials.dto.js';

/** The registrar's endpoints: issue from plain facts, list and fetch the institution's own credentials, link them. */
@Controller('v1/credentials')
@UseGuards(ApiKeyGuard)
export class CredentialsController {
  constructor(private readonly issuance: CredentialIssuanceService) {}

  @Post()
  @HttpCode(201)
  issue(
    @CallingInstitution() institution: Institution,
    @Body(new ValidBody(factsIssueBody)) request: FactsIssueRequest,
  ): Promise<IssuedCredential> {
    return this.issuance.issueFromFacts(institution, request);
  }

  @Get()
  list(@CallingInstitution() institution: Institution, @Query(new ListQueryPipe()) query: ListQuery): Promise<IssuedCredentialSummary[]> {
    return this.issuance.list(institution, query);
  }

  /** A short verification link and its QR code (PNG, SVG), made on the configured verifier. */
  @Post(':id/verification-link')
  @HttpCode(201)
  link(@CallingInstitution() institution: Institution, @Param('id') id: string): Promise<VerificationLink> {
    return this.issuance.verificationLink(institution, id);
  }

  @Get(':id')
  get(@CallingInstitution() institution: Institution, @Param('id') id: string): Promise<IssuedCredential> {
    return this.issuance.get(institution, id);
  }
}
