import { Controller, Get, Header, Query } from '@nestjs/common';
import type { IssuerRegistry } from '#schemas';
import { RequestError } from '#service-kit';
import { InstitutionsService } from './institutions.service.js';

/**
 * Public: the institutions this service issues for, for verifiers whose operators choose to trust
 * it, a page at a time (REGISTRY_PAGE_SIZE); each page but the last names the `next` one.
 */
@Controller('v1/registry')
export class RegistryController {
  constructor(private readonly institutions: InstitutionsService) {}

  @Get()
  @Header('Cache-Control', 'public, max-age=300')
  registry(@Query('after') after?: unknown): Promise<IssuerRegistry> {
    if (after !== undefined && typeof after !== 'string') throw RequestError.invalidParameter('after', 'one cursor');
    return this.institutions.registryPage(after);
  }
}
