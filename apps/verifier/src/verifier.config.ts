import { ConfigReader, type Environment, type HttpServerConfig, readHttpServerConfig } from '#service-kit';
import { type EthrNetwork, readEthrNetwork } from '#identity';
import type { TrustConfig } from '#verification';

export interface VerifierConfig extends HttpServerConfig {
  chain: EthrNetwork;
  /** Tolerated difference between the issuer's clock and ours when checking validity periods. */
  clockSkewSeconds: number;
  /** The anchor contract whose roots this verifier accepts, and the depth it requires. */
  anchorContract: string;
  anchorConfirmations: number;
  /** Whether URLs named by verified credentials may point at loopback or private addresses (development only). */
  allowPrivateNetworkFetch: boolean;
  /**
   * Certificate authorities (PEM, read from FETCH_CA_FILE) that outbound https fetches trust beside
   * the system's: the embedded default's self-signed issuer. With them, a did:web on a loopback host
   * is fetched over https like any other, since that host has a certificate.
   */
  fetchTrustedCa?: string;
  /** Each outbound fetch's total deadline (waiting for a slot, DNS, connecting, every byte), in milliseconds. */
  fetchDeadlineMs: number;
  /** Outbound fetches this process runs at once; more wait for a slot within their deadline. */
  fetchConcurrency: number;
  /** The whole verification of one credential or presentation, in milliseconds; checks still running then are `error`. */
  verificationDeadlineMs: number;
  /** How long a verified status list is reused before it is fetched again; 0 fetches it for every verification. */
  statusListCacheSeconds: number;
  /** How long a did:web DID document is reused before it is fetched again; 0 fetches it for every verification. */
  didWebCacheSeconds: number;
  /** Whom this verifier trusts as institutions, and whether a credential from anyone else fails. */
  trust: TrustConfig;
  requireTrustedIssuer: boolean;
  /** How long a presentation challenge may be answered. */
  challengeTtlSeconds: number;
  /** Where people reach this verifier: verification links and their QR codes point here. */
  publicUrl: string;
  /** Where linked credentials are kept (one file each); in memory when unset. */
  linkStoreDir?: string;
  /** Requests one client may make to each POST endpoint within the window. */
  rateLimit: { limit: number; windowSeconds: number };
  /**
   * Where challenges and presentation requests live: a Postgres database every instance shares, or,
   * unset, this process's memory (one instance alone).
   */
  databaseUrl?: string;
  /** The P-256 private key (64 hex characters) that signs OpenID4VP request objects; random per process when unset. */
  requestSigningKey?: string;
  /** How long a presentation request (OpenID4VP or VC-API exchange) may be answered. */
  presentationRequestTtlSeconds: number;
}

export const VERIFIER_CONFIG = Symbol('VerifierConfig');

/** Reads and validates the verifier's configuration once; it needs no database, only the chain. */
export function loadVerifierConfig(env: Environment = process.env): VerifierConfig {
  const read = new ConfigReader(env);
  const server = readHttpServerConfig(read, 'VERIFIER', 3001);
  const config: VerifierConfig = {
    ...server,
    publicUrl: read.url('VERIFIER_PUBLIC_URL', `http://${server.host}:${server.port}`).replace(/\/+$/, ''),
    linkStoreDir: read.optionalString('LINK_STORE_DIR'),
    chain: readEthrNetwork(read),
    clockSkewSeconds: read.integer('CLOCK_SKEW_SECONDS', 300, { max: 86400 }),
    anchorContract: read.matching('ANCHOR_CONTRACT_ADDRESS', /^0x[0-9a-fA-F]{40}$/, 'a 0x-prefixed 20-byte address'),
    anchorConfirmations: read.integer('ANCHOR_CONFIRMATIONS', 2, { min: 1, max: 1000 }),
    allowPrivateNetworkFetch: read.oneOf('ALLOW_PRIVATE_NETWORK_FETCH', ['true', 'false'] as const, 'false') === 'true',
    fetchTrustedCa: read.optionalCertificatesFile('FETCH_CA_FILE'),
    fetchDeadlineMs: read.integer('FETCH_DEADLINE_MS', 5000, { min: 100, max: 60_000 }),
    fetchConcurrency: read.integer('FETCH_CONCURRENCY', 16, { min: 1, max: 1024 }),
    verificationDeadlineMs: read.integer('VERIFICATION_DEADLINE_MS', 10_000, { min: 100, max: 300_000 }),
    statusListCacheSeconds: read.integer('STATUS_LIST_CACHE_SECONDS', 60, { max: 86400 }),
    didWebCacheSeconds: read.integer('DID_WEB_CACHE_SECONDS', 300, { max: 86400 }),
    trust: {
      registryUrls: read.urls('TRUST_REGISTRY_URLS'),
      trustedIssuersFile: read.optionalString('TRUSTED_ISSUERS_FILE'),
      storeFile: read.optionalString('TRUST_STORE_FILE'),
      refreshSeconds: read.integer('TRUST_REGISTRY_REFRESH_SECONDS', 3600, { min: 10, max: 604800 }),
      missRefreshSeconds: read.integer('TRUST_REGISTRY_MISS_REFRESH_SECONDS', 30, { max: 86400 }),
    },
    challengeTtlSeconds: read.integer('CHALLENGE_TTL_SECONDS', 600, { min: 10, max: 86400 }),
    requireTrustedIssuer: read.oneOf('REQUIRE_TRUSTED_ISSUER', ['true', 'false'] as const, 'false') === 'true',
    rateLimit: {
      limit: read.integer('VERIFIER_RATE_LIMIT', 60, { min: 1 }),
      windowSeconds: read.integer('VERIFIER_RATE_LIMIT_WINDOW_SECONDS', 60, { min: 1, max: 86400 }),
    },
    databaseUrl: read.optionalString('VERIFIER_DATABASE_URL'),
    requestSigningKey: read.optionalString('VERIFIER_REQUEST_SIGNING_KEY'),
    presentationRequestTtlSeconds: read.integer('PRESENTATION_REQUEST_TTL_SECONDS', 1800, { min: 10, max: 7 * 86400 }),
  };
  if (config.databaseUrl && !URL.canParse(config.databaseUrl)) read.problem('VERIFIER_DATABASE_URL must be a postgres:// URL');
  if (config.requestSigningKey && !/^[0-9a-fA-F]{64}$/.test(config.requestSigningKey))
    read.problem('VERIFIER_REQUEST_SIGNING_KEY must be a P-256 private key as 64 hex characters');
  // Instances behind one load balancer must sign requests as one client: a wallet holds any of them
  // to the client_id of the request it fetched.
  if (config.databaseUrl && !config.requestSigningKey)
    read.problem('VERIFIER_REQUEST_SIGNING_KEY is required with VERIFIER_DATABASE_URL (every instance signs requests as one client)');
  read.done();
  return config;
}
