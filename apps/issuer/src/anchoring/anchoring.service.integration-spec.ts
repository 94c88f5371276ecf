import { Logger } from '@nestjs/common';
import { ANCHOR_CONTRACT, AnchorReader, type AnchorReceipt, AnchorWriter, receiptProblem } from '#anchoring';
import { createChainProvider } from '#identity';
import { LOCAL_CHAIN_FUNDED_KEYS } from '#local-stack';
import { Contract, type JsonRpcProvider, toBeHex, Wallet } from 'ethers';
import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createTestDatabase } from '../../../../test/database.js';
import { type OwnChain, startOwnChain } from '../../../../test/own-chain.js';
import { testIssuerConfig, testWorkerEnv } from '../../../../test/stack.js';
import { openIssuerDatabase } from '../database/data-source.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { AnchorBatchesRepository } from './anchor-batches.repository.js';
import { AnchorLeavesRepository } from './anchor-leaves.repository.js';
import { AnchorTransactionsRepository } from './anchor-transactions.repository.js';
import { AnchoringService, type StepResult } from './anchoring.service.js';

// Each branch of the worker's state machine, one step at a time, against the real repository on the
// real Postgres and a real anvil of this file's own: automine is off, so every block is mined by
// the test, and the node is made to drop, refuse, reorganise or front-run exactly where wanted.

const ANCHORING_KEY = LOCAL_CHAIN_FUNDED_KEYS[2];
const ANCHORING_ADDRESS = new Wallet(ANCHORING_KEY).address;
const STRANGER_KEY = LOCAL_CHAIN_FUNDED_KEYS[5];

let chain: OwnChain;
let provider: JsonRpcProvider;
let anchor: Contract;

beforeAll(async () => {
  Logger.overrideLogger(['error']);
  chain = await startOwnChain();
  provider = chain.provider;
  anchor = new Contract(chain.anchorContract, ANCHOR_CONTRACT.abi, provider);
  await provider.send('evm_setAutomine', [false]);
});
afterAll(() => chain?.stop());
// Whatever a test left in the pool or set for the next block stays with it.
afterEach(async () => {
  await provider.send('anvil_dropAllTransactions', []);
  await provider.send('evm_mine', []);
});

const mine = () => provider.send('evm_mine', []);

/** The real reader, with a way to make the chain change in the middle of a step. */
class InterruptibleReader extends AnchorReader {
  beforeNextNonceRead?: () => Promise<void>;

  override async minedNonce(address: string): Promise<number> {
    const interruption = this.beforeNextNonceRead;
    this.beforeNextNonceRead = undefined;
    await interruption?.();
    return super.minedNonce(address);
  }
}

interface Rig {
  dataSource: DataSource;
  reader: InterruptibleReader;
  step(now?: Date): Promise<StepResult>;
  /** Enqueues the leaves of `count` signed credentials, as issuance does: waiting for a batch. */
  issue(count: number): Promise<void>;
  /** The signed bytes of each credential issued, by its id: what its receipt must be for. */
  jwts: Map<string, string>;
  /** Steps, mining whenever the worker waits, until it has nothing left to do. */
  settle(): Promise<StepResult[]>;
  transactions(): Promise<{ hash: string; nonce: number; batchId: string; maxFeePerGas: bigint }[]>;
  batches(): Promise<
    { id: string; root: string; status: string; tx_hash: string | null; block_number: string | null; leaf_count: number }[]
  >;
  close(): Promise<void>;
}

const rigs: Rig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
});

