import { ConfigReader, type Environment, type HttpServerConfig, readHttpServerConfig } from '#service-kit';
import { type EthrNetwork, readEthrNetwork } from '#identity';
import { type AnchoringConfig, readAnchoringConfig } from './anchoring/anchoring.config.js';
import { type CreditBankConfig, readCreditBankConfig } from './credit-bank/credit-bank.config.js';
import { readWalletOffersConfig, type WalletOffersConfig } from './wallet-offers/wallet-offers.config.js';

export interface IssuerConfig extends HttpServerConfig {
  /**
   * The issuer's public base URL. Credentials name their status lists and anchored package under it,
   * for good: it must be where verifiers will reach this issuer for as long as the credentials live.
   */
  publicUrl: string;
  /** The verifier that makes verification links (short URL + QR code) for this issuer's credentials. */
  verifierUrl?: string;
  databaseUrl: string;
  /** 32-byte hex secret that encrypts institutions' signing keys at rest. */
  keyEncryptionSecret: string;
  /** Bearer token for the admin API (creating institutions and their API keys). */
  adminToken: string;
  chain: EthrNetwork;
  anchoring: AnchoringConfig;
  creditBank: CreditBankConfig;
  /** OpenID4VCI offers: their lifetime, and the token endpoint's rate limit. */
  walletOffers: WalletOffersConfig;
  /** Failed authentications a client may make within the window; past them it is refused for a window. */
  authFailures: { limit: number; windowSeconds: number };
  /** Institutions per page of the public registry; at most 250, so a page stays under a verifier's 1 MiB page cap. */
  registryPageSize: number;
}

export const ISSUER_CONFIG = Symbol('IssuerConfig');

/** Reads and validates the issuer's configuration once; the service refuses to start on any problem. */
export function loadIssuerConfig(env: Environment = process.env): IssuerConfig {
  const read = new ConfigReader(env);
  const config: IssuerConfig = {
    ...readHttpServerConfig(read, 'ISSUER', 3000),
    publicUrl: read.url('ISSUER_PUBLIC_URL').replace(/\/+$/, ''),
    verifierUrl: read.optionalString('VERIFIER_URL')?.replace(/\/+$/, ''),
    databaseUrl: read.url('DATABASE_URL'),
    keyEncryptionSecret: read.matching(
      'KEY_ENCRYPTION_SECRET',
      /^[0-9a-fA-F]{64}$/,
      '64 hex characters (32 random bytes, e.g. `openssl rand -hex 32`)',
    ),
    adminToken: read.matching('ADMIN_TOKEN', /^\S{32,}$/, 'at least 32 characters without spaces'),
    chain: readEthrNetwork(read),
    anchoring: readAnchoringConfig(read),
    creditBank: readCreditBankConfig(read),
    walletOffers: readWalletOffersConfig(read),
    authFailures: {
      limit: read.integer('AUTH_FAILURE_LIMIT', 10, { min: 1 }),
      windowSeconds: read.integer('AUTH_FAILURE_WINDOW_SECONDS', 600, { min: 1, max: 86400 }),
    },
    registryPageSize: read.integer('REGISTRY_PAGE_SIZE', 250, { min: 1, max: 250 }),
  };
  read.done();
  return config;
}
