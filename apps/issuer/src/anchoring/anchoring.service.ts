import { Inject, Injectable, Logger } from '@nestjs/common';
import { type AnchorReader, anchorReceiptOf, type AnchorWriter, isTransientChainError, MerkleTree } from '#anchoring';
import { isError } from 'ethers';
import { randomUUID } from 'node:crypto';
import { UnitOfWork } from '../database/unit-of-work.js';
import { ISSUER_CONFIG, type IssuerConfig } from '../issuer.config.js';
import { type AnchorBatch, AnchorBatchesRepository } from './anchor-batches.repository.js';
import { AnchorLeavesRepository, type PendingLeaf } from './anchor-leaves.repository.js';
import { AnchorTransactionsRepository, type StoredTransaction } from './anchor-transactions.repository.js';

export const ANCHOR_READER = Symbol('AnchorReader');
export const ANCHOR_WRITER = Symbol('AnchorWriter');

/** How far back a confirmed batch is re-checked for a reorg, in blocks. */
const REORG_WINDOW_BLOCKS = 128;

export type StepResult = 'idle' | 'built' | 'sent' | 'waiting' | 'confirmed' | 'reopened';

/**
 * Walks batches through built -> submitted -> confirmed, persisting before every irreversible
 * step: the tree before any transaction, each signed transaction before it is sent. On restart the
 * stored state is the plan. Every step first asks the chain: whether a reorg took away the block of
 * a confirmed batch (it is reopened and its receipts withdrawn), and whether the contract already
 * holds the open batch's root (then it is anchored, whoever sent it). Only then does it send: the
 * same signed bytes where they may still be mined, a new transaction at the first nonce nothing of
 * ours holds when the old one can no longer land or waits behind a nonce nothing will fill, a
 * higher fee at the same nonce when it is merely stuck.
 */
@Injectable()
export class AnchoringService {
  private readonly logger = new Logger(AnchoringService.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly leaves: AnchorLeavesRepository,
    private readonly batches: AnchorBatchesRepository,
    private readonly transactions: AnchorTransactionsRepository,
    @Inject(ANCHOR_READER) private readonly reader: AnchorReader,
    @Inject(ANCHOR_WRITER) private readonly writer: AnchorWriter,
    @Inject(ISSUER_CONFIG) private readonly config: IssuerConfig,
  ) {}

  /**
   * One step of work: at most one chain write. The scheduler calls it while it holds the lock. Open
   * batches move on oldest first, each as far as it can: after a reorg, all of them are in flight
   * at once (their nonces follow each other) instead of one confirmation wait after another.
   */
  async step(now = new Date()): Promise<StepResult> {
    if (await this.reopenReorganised()) return 'reopened';
    const open = await this.batches.openBatches();
    for (const batch of open) {
      const result = await this.advance(batch, now);
      if (result !== 'waiting') return result;
    }
    if (open.length > 0) return 'waiting';
    return (await this.buildBatch(now)) ? 'built' : 'idle';
  }

  /** The chain the node serves must be the configured one, before and during sending. */
  async assertChain(): Promise<void> {
    const served = await this.reader.chainId();
    if (served !== this.config.chain.chainId)
      throw new Error(`the chain node serves chain ${served}, not CHAIN_ID ${this.config.chain.chainId}`);
  }

  /** Cuts a batch when enough leaves wait, or the oldest has waited long enough. */
  private async buildBatch(now: Date): Promise<boolean> {
    const { batchSize, maxBatchAgeMs, contract } = this.config.anchoring;
    const pending = await this.leaves.pending(batchSize);
    if (pending.length === 0) return false;
    if (pending.length < batchSize && now.getTime() - pending[0].createdAt.getTime() < maxBatchAgeMs) return false;
    const tree = await MerkleTree.build(pending.map((leaf) => leaf.signedHash));
    const id = randomUUID();
    await this.unitOfWork.run(async (tx) => {
      await this.batches.insert(tx, {
        id,
        root: tree.root,
        leafCount: tree.size,
        treeDump: tree.dump(),
        chainId: this.config.chain.chainId,
        contract,
        createdAt: now,
      });
      const placed = await this.leaves.place(
        tx,
        id,
        pending.map((leaf) => leaf.id),
      );
      if (placed !== pending.length) throw new Error(`batch ${id}: ${placed} of ${pending.length} leaves were still pending`);
    });
    this.logger.log(`Batch ${id}: ${describeSources(pending)}, root ${tree.root}`);
    return true;
  }

