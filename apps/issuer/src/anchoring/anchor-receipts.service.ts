import { Inject, Injectable } from '@nestjs/common';
import { type AnchorReader, type AnchorReceipt, isTransientChainError } from '#anchoring';
import { AnchorBatchesRepository } from './anchor-batches.repository.js';
import { AnchorLeavesRepository, type PlacedLeaf } from './anchor-leaves.repository.js';
import { AnchoringError } from './anchoring.errors.js';
import { ANCHOR_READER } from './anchoring.service.js';

/**
 * What anchoring says about the documents features asked it to anchor: whether each is anchored,
 * and its receipt. A receipt served as proof is served only while the chain still has its block:
 * the worker withdraws the receipts of a reorganised block at its next step; asking the chain here
 * (one block read per request) closes the time in between, and holds while no worker runs at all.
 */
@Injectable()
export class AnchorReceiptsService {
  constructor(
    private readonly leaves: AnchorLeavesRepository,
    private readonly batches: AnchorBatchesRepository,
    @Inject(ANCHOR_READER) private readonly reader: AnchorReader,
  ) {}

  /** The receipts the worker stored for these documents of one source, by id; a document not anchored has none. */
  stored(source: string, sourceIds: string[]): Promise<Map<string, AnchorReceipt>> {
    return this.leaves.receipts(source, sourceIds);
  }

  /** The document's receipt, its block still on the chain; null when anchoring was never asked for it. */
  async confirmed(source: string, sourceId: string): Promise<AnchorReceipt | null> {
    return this.checked(await this.leaves.find(source, sourceId));
  }

  /** The same, by the document's leaf. */
  async confirmedByLeaf(source: string, signedHash: string): Promise<AnchorReceipt | null> {
    return this.checked(await this.leaves.findByLeaf(source, signedHash));
  }

  private async checked(leaf: PlacedLeaf | null): Promise<AnchorReceipt | null> {
    if (!leaf) return null;
    if (!leaf.receipt || !leaf.batchId) throw AnchoringError.notAnchoredYet();
    const confirmedIn = await this.batches.blockHashOf(leaf.batchId);
    if ((await this.chainBlockHash(leaf.receipt.blockNumber)) !== confirmedIn) throw AnchoringError.notAnchoredYet();
    return leaf.receipt;
  }

  private async chainBlockHash(blockNumber: number): Promise<string | null> {
    try {
      return await this.reader.blockHash(blockNumber);
    } catch (error) {
      if (isTransientChainError(error)) throw AnchoringError.chainUnavailable();
      throw error;
    }
  }
}
