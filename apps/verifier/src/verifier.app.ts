import type { INestApplication } from '@nestjs/common';
import { createHttpApp } from '#service-kit';
import type { VerifierConfig } from './verifier.config.js';
import { VerifierModule } from './verifier.module.js';

export function createVerifierApp(config: VerifierConfig): Promise<INestApplication> {
  return createHttpApp(VerifierModule.forRoot(config), config, { htmlForms: true });
}
