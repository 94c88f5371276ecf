// Once per integration run: a fresh anvil chain with the DID registry and the anchor contract, a Postgres server
// (DATABASE_URL, else the machine's on 127.0.0.1:5432, else an embedded one) and a template
// database migrated once, which each test file clones. Plain JS on the build output because jest
// loads global setup outside its ESM transform; `npm test` builds first.
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ANCHOR_CONTRACT, DID_REGISTRY, ensureDeployed } from '../dist/libs/anchoring/src/index.js';
import {
  createDatabase,
  databaseUrl,
  dropDatabase,
  findPostgresServer,
  LOCAL_CHAIN_FUNDED_KEYS,
  startLocalChain,
} from '../dist/libs/local-stack/src/index.js';
import { openIssuerDatabase } from '../dist/apps/issuer/src/database/data-source.js';

export const TEST_ENV = 'LC_TEST_ENVIRONMENT';

export default async function globalSetup() {
  const chain = await startLocalChain({});
  const deploy = (contract) => ensureDeployed(chain.rpcUrl, chain.chainId, LOCAL_CHAIN_FUNDED_KEYS[0], contract);
  const { address: didRegistry } = await deploy(DID_REGISTRY);
  const { address: anchorContract } = await deploy(ANCHOR_CONTRACT);

  const server = await findPostgresServer(process.env.DATABASE_URL, () =>
    path.join(mkdtempSync(path.join(os.tmpdir(), 'lc-test-pg-')), 'cluster'),
  );
  const templateDatabase = `lc_template_${process.pid}`;
  await dropDatabase(server.url, templateDatabase);
  await createDatabase(server.url, templateDatabase);
  const template = await openIssuerDatabase(databaseUrl(server.url, templateDatabase));
  await template.destroy();

  process.env[TEST_ENV] = JSON.stringify({
    chainRpcUrl: chain.rpcUrl,
    chainId: chain.chainId,
    didRegistry,
    anchorContract,
    postgresServerUrl: server.url,
    templateDatabase,
  });
  globalThis.__testStack = async () => {
    await dropDatabase(server.url, templateDatabase);
    await server.stop();
    await chain.stop();
  };
}