async function startRig(env: Record<string, string> = {}): Promise<Rig> {
  const database = await createTestDatabase();
  const dataSource = await openIssuerDatabase(database.url);
  const config = testIssuerConfig(database.url, { ...chain.env, ...testWorkerEnv(ANCHORING_KEY, 2), ...env });
  const chainProvider = createChainProvider(config.chain);
  const writer = new AnchorWriter(
    chainProvider,
    new Wallet(ANCHORING_KEY, chainProvider),
    config.anchoring.contract,
    config.chain.chainId,
    {
      maxFeePerGas: config.anchoring.maxFeePerGasWei,
      maxPriorityFeePerGas: config.anchoring.maxPriorityFeePerGasWei,
    },
  );
  const reader = new InterruptibleReader(chainProvider, config.anchoring.contract);
  const unitOfWork = new UnitOfWork(dataSource);
  const leaves = new AnchorLeavesRepository(dataSource);
  const service = new AnchoringService(
    unitOfWork,
    leaves,
    new AnchorBatchesRepository(dataSource),
    new AnchorTransactionsRepository(dataSource),
    reader,
    writer,
    config,
  );
  const jwts = new Map<string, string>();
  const rig: Rig = {
    dataSource,
    reader,
    jwts,
    step: (now) => service.step(now),
    async issue(count) {
      for (let i = 0; i < count; i++) {
        const id = `urn:uuid:${randomUUID()}`;
        const jwt = `eyJhbGciOiJFUzI1NksifQ.${randomBytes(24).toString('base64url')}.sig`;
        await unitOfWork.run((tx) => leaves.enqueue(tx, { source: 'credential', sourceId: id, signed: { format: 'vc-jwt', bytes: jwt } }));
        jwts.set(id, jwt);
      }
    },
    async settle() {
      const results: StepResult[] = [];
      for (let i = 0; i < 40; i++) {
        const result = await service.step();
        results.push(result);
        if (result === 'idle') return results;
        if (result === 'waiting' || result === 'sent') await mine();
      }
      throw new Error(`the worker did not settle: ${results.join(', ')}`);
    },
    async transactions() {
      const rows: { hash: string; nonce: string; batch_id: string; max_fee_per_gas: string }[] = await dataSource.query(
        `SELECT hash, nonce, batch_id, max_fee_per_gas FROM anchor_transactions ORDER BY created_at, hash`,
      );
      return rows.map((row) => ({
        hash: row.hash,
        nonce: Number(row.nonce),
        batchId: row.batch_id,
        maxFeePerGas: BigInt(row.max_fee_per_gas),
      }));
    },
    batches: () => dataSource.query(`SELECT id, root, status, tx_hash, block_number, leaf_count FROM anchor_batches ORDER BY created_at`),
    async close() {
      chainProvider.destroy();
      await dataSource.destroy();
      await database.drop();
    },
  };
  rigs.push(rig);
  return rig;
}

/** Every credential anchored, its receipt checking against its bytes and the chain as it is now. */
async function expectEverythingAnchored(rig: Rig): Promise<void> {
  const rows: { source_id: string; receipt: AnchorReceipt | null; block_hash: string }[] = await rig.dataSource.query(
    `SELECT l.source_id, l.receipt, b.block_hash FROM anchor_leaves l JOIN anchor_batches b ON b.id = l.batch_id`,
  );
  expect(rows).toHaveLength(rig.jwts.size);
  for (const row of rows) {
    expect(row.receipt).not.toBeNull();
    const receipt = row.receipt!;
    expect(await receiptProblem(receipt, { format: 'vc-jwt', bytes: rig.jwts.get(row.source_id)! })).toBeNull();
    expect(Number(await anchor.anchoredBlock(receipt.root))).toBe(receipt.blockNumber);
    expect((await provider.getBlock(receipt.blockNumber))?.hash).toBe(row.block_hash);
  }
  for (const batch of await rig.batches()) {
    expect(batch.status).toBe('confirmed');
    expect(await anchor.queryFilter(anchor.filters.RootAnchored(batch.root))).toHaveLength(1);
  }
}

const minedNonce = () => provider.getTransactionCount(ANCHORING_ADDRESS, 'latest');
const statusOf = async (hash: string) => {
  const receipt = await provider.getTransactionReceipt(hash);
  return receipt ? (receipt.status === 1 ? 'succeeded' : 'reverted') : (await provider.getTransaction(hash)) ? 'waiting' : 'unknown';
};

/** Sends a copy of our pending anchor() call from another account, as anyone watching the pool could. */
async function copyFromStranger(hash: string): Promise<string> {
  const ours = (await provider.getTransaction(hash))!;
  const stranger = new Wallet(STRANGER_KEY, provider);
  const copy = await stranger.sendTransaction({
    to: ours.to,
    data: ours.data,
    gasLimit: ours.gasLimit,
    maxFeePerGas: ours.maxFeePerGas! * 2n,
    maxPriorityFeePerGas: ours.maxPriorityFeePerGas! * 2n,
  });
  return copy.hash;
}

