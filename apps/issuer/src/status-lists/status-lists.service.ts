import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  type MessageStatusListEntry,
  messageStatusListEntry,
  MIN_STATUS_LIST_ENTRIES,
  STATUS_PURPOSES,
  type StatusListEntry,
  statusListEntry,
  type StatusPurpose,
} from '#schemas';
import type { AnchorReceipt } from '#anchoring';
import { randomInt } from 'node:crypto';
import { type Institution, InstitutionsService } from '../institutions/institutions.service.js';
import { AnchorReceiptsService } from '../anchoring/anchor-receipts.service.js';
import { type Transaction, UnitOfWork } from '../database/unit-of-work.js';
import { handedOut, signedCredentialOf } from '../identity/signed-credential.js';
import { LIST_PURPOSES, messageValueOf, type StatusEntryKind } from './list-purposes.js';
import { CredentialStatusesRepository } from './credential-statuses.repository.js';
import { StatusChangesRepository } from './status-changes.repository.js';
import type { StatusUpdateRequest } from './status-lists.dto.js';
import { StatusListError } from './status-lists.errors.js';
import { type StatusListRef, StatusListsRepository } from './status-lists.repository.js';
import { StatusListPublisher } from './status-list-publisher.js';
import { type PublishedVersion, STATUS_LIST_VERSION_LEAF_SOURCE, StatusListVersionsRepository } from './status-list-versions.repository.js';
import { type CredentialStatusState, purposeOf, transitionOf } from './status-transition.js';

/**
 * Random probes for a free index before a list set counts as full and the next one opens. At 95%
 * full, 64 probes all miss with probability 0.95^64 ≈ 4%; sets fill to about that before moving on.
 */
const PROBES_PER_LIST_SET = 64;

/** An index drawn for a new credential, and the `credentialStatus` entries that name it in each data model. */
export interface StatusSlot {
  listNumber: number;
  index: number;
  /** What a VCDM 1.1 credential carries: an entry in the set's revocation list and one in its suspension list. */
  twoLists: StatusListEntry[];
  /** What a VCDM 2.0 credential carries: its one entry, in the set's 2-bit message list. */
  message: MessageStatusListEntry;
}

export interface StatusUpdateResult {
  credentialId: string;
  revoked: boolean;
  suspended: boolean;
  /** The list version that publishes the credential's status: new when it changed. */
  published: { statusListCredential: string; version: number };
}

export interface StatusListVersionView {
  version: number;
  publishedAt: string;
  signedHash: string;
  /** The signed list as handed out: a VC-JWT decoded with its JWT as `proof.jwt`, or a Data Integrity document. */
  verifiableCredential: Record<string, unknown>;
  /** Null until the version's batch is anchored. */
  anchorReceipt: AnchorReceipt | null;
}

