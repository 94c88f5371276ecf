import { Module, type OnModuleInit, Inject } from '@nestjs/common';
import { setGlobalConfig } from '@openid4vc/utils';
import type { DataSource } from 'typeorm';
import { VERIFIER_DATABASE } from '../database/database.module.js';
import { PresentationsModule } from '../presentations/presentations.module.js';
import { VERIFIER_CONFIG, type VerifierConfig } from '../verifier.config.js';
import { MemoryPresentationRequestStore } from './memory-presentation-request-store.js';
import { PRESENTATION_REQUESTS, type PresentationRequestStore } from './presentation-request-store.js';
import { PresentationRequestsController } from './presentation-requests.controller.js';
import { PresentationRequestsRepository } from './presentation-requests.repository.js';
import { PresentationRequestsService } from './presentation-requests.service.js';
import { RequestSigner } from './request-signer.js';

@Module({
  imports: [PresentationsModule],
  controllers: [PresentationRequestsController],
  providers: [
    {
      provide: PRESENTATION_REQUESTS,
      inject: [VERIFIER_DATABASE],
      useFactory: (db: DataSource | null): PresentationRequestStore =>
        db ? new PresentationRequestsRepository(db) : new MemoryPresentationRequestStore(),
    },
    {
      provide: RequestSigner,
      inject: [VERIFIER_CONFIG],
      useFactory: (config: VerifierConfig) => new RequestSigner(config.requestSigningKey),
    },
    PresentationRequestsService,
  ],
})
export class PresentationRequestsModule implements OnModuleInit {
  constructor(@Inject(VERIFIER_CONFIG) private readonly config: VerifierConfig) {}

  /**
   * The OpenID4VP library refuses http:// URLs (response and request URIs) unless told otherwise:
   * only a verifier whose own public URL is http:// (development, tests) allows them.
   */
  onModuleInit(): void {
    if (this.config.publicUrl.startsWith('http://')) setGlobalConfig({ allowInsecureUrls: true });
  }
}
