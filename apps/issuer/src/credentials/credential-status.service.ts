import { Injectable } from '@nestjs/common';
import type { Institution } from '../institutions/institutions.service.js';
import type { StatusUpdateRequest } from '../status-lists/status-lists.dto.js';
import { StatusListError } from '../status-lists/status-lists.errors.js';
import { StatusListsService, type StatusUpdateResult } from '../status-lists/status-lists.service.js';
import { CredentialIssuanceError } from './credentials.errors.js';
import { IssuedCredentialsRepository } from './issued-credentials.repository.js';

/** What a status change did: the credential's new status, and the other credentials of its family it was applied to. */
export type FamilyStatusUpdateResult = StatusUpdateResult & { linkedCredentials?: string[] };

/** Status changes of the institution's own credentials, through their status lists. */
@Injectable()
export class CredentialStatusService {
  constructor(
    private readonly statusLists: StatusListsService,
    private readonly repository: IssuedCredentialsRepository,
  ) {}

  /**
   * Changes a credential's status, and then the same for the rest of its family (the credential it
   * was derived from for a wallet, and every wallet's copy of it): revoking or suspending one changes
   * all. Each list change commits and publishes on its own; a retry of the same request after a
   * failure half-way applies what is missing (an unchanged status is published again, not refused).
   * A copy already revoked stays revoked: that is the strongest status, and final.
   */
  async change(institution: Institution, request: StatusUpdateRequest): Promise<FamilyStatusUpdateResult> {
    const result = await this.statusLists.update(institution, request);
    const { credentialId } = request;
    if (!result) {
      throw (await this.repository.findOne(institution.id, credentialId))
        ? CredentialIssuanceError.withoutStatus(credentialId)
        : CredentialIssuanceError.notFound(credentialId);
    }
    const linked = await this.repository.family(institution.id, credentialId);
    for (const id of linked) {
      await this.statusLists.update(institution, { ...request, credentialId: id }).catch((error: unknown) => {
        if (!(error instanceof StatusListError && error.code === 'CREDENTIAL_REVOKED')) throw error;
      });
    }
    return linked.length > 0 ? { ...result, linkedCredentials: linked } : result;
  }
}
