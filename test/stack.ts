import 'reflect-metadata';
import { freePort } from '#local-stack';
import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { createIssuerApp } from '../apps/issuer/src/issuer.app.js';
import { type IssuerConfig, loadIssuerConfig } from '../apps/issuer/src/issuer.config.js';
import { createVerifierApp } from '../apps/verifier/src/verifier.app.js';
import { loadVerifierConfig } from '../apps/verifier/src/verifier.config.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { testEnvironment } from './test-environment.js';

export interface TestStack {
  issuerUrl: string;
  verifierUrl: string;
  adminToken: string;
  database: TestDatabase;
  issuerConfig: IssuerConfig;
  /** What the stack's verifier runs with: the chain, loopback fetches, and trust in the issuer's registry; for tests that start another verifier. */
  verifierEnv: Record<string, string>;
  /** Stops the issuer alone, as an outage would; `close` tolerates it being stopped. */
  stopIssuer(): Promise<void>;
  close(): Promise<void>;
}

/** Limits no test reaches; only the tests of the limits set their own. */
const UNTHROTTLED = { VERIFIER_RATE_LIMIT: '1000000000', AUTH_FAILURE_LIMIT: '1000000000', TOKEN_RATE_LIMIT: '1000000000' };

/** The settings every test app starts from: the run's chain, quiet logs, and no rate limit a test could reach. */
export function chainEnv(): Record<string, string> {
  const env = testEnvironment();
  return {
    CHAIN_RPC_URL: env.chainRpcUrl,
    CHAIN_ID: String(env.chainId),
    DID_REGISTRY_ADDRESS: env.didRegistry,
    ANCHOR_CONTRACT_ADDRESS: env.anchorContract,
    LOG_LEVEL: 'error',
    ...UNTHROTTLED,
  };
}

/** Issuer settings that make it the anchoring worker on the test chain: batches cut at once, fast polling. */
export function testWorkerEnv(anchoringKey: string, batchSize: number): Record<string, string> {
  return {
    ANCHORING_PRIVATE_KEY: anchoringKey,
    ANCHOR_BATCH_SIZE: String(batchSize),
    ANCHOR_BATCH_MAX_AGE_SECONDS: '0',
    ANCHOR_CONFIRMATIONS: '2',
    ANCHOR_POLL_INTERVAL_MS: '100',
  };
}

/** Fresh secrets for an issuer: kept by a test that starts several issuers on one database, as restarts of one. */
export function testSecrets(): { KEY_ENCRYPTION_SECRET: string; ADMIN_TOKEN: string } {
  return { KEY_ENCRYPTION_SECRET: randomBytes(32).toString('hex'), ADMIN_TOKEN: randomBytes(24).toString('base64url') };
}

/** Issuer config for a test database, with fresh secrets unless given. */
export function testIssuerConfig(databaseUrl: string, overrides: Record<string, string> = {}): IssuerConfig {
  return loadIssuerConfig({
    ...chainEnv(),
    ISSUER_PORT: '0',
    // Where credentials say the issuer is; tests that fetch from it pass the address it listens on.
    ISSUER_PUBLIC_URL: 'https://issuer.invalid',
    DATABASE_URL: databaseUrl,
    ...testSecrets(),
    ...overrides,
  });
}

/** An issuer alone, as a test configured it, listening on a free loopback port. */
export async function listeningIssuer(config: IssuerConfig): Promise<{ app: INestApplication; issuerUrl: string; adminToken: string }> {
  const app = await createIssuerApp(config);
  await app.listen(0, '127.0.0.1');
  return { app, issuerUrl: `http://127.0.0.1:${app.getHttpServer().address().port}`, adminToken: config.adminToken };
}

/** A verifier alone, on the run's chain with the settings given over it, listening on a free loopback port. */
export async function listeningVerifier(env: Record<string, string> = {}): Promise<{ app: INestApplication; verifierUrl: string }> {
  const app = await createVerifierApp(loadVerifierConfig({ ...chainEnv(), VERIFIER_PORT: '0', ...env }));
  await app.listen(0, '127.0.0.1');
  return { app, verifierUrl: `http://127.0.0.1:${app.getHttpServer().address().port}` };
}

/**
 * The issuer and the verifier over real HTTP, on a database of this file's own and the run's chain.
 * The issuer knows its public URL (credentials name their anchored package there), the verifier
 * may fetch it on loopback, as in development, and trusts the institutions in its registry.
 */
export async function startTestStack(
  issuerOverrides: Record<string, string> = {},
  verifierOverrides: Record<string, string> = {},
): Promise<TestStack> {
  const database = await createTestDatabase();
  const [issuerPort, verifierPort] = [await freePort(), await freePort()];
  // The issuer by a host name, as in production: credentials name their status lists and package
  // under it, so the verifier fetches them through name resolution, not only through IP literals.
  const [issuerUrl, verifierUrl] = [`http://localhost:${issuerPort}`, `http://127.0.0.1:${verifierPort}`];
  const issuerConfig = testIssuerConfig(database.url, {
    ISSUER_PORT: String(issuerPort),
    ISSUER_PUBLIC_URL: issuerUrl,
    VERIFIER_URL: verifierUrl,
    ...issuerOverrides,
  });
  const issuer = await createIssuerApp(issuerConfig);
  await issuer.listen(issuerPort, '127.0.0.1');
  const verifierEnv = {
    ...chainEnv(),
    ALLOW_PRIVATE_NETWORK_FETCH: 'true',
    TRUST_REGISTRY_URLS: `${issuerUrl}/v1/registry`,
    // Tests create institutions on the fly: the verifier looks them up at once.
    TRUST_REGISTRY_MISS_REFRESH_SECONDS: '0',
  };
  const verifier = await createVerifierApp(
    loadVerifierConfig({ ...verifierEnv, VERIFIER_PORT: String(verifierPort), ...verifierOverrides }),
  );
  await verifier.listen(verifierPort, '127.0.0.1');
  let issuerStopped = false;
  return {
    issuerUrl,
    verifierUrl,
    adminToken: issuerConfig.adminToken,
    database,
    issuerConfig,
    verifierEnv,
    async stopIssuer() {
      issuerStopped = true;
      await issuer.close();
    },
    async close() {
      if (!issuerStopped) await issuer.close();
      await verifier.close();
      await database.drop();
    },
  };
}

/** POST JSON and return status and parsed body. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
