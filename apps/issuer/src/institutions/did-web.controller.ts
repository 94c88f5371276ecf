import { Controller, Get, Header, Param } from '@nestjs/common';
import { IssuerIdentityService } from '../identity/issuer-identity.service.js';
import { SLUG_PATTERN } from './institution-slug.js';
import { InstitutionError } from './institutions.errors.js';
import { InstitutionsService } from './institutions.service.js';

/**
 * Public: each institution's did:web document, where the did:web method looks for it (the DID's
 * path under the issuer's public URL, then `did.json`). Cached briefly: a rotation adds keys, and
 * credentials signed with a new key verify once verifiers read the document again.
 */
@Controller('institutions')
export class DidWebController {
  constructor(
    private readonly institutions: InstitutionsService,
    private readonly identity: IssuerIdentityService,
  ) {}

  @Get(':slug/did.json')
  @Header('Cache-Control', 'public, max-age=60')
  async document(@Param('slug') slug: string): Promise<Record<string, unknown>> {
    if (!SLUG_PATTERN.test(slug)) throw InstitutionError.slugNotFound(slug);
    return this.identity.didWebDocument(await this.institutions.findBySlug(slug));
  }
}
