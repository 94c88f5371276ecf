import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { ANCHOR_CONTRACT, DID_REGISTRY, ensureDeployed } from '#anchoring';
import {
  createDatabase,
  databaseUrl,
  dropDatabase,
  findPostgresServer,
  freePort,
  LOCAL_CHAIN_FUNDED_KEYS,
  startLocalChain,
} from '#local-stack';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createIssuerApp } from '../apps/issuer/src/issuer.app.js';
import { loadIssuerConfig } from '../apps/issuer/src/issuer.config.js';

/** Rate limits a benchmark never reaches: it measures the services, not their limits. */
export const UNTHROTTLED_ENV = { VERIFIER_RATE_LIMIT: '1000000000', AUTH_FAILURE_LIMIT: '1000000000', TOKEN_RATE_LIMIT: '1000000000' };

export interface BenchStack {
  app: INestApplication;
  issuerUrl: string;
  /** The chain settings both apps read (CHAIN_RPC_URL, CHAIN_ID, DID_REGISTRY_ADDRESS, ANCHOR_CONTRACT_ADDRESS). */
  chainEnv: Record<string, string>;
  /** An institution with its DID and API key, created over the admin API. */
  institution: { id: string; did: string; apiKey: string };
  post<T>(path: string, body: unknown, token: string): Promise<T>;
  stop(): Promise<void>;
}

/**
 * What the benchmarks measure against: a fresh anvil (optionally mining a block every second, as
 * `npm start` does), the contracts, a database of its own on a real Postgres (DATABASE_URL, else
 * 127.0.0.1:5432, else embedded) and an issuer listening on loopback.
 */
export async function startBenchStack(options: {
  databaseUrl?: string;
  blockTimeSeconds?: number;
  issuerEnv?: Record<string, string>;
}): Promise<BenchStack> {
  const chain = await startLocalChain({ blockTimeSeconds: options.blockTimeSeconds });
  const deploy = (contract: typeof DID_REGISTRY) => ensureDeployed(chain.rpcUrl, chain.chainId, LOCAL_CHAIN_FUNDED_KEYS[0], contract);
  const { address: didRegistry } = await deploy(DID_REGISTRY);
  const { address: anchorContract } = await deploy(ANCHOR_CONTRACT);
  const server = await findPostgresServer(options.databaseUrl, () =>
    path.join(mkdtempSync(path.join(os.tmpdir(), 'lc-bench-pg-')), 'cluster'),
  );
  const database = `lc_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  await createDatabase(server.url, database);
  const adminToken = randomBytes(24).toString('base64url');
  const chainEnv = {
    CHAIN_RPC_URL: chain.rpcUrl,
    CHAIN_ID: String(chain.chainId),
    DID_REGISTRY_ADDRESS: didRegistry,
    ANCHOR_CONTRACT_ADDRESS: anchorContract,
  };
  const issuerPort = await freePort();
  const issuerUrl = `http://127.0.0.1:${issuerPort}`;
  const app = await createIssuerApp(
    loadIssuerConfig({
      DATABASE_URL: databaseUrl(server.url, database),
      KEY_ENCRYPTION_SECRET: randomBytes(32).toString('hex'),
      ADMIN_TOKEN: adminToken,
      ...chainEnv,
      ISSUER_PUBLIC_URL: issuerUrl,
      LOG_LEVEL: 'error',
      ...UNTHROTTLED_ENV,
      ...options.issuerEnv,
    }),
  );
  await app.listen(issuerPort, '127.0.0.1');

  const post = async <T>(urlPath: string, body: unknown, token: string): Promise<T> => {
    const response = await fetch(`${issuerUrl}${urlPath}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${urlPath}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const created = await post<{ id: string; did: string }>(
    '/v1/admin/institutions',
    { name: 'Bench University', url: 'https://bench.example' },
    adminToken,
  );
  const { apiKey } = await post<{ apiKey: string }>(`/v1/admin/institutions/${created.id}/api-keys`, {}, adminToken);

  return {
    app,
    issuerUrl,
    chainEnv,
    institution: { ...created, apiKey },
    post,
    async stop() {
      await app.close();
      await dropDatabase(server.url, database);
      await server.stop();
      await chain.stop();
    },
  };
}
