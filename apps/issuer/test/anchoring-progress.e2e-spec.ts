import { ANCHOR_CONTRACT, type AnchorReceipt } from '#anchoring';
import { LOCAL_CHAIN_FUNDED_KEYS } from '#local-stack';
import { Contract, type JsonRpcProvider, Wallet } from 'ethers';
import {
  checkBySnippet,
  createInstitution,
  issueCredentials,
  jwtOf,
  packageOf,
  requestCredential,
  type TestInstitution,
} from '../../../test/factories/index.js';
import type { TestDatabase } from '../../../test/database.js';
import { type OwnChain, startOwnChain } from '../../../test/own-chain.js';
import { startTestStack, type TestStack, testWorkerEnv } from '../../../test/stack.js';
import { until as waitUntil } from '../../../test/until.js';

// Anchoring makes progress whatever the chain does (issue 10): a reorg that drops our transactions
// while batches are open, and a stranger who anchors our pending root first. Both revert or stop the
// chain, so this file runs on a chain of its own.

const STRANGER_KEY = LOCAL_CHAIN_FUNDED_KEYS[5];

let chain: OwnChain;
let anchor: Contract;
beforeAll(async () => {
  chain = await startOwnChain();
  anchor = new Contract(chain.anchorContract, ANCHOR_CONTRACT.abi, chain.provider);
});
afterAll(() => chain?.stop());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const until = (probe: () => Promise<boolean>, what: string) => waitUntil(probe, what, { timeoutMs: 60_000 });

