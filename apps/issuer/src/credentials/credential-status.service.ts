import { Injectable } from '@nestjs/common';
import type { Institution } from '../institutions/institutions.service.js';
import type { StatusUpdateRequest } from '../status-lists/status-lists.dto.js';
import { StatusListsService, type StatusUpdateResult } from '../status-lists/status-lists.service.js';
import { CredentialIssuanceError } from './credentials.errors.js';
import { IssuedCredentialsRepository } from './issued-credentials.repository.js';

/** Status changes of the institution's own credentials, through their status lists. */
@Injectable()
export class CredentialStatusService {
  constructor(
    private readonly statusLists: StatusListsService,
    private readonly repository: IssuedCredentialsRepository,
  ) {}

  async change(institution: Institution, request: StatusUpdateRequest): Promise<StatusUpdateResult> {
    const result = await this.statusLists.update(institution, request);
    if (result) return result;
    const { credentialId } = request;
    throw (await this.repository.findOne(institution.id, credentialId))
      ? CredentialIssuanceError.withoutStatus(credentialId)
      : CredentialIssuanceError.notFound(credentialId);
  }
}
