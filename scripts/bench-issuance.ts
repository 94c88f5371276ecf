import 'reflect-metadata';
import { buildCredential, CREDENTIAL_KINDS } from '#schemas';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ISSUER_AGENT } from '../apps/issuer/src/identity/issuer-identity.service.js';
import type { IssuerAgent } from '../apps/issuer/src/identity/veramo-agent.provider.js';
import { loadBenchConfig } from './bench.config.js';
import { startBenchStack } from './bench-stack.js';
import { EXAMPLE_FACTS } from './example-facts.js';

/**
 * Issuance throughput: credentials issued per second over HTTP, one request at a time, against the
 * raw rate of Veramo's createVerifiableCredential for the same did:ethr key in the same process, so
 * the service's own overhead (validation, Postgres, HTTP) shows as a ratio. Real Postgres, real anvil.
 */
const config = loadBenchConfig();
const stack = await startBenchStack({ databaseUrl: config.databaseUrl });
const rate = (count: number, ms: number) => (count / (ms / 1000)).toFixed(1);

try {
  const { institution } = stack;
  const factsAt = (i: number) => EXAMPLE_FACTS[CREDENTIAL_KINDS[i % CREDENTIAL_KINDS.length]];

  for (let i = 0; i < config.warmup; i++) await stack.post('/v1/credentials', factsAt(i), institution.apiKey);
  const latencies: number[] = [];
  const httpStart = performance.now();
  for (let i = 0; i < config.count; i++) {
    const started = performance.now();
    await stack.post('/v1/credentials', factsAt(i), institution.apiKey);
    latencies.push(performance.now() - started);
  }
  const httpMs = performance.now() - httpStart;

  const agent = stack.app.get<IssuerAgent>(ISSUER_AGENT);
  const issuer = { id: institution.did, name: 'Bench University', url: 'https://bench.example' };
  const credentials = Array.from({ length: config.count }, (_, i) =>
    buildCredential(factsAt(i), {
      id: `urn:uuid:${randomUUID()}`,
      issuer,
      issuanceDate: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    }),
  );
  for (let i = 0; i < config.warmup; i++) await agent.createVerifiableCredential({ credential: credentials[i], proofFormat: 'jwt' });
  const rawStart = performance.now();
  for (const credential of credentials) await agent.createVerifiableCredential({ credential, proofFormat: 'jwt' });
  const rawMs = performance.now() - rawStart;

  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(2);
  console.log(
    `Issuance benchmark: ${config.count} credentials (course, certificate, credit in turn), ES256K did:ethr, Node ${process.version}`,
  );
  console.log(
    `  HTTP POST /v1/credentials, one at a time: ${rate(config.count, httpMs)} credentials/s (p50 ${percentile(50)} ms, p99 ${percentile(99)} ms)`,
  );
  console.log(`  Veramo createVerifiableCredential (raw): ${rate(config.count, rawMs)} credentials/s`);
  console.log(`  service overhead: HTTP rate is ${((rawMs / httpMs) * 100).toFixed(0)}% of the raw signing rate`);
} finally {
  await stack.stop();
}