/** A block every `everyMs`, so batches gather their confirmations; automine stays as the test sets it. */
function mining(provider: JsonRpcProvider, everyMs: number): { stop(): Promise<void> } {
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await provider.send('evm_mine', []);
      await sleep(everyMs);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

interface Issued {
  id: string;
  jwt: string;
}

/** Credentials arriving one after another until stopped; only acknowledged (201) ones are kept. */
function steadyIssuance(stack: TestStack, institution: TestInstitution, everyMs: number): { issued: Issued[]; stop(): Promise<void> } {
  const issued: Issued[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const response = await requestCredential(stack, institution, { kind: 'credit', format: 'vc-jwt' });
      if (response.status === 201) issued.push({ id: response.body.id, jwt: response.body.verifiableCredential.proof.jwt });
      await sleep(everyMs);
    }
  })();
  return {
    issued,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

async function issue(stack: TestStack, institution: TestInstitution, count: number): Promise<Issued[]> {
  const issued = await issueCredentials(stack, institution, count, { kind: 'credit', format: 'vc-jwt' });
  return issued.map((credential) => ({ id: credential.id, jwt: jwtOf(credential) }));
}

/**
 * What the public receipt endpoint serves for a credential now: a receipt whose root the chain holds in
 * that very block, or "not anchored yet". A receipt for a block the chain no longer has fails the test.
 */
async function servedReceipt(stack: TestStack, id: string): Promise<AnchorReceipt | undefined> {
  const response = await fetch(`${stack.issuerUrl}/v1/anchors/credentials/${encodeURIComponent(id)}`);
  const body = (await response.json()) as AnchorReceipt & { error?: { code: string } };
  if (response.status === 404) {
    expect(body.error?.code).toBe('CREDENTIAL_NOT_ANCHORED_YET');
    return undefined;
  }
  expect(response.status).toBe(200);
  expect({ id, anchoredBlock: Number(await anchor.anchoredBlock(body.root)) }).toEqual({ id, anchoredBlock: body.blockNumber });
  return body;
}

/** The credential's downloaded package, checked by the README's own snippet with ethers and an RPC alone. */
async function checkedBySnippet(stack: TestStack, credential: Issued): Promise<string> {
  const packaged = (await packageOf(stack, credential.id))!;
  const { stdout, stderr } = await checkBySnippet(packaged.text, chain.rpcUrl);
  expect({ id: credential.id, stderr }).toEqual({ id: credential.id, stderr: '' });
  return stdout;
}

async function everyCredentialCheckedBySnippet(stack: TestStack, credentials: Issued[]): Promise<void> {
  for (let i = 0; i < credentials.length; i += 4) {
    const outputs = await Promise.all(credentials.slice(i, i + 4).map((credential) => checkedBySnippet(stack, credential)));
    for (const output of outputs) expect(output).toMatch(/^anchored in block \d+/);
  }
}

interface OurTransaction {
  hash: string;
  batchId: string;
  root: string;
  status: 'succeeded' | 'reverted' | 'not mined';
}

/** Every transaction the worker signed, with what the chain made of it. */
async function ourTransactions(db: TestDatabase, provider: JsonRpcProvider): Promise<OurTransaction[]> {
  const rows = (
    await db.query(
      `SELECT t.hash, t.batch_id, b.root FROM anchor_transactions t JOIN anchor_batches b ON b.id = t.batch_id ORDER BY t.created_at`,
    )
  ).rows;
  const transactions: OurTransaction[] = [];
  for (const row of rows) {
    const receipt = await provider.getTransactionReceipt(row.hash);
    const status = !receipt ? 'not mined' : receipt.status === 1 ? 'succeeded' : 'reverted';
    transactions.push({ hash: row.hash, batchId: row.batch_id, root: row.root, status });
  }
  return transactions;
}

/** Every batch confirmed, each root anchored once on the chain as it is now, nothing of ours left waiting. */
async function expectEveryBatchAnchoredOnce(db: TestDatabase, anchoringAddress: string): Promise<{ root: string; tx_hash: string }[]> {
  const batches: { root: string; status: string; tx_hash: string; block_number: string }[] = (
    await db.query(`SELECT root, status, tx_hash, block_number FROM anchor_batches ORDER BY created_at`)
  ).rows;
  for (const batch of batches) {
    expect(batch.status).toBe('confirmed');
    const events = await anchor.queryFilter(anchor.filters.RootAnchored(batch.root));
    expect(events).toHaveLength(1);
    expect({ tx: events[0].transactionHash, block: events[0].blockNumber }).toEqual({
      tx: batch.tx_hash,
      block: Number(batch.block_number),
    });
  }
  expect(await chain.provider.getTransactionCount(anchoringAddress, 'pending')).toBe(
    await chain.provider.getTransactionCount(anchoringAddress, 'latest'),
  );
  return batches;
}

describe('a reorg while batches are open, on a node that drops the orphaned transactions', () => {
  const ANCHORING_KEY = LOCAL_CHAIN_FUNDED_KEYS[2];
  const ANCHORING_ADDRESS = new Wallet(ANCHORING_KEY).address;

  it('under steady issuance: every acknowledged credential ends anchored, no stale receipt is served, no root is anchored twice', async () => {
    const stack = await startTestStack({ ...testWorkerEnv(ANCHORING_KEY, 4), ...chain.env }, chain.env);
    const db = stack.database;
    const miner = mining(chain.provider, 200);
    let load: ReturnType<typeof steadyIssuance> | undefined;
    try {
      const institution = await createInstitution(stack);
      load = steadyIssuance(stack, institution, 80);
      const count = async (sql: string, parameters: unknown[] = []) => (await db.query(sql, parameters)).rows[0].n as number;
      await until(
        async () => (await count(`SELECT count(*)::int AS n FROM anchor_batches WHERE status = 'confirmed'`)) >= 1,
        'a first confirmed batch',
      );

      const snapshot = await chain.provider.send('evm_snapshot', []);
      const snapshotBlock = await chain.provider.getBlockNumber();
      await until(
        async () =>
          (await count(`SELECT count(*)::int AS n FROM anchor_batches WHERE status = 'confirmed' AND block_number > $1`, [
            snapshotBlock,
          ])) >= 2 && (await count(`SELECT count(*)::int AS n FROM anchor_batches WHERE status = 'submitted'`)) >= 1,
        'two batches confirmed after the snapshot, and the next one submitted',
      );
      const vanishing: { id: string }[] = (
        await db.query(
          `SELECT l.source_id AS id FROM anchor_leaves l JOIN anchor_batches b ON b.id = l.batch_id
           WHERE l.source = 'credential' AND b.status = 'confirmed' AND b.block_number > $1`,
          [snapshotBlock],
        )
      ).rows;
      expect(vanishing.length).toBeGreaterThan(0);

      expect(await chain.provider.send('evm_revert', [snapshot])).toBe(true);
      // At once, before the worker's next step: the receipts of the vanished blocks are not served.
      for (const { id } of vanishing) await servedReceipt(stack, id);

      // Issuance goes on while the worker repairs; every receipt served meanwhile holds on the chain.
      const repairing = Date.now();
      while (Date.now() - repairing < 2000) {
        for (const { id } of load.issued.slice()) await servedReceipt(stack, id);
      }
      await load.stop();
      const issued = load.issued;
      await until(async () => {
        for (const { id } of issued) if (!(await servedReceipt(stack, id))) return false;
        return true;
      }, 'a receipt for every acknowledged credential');

      await everyCredentialCheckedBySnippet(stack, issued);
      const batches = await expectEveryBatchAnchoredOnce(db, ANCHORING_ADDRESS);
      // Each batch has exactly one transaction of ours that anchored its root: the one its receipts name.
      const succeeded = (await ourTransactions(db, chain.provider)).filter((t) => t.status === 'succeeded');
      expect(succeeded.map((t) => t.hash).sort()).toEqual(batches.map((b) => b.tx_hash).sort());
    } finally {
      await load?.stop();
      await miner.stop();
      await stack.close();
    }
  }, 180_000);
});

describe('a stranger who copies our pending anchor() call with higher fees', () => {
  const ANCHORING_KEY = LOCAL_CHAIN_FUNDED_KEYS[3];

  it("costs at most one wasted transaction: the batch is confirmed from the contract's record, and later batches proceed", async () => {
    const stack = await startTestStack({ ...testWorkerEnv(ANCHORING_KEY, 10), ...chain.env }, chain.env);
    const db = stack.database;
    let miner: { stop(): Promise<void> } | undefined;
    try {
      const institution = await createInstitution(stack);
      // The worker relays the new did:ethr's link with the same funded key: mined before mining stops,
      // so that it does not wait in the node ahead of the anchor() call this test copies.
      await until(async () => {
        const [change] = (await db.query(`SELECT tx_hash FROM did_ethr_changes WHERE institution_id = $1`, [institution.id])).rows;
        return Boolean(change?.tx_hash) && (await chain.provider.getTransactionReceipt(change.tx_hash)) !== null;
      }, 'the did:ethr link mined');
      await chain.provider.send('evm_setAutomine', [false]);
      const first = await issue(stack, institution, 3);
      let ours = '';
      await until(async () => {
        const [row] = (await db.query(`SELECT hash FROM anchor_transactions`)).rows;
        ours = row?.hash ?? '';
        return row !== undefined && (await chain.provider.getTransaction(row.hash)) !== null;
      }, "the worker's transaction waiting in the node");

      // The stranger sends the very same call from its own account, tipping more, and both go into one block.
      const pending = (await chain.provider.getTransaction(ours))!;
      const stranger = new Wallet(STRANGER_KEY, chain.provider);
      const copy = await stranger.sendTransaction({
        to: pending.to,
        data: pending.data,
        gasLimit: pending.gasLimit,
        maxFeePerGas: pending.maxFeePerGas! * 2n,
        maxPriorityFeePerGas: pending.maxPriorityFeePerGas! * 2n,
      });
      await chain.provider.send('evm_mine', []);
      expect((await chain.provider.getTransactionReceipt(copy.hash))?.status).toBe(1);
      expect((await chain.provider.getTransactionReceipt(ours))?.status).toBe(0);

      await chain.provider.send('evm_setAutomine', [true]);
      miner = mining(chain.provider, 200);
      await until(async () => (await servedReceipt(stack, first[0].id)) !== undefined, 'the copied batch confirmed');
      const [batch] = (
        await db.query(`SELECT b.tx_hash FROM anchor_batches b JOIN anchor_transactions t ON t.batch_id = b.id WHERE t.hash = $1`, [ours])
      ).rows;
      expect(batch.tx_hash).toBe(copy.hash);

      // Later credentials go into later batches, sent by us.
      const later = await issue(stack, institution, 4);
      await until(async () => {
        for (const { id } of [...first, ...later]) if (!(await servedReceipt(stack, id))) return false;
        return true;
      }, 'receipts for the credentials issued after the copy');
      await everyCredentialCheckedBySnippet(stack, [...first, ...later]);

      await expectEveryBatchAnchoredOnce(db, new Wallet(ANCHORING_KEY).address);
      const transactions = await ourTransactions(db, chain.provider);
      expect(transactions.filter((t) => t.status !== 'succeeded')).toEqual([expect.objectContaining({ hash: ours, status: 'reverted' })]);
      const batches = (await db.query(`SELECT id FROM anchor_batches`)).rows;
      expect(batches.length).toBeGreaterThanOrEqual(2);
      expect(transactions.filter((t) => t.status === 'succeeded')).toHaveLength(batches.length - 1);
    } finally {
      await chain.provider.send('evm_setAutomine', [true]);
      await miner?.stop();
      await stack.close();
    }
  }, 120_000);
});
