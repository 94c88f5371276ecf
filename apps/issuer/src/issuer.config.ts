import { ConfigReader, type Environment } from '#service-kit';
import { type EthrNetwork, readEthrNetwork } from '#identity';

export interface IssuerConfig {
  host: string;
  port: number;
  databaseUrl: string;
  /** 32-byte hex secret that encrypts institutions' signing keys at rest. */
  keyEncryptionSecret: string;
  /** Bearer token for the admin API (creating institutions and their API keys). */
  adminToken: string;
  chain: EthrNetwork;
  maxBodyBytes: number;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
}

export const ISSUER_CONFIG = Symbol('IssuerConfig');

/** Reads and validates the issuer's configuration once; the service refuses to start on any problem. */
export function loadIssuerConfig(env: Environment = process.env): IssuerConfig {
  const read = new ConfigReader(env);
  const config: IssuerConfig = {
    host: read.string('ISSUER_HOST', '127.0.0.1'),
    port: read.integer('ISSUER_PORT', 3000, { min: 0, max: 65535 }),
    databaseUrl: read.url('DATABASE_URL'),
    keyEncryptionSecret: read.matching(
      'KEY_ENCRYPTION_SECRET',
      /^[0-9a-fA-F]{64}$/,
      '64 hex characters (32 random bytes, e.g. `openssl rand -hex 32`)',
    ),
    adminToken: read.matching('ADMIN_TOKEN', /^\S{32,}$/, 'at least 32 characters without spaces'),
    chain: readEthrNetwork(read),
    maxBodyBytes: read.integer('MAX_BODY_BYTES', 512 * 1024, { min: 1024 }),
    logLevel: read.oneOf('LOG_LEVEL', ['error', 'warn', 'log', 'debug'] as const, 'log'),
  };
  read.done();
  return config;
}
