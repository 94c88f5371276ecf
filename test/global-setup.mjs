// Once per integration run: a fresh anvil chain with the DID registry, a Postgres server
// (DATABASE_URL, else the machine's on 127.0.0.1:5432, else an embedded one) and a template
// database migrated once, which each test file clones. Plain JS on the build output because jest
// loads global setup outside its ESM transform; `npm test` builds first.
import 'reflect-metadata';
import { ethers } from 'ethers';
import { chmodSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDidRegistry } from '../dist/libs/anchoring/src/index.js';
import { canConnect, createDatabase, dropDatabase, LOCAL_CHAIN_FUNDED_KEYS, startEmbeddedPostgres, startLocalChain } from '../dist/libs/local-stack/src/index.js';
import { openIssuerDatabase } from '../dist/apps/issuer/src/database/data-source.js';

const MACHINE_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_ENV = 'LC_TEST_ENVIRONMENT';

async function postgresServer() {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL };
  if (await canConnect(MACHINE_POSTGRES)) return { url: MACHINE_POSTGRES };
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lc-test-pg-'));
  chmodSync(dataDir, 0o755);
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'cluster') });
  return { url: embedded.url, stop: () => embedded.stop() };
}

function databaseUrl(serverUrl, database) {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export default async function globalSetup() {
  const chain = await startLocalChain({});
  const provider = new ethers.JsonRpcProvider(chain.rpcUrl, chain.chainId, { staticNetwork: true });
  const { address: didRegistry } = await ensureDidRegistry(provider, new ethers.Wallet(LOCAL_CHAIN_FUNDED_KEYS[0], provider));
  provider.destroy();

  const server = await postgresServer();
  const templateDatabase = `lc_template_${process.pid}`;
  await dropDatabase(server.url, templateDatabase);
  await createDatabase(server.url, templateDatabase);
  const template = await openIssuerDatabase(databaseUrl(server.url, templateDatabase));
  await template.destroy();

  process.env[TEST_ENV] = JSON.stringify({
    chainRpcUrl: chain.rpcUrl,
    chainId: chain.chainId,
    didRegistry,
    postgresServerUrl: server.url,
    templateDatabase,
  });
  globalThis.__testStack = async () => {
    await dropDatabase(server.url, templateDatabase);
    await server.stop?.();
    await chain.stop();
  };
}