describe('AnchoringService, step by step on a real chain', () => {
  it("builds, signs at the chain's nonce, waits for its confirmations, then stores the receipts", async () => {
    const rig = await startRig();
    const nonce = await minedNonce();
    await rig.issue(2);
    expect(await rig.step()).toBe('built');
    expect(await rig.step()).toBe('sent');
    expect(await rig.step()).toBe('waiting');
    await mine();
    expect(await rig.step()).toBe('waiting');
    await mine();
    expect(await rig.step()).toBe('confirmed');
    expect(await rig.step()).toBe('idle');
    expect((await rig.transactions()).map((t) => t.nonce)).toEqual([nonce]);
    await expectEverythingAnchored(rig);
  });

  it('a transaction the node dropped is sent again as the very same bytes', async () => {
    const rig = await startRig();
    await rig.issue(2);
    await rig.step();
    await rig.step();
    const [sent] = await rig.transactions();
    await provider.send('anvil_dropTransaction', [sent.hash]);
    expect(await rig.step()).toBe('sent');
    expect(await statusOf(sent.hash)).toBe('waiting');
    await rig.settle();
    expect(await rig.transactions()).toEqual([sent]);
    await expectEverythingAnchored(rig);
  });

  it('a dropped transaction the node now refuses (fee cap under the base fee) is replaced at the same nonce with higher fees', async () => {
    const rig = await startRig();
    await rig.issue(2);
    await rig.step();
    await rig.step();
    const [sent] = await rig.transactions();
    await provider.send('anvil_dropTransaction', [sent.hash]);
    await provider.send('anvil_setNextBlockBaseFeePerGas', [toBeHex((sent.maxFeePerGas * 105n) / 100n)]);
    expect(await rig.step()).toBe('sent');
    const [, replacement] = await rig.transactions();
    expect(replacement.nonce).toBe(sent.nonce);
    expect(replacement.maxFeePerGas).toBeGreaterThan((sent.maxFeePerGas * 105n) / 100n);
    await rig.settle();
    expect(await statusOf(replacement.hash)).toBe('succeeded');
    await expectEverythingAnchored(rig);
  });

  it('a stuck transaction is replaced at its own nonce, never at one the chain has mined', async () => {
    const rig = await startRig({ ANCHOR_STUCK_AFTER_SECONDS: '60' });
    await rig.issue(2);
    await rig.step();
    await rig.step();
    expect(await rig.step(new Date(Date.now() + 61_000))).toBe('sent');
    const [first, replacement] = await rig.transactions();
    expect(replacement.nonce).toBe(first.nonce);
    expect(replacement.nonce).toBe(await minedNonce());
    await rig.settle();
    expect([await statusOf(first.hash), await statusOf(replacement.hash)]).toEqual(['unknown', 'succeeded']);
    await expectEverythingAnchored(rig);
  });

  it('a transaction sent again after a drop counts as stuck from when it was sent again, not from when it was signed', async () => {
    const rig = await startRig({ ANCHOR_STUCK_AFTER_SECONDS: '60' });
    await rig.issue(2);
    await rig.step();
    await rig.step();
    const [sent] = await rig.transactions();
    await rig.dataSource.query(
      `UPDATE anchor_transactions SET created_at = now() - interval '1 hour', last_sent_at = now() - interval '1 hour'`,
    );
    await provider.send('anvil_dropTransaction', [sent.hash]);
    expect(await rig.step()).toBe('sent');
    expect(await rig.step()).toBe('waiting');
    expect(await rig.transactions()).toHaveLength(1);
    expect(await rig.step(new Date(Date.now() + 61_000))).toBe('sent');
    expect(await rig.transactions()).toHaveLength(2);
  });

  it("a nonce taken by a transaction that is not the batch's: signed anew at the next nonce", async () => {
    const rig = await startRig();
    await rig.issue(2);
    await rig.step();
    await rig.step();
    const [sent] = await rig.transactions();
    await provider.send('anvil_dropTransaction', [sent.hash]);
    await new Wallet(ANCHORING_KEY, provider).sendTransaction({ to: ANCHORING_ADDRESS, value: 0n, nonce: sent.nonce });
    await mine();
    expect(await rig.step()).toBe('sent');
    const [, anew] = await rig.transactions();
    expect(anew.nonce).toBe(sent.nonce + 1);
    await rig.settle();
    expect((await rig.batches())[0].tx_hash).toBe(anew.hash);
    await expectEverythingAnchored(rig);
  });

  it('signing the batch again at a nonce and fees it already used gives the same bytes: recorded once, sent again', async () => {
    // Fees held at their caps make signing repeat itself.
    const rig = await startRig({ ANCHOR_MAX_FEE_GWEI: '1', ANCHOR_MAX_PRIORITY_FEE_GWEI: '1' });
    await provider.send('anvil_setNextBlockBaseFeePerGas', [toBeHex(10n ** 8n)]);
    await mine();
    await rig.issue(2);
    expect(await rig.step()).toBe('built');
    const snapshot = await provider.send('evm_snapshot', []);
    expect(await rig.step()).toBe('sent');
    const [first] = await rig.transactions();
    await provider.send('anvil_dropTransaction', [first.hash]);
    await new Wallet(ANCHORING_KEY, provider).sendTransaction({
      to: ANCHORING_ADDRESS,
      value: 0n,
      nonce: first.nonce,
      maxFeePerGas: 10n ** 9n,
      maxPriorityFeePerGas: 10n ** 9n,
    });
    await mine();
    expect(await rig.step()).toBe('sent');
    const [, anew] = await rig.transactions();
    expect(anew.nonce).toBe(first.nonce + 1);

    // The node goes back before the other transaction and forgets ours: the first nonce is free again.
    await provider.send('evm_revert', [snapshot]);
    await mine();
    expect(await rig.step()).toBe('sent');
    const [batch] = await rig.batches();
    expect((await new AnchorTransactionsRepository(rig.dataSource).ofBatch(batch.id)).map((t) => t.hash)).toEqual([anew.hash, first.hash]);
    await rig.settle();
    expect(await statusOf(first.hash)).toBe('succeeded');
    await expectEverythingAnchored(rig);
  });

  it('a reorg while the next batch is open: the vanished batch is reopened at once, receipts withdrawn, and its own transaction sent again first', async () => {
    const rig = await startRig();
    await rig.issue(2);
    await rig.step();
    await rig.step();
    const snapshot = await provider.send('evm_snapshot', []);
    await rig.settle();
    await rig.issue(2);
    expect(await rig.step()).toBe('built');
    expect(await rig.step()).toBe('sent');
    const [a, b] = await rig.transactions();
    expect(b.nonce).toBe(a.nonce + 1);

    // The node goes back before A was mined and forgets A's transaction; B's waits behind the gap.
    await provider.send('evm_revert', [snapshot]);
    expect([await statusOf(a.hash), await statusOf(b.hash)]).toEqual(['unknown', 'waiting']);
    expect(await rig.step()).toBe('reopened');
    const [first] = await rig.batches();
    expect(first.status).toBe('submitted');
    const withdrawn = await rig.dataSource.query(`SELECT receipt FROM anchor_leaves WHERE batch_id = $1`, [first.id]);
    expect(withdrawn).toEqual([{ receipt: null }, { receipt: null }]);
    expect(await rig.step()).toBe('sent');
    expect(await statusOf(a.hash)).toBe('waiting');

    await rig.settle();
    expect(await rig.transactions()).toEqual([a, b]);
    expect([await statusOf(a.hash), await statusOf(b.hash)]).toEqual(['succeeded', 'succeeded']);
    await expectEverythingAnchored(rig);
  });

  it('a reorg that took two confirmed batches: both are sent again before either is confirmed, and mined in one block', async () => {
    const rig = await startRig();
    const snapshot = await provider.send('evm_snapshot', []);
    for (let i = 0; i < 2; i++) {
      await rig.issue(2);
      await rig.settle();
    }
    const [a, b] = await rig.transactions();
    await provider.send('evm_revert', [snapshot]);
    expect([await statusOf(a.hash), await statusOf(b.hash)]).toEqual(['unknown', 'unknown']);
    expect(await rig.step()).toBe('reopened');
    expect(await rig.step()).toBe('sent');
    expect(await rig.step()).toBe('sent');
    expect(await rig.step()).toBe('waiting');
    await mine();
    const blocks = await Promise.all([a, b].map(async (t) => (await provider.getTransactionReceipt(t.hash))?.blockNumber));
    expect(blocks[0]).toBeDefined();
    expect(blocks[1]).toBe(blocks[0]);
    await rig.settle();
    expect(await rig.transactions()).toEqual([a, b]);
    await expectEverythingAnchored(rig);
  });

  it('a reorg in the middle of a step, after its look for reorgs: nothing new is signed on the half-seen chain', async () => {
    const rig = await startRig();
    await rig.issue(2);
    await rig.step();
    await rig.step();
    const snapshot = await provider.send('evm_snapshot', []);
    await rig.settle();
    await rig.issue(2);
    await rig.step();
    await rig.step();
    const [a, b] = await rig.transactions();

    // The chain goes back before A was mined just as the step reads the nonce for the open batch B:
    // A's nonce looks like a gap nothing fills, while A's batch is still confirmed in the database.
    rig.reader.beforeNextNonceRead = async () => {
      await provider.send('evm_revert', [snapshot]);
      await mine();
    };
    expect(await rig.step()).toBe('reopened');
    await rig.settle();
    expect(await rig.transactions()).toEqual([a, b]);
    await expectEverythingAnchored(rig);
  });

  it("a reorg that leaves the open batch behind a nonce nothing of ours holds: the open batch is signed again at the chain's nonce", async () => {
    const rig = await startRig();
    await rig.issue(2);
    await rig.step();
    await rig.step();
    const snapshot = await provider.send('evm_snapshot', []);
    await rig.settle();
    await rig.issue(2);
    await rig.step();
    await rig.step();
    const [a, b] = await rig.transactions();
    const [first] = await rig.batches();

    // After the reorg a stranger anchors A's root: A needs no transaction of ours, so nonce a.nonce
    // stays free and B's transaction (the next nonce) would wait for it forever; the node drops it.
    await provider.send('evm_revert', [snapshot]);
    const copy = await new Contract(chain.anchorContract, ANCHOR_CONTRACT.abi, new Wallet(STRANGER_KEY, provider)).anchor(
      first.root,
      first.leaf_count,
    );
    await mine();
    await mine();
    expect(await statusOf(b.hash)).toBe('unknown');
    expect(await rig.step()).toBe('reopened');
    expect(await rig.step()).toBe('confirmed');
    expect((await rig.batches())[0].tx_hash).toBe(copy.hash);

    expect(await rig.step()).toBe('sent');
    const [, , again] = await rig.transactions();
    expect(again.nonce).toBe(a.nonce);
    expect(again.nonce).toBe(await minedNonce());
    await rig.settle();
    expect(await statusOf(again.hash)).toBe('succeeded');
    expect(await provider.getTransactionCount(ANCHORING_ADDRESS, 'pending')).toBe(await minedNonce());
    await expectEverythingAnchored(rig);
  });

  it('a reorg that mines our transaction again in another block: reopened, then confirmed from the contract, nothing sent', async () => {
    const rig = await startRig();
    await rig.issue(2);
    await rig.step();
    await rig.step();
    await rig.settle();
    const [sent] = await rig.transactions();
    const raw = (await rig.dataSource.query(`SELECT raw FROM anchor_transactions`))[0].raw as string;
    const before = (await rig.batches())[0];
    await provider.send('anvil_reorg', [(await provider.getBlockNumber()) - Number(before.block_number) + 1, [[raw, 1]]]);
    expect(Number(await anchor.anchoredBlock(before.root))).toBe(Number(before.block_number) + 1);

    expect(await rig.step()).toBe('reopened');
    await rig.settle();
    expect(await rig.transactions()).toEqual([sent]);
    const after = (await rig.batches())[0];
    expect({ tx: after.tx_hash, block: Number(after.block_number) }).toEqual({ tx: sent.hash, block: Number(before.block_number) + 1 });
    await expectEverythingAnchored(rig);
  });

  it('a copy mined while ours still waits: confirmed from the contract, the next batch takes the next nonce, one transaction wasted', async () => {
    const rig = await startRig({ ANCHOR_CONFIRMATIONS: '1' });
    await rig.issue(2);
    await rig.step();
    await rig.step();
    const [ours] = await rig.transactions();
    const raw = (await rig.dataSource.query(`SELECT raw FROM anchor_transactions`))[0].raw as string;
    // Only the copy goes into the next block; ours is back in the pool after it.
    const copy = await copyFromStranger(ours.hash);
    await provider.send('anvil_dropTransaction', [ours.hash]);
    await mine();
    await provider.broadcastTransaction(raw);

    expect(await rig.step()).toBe('confirmed');
    expect((await rig.batches())[0].tx_hash).toBe(copy);
    await rig.issue(2);
    expect(await rig.step()).toBe('built');
    expect(await rig.step()).toBe('sent');
    const [, next] = await rig.transactions();
    expect(next.nonce).toBe(ours.nonce + 1);
    await rig.settle();
    expect([await statusOf(ours.hash), await statusOf(next.hash)]).toEqual(['reverted', 'succeeded']);
    await expectEverythingAnchored(rig);
  });

  it('a copy mined in the same block as ours, ahead of it: confirmed from the contract after our one reverted transaction', async () => {
    const rig = await startRig();
    await rig.issue(2);
    await rig.step();
    await rig.step();
    const [ours] = await rig.transactions();
    const copy = await copyFromStranger(ours.hash);
    await mine();
    expect([await statusOf(copy), await statusOf(ours.hash)]).toEqual(['succeeded', 'reverted']);
    await rig.issue(2);
    await rig.settle();
    const [first, second] = await rig.batches();
    expect(first.tx_hash).toBe(copy);
    const transactions = await rig.transactions();
    expect(transactions.map((t) => t.nonce)).toEqual([ours.nonce, ours.nonce + 1]);
    expect(second.tx_hash).toBe(transactions[1].hash);
    await expectEverythingAnchored(rig);
  });
});
