import 'reflect-metadata';
import { LOCAL_CHAIN_FUNDED_KEYS } from '#local-stack';
import { performance } from 'node:perf_hooks';
import { createVerifierApp } from '../apps/verifier/src/verifier.app.js';
import { loadVerifierConfig } from '../apps/verifier/src/verifier.config.js';
import { loadBenchConfig } from './bench.config.js';
import { startBenchStack, UNTHROTTLED_ENV } from './bench-stack.js';
import { EXAMPLE_FACTS } from './example-facts.js';

/**
 * Verification figures: anchored credential packages verified over HTTP by the verifier, with every
 * check (the signature's DID resolution and the anchor's root read on the chain, the status lists,
 * issuer trust) once its caches are warm: one at a time for latency, many at once for throughput.
 */
const config = loadBenchConfig();
const CONCURRENCY = 8;
const stack = await startBenchStack({
  databaseUrl: config.databaseUrl,
  blockTimeSeconds: 1,
  issuerEnv: {
    ANCHORING_PRIVATE_KEY: LOCAL_CHAIN_FUNDED_KEYS[1],
    ANCHOR_BATCH_MAX_AGE_SECONDS: '0',
    ANCHOR_CONFIRMATIONS: '2',
    ANCHOR_POLL_INTERVAL_MS: '200',
  },
});
const verifier = await createVerifierApp(
  loadVerifierConfig({
    ...stack.chainEnv,
    ...UNTHROTTLED_ENV,
    VERIFIER_PORT: '0',
    ALLOW_PRIVATE_NETWORK_FETCH: 'true',
    TRUST_REGISTRY_URLS: `${stack.issuerUrl}/v1/registry`,
    LOG_LEVEL: 'error',
  }),
);
try {
  await verifier.listen(0, '127.0.0.1');
  const verifyUrl = `http://127.0.0.1:${verifier.getHttpServer().address().port}/credentials/verify`;
  const packages: unknown[] = [];
  const ids: string[] = [];
  for (let i = 0; i < 50; i++)
    ids.push(
      (await stack.post<{ id: string }>('/v1/credentials', { ...EXAMPLE_FACTS.credit, format: 'vc-jwt' }, stack.institution.apiKey)).id,
    );
  for (const id of ids) {
    let response: Response;
    while ((response = await fetch(`${stack.issuerUrl}/v1/anchors/credentials/${encodeURIComponent(id)}/package`)).status !== 200) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    packages.push(await response.json());
  }
  const verify = async (body: unknown): Promise<number> => {
    const started = performance.now();
    const response = await fetch(verifyUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const report = (await response.json()) as { verdict: string };
    if (report.verdict !== 'verified') throw new Error(`expected verified, got ${JSON.stringify(report)}`);
    return performance.now() - started;
  };
  for (const body of packages) await verify(body);

  const latencies: number[] = [];
  for (let i = 0; i < config.count; i++) latencies.push(await verify(packages[i % packages.length]));
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(2);
  const sequentialMs = latencies.reduce((sum, latency) => sum + latency, 0);

  const concurrentStart = performance.now();
  for (let next = 0; next < config.count; next += CONCURRENCY) {
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, config.count - next) }, (_, i) => verify(packages[(next + i) % packages.length])),
    );
  }
  const concurrentMs = performance.now() - concurrentStart;

  console.log(
    `Verification benchmark: ${config.count} anchored credit packages over HTTP, every check, warm caches (status lists, trust registry), Node ${process.version}`,
  );
  console.log(
    `  one at a time: ${(config.count / (sequentialMs / 1000)).toFixed(1)} verifications/s, p50 ${percentile(50)} ms, p99 ${percentile(99)} ms (each reads the chain: the DID and the anchored root)`,
  );
  console.log(`  ${CONCURRENCY} at a time: ${(config.count / (concurrentMs / 1000)).toFixed(1)} verifications/s`);
} finally {
  await verifier.close();
  await stack.stop();
}
