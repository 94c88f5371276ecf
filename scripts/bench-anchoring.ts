import { ANCHOR_CONTRACT, ensureDeployed, MerkleTree } from '#anchoring';
import { LOCAL_CHAIN_FUNDED_KEYS, startLocalChain } from '#local-stack';
import { Contract, JsonRpcProvider, keccak256, NonceManager, randomBytes, Wallet } from 'ethers';
import { performance } from 'node:perf_hooks';
import { loadBenchConfig } from './bench.config.js';
import { startBenchStack } from './bench-stack.js';
import { EXAMPLE_FACTS } from './example-facts.js';

/**
 * Anchoring figures: gas per batch and per credential for one anchor transaction at several batch
 * sizes (real anvil, our contract), the time to build a Merkle tree and every proof of it, and the
 * time from issuance to a confirmed receipt through the real worker.
 */
const signedHashes = (count: number) => Array.from({ length: count }, () => keccak256(randomBytes(32)));

const chain = await startLocalChain({});
const provider = new JsonRpcProvider(chain.rpcUrl, chain.chainId, { staticNetwork: true });
try {
  const { address } = await ensureDeployed(chain.rpcUrl, chain.chainId, LOCAL_CHAIN_FUNDED_KEYS[0], ANCHOR_CONTRACT);
  const anchor = new Contract(address, ANCHOR_CONTRACT.abi, new NonceManager(new Wallet(LOCAL_CHAIN_FUNDED_KEYS[0], provider)));
  console.log('Gas per anchor transaction (CredentialAnchor.anchor, anvil):');
  for (const size of [1, 100, 10_000]) {
    const tree = await MerkleTree.build(signedHashes(size));
    const receipt = await (await anchor.anchor(tree.root, size)).wait();
    const gas = Number(receipt.gasUsed);
    console.log(`  batch of ${String(size).padStart(6)}: ${gas} gas per batch, ${(gas / size).toFixed(1)} gas per credential`);
  }

  console.log('Merkle tree (keccak256-sorted-pair-v1, hash-wasm): build, then every proof');
  for (const size of [10_000, 100_000, 1_000_000]) {
    const values = signedHashes(size);
    const started = performance.now();
    const tree = await MerkleTree.build(values);
    const built = performance.now();
    let siblings = 0;
    for (let i = 0; i < size; i++) siblings += tree.proof(i).length;
    const proved = performance.now();
    console.log(
      `  ${String(size).padStart(9)} leaves: build ${((built - started) / 1000).toFixed(2)} s, all proofs ${((proved - built) / 1000).toFixed(2)} s` +
        ` (${(siblings / size).toFixed(1)} siblings per proof), heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`,
    );
  }
} finally {
  provider.destroy();
  await chain.stop();
}

// Issuance to confirmed receipt, on a chain that mines a block a second like `npm start`'s.
const config = loadBenchConfig();
for (const maxAge of ['0', '5']) {
  const stack = await startBenchStack({
    databaseUrl: config.databaseUrl,
    blockTimeSeconds: 1,
    issuerEnv: {
      ANCHORING_PRIVATE_KEY: LOCAL_CHAIN_FUNDED_KEYS[1],
      ANCHOR_BATCH_MAX_AGE_SECONDS: maxAge,
      ANCHOR_CONFIRMATIONS: '2',
      ANCHOR_POLL_INTERVAL_MS: '200',
    },
  });
  try {
    const latencies: number[] = [];
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      const { id } = await stack.post<{ id: string }>(
        '/v1/credentials',
        { ...EXAMPLE_FACTS.course, format: 'vc-jwt' },
        stack.institution.apiKey,
      );
      while ((await fetch(`${stack.issuerUrl}/v1/anchors/credentials/${encodeURIComponent(id)}`)).status !== 200) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);
    console.log(
      `Issuance to confirmed receipt (block every 1 s, 2 confirmations, batch max age ${maxAge} s, 10 credentials one after another): ` +
        `median ${(latencies[5] / 1000).toFixed(2)} s, max ${(latencies[9] / 1000).toFixed(2)} s`,
    );
  } finally {
    await stack.stop();
  }
}
