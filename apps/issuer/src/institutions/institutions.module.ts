import { Module } from '@nestjs/common';
import { ApiKeysRepository } from './api-keys.repository.js';
import { DidWebController } from './did-web.controller.js';
import { AdminTokenGuard, ApiKeyGuard } from './auth.guards.js';
import { FailedAuthenticationLimiter } from './failed-authentication-limiter.js';
import { InstitutionsController } from './institutions.controller.js';
import { InstitutionsRepository } from './institutions.repository.js';
import { InstitutionsService } from './institutions.service.js';
import { RegistryController } from './registry.controller.js';

@Module({
  controllers: [InstitutionsController, RegistryController, DidWebController],
  providers: [InstitutionsRepository, ApiKeysRepository, InstitutionsService, FailedAuthenticationLimiter, AdminTokenGuard, ApiKeyGuard],
  exports: [InstitutionsService, FailedAuthenticationLimiter, ApiKeyGuard],
})
export class InstitutionsModule {}
