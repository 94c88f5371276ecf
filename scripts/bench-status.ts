import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { Logger } from '@nestjs/common';
import { checkFormat, type CredentialCheck, runCheck } from '#verification';
import { CREDENTIAL_CHECKS } from '../apps/verifier/src/verification/verification.module.js';
import { createVerifierApp } from '../apps/verifier/src/verifier.app.js';
import { loadVerifierConfig } from '../apps/verifier/src/verifier.config.js';
import { loadBenchConfig } from './bench.config.js';
import { startBenchStack, UNTHROTTLED_ENV } from './bench-stack.js';
import { EXAMPLE_FACTS } from './example-facts.js';

/**
 * Status figures: status changes per second, each applied and published in a signed list version
 * before the request returns (one at a time, then many at once, where changes share versions), and
 * the verifier's status checks per second once its list cache is warm.
 */
const config = loadBenchConfig();
const stack = await startBenchStack({ databaseUrl: config.databaseUrl });
const rate = (count: number, ms: number) => (count / (ms / 1000)).toFixed(1);
const CONCURRENCY = 20;

try {
  const { institution } = stack;
  type Issued = { id: string; verifiableCredential: { proof: { jwt: string }; credentialStatus: { statusListCredential: string }[] } };
  const credentials: Issued[] = [];
  for (let i = 0; i < 2 * config.count; i++)
    credentials.push(await stack.post<Issued>('/v1/credentials', { ...EXAMPLE_FACTS.course, format: 'vc-jwt' }, institution.apiKey));
  const change = (credential: Issued, status: string) =>
    stack.post<{ published?: { version: number } }>(
      '/credentials/status',
      { credentialId: credential.id, credentialStatus: [{ type: 'BitstringStatusListCredential', status }], reason: 'benchmark' },
      institution.apiKey,
    );

  const sequential = credentials.slice(0, config.count);
  const sequentialStart = performance.now();
  for (const credential of sequential) await change(credential, 'suspended');
  const sequentialMs = performance.now() - sequentialStart;

  const concurrent = credentials.slice(config.count);
  const versions = new Set<number>();
  const concurrentStart = performance.now();
  for (let next = 0; next < concurrent.length; next += CONCURRENCY) {
    const answers = await Promise.all(concurrent.slice(next, next + CONCURRENCY).map((credential) => change(credential, 'revoked')));
    for (const answer of answers) versions.add(answer.published!.version);
  }
  const concurrentMs = performance.now() - concurrentStart;

  const verifier = await createVerifierApp(
    loadVerifierConfig({
      ...stack.chainEnv,
      ...UNTHROTTLED_ENV,
      VERIFIER_PORT: '0',
      ALLOW_PRIVATE_NETWORK_FETCH: 'true',
      LOG_LEVEL: 'error',
    }),
  );
  try {
    const status = verifier.get<CredentialCheck[]>(CREDENTIAL_CHECKS).find((check) => check.name === 'status')!;
    // As in a report whose signature check passed: the runner fetches the lists only then.
    const statusOf = (index: number) =>
      runCheck(status, parsed[index % parsed.length], { now: new Date() }, [{ check: 'signature', status: 'valid' }], {
        logger: new Logger('Bench'),
      });
    const parsed = credentials.map((credential) => checkFormat(credential.verifiableCredential).parsed!);
    const coldStart = performance.now();
    const first = await statusOf(0);
    const coldMs = performance.now() - coldStart;
    if (first.status !== 'invalid') throw new Error(`expected a suspended credential, got ${JSON.stringify(first)}`);
    const warmStart = performance.now();
    for (let i = 0; i < config.count; i++) await statusOf(i);
    const warmMs = performance.now() - warmStart;

    console.log(`Status benchmark: ${config.count} changes each way, lists of 131,072 entries, ES256K did:ethr, Node ${process.version}`);
    console.log(
      `  suspend one at a time, each applied and published before the answer: ${rate(config.count, sequentialMs)} changes/s (${config.count} versions)`,
    );
    console.log(
      `  revoke ${CONCURRENCY} at a time: ${rate(config.count, concurrentMs)} changes/s, published in ${versions.size} versions (${(config.count / versions.size).toFixed(1)} changes per version)`,
    );
    console.log(`  verifier status check, cold (fetch, verify the list's signature on chain, decode): ${coldMs.toFixed(1)} ms`);
    console.log(`  verifier status check, warm cache: ${rate(config.count, warmMs)} checks/s`);
  } finally {
    await verifier.close();
  }
} finally {
  await stack.stop();
}