  /** Finds where the open batch stands on the chain and does the one thing that moves it on. */
  private async advance(batch: AnchorBatch, now: Date): Promise<StepResult> {
    // Read before the contract: a transaction of ours mined after this read shows in the contract
    // below, so a nonce found consumed while the contract lacks the root went to something that did
    // not anchor it (a transaction of ours that reverted, or not ours at all).
    const minedNonce = await this.reader.minedNonce(this.writer.address);
    const anchoredIn = await this.reader.anchoredBlock(batch.root);
    if (anchoredIn !== null) return this.confirmFromContract(batch, anchoredIn);

    const transactions = await this.transactions.ofBatch(batch.id);
    const latest = transactions[transactions.length - 1];
    if (!latest) return this.submit(batch, await this.freeNonce(minedNonce));
    if (minedNonce > latest.nonce) {
      // A reorg between the two reads above can make the nonce look consumed: decide on a steady view.
      if ((await this.reader.minedNonce(this.writer.address)) !== minedNonce) return 'waiting';
      this.logger.warn(`Batch ${batch.id}: nonce ${latest.nonce} went to a transaction that did not anchor the root`);
      return this.submit(batch, await this.freeNonce(minedNonce));
    }
    if (minedNonce < latest.nonce) {
      // Transactions wait for every lower nonce to be mined. A node that dropped ours (a reorg, a
      // restart, another replica) leaves a gap that nothing will fill: take its nonce instead.
      const free = await this.freeNonce(minedNonce);
      if (free < latest.nonce) {
        this.logger.warn(
          `Batch ${batch.id}: ${latest.hash} (nonce ${latest.nonce}) waits behind nonce ${free}, which nothing of ours holds`,
        );
        return this.submit(batch, free);
      }
    }
    if (!(await this.reader.knowsTransaction(latest.hash))) {
      // Recorded but never sent (a crash in between), or dropped by the node: the same bytes again.
      this.logger.log(`Batch ${batch.id}: re-sending ${latest.hash}`);
      try {
        await this.send(latest.raw);
      } catch (error) {
        // A node may refuse the old bytes for good (their fee cap is below today's base fee, say):
        // the same nonce with higher fees, as for a stuck transaction, while the caps allow.
        if (isTransientChainError(error) || !this.writer.canBump(latest)) throw error;
        this.logger.warn(`Batch ${batch.id}: the node refuses ${latest.hash} (${(error as Error).message}); replacing it`);
        return this.submit(batch, latest.nonce, latest);
      }
      await this.transactions.markSent(latest.hash);
      return 'sent';
    }
    // Only the transaction at the chain's nonce can be stuck on its fee; one behind it waits its turn.
    // A replacement takes the same nonce, which the chain has not mined.
    const stuck = minedNonce === latest.nonce && now.getTime() - latest.lastSentAt.getTime() > this.config.anchoring.stuckAfterMs;
    if (stuck && this.writer.canBump(latest)) return this.submit(batch, latest.nonce, latest);
    return 'waiting';
  }

  /**
   * The contract holds the batch's root: anchored, by our transaction or by anyone who copied it
   * (the receipt proves existence at that block whoever paid). Confirmed once deep enough.
   */
  private async confirmFromContract(batch: AnchorBatch, anchoredIn: number): Promise<StepResult> {
    // A block above the head, or no event in it: a reorg came between the reads; look again next step.
    const head = await this.reader.headNumber();
    if (anchoredIn > head) return 'waiting';
    const anchoring = await this.reader.rootAnchoring(batch.root, anchoredIn);
    if (!anchoring) return 'waiting';
    if (head - anchoring.blockNumber + 1 < this.config.anchoring.confirmations) return 'waiting';
    if (anchoring.submitter.toLowerCase() !== this.writer.address.toLowerCase()) {
      this.logger.warn(
        `Batch ${batch.id}: root anchored by ${anchoring.submitter} in ${anchoring.txHash}, not by us; confirmed from the contract's record`,
      );
    }
    const anchoredAt = (await this.reader.blockTime(anchoring.blockNumber)) ?? new Date();
    const tree = await MerkleTree.load(batch.treeDump);
    // The tree dump lists the leaves by index, as the batch placed them; each receipt names its leaf's format.
    const formats = await this.leaves.formatsOf(batch.id);
    if (formats.length !== batch.treeDump.values.length)
      throw new Error(`batch ${batch.id}: ${formats.length} leaves placed for ${batch.treeDump.values.length} in its tree`);
    const receipts = batch.treeDump.values.map((leaf, index) =>
      anchorReceiptOf(formats[index], {
        leaf,
        proof: tree.proof(index),
        root: batch.root,
        chainId: batch.chainId,
        contract: batch.contract,
        txHash: anchoring.txHash,
        blockNumber: anchoring.blockNumber,
        anchoredAt: anchoredAt.toISOString(),
      }),
    );
    await this.unitOfWork.run(async (tx) => {
      await this.batches.markConfirmed(tx, batch.id, { ...anchoring, anchoredAt });
      await this.leaves.storeReceipts(tx, batch.id, receipts);
    });
    this.logger.log(
      `Batch ${batch.id}: anchored in block ${anchoring.blockNumber} by ${anchoring.txHash}; ${receipts.length} receipts stored`,
    );
    return 'confirmed';
  }