@Injectable()
export class StatusListsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(StatusListsService.name);
  private readonly currentSets = new Map<string, { listNumber: number; lists: StatusListRef[] }>();

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly lists: StatusListsRepository,
    private readonly statuses: CredentialStatusesRepository,
    private readonly changes: StatusChangesRepository,
    private readonly publishedVersions: StatusListVersionsRepository,
    private readonly publisher: StatusListPublisher,
    private readonly anchoring: AnchorReceiptsService,
    private readonly institutions: InstitutionsService,
  ) {}

  /** Publishes what a crash left stored but unpublished, so no change waits for the next one on its list. */
  async onApplicationBootstrap(): Promise<void> {
    for (const { listId, institutionId } of await this.lists.unpublished()) {
      const version = await this.publisher.publish(listId, await this.institutions.get(institutionId));
      this.logger.warn(`Status list ${listId} had unpublished changes at start-up; published them as version ${version}`);
    }
  }

  /**
   * A random index that looks free for a new credential, the same in each purpose's list of the
   * current set, with the entries its `credentialStatus` carries. Random so that neighbours in a list
   * say nothing about each other. Nothing is held: the credential is signed with it, then `claim`
   * takes it in the transaction that stores the credential.
   */
  async draw(institution: Institution): Promise<StatusSlot> {
    let { listNumber, lists } = await this.currentSet(institution);
    for (;;) {
      for (let probe = 0; probe < PROBES_PER_LIST_SET; probe++) {
        const index = randomInt(MIN_STATUS_LIST_ENTRIES);
        if (await this.statuses.looksFree(institution.id, listNumber, index)) {
          const urlOf = (purpose: StatusListRef['purpose']) => this.publisher.urlOf(lists.find((list) => list.purpose === purpose)!.id);
          return {
            listNumber,
            index,
            twoLists: STATUS_PURPOSES.map((purpose: StatusPurpose) => statusListEntry(urlOf(purpose), purpose, index)),
            message: messageStatusListEntry(urlOf('message'), index),
          };
        }
      }
      this.logger.log(`Status list set ${listNumber} of institution ${institution.id} is full; opening set ${listNumber + 1}`);
      ({ listNumber, lists } = await this.openSet(institution, listNumber + 1));
    }
  }

  /**
   * Takes a drawn index for the credential, in the caller's transaction; false when another
   * issuance took it since it was drawn. The unique index in the database makes two never share one.
   */
  claim(tx: Transaction, institution: Institution, credentialId: string, slot: StatusSlot, statusEntry: StatusEntryKind): Promise<boolean> {
    return this.statuses.claim(tx, institution.id, credentialId, { listNumber: slot.listNumber, index: slot.index, statusEntry });
  }

  /**
   * The set new credentials of the institution go into, remembered: a set's lists never change, so
   * issuance costs one query. Another instance may open a newer set meanwhile; this one keeps
   * filling its own until that is full, which is as good.
   */
  private async currentSet(institution: Institution): Promise<{ listNumber: number; lists: StatusListRef[] }> {
    const known = this.currentSets.get(institution.id);
    if (known) return known;
    const listNumber = await this.lists.currentListNumber(institution.id);
    return this.openSet(institution, listNumber ?? 0);
  }

  /** The set's lists, each purpose's created if missing (a new set, or one opened before the message list). */
  private async openSet(institution: Institution, listNumber: number): Promise<{ listNumber: number; lists: StatusListRef[] }> {
    const existing = await this.lists.listSet(institution.id, listNumber);
    const missing = LIST_PURPOSES.filter((purpose) => !existing.some((list) => list.purpose === purpose));
    if (missing.length > 0) await this.publisher.openListSet(institution, listNumber, missing);
    return this.remember(institution.id, listNumber);
  }

  /** The lists of a set as stored: when two issuances open one set at once, the first one's lists stand. */
  private async remember(institutionId: string, listNumber: number): Promise<{ listNumber: number; lists: StatusListRef[] }> {
    const set = { listNumber, lists: await this.lists.listSet(institutionId, listNumber) };
    this.currentSets.set(institutionId, set);
    return set;
  }

  /** Whether the institution's credential is revoked or suspended now; null when it has no status. */
  stateOf(institution: Institution, credentialId: string): Promise<CredentialStatusState | null> {
    return this.statuses.state(institution.id, credentialId);
  }

  /**
   * Applies a requested status: the credential's entry (locked), the audit record and the list's bit
   * move in one transaction, or not at all; then the list is published. Null when the institution
   * has no credential with a status of this id.
   */
  async update(institution: Institution, request: StatusUpdateRequest): Promise<StatusUpdateResult | null> {
    const { credentialId, reason } = request;
    const requested = request.credentialStatus[0].status;
    const result = await this.unitOfWork.run(async (tx) => {
      const entry = await this.statuses.lock(tx, institution.id, credentialId);
      if (!entry) return null;
      const state = { revoked: entry.revoked, suspended: entry.suspended };
      const transition = transitionOf(state, requested);
      const message = entry.statusEntry === 'message';
      if (transition.kind !== 'change') {
        const purpose = message ? 'message' : purposeOf(requested);
        return { transition, state, listId: await this.lists.idOf(tx, institution.id, purpose, entry.listNumber) };
      }
      await this.statuses.update(tx, credentialId, transition.next);
      await this.changes.insert(tx, { credentialId, institutionId: institution.id, status: requested, reason });
      const listId = message
        ? await this.lists.setMessage(tx, institution.id, entry.listNumber, entry.statusIndex, messageValueOf(transition.next))
        : await this.lists.setBit(tx, institution.id, transition.purpose, entry.listNumber, entry.statusIndex, transition.on);
      return { transition, state: transition.next, listId };
    });
    if (!result) return null;
    if (result.transition.kind === 'refused') throw StatusListError.revokedIsFinal(credentialId);
    // Published even when nothing changed now: a retry after a change was stored but, through a
    // crash, not yet published is what publishes it.
    const version = await this.publisher.publish(result.listId, institution);
    const changed = result.transition.kind === 'change';
    this.logger.log(
      `Credential ${credentialId} of institution ${institution.id}: ${requested}${changed ? '' : ' (unchanged)'}, list version ${version}`,
    );
    return { credentialId, ...result.state, published: { statusListCredential: this.publisher.urlOf(result.listId), version } };
  }

  /** The list as served now: its latest version. */
  async current(listId: string): Promise<StatusListVersionView> {
    const latest = await this.publishedVersions.latest(listId);
    if (!latest) throw StatusListError.listNotFound(listId);
    return (await this.viewsOf([latest]))[0];
  }

  async versions(listId: string, page: { limit: number; offset: number }): Promise<StatusListVersionView[]> {
    if (!(await this.publishedVersions.latest(listId))) throw StatusListError.listNotFound(listId);
    return this.viewsOf(await this.publishedVersions.page(listId, page));
  }

  async version(listId: string, version: number): Promise<StatusListVersionView> {
    const found = await this.publishedVersions.find(listId, version);
    if (!found) throw StatusListError.versionNotFound(listId, version);
    return (await this.viewsOf([found]))[0];
  }

  /** The versions as served, each with the receipt anchoring holds for it. */
  private async viewsOf(versions: PublishedVersion[]): Promise<StatusListVersionView[]> {
    const receipts = await this.anchoring.stored(
      STATUS_LIST_VERSION_LEAF_SOURCE,
      versions.map((version) => version.id),
    );
    return versions.map((version) => ({
      version: version.version,
      publishedAt: version.publishedAt.toISOString(),
      signedHash: version.signedHash,
      verifiableCredential: handedOut(signedCredentialOf(version.signed)),
      anchorReceipt: receipts.get(version.id) ?? null,
    }));
  }
}
