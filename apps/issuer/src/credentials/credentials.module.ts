import { Module } from '@nestjs/common';
import { InstitutionsModule } from '../institutions/institutions.module.js';
import { StatusListsModule } from '../status-lists/status-lists.module.js';
import { CredentialIssuanceService } from './credential-issuance.service.js';
import { CredentialsController } from './credentials.controller.js';
import { IssuedCredentialsRepository } from './issued-credentials.repository.js';
import { VcApiController } from './vc-api.controller.js';
import { VerificationLinksService } from './verification-links.service.js';

@Module({
  imports: [InstitutionsModule, StatusListsModule],
  controllers: [CredentialsController, VcApiController],
  providers: [IssuedCredentialsRepository, CredentialIssuanceService, VerificationLinksService],
})
export class CredentialsModule {}
