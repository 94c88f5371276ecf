import { Inject, Injectable, Logger } from '@nestjs/common';
import { type AnchorReader, type AnchorReceipt, type AnchorWriter, MERKLE_TREE_FORMAT, MerkleTree } from '#anchoring';
import { isError } from 'ethers';
import { randomUUID } from 'node:crypto';
import { ISSUER_CONFIG, type IssuerConfig } from '../issuer.config.js';
import { type AnchorBatch, AnchorBatchesRepository, type StoredTransaction } from './anchor-batches.repository.js';

export const ANCHOR_READER = Symbol('AnchorReader');
export const ANCHOR_WRITER = Symbol('AnchorWriter');

/** How far back a confirmed batch is re-checked for a reorg, in blocks. */
const REORG_WINDOW_BLOCKS = 128;

export type StepResult = 'idle' | 'built' | 'sent' | 'waiting' | 'confirmed' | 'reopened';

/**
 * Walks batches through built -> submitted -> confirmed, persisting before every irreversible
 * step: the tree before any transaction, each signed transaction before it is sent. On restart the
 * stored state is the plan: the chain is asked before anything is re-sent, the same signed bytes are
 * re-sent where they may still be mined, and a root is never sent in two live transactions with
 * different nonces while one of them could still land.
 */
@Injectable()
export class AnchoringService {
  private readonly logger = new Logger(AnchoringService.name);

  constructor(
    private readonly batches: AnchorBatchesRepository,
    @Inject(ANCHOR_READER) private readonly reader: AnchorReader,
    @Inject(ANCHOR_WRITER) private readonly writer: AnchorWriter,
    @Inject(ISSUER_CONFIG) private readonly config: IssuerConfig,
  ) {}

  /** One step of work: at most one chain write. The scheduler calls it while it holds the lock. */
  async step(now = new Date()): Promise<StepResult> {
    const open = await this.batches.openBatch();
    if (open?.status === 'built') return this.submit(open);
    if (open?.status === 'submitted') return this.followUp(open, now);
    if (await this.recheckConfirmed()) return 'reopened';
    return (await this.buildBatch(now)) ? 'built' : 'idle';
  }

  /** The chain the node serves must be the configured one, before and during sending. */
  async assertChain(): Promise<void> {
    const served = await this.reader.chainId();
    if (served !== this.config.chain.chainId) throw new Error(`the chain node serves chain ${served}, not CHAIN_ID ${this.config.chain.chainId}`);
  }

  /** Cuts a batch when enough leaves wait, or the oldest has waited long enough. */
  private async buildBatch(now: Date): Promise<boolean> {
    const { batchSize, maxBatchAgeMs, contract } = this.config.anchoring;
    const pending = await this.batches.pendingLeaves(batchSize);
    if (pending.length === 0) return false;
    if (pending.length < batchSize && now.getTime() - pending[0].createdAt.getTime() < maxBatchAgeMs) return false;
    const tree = await MerkleTree.build(pending.map((leaf) => leaf.signedHash));
    const id = randomUUID();
    await this.batches.createBatch(
      { id, root: tree.root, leafCount: tree.size, treeDump: tree.dump(), chainId: this.config.chain.chainId, contract, createdAt: now },
      pending.map(({ source, id: leafId }) => ({ source, id: leafId })),
    );
    const lists = pending.filter((leaf) => leaf.source === 'status-list-version').length;
    this.logger.log(`Batch ${id}: ${tree.size - lists} credentials and ${lists} status list versions, root ${tree.root}`);
    return true;
  }

  /** Signs with the next nonce, records, then sends. */
  private async submit(batch: AnchorBatch, previous?: StoredTransaction): Promise<StepResult> {
    if (await this.alreadyAnchored(batch)) return 'waiting';
    await this.assertChain();
    const nonce = previous?.nonce ?? (await this.reader.minedNonce(this.writer.address));
    const fees = await this.writer.fees(previous && { maxFeePerGas: previous.maxFeePerGas, maxPriorityFeePerGas: previous.maxPriorityFeePerGas });
    const signed = await this.writer.sign(batch.root, batch.leafCount, nonce, fees);
    await this.batches.recordTransaction(batch.id, signed);
    this.logger.log(`Batch ${batch.id}: ${previous ? 'replacing with' : 'sending'} ${signed.hash} (nonce ${nonce}, max fee ${fees.maxFeePerGas} wei)`);
    await this.send(signed.raw);
    return 'sent';
  }

