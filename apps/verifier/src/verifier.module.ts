import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DatabaseModule } from './database/database.module.js';
import { VerifierHealthController } from './health/verifier-health.controller.js';
import { LinksModule } from './links/links.module.js';
import { PagesModule } from './pages/pages.module.js';
import { PresentationRequestsModule } from './presentation-requests/presentation-requests.module.js';
import { PresentationsModule } from './presentations/presentations.module.js';
import { PostRateLimitGuard } from './rate-limits/post-rate-limit.guard.js';
import { VerificationModule } from './verification/verification.module.js';
import { VERIFIER_CONFIG, type VerifierConfig } from './verifier.config.js';

@Global()
@Module({})
export class VerifierModule {
  static forRoot(config: VerifierConfig): DynamicModule {
    return {
      module: VerifierModule,
      imports: [
        DatabaseModule.forRoot(config.databaseUrl),
        VerificationModule,
        PresentationsModule,
        PresentationRequestsModule,
        LinksModule,
        PagesModule,
      ],
      controllers: [VerifierHealthController],
      providers: [
        { provide: VERIFIER_CONFIG, useValue: config },
        { provide: APP_GUARD, useClass: PostRateLimitGuard },
      ],
      exports: [VERIFIER_CONFIG],
    };
  }
}
