import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Oauth2ErrorCodes, Oauth2ServerErrorResponseError } from '@openid4vc/oauth2';
import { clientAddressOf } from '#service-kit';
import type { Request, Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ISSUER_CONFIG, type IssuerConfig } from '../issuer.config.js';

/**
 * Per-client limit on the token endpoint: a pre-authorized code (and a tx_code) is a bearer secret,
 * so guessing must not be cheap. Counted per client in this instance's memory (rate-limiter-flexible,
 * as the verifier's POST limits and the issuer's failed-authentication limit are); past the limit the
 * answer is OAuth's own error shape, 429 with `Retry-After`.
 */
@Injectable()
export class TokenRateLimitGuard implements CanActivate {
  private readonly requests: RateLimiterMemory;

  constructor(@Inject(ISSUER_CONFIG) config: IssuerConfig) {
    const { limit, windowSeconds } = config.walletOffers.tokenRateLimit;
    this.requests = new RateLimiterMemory({ keyPrefix: 'openid4vci-token', points: limit, duration: windowSeconds });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    await this.requests.consume(clientAddressOf(http.getRequest<Request>())).catch((over: unknown) => {
      if (!(over instanceof RateLimiterRes)) throw over;
      http.getResponse<Response>().setHeader('Retry-After', String(Math.max(1, Math.ceil(over.msBeforeNext / 1000))));
      throw new Oauth2ServerErrorResponseError(
        { error: Oauth2ErrorCodes.InvalidRequest, error_description: 'Too many token requests from this client; try again later.' },
        { status: 429 },
      );
    });
    return true;
  }
}
