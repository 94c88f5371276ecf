import { ANCHOR_CONTRACT, type AnchorReceipt } from '#anchoring';
import { LOCAL_CHAIN_FUNDED_KEYS } from '#local-stack';
import { Contract, JsonRpcProvider } from 'ethers';
import { performance } from 'node:perf_hooks';
import { loadBenchConfig } from './bench.config.js';
import { startBenchStack } from './bench-stack.js';
import { EXAMPLE_FACTS } from './example-facts.js';

/**
 * Reorg repair under load: credentials arrive one after another while batches anchor; the chain is
 * then taken back to a snapshot from before the last two anchored batches (anvil's evm_revert also
 * forgets the orphaned transactions, as a node that drops them would) while issuance goes on.
 * Printed: the time from the reorg until every withdrawn receipt holds on the chain again, and until
 * every credential acknowledged before the reorg has a receipt that holds. Two loads: the one of
 * apps/issuer/test/anchoring-progress.e2e-spec.ts, and `npm start`'s chain with default batches.
 */
const RUNS = 3;

interface Load {
  name: string;
  /** A block every this many seconds (anvil's interval mining), or on each transaction plus one every `mineEveryMs`. */
  blockTimeSeconds?: number;
  mineEveryMs?: number;
  batchSize: string;
  issueEveryMs: number;
}

const LOADS: Load[] = [
  {
    name: "the e2e test's load: a block per transaction and one every 200 ms, batches of 4, a credential every 80 ms",
    mineEveryMs: 200,
    batchSize: '4',
    issueEveryMs: 80,
  },
  {
    name: "npm start's chain: a block every 1 s, batches of up to 1000, a credential every 50 ms",
    blockTimeSeconds: 1,
    batchSize: '1000',
    issueEveryMs: 50,
  },
];
const config = loadBenchConfig();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(probe: () => Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

interface Run {
  /** Until every receipt the reorg withdrew holds again. */
  withdrawnSeconds: number;
  /** Until every credential acknowledged before the reorg has a receipt that holds. */
  repairSeconds: number;
  acknowledged: number;
  withdrawn: number;
  batchesLost: number;
  blocksLost: number;
  issuedPerSecond: number;
}

async function run(load: Load): Promise<Run> {
  const stack = await startBenchStack({
    databaseUrl: config.databaseUrl,
    blockTimeSeconds: load.blockTimeSeconds,
    issuerEnv: {
      ANCHORING_PRIVATE_KEY: LOCAL_CHAIN_FUNDED_KEYS[1],
      ANCHOR_BATCH_SIZE: load.batchSize,
      ANCHOR_BATCH_MAX_AGE_SECONDS: '0',
      ANCHOR_CONFIRMATIONS: '2',
      ANCHOR_POLL_INTERVAL_MS: '200',
    },
  });
  const provider = new JsonRpcProvider(stack.chainEnv.CHAIN_RPC_URL, Number(stack.chainEnv.CHAIN_ID), {
    staticNetwork: true,
    cacheTimeout: -1,
  });
  const anchor = new Contract(stack.chainEnv.ANCHOR_CONTRACT_ADDRESS, ANCHOR_CONTRACT.abi, provider);
  const issued: string[] = [];
  let stopped = false;
  const started = performance.now();
  const issuing = (async () => {
    while (!stopped) {
      issued.push(
        (await stack.post<{ id: string }>('/v1/credentials', { ...EXAMPLE_FACTS.credit, format: 'vc-jwt' }, stack.institution.apiKey)).id,
      );
      await sleep(load.issueEveryMs);
    }
  })();
  const mining = (async () => {
    while (!stopped && load.mineEveryMs) {
      await provider.send('evm_mine', []);
      await sleep(load.mineEveryMs);
    }
  })();
  /** The receipt served for a credential, if it holds on the chain as it is now. */
  const holding = async (id: string): Promise<AnchorReceipt | undefined> => {
    const response = await fetch(`${stack.issuerUrl}/v1/anchors/credentials/${encodeURIComponent(id)}`);
    if (response.status !== 200) return undefined;
    const receipt = (await response.json()) as AnchorReceipt;
    return Number(await anchor.anchoredBlock(receipt.root)) === receipt.blockNumber ? receipt : undefined;
  };
  try {
    // Credentials are batched in the order they arrive: follow the receipts from the oldest on.
    const receipts: AnchorReceipt[] = [];
    const follow = async () => {
      for (;;) {
        const next = issued[receipts.length];
        const found = next && (await holding(next));
        if (!found) return;
        receipts.push(found);
      }
    };
    await until(async () => (await follow(), receipts.length > 0), 'a first receipt');
    const snapshot = await provider.send('evm_snapshot', []);
    const snapshotBlock = await provider.getBlockNumber();
    const lost = () => receipts.filter((receipt) => receipt.blockNumber > snapshotBlock);
    await until(
      async () => (await follow(), new Set(lost().map((receipt) => receipt.root)).size >= 2),
      'two batches anchored after the snapshot',
    );

    const acknowledged = issued.length;
    const blocksLost = (await provider.getBlockNumber()) - snapshotBlock;
    const { length: withdrawn } = lost();
    const batchesLost = new Set(lost().map((receipt) => receipt.root)).size;
    await provider.send('evm_revert', [snapshot]);
    const reverted = performance.now();
    // One credential per batch tells when the batch's receipts are back (a batch is confirmed in one
    // database transaction): the last one of each withdrawn batch, then the last one acknowledged.
    const lastOfBatch = new Map(lost().map((receipt, i) => [receipt.root, issued[receipts.length - withdrawn + i]]));
    const holdAll = async (ids: string[]) => (await Promise.all(ids.map(holding))).every(Boolean);
    await until(() => holdAll([...lastOfBatch.values()]), 'the withdrawn receipts back');
    const withdrawnSeconds = (performance.now() - reverted) / 1000;
    await until(() => holdAll([issued[acknowledged - 1]]), 'a receipt for the last credential acknowledged before the reorg');
    let repairSeconds = (performance.now() - reverted) / 1000;
    // Batches are confirmed oldest first, so the ones before hold too; checked all the same.
    let checked = 0;
    const all = async () => {
      while (checked < acknowledged && (await holding(issued[checked]))) checked++;
      return checked === acknowledged;
    };
    if (!(await all())) {
      await until(all, 'every receipt repaired');
      repairSeconds = (performance.now() - reverted) / 1000;
    }
    return {
      withdrawnSeconds,
      repairSeconds,
      acknowledged,
      withdrawn,
      batchesLost,
      blocksLost,
      issuedPerSecond: issued.length / ((performance.now() - started) / 1000),
    };
  } finally {
    stopped = true;
    await Promise.all([issuing, mining]);
    provider.destroy();
    await stack.stop();
  }
}

console.log(
  'Reorg repair under load (2 confirmations, batch max age 0 s, credentials issued one after another over HTTP; anvil evm_revert drops the orphaned transactions):',
);
for (const load of LOADS) {
  console.log(`  ${load.name}:`);
  for (let i = 0; i < RUNS; i++) {
    const r = await run(load);
    console.log(
      `    run ${i + 1}: ${r.issuedPerSecond.toFixed(1)} credentials/s; the reorg removed ${r.blocksLost} blocks with ${r.batchesLost} batches (${r.withdrawn}+ receipts withdrawn); ` +
        `withdrawn receipts all hold again after ${r.withdrawnSeconds.toFixed(2)} s, every credential acknowledged before the reorg has a receipt that holds after ${r.repairSeconds.toFixed(2)} s`,
    );
  }
}
