import { LOCAL_CHAIN_FUNDED_KEYS } from '#local-stack';
import { Contract, ContractFactory, JsonRpcProvider, keccak256, NonceManager, randomBytes, Wallet, ZeroHash } from 'ethers';
import { fileURLToPath } from 'node:url';
import { testEnvironment } from '../../../../test/test-environment.js';
import { compileContract } from '../contracts/compile.js';
import { MerkleTree } from '../merkle/merkle-tree.js';
import { ANCHOR_CONTRACT } from './deployments.js';

let provider: JsonRpcProvider;
let signer: NonceManager;
let anchor: Contract;

beforeAll(() => {
  const env = testEnvironment();
  provider = new JsonRpcProvider(env.chainRpcUrl, env.chainId, { staticNetwork: true });
  signer = new NonceManager(new Wallet(LOCAL_CHAIN_FUNDED_KEYS[1], provider));
  anchor = new Contract(env.anchorContract, ANCHOR_CONTRACT.abi, signer);
});

afterAll(() => provider.destroy());

const signedHashes = (count: number) => Array.from({ length: count }, () => keccak256(randomBytes(64)));

describe('the anchor contract', () => {
  it('anchors a root once, records its block and names the submitter', async () => {
    const tree = await MerkleTree.build(signedHashes(3));
    expect(await anchor.anchoredBlock(tree.root)).toBe(0n);
    const receipt = await (await anchor.anchor(tree.root, 3)).wait();
    expect(await anchor.anchoredBlock(tree.root)).toBe(BigInt(receipt.blockNumber));
    const event = anchor.interface.parseLog(receipt.logs[0]);
    expect(event?.name).toBe('RootAnchored');
    expect(event?.args.toObject()).toEqual({ root: tree.root, submitter: await signer.getAddress(), leafCount: 3n });
  });

  it('refuses a root that is already anchored', async () => {
    const root = (await MerkleTree.build(signedHashes(2))).root;
    await (await anchor.anchor(root, 2)).wait();
    await expect(anchor.anchor.staticCall(root, 2)).rejects.toMatchObject({ revert: { name: 'RootAlreadyAnchored' } });
  });

  it('refuses an empty root and an empty batch', async () => {
    await expect(anchor.anchor.staticCall(ZeroHash, 1)).rejects.toMatchObject({ revert: { name: 'EmptyRoot' } });
    await expect(anchor.anchor.staticCall(keccak256(randomBytes(8)), 0)).rejects.toMatchObject({ revert: { name: 'NoLeaves' } });
  });
});

describe('OpenZeppelin MerkleProof.sol on chain', () => {
  it('accepts our proof for every leaf and refuses a wrong leaf', async () => {
    const harness = compileContract(fileURLToPath(new URL('../../test/MerkleProofHarness.sol', import.meta.url)), 'MerkleProofHarness');
    const deployment = await new ContractFactory(harness.abi, harness.bytecode, signer).deploy();
    await deployment.waitForDeployment();
    const verifier = new Contract(await deployment.getAddress(), harness.abi, provider);
    const tree = await MerkleTree.build(signedHashes(13));
    for (let i = 0; i < tree.size; i++) expect(await verifier.verify(tree.proof(i), tree.root, tree.leaf(i))).toBe(true);
    expect(await verifier.verify(tree.proof(0), tree.root, tree.leaf(1))).toBe(false);
  });
});
