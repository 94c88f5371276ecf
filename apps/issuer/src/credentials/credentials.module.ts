import { Module } from '@nestjs/common';
import { InstitutionsModule } from '../institutions/institutions.module.js';
import { StatusListsModule } from '../status-lists/status-lists.module.js';
import { VerifierClientModule } from '../verifier-client/verifier-client.module.js';
import { CredentialIssuanceService } from './credential-issuance.service.js';
import { CredentialReceiptsController } from './credential-receipts.controller.js';
import { CredentialReceiptsService } from './credential-receipts.service.js';
import { CredentialStatusService } from './credential-status.service.js';
import { CredentialsController } from './credentials.controller.js';
import { IssuedCredentialsRepository } from './issued-credentials.repository.js';
import { VcApiController } from './vc-api.controller.js';

@Module({
  imports: [InstitutionsModule, StatusListsModule, VerifierClientModule],
  controllers: [CredentialsController, VcApiController, CredentialReceiptsController],
  providers: [IssuedCredentialsRepository, CredentialIssuanceService, CredentialStatusService, CredentialReceiptsService],
  exports: [CredentialIssuanceService, CredentialStatusService],
})
export class CredentialsModule {}
