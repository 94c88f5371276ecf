import type { ConfigReader } from '#service-kit';

export interface WalletOffersConfig {
  /** How long an offer may be redeemed after it is made. */
  offerTtlSeconds: number;
  /** Token requests a client may make within the window (the pre-authorized code and the tx_code are guessable secrets). */
  tokenRateLimit: { limit: number; windowSeconds: number };
}

export function readWalletOffersConfig(read: ConfigReader): WalletOffersConfig {
  return {
    offerTtlSeconds: read.integer('OFFER_TTL_SECONDS', 7 * 24 * 3600, { min: 60, max: 30 * 24 * 3600 }),
    tokenRateLimit: {
      limit: read.integer('TOKEN_RATE_LIMIT', 30, { min: 1 }),
      windowSeconds: read.integer('TOKEN_RATE_LIMIT_WINDOW_SECONDS', 60, { min: 1, max: 86400 }),
    },
  };
}
