import { Controller, Get, Header, Headers, Param, Query, Res } from '@nestjs/common';
import { isUuid, RequestError } from '#service-kit';
import type { Response } from 'express';
import { type ListQuery, ListQueryPipe } from '../credentials/credentials.dto.js';
import { StatusListError } from './status-lists.errors.js';
import { type StatusListVersionView, StatusListsService } from './status-lists.service.js';

/** A list id that is not one of ours cannot name a list: not found, without asking the database. */
function listId(id: string): string {
  if (!isUuid(id)) throw StatusListError.listNotFound(id);
  return id.toLowerCase();
}

/**
 * Public: the lists verifiers fetch, with their history. A list's version changes only when a
 * status does, so verifiers may cache it briefly and revalidate cheaply with its ETag (the hash of
 * the signed list, the same as its anchoring leaf).
 */
@Controller('v1/status-lists')
export class StatusListsController {
  constructor(private readonly statusLists: StatusListsService) {}

  @Get(':id')
  @Header('Cache-Control', 'public, max-age=60, must-revalidate')
  async current(
    @Param('id') id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Record<string, unknown> | undefined> {
    const current = await this.statusLists.current(listId(id));
    const etag = `"${current.signedHash}"`;
    response.setHeader('ETag', etag);
    if (ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      response.status(304);
      return undefined;
    }
    return current.verifiableCredential;
  }

  /** Newest first, a page at a time (`?limit=1..100&offset=`). */
  @Get(':id/versions')
  versions(@Param('id') id: string, @Query(new ListQueryPipe()) page: ListQuery): Promise<StatusListVersionView[]> {
    return this.statusLists.versions(listId(id), page);
  }

  @Get(':id/versions/:version')
  version(@Param('id') id: string, @Param('version') version: string): Promise<StatusListVersionView> {
    if (!/^[1-9]\d{0,8}$/.test(version)) throw RequestError.invalidParameter('version', 'a positive integer');
    return this.statusLists.version(listId(id), Number(version));
  }
}
