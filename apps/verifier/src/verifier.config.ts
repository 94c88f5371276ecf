import { ConfigReader, type Environment, type HttpServerConfig, readHttpServerConfig } from '#service-kit';
import { type EthrNetwork, readEthrNetwork } from '#identity';

export interface VerifierConfig extends HttpServerConfig {
  chain: EthrNetwork;
  /** Tolerated difference between the issuer's clock and ours when checking validity periods. */
  clockSkewSeconds: number;
}

export const VERIFIER_CONFIG = Symbol('VerifierConfig');

/** Reads and validates the verifier's configuration once; it needs no database, only the chain. */
export function loadVerifierConfig(env: Environment = process.env): VerifierConfig {
  const read = new ConfigReader(env);
  const config: VerifierConfig = {
    ...readHttpServerConfig(read, 'VERIFIER', 3001),
    chain: readEthrNetwork(read),
    clockSkewSeconds: read.integer('CLOCK_SKEW_SECONDS', 300, { max: 86400 }),
  };
  read.done();
  return config;
}
