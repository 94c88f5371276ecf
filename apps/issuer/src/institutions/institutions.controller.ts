import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { UuidParam, ValidBody } from '#service-kit';
import { type ListQuery, ListQueryPipe } from '../credentials/credentials.dto.js';
import { AdminTokenGuard } from './auth.guards.js';
import { type CreateApiKeyRequest, type CreateInstitutionRequest, createApiKeyBody, createInstitutionBody } from './institutions.dto.js';
import { type CreatedApiKey, type DidEthrChangeView, type Institution, InstitutionsService } from './institutions.service.js';

/** Administration: institutions and their API keys. */
@Controller('v1/admin/institutions')
@UseGuards(AdminTokenGuard)
export class InstitutionsController {
  constructor(private readonly institutions: InstitutionsService) {}

  @Post()
  @HttpCode(201)
  create(@Body(new ValidBody(createInstitutionBody)) body: CreateInstitutionRequest): Promise<Institution> {
    return this.institutions.create(body);
  }

  /** Oldest first, a page at a time (`?limit=1..100&offset=`). */
  @Get()
  list(@Query(new ListQueryPipe()) page: ListQuery): Promise<Institution[]> {
    return this.institutions.list(page);
  }

  @Get(':id')
  get(@Param('id', new UuidParam('id')) id: string): Promise<Institution> {
    return this.institutions.get(id);
  }

  /**
   * New did:web keys (Ed25519 and P-256); the old ones stay in the document, retired, so what they
   * signed still verifies. Answers the document as now served.
   */
  @Post(':id/did-web/rotate-keys')
  @HttpCode(200)
  rotateWebKeys(@Param('id', new UuidParam('id')) id: string): Promise<Record<string, unknown>> {
    return this.institutions.rotateWebKeys(id);
  }

  /**
   * A new owner key for the did:ethr, through a relayed ERC-1056 changeOwner (the anchoring key pays):
   * 202, the change as queued; VC-JWTs are signed with the new key once the chain has it.
   */
  @Post(':id/did-ethr/rotate-key')
  @HttpCode(202)
  rotateEthrKey(@Param('id', new UuidParam('id')) id: string): Promise<DidEthrChangeView> {
    return this.institutions.rotateEthrKey(id);
  }

  /** The changes asked of the did:ethr (its link to the did:web, rotations) and how far each got. */
  @Get(':id/did-ethr/changes')
  ethrChanges(@Param('id', new UuidParam('id')) id: string): Promise<DidEthrChangeView[]> {
    return this.institutions.ethrChanges(id);
  }

  @Post(':id/api-keys')
  @HttpCode(201)
  createApiKey(
    @Param('id', new UuidParam('id')) id: string,
    @Body(new ValidBody(createApiKeyBody)) body: CreateApiKeyRequest,
  ): Promise<CreatedApiKey> {
    return this.institutions.createApiKey(id, body);
  }
}
