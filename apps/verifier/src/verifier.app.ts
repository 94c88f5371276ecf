import type { INestApplication } from '@nestjs/common';
import { createHttpApp, logLevelsFrom } from '#service-kit';
import type { VerifierConfig } from './verifier.config.js';
import { VerifierModule } from './verifier.module.js';

export function createVerifierApp(config: VerifierConfig): Promise<INestApplication> {
  return createHttpApp(VerifierModule.forRoot(config), { maxBodyBytes: config.maxBodyBytes, logLevels: logLevelsFrom(config.logLevel) });
}
