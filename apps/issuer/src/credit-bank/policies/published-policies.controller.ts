import { Controller, Get, Header, Param } from '@nestjs/common';
import { PAGE_CSP } from '#service-kit';
import { PoliciesService, type PolicyVersionView } from './policies.service.js';
import { policyPage } from './policy-page.js';
import { versionNumber } from './version-number.js';

/**
 * Public: published policy versions, for anyone (the papers insist that rules are disclosed): as
 * JSON with their approvals, publication and anchor receipt; the text alone, exactly as its digest
 * was taken; and a page a person can read.
 */
@Controller()
export class PublishedPoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  @Get('v1/policies/:id/versions/:version')
  @Header('Cache-Control', 'public, max-age=60')
  version(@Param('id') id: string, @Param('version') version: string): Promise<PolicyVersionView> {
    return this.policies.publishedVersion(id, versionNumber(version));
  }

  @Get('v1/policies/:id/versions/:version/document')
  @Header('Content-Type', 'application/json; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=86400, immutable')
  document(@Param('id') id: string, @Param('version') version: string): Promise<string> {
    return this.policies.publishedDocument(id, versionNumber(version));
  }

  @Get('policies/:id/versions/:version')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', PAGE_CSP(false))
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Referrer-Policy', 'no-referrer')
  @Header('Cache-Control', 'public, max-age=60')
  async page(@Param('id') id: string, @Param('version') version: string): Promise<string> {
    return policyPage(await this.policies.publishedVersion(id, versionNumber(version)));
  }
}
