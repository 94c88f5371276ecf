import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, Req, UseFilters, UseGuards } from '@nestjs/common';
import type { HttpMethod, RequestLike } from '@openid4vc/oauth2';
import type { Request } from 'express';
import { ISSUER_CONFIG, type IssuerConfig } from '../issuer.config.js';
import { OauthErrorFilter } from './oauth-error.filter.js';
import { TokenRateLimitGuard } from './token-rate-limit.guard.js';
import { WalletIssuanceService } from './wallet-issuance.service.js';

/**
 * Each institution's OpenID4VCI credential issuer (and its own authorization server), at
 * `/institutions/<slug>`. The metadata is served where each kind of client looks for it: after the
 * host (`/.well-known/<name>/institutions/<slug>`, RFC 8414 and OpenID4VCI 1.0) and after the path
 * (`/institutions/<slug>/.well-known/<name>`, OpenID Connect discovery and earlier drafts).
 */
@Controller()
@UseFilters(OauthErrorFilter)
export class CredentialIssuerController {
  constructor(
    private readonly wallets: WalletIssuanceService,
    @Inject(ISSUER_CONFIG) private readonly config: IssuerConfig,
  ) {}

  @Get(['.well-known/openid-credential-issuer/institutions/:slug', 'institutions/:slug/.well-known/openid-credential-issuer'])
  @Header('Cache-Control', 'public, max-age=60')
  credentialIssuer(@Param('slug') slug: string): Promise<Record<string, unknown>> {
    return this.wallets.credentialIssuerMetadata(slug);
  }

  @Get([
    '.well-known/oauth-authorization-server/institutions/:slug',
    'institutions/:slug/.well-known/oauth-authorization-server',
    '.well-known/openid-configuration/institutions/:slug',
    'institutions/:slug/.well-known/openid-configuration',
  ])
  @Header('Cache-Control', 'public, max-age=60')
  authorizationServer(@Param('slug') slug: string): Promise<Record<string, unknown>> {
    return this.wallets.authorizationServerMetadata(slug);
  }

  @Get('institutions/:slug/jwks.json')
  @Header('Content-Type', 'application/jwk-set+json')
  @Header('Cache-Control', 'public, max-age=300')
  jwks(): object {
    return this.wallets.jwks();
  }

  @Post('institutions/:slug/token')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @UseGuards(TokenRateLimitGuard)
  token(@Param('slug') slug: string, @Req() request: Request, @Body() body: unknown): Promise<Record<string, unknown>> {
    return this.wallets.token(slug, requestLikeOf(request, this.config.publicUrl), formOf(body));
  }

  @Post('institutions/:slug/nonce')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  nonce(@Param('slug') slug: string): Promise<Record<string, unknown>> {
    return this.wallets.nonce(slug);
  }

  @Post('institutions/:slug/credential')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  credential(@Param('slug') slug: string, @Req() request: Request, @Body() body: unknown): Promise<Record<string, unknown>> {
    return this.wallets.credential(slug, requestLikeOf(request, this.config.publicUrl), formOf(body));
  }
}

/**
 * The request as the libraries check it: its URL as the wallet addressed it (under the issuer's
 * public URL, which a DPoP proof's `htu` must name), its method and its headers.
 */
function requestLikeOf(request: Request, publicUrl: string): RequestLike {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  return { method: request.method as HttpMethod, url: `${publicUrl}${request.path}`, headers };
}

/** A form or JSON body as the libraries take it; anything else is an empty request, which they refuse as such. */
function formOf(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}
