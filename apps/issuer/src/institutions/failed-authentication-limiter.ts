import { Inject, Injectable } from '@nestjs/common';
import { clientAddressOf, DomainError, RequestError } from '#service-kit';
import type { Request } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ISSUER_CONFIG, type IssuerConfig } from '../issuer.config.js';

/**
 * Per-client limit on failed authentications (a wrong API key or admin token; a missing one is no
 * guess and is not counted): past `authFailures.limit` failures within the window, every
 * authenticated request from that client is refused with 429 for a window, the right key included,
 * so that guessing gains nothing. Counted in this instance's memory (rate-limiter-flexible).
 */
@Injectable()
export class FailedAuthenticationLimiter {
  private readonly failures: RateLimiterMemory;

  constructor(@Inject(ISSUER_CONFIG) private readonly config: IssuerConfig) {
    const { limit, windowSeconds } = config.authFailures;
    this.failures = new RateLimiterMemory({
      keyPrefix: 'failed-authentication',
      points: limit,
      duration: windowSeconds,
      blockDuration: windowSeconds,
    });
  }

  /**
   * Runs an authentication for a request: a blocked client is refused first; a credential the
   * authentication finds wrong (an `unauthenticated` error) counts against the client.
   */
  async attempt<T>(request: Request, authenticate: () => T | Promise<T>): Promise<T> {
    const client = clientAddressOf(request);
    const state = await this.failures.get(client);
    if (state && state.consumedPoints > this.config.authFailures.limit) throw rateLimited(state);
    try {
      return await authenticate();
    } catch (error) {
      if (!(error instanceof DomainError && error.kind === 'unauthenticated')) throw error;
      await this.failures.consume(client).catch((over: unknown) => {
        throw over instanceof RateLimiterRes ? rateLimited(over) : over;
      });
      throw error;
    }
  }
}

function rateLimited(state: RateLimiterRes): RequestError {
  return RequestError.rateLimited(Math.max(1, Math.ceil(state.msBeforeNext / 1000)));
}
