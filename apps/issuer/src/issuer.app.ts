import type { INestApplication } from '@nestjs/common';
import { createHttpApp } from '#service-kit';
import type { IssuerConfig } from './issuer.config.js';
import { IssuerModule } from './issuer.module.js';

/**
 * Builds the issuer application, connected, migrated and with its keys checked, but not yet
 * listening; over HTTPS with the certificate given (the embedded default's HTTPS_SELF_SIGNED). Form
 * bodies are read too: OAuth token requests are `application/x-www-form-urlencoded`.
 */
export function createIssuerApp(config: IssuerConfig, https?: { cert: string; key: string }): Promise<INestApplication> {
  return createHttpApp(IssuerModule.forRoot(config), config, { htmlForms: true, https });
}
