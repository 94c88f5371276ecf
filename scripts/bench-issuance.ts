import 'reflect-metadata';
import { buildCredential, CREDENTIAL_KINDS } from '#schemas';
import { createDatabase, dropDatabase, databaseUrl, findPostgresServer, LOCAL_CHAIN_FUNDED_KEYS, startLocalChain } from '#local-stack';
import { ANCHOR_CONTRACT, DID_REGISTRY, ensureDeployed } from '#anchoring';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ISSUER_AGENT } from '../apps/issuer/src/identity/issuer-identity.service.js';
import type { IssuerAgent } from '../apps/issuer/src/identity/veramo-agent.provider.js';
import { createIssuerApp } from '../apps/issuer/src/issuer.app.js';
import { loadIssuerConfig } from '../apps/issuer/src/issuer.config.js';
import { loadBenchConfig } from './bench.config.js';
import { EXAMPLE_FACTS } from './example-facts.js';

/**
 * Issuance throughput: credentials issued per second over HTTP, one request at a time, against the
 * raw rate of Veramo's createVerifiableCredential for the same did:ethr key in the same process, so
 * the service's own overhead (validation, Postgres, HTTP) shows as a ratio. Real Postgres, real anvil.
 */
const config = loadBenchConfig();
const chain = await startLocalChain({});
const { address: didRegistry } = await ensureDeployed(chain.rpcUrl, chain.chainId, LOCAL_CHAIN_FUNDED_KEYS[0], DID_REGISTRY);
const { address: anchorContract } = await ensureDeployed(chain.rpcUrl, chain.chainId, LOCAL_CHAIN_FUNDED_KEYS[0], ANCHOR_CONTRACT);
const server = await findPostgresServer(config.databaseUrl, () => path.join(mkdtempSync(path.join(os.tmpdir(), 'lc-bench-pg-')), 'cluster'));
const database = `lc_bench_${process.pid}`;
await createDatabase(server.url, database);

const issuerConfig = loadIssuerConfig({
  DATABASE_URL: databaseUrl(server.url, database),
  KEY_ENCRYPTION_SECRET: randomBytes(32).toString('hex'),
  ADMIN_TOKEN: randomBytes(24).toString('base64url'),
  CHAIN_RPC_URL: chain.rpcUrl,
  CHAIN_ID: String(chain.chainId),
  DID_REGISTRY_ADDRESS: didRegistry,
  ANCHOR_CONTRACT_ADDRESS: anchorContract,
  LOG_LEVEL: 'error',
});
const app = await createIssuerApp(issuerConfig);
await app.listen(0, '127.0.0.1');
const issuerUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;

async function post<T>(url: string, body: unknown, token: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

function rate(count: number, ms: number): string {
  return (count / (ms / 1000)).toFixed(1);
}

try {
  const institution = await post<{ id: string; did: string }>(
    `${issuerUrl}/v1/admin/institutions`,
    { name: 'Bench University', url: 'https://bench.example' },
    issuerConfig.adminToken,
  );
  const { apiKey } = await post<{ apiKey: string }>(`${issuerUrl}/v1/admin/institutions/${institution.id}/api-keys`, {}, issuerConfig.adminToken);
  const factsAt = (i: number) => EXAMPLE_FACTS[CREDENTIAL_KINDS[i % CREDENTIAL_KINDS.length]];

  for (let i = 0; i < config.warmup; i++) await post(`${issuerUrl}/v1/credentials`, factsAt(i), apiKey);
  const latencies: number[] = [];
  const httpStart = performance.now();
  for (let i = 0; i < config.count; i++) {
    const started = performance.now();
    await post(`${issuerUrl}/v1/credentials`, factsAt(i), apiKey);
    latencies.push(performance.now() - started);
  }
  const httpMs = performance.now() - httpStart;

  const agent = app.get<IssuerAgent>(ISSUER_AGENT);
  const issuer = { id: institution.did, name: 'Bench University', url: 'https://bench.example' };
  const credentials = Array.from({ length: config.count }, (_, i) =>
    buildCredential(factsAt(i), { id: `urn:uuid:${randomUUID()}`, issuer, issuanceDate: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') }),
  );
  for (let i = 0; i < config.warmup; i++) await agent.createVerifiableCredential({ credential: credentials[i], proofFormat: 'jwt' });
  const rawStart = performance.now();
  for (const credential of credentials) await agent.createVerifiableCredential({ credential, proofFormat: 'jwt' });
  const rawMs = performance.now() - rawStart;

  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(2);
  console.log(`Issuance benchmark: ${config.count} credentials (course, certificate, credit in turn), ES256K did:ethr, Node ${process.version}`);
  console.log(`  HTTP POST /v1/credentials, one at a time: ${rate(config.count, httpMs)} credentials/s (p50 ${percentile(50)} ms, p99 ${percentile(99)} ms)`);
  console.log(`  Veramo createVerifiableCredential (raw): ${rate(config.count, rawMs)} credentials/s`);
  console.log(`  service overhead: HTTP rate is ${((config.count / httpMs) / (config.count / rawMs) * 100).toFixed(0)}% of the raw signing rate`);
} finally {
  await app.close();
  await dropDatabase(server.url, database);
  await server.stop();
  await chain.stop();
}
