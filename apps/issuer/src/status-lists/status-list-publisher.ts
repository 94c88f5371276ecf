import { Inject, Injectable, Logger } from '@nestjs/common';
import { signedHashOf } from '#anchoring';
import { issuanceTimestamp, MIN_STATUS_LIST_ENTRIES, statusListCredential, statusListCredentialV2 } from '#schemas';
import { randomUUID } from 'node:crypto';
import { AnchorLeavesRepository } from '../anchoring/anchor-leaves.repository.js';
import { type Transaction, UnitOfWork } from '../database/unit-of-work.js';
import { IssuerIdentityService } from '../identity/issuer-identity.service.js';
import type { IssuedSignedCredential } from '../identity/signed-credential.js';
import { type Institution, issuerProfileOf } from '../institutions/institutions.service.js';
import { ISSUER_CONFIG, type IssuerConfig } from '../issuer.config.js';
import { emptyBits, type ListPurpose } from './list-purposes.js';
import { StatusListsRepository } from './status-lists.repository.js';
import { STATUS_LIST_VERSION_LEAF_SOURCE, StatusListVersionsRepository } from './status-list-versions.repository.js';

/**
 * The one writer of published status list versions. Each version is signed by the institution and
 * kept; its signed hash waits for the next anchoring batch like a credential's does. Changes that
 * arrive while a version is being signed are published together in the next one.
 *
 * The 1-bit revocation and suspension lists, which VCDM 1.1 credentials name, are VCDM 1.1 VC-JWTs
 * of the did:ethr, as they always were. The 2-bit message list, which VCDM 2.0 credentials name, is
 * a VCDM 2.0 BitstringStatusListCredential with a Data Integrity proof (eddsa-rdfc-2022) of the
 * did:web: what the wallets that resolve did:web and check a credential's status (the Learner
 * Credential Wallet's verifier among them) read, and the proof 1EdTech's conformance uses.
 */
@Injectable()
export class StatusListPublisher {
  private readonly logger = new Logger(StatusListPublisher.name);
  private readonly running = new Map<string, Promise<number>>();
  private readonly queued = new Map<string, Promise<number>>();

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly lists: StatusListsRepository,
    private readonly versions: StatusListVersionsRepository,
    private readonly anchorLeaves: AnchorLeavesRepository,
    private readonly identity: IssuerIdentityService,
    @Inject(ISSUER_CONFIG) private readonly config: IssuerConfig,
  ) {}

  /** Where a list is served, and the id its credential carries. */
  urlOf(listId: string): string {
    return `${this.config.publicUrl}/v1/status-lists/${listId}`;
  }

  /**
   * Creates lists of the institution's list set `listNumber`, one per purpose asked for, each with
   * its version 1, in one transaction: no credential can name a list that is not served yet. A set
   * opened before the message list existed gets it the same way. Signing happens before the
   * transaction: the key store needs a connection of its own, which a transaction waiting on locks
   * must never hold up.
   */
  async openListSet(institution: Institution, listNumber: number, purposes: readonly ListPurpose[]): Promise<void> {
    const lists = await Promise.all(
      purposes.map(async (purpose) => {
        const id = randomUUID();
        const bits = emptyBits(purpose);
        return { id, purpose, bits, signed: await this.sign(id, purpose, bits, institution) };
      }),
    );
    await this.unitOfWork.run(async (tx) => {
      for (const list of lists) {
        const created = await this.lists.insertIfAbsent(tx, {
          ...list,
          institutionId: institution.id,
          listNumber,
          entries: MIN_STATUS_LIST_ENTRIES,
        });
        // Another issuance opened this set first: its lists stand, these signatures are dropped.
        if (created) await this.recordVersion(tx, list.id, 1, list.signed);
      }
    });
    this.logger.log(`Status list set ${listNumber} of institution ${institution.id}: ${purposes.join(', ')} list opened`);
  }

  /** Publishes the list's unpublished changes and resolves to the version that holds them. */
  publish(listId: string, institution: Institution): Promise<number> {
    const queued = this.queued.get(listId);
    if (queued) return queued;
    const running = this.running.get(listId);
    if (!running) return this.start(listId, institution);
    const next = running
      .catch(() => undefined)
      .then(() => {
        this.queued.delete(listId);
        return this.start(listId, institution);
      });
    this.queued.set(listId, next);
    return next;
  }

  private start(listId: string, institution: Institution): Promise<number> {
    const publishing = this.publishPending(listId, institution).finally(() => this.running.delete(listId));
    this.running.set(listId, publishing);
    return publishing;
  }

  /**
   * Signs the list as it stands, then records the version only if no other publisher recorded one
   * meanwhile (the version number is the guard); otherwise looks again. No lock is held while signing.
   */
  private async publishPending(listId: string, institution: Institution): Promise<number> {
    for (;;) {
      const list = await this.lists.state(listId, institution.id);
      if (list.publishedChanges === list.changes) return list.version;
      const signed = await this.sign(list.id, list.purpose, list.bits, institution);
      const version = list.version + 1;
      const recorded = await this.unitOfWork.run(async (tx) => {
        if (!(await this.lists.advanceVersion(tx, list))) return false;
        await this.recordVersion(tx, list.id, version, signed);
        return true;
      });
      if (recorded) {
        this.logger.log(`Status list ${list.id} (${list.purpose}) of institution ${institution.id}: version ${version} published`);
        return version;
      }
    }
  }

  private async sign(listId: string, purpose: ListPurpose, bits: Uint8Array, institution: Institution): Promise<IssuedSignedCredential> {
    const url = this.urlOf(listId);
    if (purpose === 'message') {
      const list = statusListCredentialV2({ url, issuer: institution.didWeb, validFrom: issuanceTimestamp(), purpose, bits });
      return (await this.identity.sign(institution, list, { format: 'ldp_vc', identity: 'web', cryptosuite: 'eddsa-rdfc-2022' })).signed;
    }
    const issuer = issuerProfileOf(institution);
    return this.identity.signCredential(statusListCredential({ url, issuer, issuanceDate: issuanceTimestamp(), purpose, bits }), issuer.id);
  }

  /** Keeps the version and asks for its leaf to be anchored, in one transaction. */
  private async recordVersion(tx: Transaction, listId: string, version: number, signed: IssuedSignedCredential): Promise<void> {
    const id = randomUUID();
    await this.versions.insert(tx, { id, listId, version, signed, signedHash: signedHashOf(signed) });
    await this.anchorLeaves.enqueue(tx, { source: STATUS_LIST_VERSION_LEAF_SOURCE, sourceId: id, signed });
  }
}
