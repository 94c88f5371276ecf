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
  /** Issues config.count credentials over HTTP one at a time in a format: the total time and each one's latency, sorted. */
  const issueOverHttp = async (ask: object) => {
    for (let i = 0; i < config.warmup; i++) await stack.post('/v1/credentials', { ...factsAt(i), ...ask }, institution.apiKey);
    const latencies: number[] = [];
    const start = performance.now();
    for (let i = 0; i < config.count; i++) {
      const started = performance.now();
      await stack.post('/v1/credentials', { ...factsAt(i), ...ask }, institution.apiKey);
      latencies.push(performance.now() - started);
    }
    return { ms: performance.now() - start, latencies: latencies.sort((a, b) => a - b) };
  };
  const percentile = (latencies: number[], p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(2);

  const { ms: httpMs, latencies } = await issueOverHttp({ format: 'vc-jwt' });
  const byDefault = await issueOverHttp({});

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

  console.log(
    `Issuance benchmark: ${config.count} credentials (course, certificate, credit in turn), VC-JWT ES256K did:ethr, Node ${process.version}`,
  );
  console.log(
    `  HTTP POST /v1/credentials, one at a time: ${rate(config.count, httpMs)} credentials/s (p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms)`,
  );
  console.log(`  Veramo createVerifiableCredential (raw): ${rate(config.count, rawMs)} credentials/s`);
  console.log(`  service overhead: HTTP rate is ${((rawMs / httpMs) * 100).toFixed(0)}% of the raw signing rate`);
  console.log(
    `  HTTP POST /v1/credentials, the default (VCDM 2.0 ldp_vc eddsa-rdfc-2022, did:web), one at a time: ${rate(config.count, byDefault.ms)} credentials/s (p50 ${percentile(byDefault.latencies, 50)} ms, p99 ${percentile(byDefault.latencies, 99)} ms)`,
  );
} finally {
  await stack.stop();
}
