import { Module } from '@nestjs/common';
import { InstitutionsModule } from '../institutions/institutions.module.js';
import { CredentialStatusController, StatusListsController } from './status-lists.controller.js';
import { StatusListsRepository } from './status-lists.repository.js';
import { StatusListsService } from './status-lists.service.js';
import { StatusListPublisher } from './status-list-publisher.js';

@Module({
  imports: [InstitutionsModule],
  controllers: [StatusListsController, CredentialStatusController],
  providers: [StatusListsRepository, StatusListPublisher, StatusListsService],
  exports: [StatusListsService],
})
export class StatusListsModule {}
