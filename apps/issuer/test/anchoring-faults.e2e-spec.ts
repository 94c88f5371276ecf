import { ANCHOR_CONTRACT, receiptProblem, type AnchorReceipt } from '#anchoring';
import { LOCAL_CHAIN_FUNDED_KEYS, startEmbeddedPostgres } from '#local-stack';
import type { SignedCredentialFormat } from '#schemas';
import { Contract, JsonRpcProvider, Wallet } from 'ethers';
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openIssuerDatabase } from '../src/database/data-source.js';
import { createTestDatabase } from '../../../test/database.js';
import { createInstitution, issueCredential, issueCredentials, jwtOf } from '../../../test/factories/index.js';
import { RpcFaultProxy } from '../../../test/rpc-fault-proxy.js';
import {
  chainEnv,
  listeningIssuer,
  listeningVerifier,
  postJson,
  startTestStack,
  testIssuerConfig,
  testSecrets,
} from '../../../test/stack.js';
import { testEnvironment } from '../../../test/test-environment.js';
import { until as waitUntil } from '../../../test/until.js';

// Real processes: the built issuer (`npm test` builds first), killed with SIGKILL mid-step.
const ISSUER_MAIN = fileURLToPath(new URL('../../../dist/apps/issuer/src/main.js', import.meta.url));
// Its own funded account: no other test file sends from it.
const ANCHORING_KEY = LOCAL_CHAIN_FUNDED_KEYS[3];
const ANCHORING_ADDRESS = new Wallet(ANCHORING_KEY).address;

const env = testEnvironment();
const provider = new JsonRpcProvider(env.chainRpcUrl, env.chainId, { staticNetwork: true, cacheTimeout: -1 });
const anchor = new Contract(env.anchorContract, ANCHOR_CONTRACT.abi, provider);
let proxy: RpcFaultProxy;
let proxyUrl: string;

beforeAll(async () => {
  proxy = new RpcFaultProxy(env.chainRpcUrl);
  proxyUrl = await proxy.start();
});
afterAll(async () => {
  await proxy.stop();
  provider.destroy();
});
afterEach(() => proxy.clear());

/** Credentials issued by an instance without the anchoring key, so they wait for a worker. */
async function issueWaiting(databaseUrl: string, keys: Record<string, string>, count: number): Promise<void> {
  const issuer = await listeningIssuer(testIssuerConfig(databaseUrl, keys));
  const institution = await createInstitution(issuer, { name: 'Faulty U', url: 'https://faulty.example' });
  await issueCredentials(issuer, institution, count, { kind: 'credit', format: 'vc-jwt' });
  await issuer.app.close();
}

