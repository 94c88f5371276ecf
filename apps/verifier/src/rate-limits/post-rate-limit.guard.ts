import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { clientAddressOf, RequestError } from '#service-kit';
import type { Request } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { VERIFIER_CONFIG, type VerifierConfig } from '../verifier.config.js';

/**
 * Per-client limits on the verifier's POST endpoints (verify a credential or a presentation, ask
 * for a challenge, make a link, check a pasted credential): each runs a verification or keeps
 * state, and anyone may call them. Every endpoint counts on its own, per client, in this instance's
 * memory (rate-limiter-flexible); pages and links are read freely.
 */
@Injectable()
export class PostRateLimitGuard implements CanActivate {
  private readonly requests: RateLimiterMemory;

  constructor(@Inject(VERIFIER_CONFIG) config: VerifierConfig) {
    this.requests = new RateLimiterMemory({
      keyPrefix: 'verifier-post',
      points: config.rateLimit.limit,
      duration: config.rateLimit.windowSeconds,
    });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    if (request.method !== 'POST') return true;
    const endpoint = `${context.getClass().name}.${context.getHandler().name}`;
    await this.requests.consume(`${endpoint} ${clientAddressOf(request)}`).catch((over: unknown) => {
      throw over instanceof RateLimiterRes ? RequestError.rateLimited(Math.max(1, Math.ceil(over.msBeforeNext / 1000))) : over;
    });
    return true;
  }
}
