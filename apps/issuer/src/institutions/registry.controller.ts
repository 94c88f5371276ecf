import { Controller, Get, Header } from '@nestjs/common';
import type { IssuerRegistry } from '#schemas';
import { InstitutionsService } from './institutions.service.js';

/** Public: the institutions this service issues for, for verifiers whose operators choose to trust it. */
@Controller('v1/registry')
export class RegistryController {
  constructor(private readonly institutions: InstitutionsService) {}

  @Get()
  @Header('Cache-Control', 'public, max-age=300')
  async registry(): Promise<IssuerRegistry> {
    const institutions = await this.institutions.list();
    return { type: 'IssuerRegistry', version: 1, institutions: institutions.map(({ did, name, url }) => ({ did, name, url })) };
  }
}
