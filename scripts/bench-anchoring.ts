import { ANCHOR_CONTRACT, ensureDeployed, MerkleTree } from '#anchoring';
import { LOCAL_CHAIN_FUNDED_KEYS, startLocalChain } from '#local-stack';
import { Contract, JsonRpcProvider, keccak256, NonceManager, randomBytes, Wallet } from 'ethers';
import { performance } from 'node:perf_hooks';

/**
 * Anchoring figures: gas per batch and per credential for one anchor transaction at several batch
 * sizes (real anvil, our contract), and the time to build a Merkle tree and every proof of it.
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