  /** Signs the batch's root at `nonce` (replacing `previous` with a higher fee when given), records, then sends. */
  private async submit(batch: AnchorBatch, nonce: number, previous?: StoredTransaction): Promise<StepResult> {
    // A reorg after this step's first look makes the chain look as if our older transactions were
    // never sent (a nonce gap, a nonce gone): look again before signing anything new on that view.
    if (await this.reopenReorganised()) return 'reopened';
    await this.assertChain();
    const fees = await this.writer.fees(
      previous && { maxFeePerGas: previous.maxFeePerGas, maxPriorityFeePerGas: previous.maxPriorityFeePerGas },
    );
    const signed = await this.writer.sign(batch.root, batch.leafCount, nonce, fees);
    await this.unitOfWork.run(async (tx) => {
      await this.transactions.record(tx, batch.id, signed);
      await this.batches.markSubmitted(tx, batch.id);
    });
    this.logger.log(
      `Batch ${batch.id}: ${previous ? 'replacing with' : 'sending'} ${signed.hash} (nonce ${nonce}, max fee ${fees.maxFeePerGas} wei)`,
    );
    await this.send(signed.raw);
    return 'sent';
  }

  /**
   * The first nonce at or above the chain's that no transaction of ours waiting in the node holds:
   * usually the chain's own, higher while one of ours is still queued (one that a stranger's copy
   * made pointless, say), so a new transaction never collides with it.
   */
  private async freeNonce(minedNonce: number): Promise<number> {
    let nonce = minedNonce;
    for (const transaction of await this.transactions.from(minedNonce)) {
      if (transaction.nonce > nonce) break;
      if (transaction.nonce === nonce && (await this.reader.knowsTransaction(transaction.hash))) nonce++;
    }
    return nonce;
  }

  /**
   * Every confirmed batch still within reach of a reorg is compared with the chain, whatever is open:
   * those whose block the chain no longer has go back to `submitted`, oldest first, their receipts
   * withdrawn. Ethers sends the block reads as one batch.
   */
  private async reopenReorganised(): Promise<boolean> {
    const recent = await this.batches.confirmedSince((await this.reader.headNumber()) - REORG_WINDOW_BLOCKS);
    const heights = [...new Set(recent.map((batch) => batch.blockNumber!))];
    const hashes = new Map(await Promise.all(heights.map(async (height) => [height, await this.reader.blockHash(height)] as const)));
    const vanished = recent.filter((batch) => hashes.get(batch.blockNumber!) !== batch.blockHash);
    if (vanished.length === 0) return false;
    for (const batch of vanished)
      this.logger.warn(`Batch ${batch.id}: block ${batch.blockNumber} was reorganised away; receipts withdrawn, anchoring again`);
    const ids = vanished.map((batch) => batch.id);
    await this.unitOfWork.run(async (tx) => {
      await this.batches.reopen(tx, ids);
      await this.leaves.withdrawReceipts(tx, ids);
    });
    return true;
  }

  /** Sends signed bytes; a nonce the chain took meanwhile is for the next step to see, not an error. */
  private async send(raw: string): Promise<void> {
    await this.assertChain();
    try {
      await this.writer.send(raw);
    } catch (error) {
      if (!isError(error, 'NONCE_EXPIRED')) throw error;
      this.logger.log('The nonce was mined meanwhile; looking again');
    }
  }
}

/** How many leaves of each source a batch holds, for the log: `3 credential, 1 status-list-version`. */
function describeSources(leaves: PendingLeaf[]): string {
  const counts = new Map<string, number>();
  for (const { source } of leaves) counts.set(source, (counts.get(source) ?? 0) + 1);
  return [...counts].map(([source, count]) => `${count} ${source}`).join(', ');
}
