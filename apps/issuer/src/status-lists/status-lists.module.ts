import { Module } from '@nestjs/common';
import { InstitutionsModule } from '../institutions/institutions.module.js';
import { CredentialStatusesRepository } from './credential-statuses.repository.js';
import { StatusChangesRepository } from './status-changes.repository.js';
import { StatusListsController } from './status-lists.controller.js';
import { StatusListsRepository } from './status-lists.repository.js';
import { StatusListsService } from './status-lists.service.js';
import { StatusListPublisher } from './status-list-publisher.js';
import { StatusListVersionsRepository } from './status-list-versions.repository.js';

@Module({
  imports: [InstitutionsModule],
  controllers: [StatusListsController],
  providers: [
    StatusListsRepository,
    CredentialStatusesRepository,
    StatusChangesRepository,
    StatusListVersionsRepository,
    StatusListPublisher,
    StatusListsService,
  ],
  exports: [StatusListsService],
})
export class StatusListsModule {}
