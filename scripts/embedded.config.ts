import { ConfigReader, type Environment, type LogThreshold } from '#service-kit';
import path from 'node:path';

/** What `npm start` needs to bring the whole service up on one machine with nothing installed. */
export interface EmbeddedConfig {
  dataDir: string;
  /** An existing Postgres to use instead of the embedded one. */
  databaseUrl?: string;
  host: string;
  issuerPort: number;
  verifierPort: number;
  chainPort: number;
  logLevel: LogThreshold;
  /**
   * Serve the issuer over HTTPS with a certificate generated at start (kept in the data folder for
   * clients to trust), so credentials name https status lists and clients that fetch only https
   * (the W3C Bitstring Status List test suite) reach them. Off by default.
   */
  httpsSelfSigned: boolean;
}

export function loadEmbeddedConfig(env: Environment = process.env): EmbeddedConfig {
  const read = new ConfigReader(env);
  const config: EmbeddedConfig = {
    dataDir: path.resolve(read.string('DATA_DIR', '.data')),
    databaseUrl: read.optionalString('DATABASE_URL'),
    host: read.string('HOST', '127.0.0.1'),
    issuerPort: read.integer('ISSUER_PORT', 3000, { max: 65535 }),
    verifierPort: read.integer('VERIFIER_PORT', 3001, { max: 65535 }),
    chainPort: read.integer('CHAIN_PORT', 8545, { max: 65535 }),
    logLevel: read.oneOf('LOG_LEVEL', ['error', 'warn', 'log', 'debug'] as const, 'log'),
    httpsSelfSigned: read.oneOf('HTTPS_SELF_SIGNED', ['true', 'false'] as const, 'false') === 'true',
  };
  read.done();
  return config;
}