  /** Finds where the batch's transaction stands and does the one thing that moves it on. */
  private async followUp(batch: AnchorBatch, now: Date): Promise<StepResult> {
    const transactions = await this.batches.transactions(batch.id);
    // Read before the receipts: a transaction of ours mined after this read still shows below,
    // so a nonce found consumed with none of ours mined was consumed by something else.
    const minedNonce = await this.reader.minedNonce(this.writer.address);
    for (const transaction of transactions) {
      const mined = await this.reader.minedTransaction(transaction.hash);
      if (mined?.status !== 'succeeded') continue;
      const depth = (await this.reader.headNumber()) - mined.blockNumber + 1;
      if (depth < this.config.anchoring.confirmations) return 'waiting';
      await this.confirm(batch, transaction.hash, mined.blockNumber, mined.blockHash);
      return 'confirmed';
    }
    const latest = transactions[transactions.length - 1];
    if (!latest) return this.submit(batch);
    if (minedNonce > latest.nonce) {
      // The nonce was used by a transaction that is none of this batch's: a new one is needed.
      this.logger.warn(`Batch ${batch.id}: nonce ${latest.nonce} was consumed elsewhere; signing anew`);
      return this.submit(batch);
    }
    if (!(await this.reader.knowsTransaction(latest.hash))) {
      // Recorded but never sent (a crash in between), or dropped by a reorg: the same bytes again.
      this.logger.log(`Batch ${batch.id}: re-sending ${latest.hash}`);
      try {
        await this.send(latest.raw);
      } catch (error) {
        // Mined meanwhile: the next look finds its receipt.
        if (!isError(error, 'NONCE_EXPIRED')) throw error;
      }
      return 'sent';
    }
    const stuck = now.getTime() - latest.createdAt.getTime() > this.config.anchoring.stuckAfterMs;
    if (stuck && this.writer.canBump(latest)) return this.submit(batch, latest);
    return 'waiting';
  }

  /** A root our contract already holds (from a transaction mined before a crash) needs no new one. */
  private async alreadyAnchored(batch: AnchorBatch): Promise<boolean> {
    return (await this.reader.anchoredBlock(batch.root)) !== null && (await this.batches.transactions(batch.id)).length > 0;
  }

  private async confirm(batch: AnchorBatch, txHash: string, blockNumber: number, blockHash: string): Promise<void> {
    const anchoredAt = (await this.reader.blockTime(blockNumber)) ?? new Date();
    const tree = await MerkleTree.load(batch.treeDump);
    // The tree dump lists the leaves by index, as the batch assigned them.
    const receipts = batch.treeDump.values.map(
      (leaf, index): AnchorReceipt => ({
        type: 'CredentialAnchorReceipt',
        version: 1,
        merkleTree: MERKLE_TREE_FORMAT,
        leaf,
        proof: tree.proof(index),
        root: batch.root,
        chainId: batch.chainId,
        contract: batch.contract,
        txHash,
        blockNumber,
        anchoredAt: anchoredAt.toISOString(),
      }),
    );
    await this.batches.markConfirmed(batch.id, { txHash, blockNumber, blockHash, anchoredAt }, receipts);
    this.logger.log(`Batch ${batch.id}: anchored in block ${blockNumber} by ${txHash}; ${receipts.length} receipts stored`);
  }

  /** A recent confirmed batch whose block the chain no longer has goes back to `submitted`. */
  private async recheckConfirmed(): Promise<boolean> {
    const head = await this.reader.headNumber();
    for (const batch of await this.batches.confirmedSince(head - REORG_WINDOW_BLOCKS)) {
      const hash = await this.reader.blockHash(batch.blockNumber!);
      if (hash === batch.blockHash) continue;
      this.logger.warn(`Batch ${batch.id}: block ${batch.blockNumber} was reorganised away; anchoring again`);
      await this.batches.reopen(batch.id);
      return true;
    }
    return false;
  }

  private async send(raw: string): Promise<void> {
    await this.assertChain();
    await this.writer.send(raw);
  }
}