interface Worker {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** The issuer as its own process, with the anchoring key, talking to the chain through the proxy. */
function startWorker(databaseUrl: string, keys: Record<string, string>, extra: Record<string, string> = {}): Worker {
  const child = spawn(process.execPath, [ISSUER_MAIN], {
    env: {
      ...process.env,
      ...chainEnv(),
      ...keys,
      CHAIN_RPC_URL: proxyUrl,
      DATABASE_URL: databaseUrl,
      ISSUER_PORT: '0',
      ISSUER_PUBLIC_URL: 'https://issuer.invalid',
      LOG_LEVEL: 'log',
      ANCHORING_PRIVATE_KEY: ANCHORING_KEY,
      ANCHOR_BATCH_SIZE: '3',
      ANCHOR_BATCH_MAX_AGE_SECONDS: '0',
      ANCHOR_CONFIRMATIONS: '2',
      ANCHOR_POLL_INTERVAL_MS: '100',
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function kill(worker: Worker): Promise<void> {
  worker.child.kill('SIGKILL');
  await worker.exited;
}

async function query<T>(databaseUrl: string, sql: string, parameters: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, parameters)).rows as T[];
  } finally {
    await client.end();
  }
}

const until = (probe: () => Promise<boolean>, what: string, options: { mine?: boolean; timeoutMs?: number; worker?: Worker } = {}) =>
  waitUntil(probe, what, {
    timeoutMs: options.timeoutMs ?? 30_000,
    mining: options.mine ? provider : undefined,
    context: options.worker?.output,
  });

const allAnchored = (databaseUrl: string) => async () =>
  (
    await query<{ n: number }>(databaseUrl, `SELECT count(*)::int AS n FROM anchor_leaves WHERE source = 'credential' AND receipt IS NULL`)
  )[0].n === 0;

/** Every credential anchored in a block the chain still has: what the database said before a reorg does not count. */
const allAnchoredOnChain = (databaseUrl: string) => async () => {
  if (!(await allAnchored(databaseUrl)())) return false;
  for (const batch of await query<{ block_number: string; block_hash: string }>(
    databaseUrl,
    `SELECT block_number, block_hash FROM anchor_batches`,
  )) {
    if ((await provider.getBlock(Number(batch.block_number)))?.hash !== batch.block_hash) return false;
  }
  return true;
};

/**
 * What every fault run must end with: each acknowledged credential anchored with a receipt that
 * checks, each root anchored exactly once, and no nonce gap (nothing of ours left pending, the
 * nonces of our mined transactions contiguous).
 */
async function expectEverythingAnchoredOnce(databaseUrl: string, expectedCredentials: number): Promise<void> {
  const credentials = await query<{ format: SignedCredentialFormat; signed_bytes: string; receipt: AnchorReceipt | null }>(
    databaseUrl,
    `SELECT c.format, c.signed_bytes, l.receipt FROM issued_credentials c LEFT JOIN anchor_leaves l ON l.source = 'credential' AND l.source_id = c.id`,
  );
  expect(credentials).toHaveLength(expectedCredentials);
  for (const credential of credentials) {
    expect(credential.receipt).not.toBeNull();
    expect(await receiptProblem(credential.receipt!, { format: credential.format, bytes: credential.signed_bytes })).toBeNull();
  }
  // The status list versions published on the way are leaves of the same batches.
  const versions = await query<{ format: SignedCredentialFormat; signed_bytes: string; receipt: AnchorReceipt | null }>(
    databaseUrl,
    `SELECT v.format, v.signed_bytes, l.receipt FROM status_list_versions v LEFT JOIN anchor_leaves l ON l.source = 'status-list-version' AND l.source_id = v.id::text`,
  );
  expect(versions.length).toBeGreaterThan(0);
  for (const version of versions) {
    expect(version.receipt).not.toBeNull();
    expect(await receiptProblem(version.receipt!, { format: version.format, bytes: version.signed_bytes })).toBeNull();
  }
  const batches = await query<{ root: string; status: string }>(databaseUrl, `SELECT root, status FROM anchor_batches`);
  for (const batch of batches) {
    expect(batch.status).toBe('confirmed');
    expect(await anchor.queryFilter(anchor.filters.RootAnchored(batch.root))).toHaveLength(1);
  }
  expect(await provider.getTransactionCount(ANCHORING_ADDRESS, 'pending')).toBe(
    await provider.getTransactionCount(ANCHORING_ADDRESS, 'latest'),
  );
  // The funded key also sends the relayed did:ethr changes (the link to each institution's did:web).
  const minedNonces: number[] = [];
  const sent = `SELECT hash FROM anchor_transactions UNION ALL SELECT tx_hash FROM did_ethr_changes WHERE tx_hash IS NOT NULL`;
  for (const { hash } of await query<{ hash: string }>(databaseUrl, sent)) {
    if (await provider.getTransactionReceipt(hash)) minedNonces.push((await provider.getTransaction(hash))!.nonce);
  }
  minedNonces.sort((a, b) => a - b);
  expect(minedNonces).toEqual(minedNonces.map((_, i) => minedNonces[0] + i));
}

/** Where a worker is stopped dead, and how to hold it there. */
const KILL_POINTS: {
  name: string;
  freeze: () => Promise<void>;
  reached: (databaseUrl: string) => Promise<boolean>;
  thaw?: () => Promise<void>;
}[] = [
  {
    name: 'after the batch is built, before anything is signed',
    freeze: async () => proxy.set('eth_getTransactionCount', { kind: 'hold' }),
    reached: async (db) =>
      (await query(db, `SELECT 1 FROM anchor_batches WHERE status = 'built'`)).length > 0 &&
      proxy.calls.includes('eth_getTransactionCount'),
  },
  {
    name: 'after the transaction is signed and stored, before it is sent',
    freeze: async () => proxy.set('eth_sendRawTransaction', { kind: 'hold' }),
    reached: async (db) =>
      (await query(db, `SELECT 1 FROM anchor_transactions`)).length > 0 && proxy.calls.includes('eth_sendRawTransaction'),
  },
  {
    name: 'after it is sent, before it is mined',
    freeze: async () => {
      await provider.send('evm_setAutomine', [false]);
    },
    reached: async (db) => {
      const [sent] = await query<{ hash: string }>(db, `SELECT hash FROM anchor_transactions`);
      return sent !== undefined && (await provider.getTransaction(sent.hash)) !== null;
    },
    thaw: async () => {
      await provider.send('evm_setAutomine', [true]);
    },
  },
  {
    name: 'after it is mined, before it has its confirmations',
    freeze: async () => undefined,
    reached: async (db) => {
      const [sent] = await query<{ hash: string }>(db, `SELECT hash FROM anchor_transactions`);
      return sent !== undefined && (await provider.getTransactionReceipt(sent.hash)) !== null;
    },
  },
];

describe('a worker killed with SIGKILL', () => {
  const runs = KILL_POINTS.flatMap((point) => [1, 2].map((run) => [`${point.name} (run ${run})`, point] as const));
  it.each(runs)('%s: after a restart nothing is lost, no root is anchored twice, no nonce gap', async (_name, point) => {
    const database = await createTestDatabase();
    const keys = testSecrets();
    try {
      await issueWaiting(database.url, keys, 5);
      proxy.calls.length = 0;
      await point.freeze();
      const first = startWorker(database.url, keys);
      try {
        await until(() => point.reached(database.url), point.name, { worker: first });
      } finally {
        await kill(first);
      }
      proxy.clear();
      await point.thaw?.();

      const second = startWorker(database.url, keys);
      try {
        await until(allAnchored(database.url), 'every credential anchored after the restart', { mine: true, worker: second });
      } finally {
        await kill(second);
      }
      await expectEverythingAnchoredOnce(database.url, 5);
    } finally {
      await point.thaw?.();
      await database.drop();
    }
  });
});

/**
 * Where a worker is stopped dead while it repairs a reorg that took away every block it anchored
 * in (evm_revert to a snapshot this test took: anvil forgets the orphaned transactions too).
 */
const REORG_KILL_POINTS: { name: string; downAtReorg?: true; freeze: () => void; reached: (databaseUrl: string) => Promise<boolean> }[] = [
  {
    name: 'the reorg seen and the receipts withdrawn, before anything is sent again',
    freeze: () => proxy.set('eth_sendRawTransaction', { kind: 'hold' }),
    reached: async (db) =>
      (await query(db, `SELECT 1 FROM anchor_batches WHERE status <> 'confirmed'`)).length > 0 &&
      proxy.calls.includes('eth_sendRawTransaction'),
  },
  {
    name: 'a batch anchored again, before it has its confirmations',
    freeze: () => undefined,
    reached: async (db) => {
      for (const { hash } of await query<{ hash: string }>(
        db,
        `SELECT t.hash FROM anchor_transactions t JOIN anchor_batches b ON b.id = t.batch_id WHERE b.status = 'submitted'`,
      )) {
        if (await provider.getTransactionReceipt(hash)) return true;
      }
      return false;
    },
  },
  {
    name: 'down when the reorg happens',
    downAtReorg: true,
    freeze: () => undefined,
    reached: async () => true,
  },
];

describe('a worker killed with SIGKILL while it repairs a reorg', () => {
  const runs = REORG_KILL_POINTS.flatMap((point) => [1, 2].map((run) => [`${point.name} (run ${run})`, point] as const));
  it.each(runs)('%s: after a restart every credential is anchored again, each root once, no nonce gap', async (_name, point) => {
    const database = await createTestDatabase();
    const keys = testSecrets();
    // Only this test's transactions come after it: reverting to it undoes nothing of other tests.
    const snapshot = await provider.send('evm_snapshot', []);
    try {
      await issueWaiting(database.url, keys, 5);
      const first = startWorker(database.url, keys);
      try {
        await until(allAnchored(database.url), 'every credential anchored before the reorg', { mine: true, worker: first });
        if (point.downAtReorg) await kill(first);
        point.freeze();
        proxy.calls.length = 0;
        expect(await provider.send('evm_revert', [snapshot])).toBe(true);
        await until(() => point.reached(database.url), point.name, { worker: first });
      } finally {
        await kill(first);
      }
      proxy.clear();

      const second = startWorker(database.url, keys);
      try {
        await until(allAnchoredOnChain(database.url), 'every credential anchored again after the restart', { mine: true, worker: second });
      } finally {
        await kill(second);
      }
      await expectEverythingAnchoredOnce(database.url, 5);
    } finally {
      await database.drop();
    }
  });
});

describe('a stranger who copies the pending anchor() call of a worker that then dies', () => {
  it("the restarted worker confirms the batch from the contract's record, after one reverted transaction of ours", async () => {
    const database = await createTestDatabase();
    const keys = testSecrets();
    try {
      await issueWaiting(database.url, keys, 2);
      await provider.send('evm_setAutomine', [false]);
      const first = startWorker(database.url, keys, { ANCHOR_BATCH_SIZE: '10' });
      let ours = '';
      try {
        await until(
          async () => {
            ours = (await query<{ hash: string }>(database.url, `SELECT hash FROM anchor_transactions`))[0]?.hash ?? '';
            return ours !== '' && (await provider.getTransaction(ours)) !== null;
          },
          'our transaction waiting in the node',
          { worker: first },
        );
      } finally {
        await kill(first);
      }
      const pending = (await provider.getTransaction(ours))!;
      const copy = await new Wallet(LOCAL_CHAIN_FUNDED_KEYS[5], provider).sendTransaction({
        to: pending.to,
        data: pending.data,
        gasLimit: pending.gasLimit,
        maxFeePerGas: pending.maxFeePerGas! * 2n,
        maxPriorityFeePerGas: pending.maxPriorityFeePerGas! * 2n,
      });
      await provider.send('evm_mine', []);
      await provider.send('evm_setAutomine', [true]);
      expect((await provider.getTransactionReceipt(ours))?.status).toBe(0);

      const second = startWorker(database.url, keys, { ANCHOR_BATCH_SIZE: '10' });
      try {
        await until(allAnchored(database.url), 'every credential anchored after the restart', { mine: true, worker: second });
      } finally {
        await kill(second);
      }
      const [batch] = await query<{ tx_hash: string }>(database.url, `SELECT tx_hash FROM anchor_batches`);
      expect(batch.tx_hash).toBe(copy.hash);
      expect(await query(database.url, `SELECT hash FROM anchor_transactions`)).toEqual([{ hash: ours }]);
      await expectEverythingAnchoredOnce(database.url, 2);
    } finally {
      await provider.send('evm_setAutomine', [true]);
      await database.drop();
    }
  });
});

describe('a flaky chain RPC', () => {
  it('answering 429, 5xx, dropping connections and timing out: the worker waits and recovers', async () => {
    const database = await createTestDatabase();
    const keys = testSecrets();
    try {
      await issueWaiting(database.url, keys, 4);
      const worker = startWorker(database.url, keys);
      try {
        for (const fault of [
          { kind: 'status', status: 429 },
          { kind: 'status', status: 502 },
          { kind: 'drop' },
          { kind: 'hold' },
          { kind: 'status', status: 503 },
        ] as const) {
          proxy.set('*', fault);
          await new Promise((resolve) => setTimeout(resolve, 600));
        }
        proxy.clear();
        await until(allAnchored(database.url), 'every credential anchored once the RPC recovers', { mine: true, worker });
        // The faults meet the worker at start-up or mid-batch, depending on timing: either is logged.
        expect(worker.output()).toMatch(/Chain unavailable(, retrying| at start-up)/);
      } finally {
        await kill(worker);
      }
      await expectEverythingAnchoredOnce(database.url, 4);
    } finally {
      await database.drop();
    }
  });
});

describe('a stuck transaction', () => {
  it('is replaced with a higher fee under the same nonce, and only one of the two is mined', async () => {
    const database = await createTestDatabase();
    const keys = testSecrets();
    try {
      await issueWaiting(database.url, keys, 3);
      await provider.send('evm_setAutomine', [false]);
      // One batch for the 3 credentials and the 2 status list versions: one nonce to replace under.
      const worker = startWorker(database.url, keys, { ANCHOR_STUCK_AFTER_SECONDS: '1', ANCHOR_BATCH_SIZE: '10' });
      try {
        await until(async () => (await query(database.url, `SELECT 1 FROM anchor_transactions`)).length >= 2, 'a replacement', { worker });
        await provider.send('evm_setAutomine', [true]);
        await until(allAnchored(database.url), 'every credential anchored', { mine: true, worker });
      } finally {
        await provider.send('evm_setAutomine', [true]);
        await kill(worker);
      }
      const transactions = await query<{ hash: string; nonce: string; max_fee_per_gas: string }>(
        database.url,
        `SELECT hash, nonce, max_fee_per_gas FROM anchor_transactions ORDER BY created_at`,
      );
      expect(new Set(transactions.map((t) => t.nonce)).size).toBe(1);
      expect(BigInt(transactions[1].max_fee_per_gas)).toBeGreaterThan(BigInt(transactions[0].max_fee_per_gas));
      const mined = [];
      for (const transaction of transactions) if (await provider.getTransactionReceipt(transaction.hash)) mined.push(transaction.hash);
      expect(mined).toHaveLength(1);
      const [batch] = await query<{ tx_hash: string }>(database.url, `SELECT tx_hash FROM anchor_batches`);
      expect(batch.tx_hash).toBe(mined[0]);
      await expectEverythingAnchoredOnce(database.url, 3);
    } finally {
      await database.drop();
    }
  });
});

describe('the verifier behind a failing RPC', () => {
  it('says indeterminate, never verified', async () => {
    // An issuer serving its status lists, and a verifier that reaches the chain through the proxy.
    const stack = await startTestStack();
    const verifier = await listeningVerifier({ ...stack.verifierEnv, CHAIN_RPC_URL: proxyUrl, STATUS_LIST_CACHE_SECONDS: '0' });
    try {
      const institution = await createInstitution(stack);
      const jwt = jwtOf(await issueCredential(stack, institution, { kind: 'credit', format: 'vc-jwt' }));
      const url = `${verifier.verifierUrl}/credentials/verify`;
      expect((await postJson(url, { verifiableCredential: jwt })).body.verdict).toBe('verified');
      for (const fault of [{ kind: 'status', status: 429 }, { kind: 'status', status: 503 }, { kind: 'drop' }] as const) {
        proxy.set('*', fault);
        const report = (await postJson(url, { verifiableCredential: jwt })).body;
        expect(report.verdict).toBe('indeterminate');
        expect(report.checks.find((c: { check: string }) => c.check === 'signature').status).toBe('error');
      }
    } finally {
      await verifier.app.close();
      await stack.close();
    }
  });
});

describe('two workers started at once', () => {
  it('one sends, the other waits; when the sender dies the other takes over', async () => {
    const database = await createTestDatabase();
    const keys = testSecrets();
    try {
      await issueWaiting(database.url, keys, 3);
      const workers = [startWorker(database.url, keys), startWorker(database.url, keys)];
      try {
        await until(allAnchored(database.url), 'the first credentials anchored', { mine: true });
        const holders = workers.filter((w) => w.output().includes('Holding the anchoring lock'));
        expect(holders).toHaveLength(1);
        await kill(holders[0]);
        const survivor = workers.find((w) => w !== holders[0])!;
        await issueWaiting(database.url, keys, 3);
        await until(allAnchored(database.url), 'the survivor anchoring the rest', { mine: true, worker: survivor });
        expect(survivor.output()).toContain('Holding the anchoring lock');
      } finally {
        for (const worker of workers) await kill(worker);
      }
      await expectEverythingAnchoredOnce(database.url, 6);
    } finally {
      await database.drop();
    }
  });
});

describe('Postgres restarted in the middle of a batch', () => {
  it('loses nothing: the worker reconnects, takes the lock again and finishes', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lc-restart-pg-'));
    chmodSync(dataDir, 0o755);
    const cluster = path.join(dataDir, 'cluster');
    let server = await startEmbeddedPostgres({ dataDir: cluster });
    const port = new URL(server.url).port;
    try {
      const serverUrl = new URL(server.url);
      serverUrl.pathname = '/postgres';
      const databaseUrl = serverUrl.toString();
      await (await openIssuerDatabase(databaseUrl)).destroy();
      proxy.calls.length = 0;
      const keys = testSecrets();
      await issueWaiting(databaseUrl, keys, 4);
      proxy.set('eth_sendRawTransaction', { kind: 'hold' });
      const worker = startWorker(databaseUrl, keys);
      try {
        await until(
          async () =>
            (await query(databaseUrl, `SELECT 1 FROM anchor_transactions`)).length > 0 && proxy.calls.includes('eth_sendRawTransaction'),
          'a stored transaction',
          { worker },
        );
        await server.stop();
        proxy.clear();
        await new Promise((resolve) => setTimeout(resolve, 1500));
        server = await startEmbeddedPostgres({ dataDir: cluster, port: Number(port) });
        await until(allAnchored(databaseUrl), 'every credential anchored after the restart', { mine: true, worker });
      } finally {
        await kill(worker);
      }
      await expectEverythingAnchoredOnce(databaseUrl, 4);
    } finally {
      await server.stop();
    }
  });
});
