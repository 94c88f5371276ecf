import { Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { VERIFIER_DATABASE } from '../database/database.module.js';
import { MemoryPresentationRequestStore } from './memory-presentation-request-store.js';
import { PRESENTATION_REQUESTS, type PresentationRequestStore } from './presentation-request-store.js';
import { PresentationRequestsRepository } from './presentation-requests.repository.js';

@Module({
  providers: [
    {
      provide: PRESENTATION_REQUESTS,
      inject: [VERIFIER_DATABASE],
      useFactory: (db: DataSource | null): PresentationRequestStore =>
        db ? new PresentationRequestsRepository(db) : new MemoryPresentationRequestStore(),
    },
  ],
})
export class PresentationRequestsModule {}
