import { type CanActivate, createParamDecorator, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ISSUER_CONFIG, type IssuerConfig } from '../issuer.config.js';
import { FailedAuthenticationLimiter } from './failed-authentication-limiter.js';
import { InstitutionError } from './institutions.errors.js';
import { type Institution, InstitutionsService } from './institutions.service.js';

type AuthenticatedRequest = Request & { institution?: Institution };

function bearerToken(request: Request): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/**
 * Admin endpoints: the admin token from the configuration, compared in constant time. A client that
 * sends wrong tokens too often is refused for a while (FailedAuthenticationLimiter).
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(
    @Inject(ISSUER_CONFIG) config: IssuerConfig,
    private readonly limiter: FailedAuthenticationLimiter,
  ) {
    this.expected = createHash('sha256').update(config.adminToken).digest();
  }

  canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const token = bearerToken(request);
    if (!token) throw InstitutionError.adminTokenRequired();
    return this.limiter.attempt(request, () => {
      if (!timingSafeEqual(createHash('sha256').update(token).digest(), this.expected)) throw InstitutionError.adminTokenInvalid();
      return true;
    });
  }
}

/**
 * Institution endpoints: the caller's API key decides which institution every query is scoped to.
 * A client that sends wrong keys too often is refused for a while (FailedAuthenticationLimiter).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly institutions: InstitutionsService,
    private readonly limiter: FailedAuthenticationLimiter,
  ) {}

  canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const headerKey = request.headers['x-api-key'];
    const key = bearerToken(request) ?? (typeof headerKey === 'string' ? headerKey : undefined);
    if (!key) throw InstitutionError.apiKeyRequired();
    return this.limiter.attempt(request, async () => {
      request.institution = await this.institutions.authenticate(key);
      return true;
    });
  }
}

/** The institution authenticated by ApiKeyGuard. */
export const CallingInstitution = createParamDecorator((_: unknown, context: ExecutionContext): Institution => {
  const institution = context.switchToHttp().getRequest<AuthenticatedRequest>().institution;
  // Only reachable when a route forgot ApiKeyGuard: a programming error, not a client's.
  if (!institution) throw new Error('CallingInstitution used on a route without ApiKeyGuard');
  return institution;
});
