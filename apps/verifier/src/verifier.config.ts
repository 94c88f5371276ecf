import { ConfigReader, type Environment } from '#service-kit';
import { type EthrNetwork, readEthrNetwork } from '#identity';

export interface VerifierConfig {
  host: string;
  port: number;
  chain: EthrNetwork;
  /** Tolerated difference between the issuer's clock and ours when checking validity periods. */
  clockSkewSeconds: number;
  maxBodyBytes: number;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
}

export const VERIFIER_CONFIG = Symbol('VerifierConfig');

/** Reads and validates the verifier's configuration once; it needs no database, only the chain. */
export function loadVerifierConfig(env: Environment = process.env): VerifierConfig {
  const read = new ConfigReader(env);
  const config: VerifierConfig = {
    host: read.string('VERIFIER_HOST', '127.0.0.1'),
    port: read.integer('VERIFIER_PORT', 3001, { min: 0, max: 65535 }),
    chain: readEthrNetwork(read),
    clockSkewSeconds: read.integer('CLOCK_SKEW_SECONDS', 300, { max: 86400 }),
    maxBodyBytes: read.integer('MAX_BODY_BYTES', 512 * 1024, { min: 1024 }),
    logLevel: read.oneOf('LOG_LEVEL', ['error', 'warn', 'log', 'debug'] as const, 'log'),
  };
  read.done();
  return config;
}
