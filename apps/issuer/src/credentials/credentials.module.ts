import { Module } from '@nestjs/common';
import { InstitutionsModule } from '../institutions/institutions.module.js';
import { CredentialIssuanceService } from './credential-issuance.service.js';
import { CredentialsController } from './credentials.controller.js';
import { IssuedCredentialsRepository } from './issued-credentials.repository.js';
import { VcApiController } from './vc-api.controller.js';

@Module({
  imports: [InstitutionsModule],
  controllers: [CredentialsController, VcApiController],
  providers: [IssuedCredentialsRepository, CredentialIssuanceService],
})
export class CredentialsModule {}
