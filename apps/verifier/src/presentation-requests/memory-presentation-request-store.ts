import {
  type PresentationRequestRecord,
  type PresentationRequestResult,
  type PresentationRequestStore,
  RESULT_RETENTION_MS,
} from './presentation-request-store.js';

/** Requests kept at most; the oldest go first. Bounds what strangers can make one instance hold. */
const MAX_REQUESTS = 10_000;

/** Presentation requests in this process's memory: one verifier instance alone, and a restart forgets them. */
export class MemoryPresentationRequestStore implements PresentationRequestStore {
  private readonly byIds = new Map<string, PresentationRequestRecord>();
  private readonly idOfTransaction = new Map<string, string>();

  constructor(private readonly clock: () => number = Date.now) {}

  async create(record: PresentationRequestRecord): Promise<void> {
    for (const [id, kept] of this.byIds) {
      if (this.byIds.size < MAX_REQUESTS && kept.expiresAt.getTime() + RESULT_RETENTION_MS > this.clock()) break;
      this.byIds.delete(id);
      this.idOfTransaction.delete(kept.transactionId);
    }
    this.byIds.set(record.id, structuredClone(record));
    this.idOfTransaction.set(record.transactionId, record.id);
  }

  async byId(id: string): Promise<PresentationRequestRecord | undefined> {
    const found = this.byIds.get(id);
    return found && structuredClone(found);
  }

  async byTransaction(transactionId: string): Promise<PresentationRequestRecord | undefined> {
    const id = this.idOfTransaction.get(transactionId);
    return id === undefined ? undefined : this.byId(id);
  }

  async answer(id: string, result: PresentationRequestResult, answeredAt: Date): Promise<boolean> {
    const found = this.byIds.get(id);
    if (!found || found.answer || found.expiresAt <= answeredAt) return false;
    found.answer = { answeredAt, result: structuredClone(result) };
    return true;
  }
}
