import { Injectable } from '@nestjs/common';
import type { Transaction } from '../database/unit-of-work.js';
import type { RequestedStatus } from './status-transition.js';

/** The `status_changes` table: who changed what and why. The reason stays here: lists publish bits, never reasons. */
@Injectable()
export class StatusChangesRepository {
  async insert(
    tx: Transaction,
    change: { credentialId: string; institutionId: string; status: RequestedStatus; reason: string },
  ): Promise<void> {
    await tx.query(`INSERT INTO status_changes (credential_id, institution_id, status, reason) VALUES ($1, $2, $3, $4)`, [
      change.credentialId,
      change.institutionId,
      change.status,
      change.reason,
    ]);
  }
}
