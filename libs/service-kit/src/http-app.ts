import { DynamicModule, INestApplication, Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DomainErrorFilter } from './domain-error.filter.js';
import { DomainError } from './domain-error.js';
import { ConfigurationError, type HttpServerConfig, type LogThreshold } from './config-reader.js';
import { screenRequestBody, screenRequestUrl } from './request-screening.js';

/**
 * Creates and initialises a Nest HTTP application with the conventions every app here shares: URLs
 * and JSON bodies screened before any route sees them (request-screening.ts), bodies only up to a
 * limit, clients named by the socket unless proxies are trusted, one error filter, no
 * `X-Powered-By`. Initialising runs every module's start-up checks, so a misconfigured service
 * fails here, before it listens.
 */
export async function createHttpApp(
  module: DynamicModule,
  config: HttpServerConfig,
  options: { htmlForms?: boolean; https?: { cert: string; key: string } } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, {
    ...(options.https ? { httpsOptions: options.https } : {}),
    bodyParser: false,
    logger: logLevelsFrom(config.logLevel),
  });
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(screenRequestUrl);
  app.useBodyParser('json', { limit: config.maxBodyBytes, type: ['application/json', 'application/*+json'] });
  // Plain HTML forms post url-encoded fields, for pages that work without scripts.
  if (options.htmlForms) app.useBodyParser('urlencoded', { limit: config.maxBodyBytes, extended: false });
  app.use(screenRequestBody);
  app.useGlobalFilters(new DomainErrorFilter());
  try {
    await app.init();
  } catch (error) {
    // Release what did start (the database pool) before reporting why the rest could not.
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}

/** Log levels from a single threshold name, as operators set it. */
function logLevelsFrom(threshold: LogThreshold): LogLevel[] {
  const order: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
  return order.slice(0, order.indexOf(threshold) + 1);
}

/**
 * Starts a service and logs where it listens. A start-up that fails for a reason an operator can
 * fix (configuration, a wrong key secret) prints that reason alone and exits 1; anything else
 * prints its stack.
 */
export async function runService(name: string, start: () => Promise<INestApplication>): Promise<void> {
  const logger = new Logger(name);
  try {
    const app = await start();
    // Standalone, the service owns the process: SIGTERM and Ctrl-C close pools cleanly.
    app.enableShutdownHooks();
    logger.log(`Listening on ${await app.getUrl()}`);
  } catch (error) {
    const fixable = error instanceof DomainError || error instanceof ConfigurationError;
    logger.fatal(fixable ? `${error.code}: ${error.message}` : error instanceof Error ? error.stack : String(error));
    process.exit(1);
  }
}
