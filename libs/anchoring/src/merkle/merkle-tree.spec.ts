import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { keccak256, randomBytes, hexlify } from 'ethers';
import { leafHashOf, MerkleTree, verifyProof } from './merkle-tree.js';

const signedHashes = (count: number) => Array.from({ length: count }, () => keccak256(randomBytes(64)));

describe('MerkleTree', () => {
  it.each([1, 2, 3, 4, 5, 7, 8, 9, 16, 33, 100, 257])('makes proofs that OpenZeppelin\'s verifier and ours accept for every leaf of a %i-leaf tree', async (count) => {
    const values = signedHashes(count);
    const tree = await MerkleTree.build(values);
    for (let i = 0; i < count; i++) {
      const proof = tree.proof(i);
      expect(StandardMerkleTree.verify(tree.root, ['bytes32'], [values[i]], proof)).toBe(true);
      expect(await verifyProof(tree.root, tree.leaf(i), proof)).toBe(true);
    }
  });

  it('computes leaves exactly as OpenZeppelin\'s StandardMerkleTree does', async () => {
    const values = signedHashes(5);
    const oz = StandardMerkleTree.of(values.map((v) => [v]), ['bytes32']);
    for (let i = 0; i < values.length; i++) expect(await leafHashOf(values[i])).toBe(oz.leafHash([values[i]]));
  });

  it('rejects a proof for another leaf, a tampered sibling and another root', async () => {
    const values = signedHashes(10);
    const tree = await MerkleTree.build(values);
    const proof = tree.proof(3);
    expect(await verifyProof(tree.root, tree.leaf(4), proof)).toBe(false);
    const tampered = [...proof];
    tampered[1] = hexlify(randomBytes(32));
    expect(await verifyProof(tree.root, tree.leaf(3), tampered)).toBe(false);
    expect(StandardMerkleTree.verify((await MerkleTree.build(signedHashes(10))).root, ['bytes32'], [values[3]], proof)).toBe(false);
  });

  it('rebuilds the same root and proofs from its dump', async () => {
    const tree = await MerkleTree.build(signedHashes(21));
    const reloaded = await MerkleTree.load(JSON.parse(JSON.stringify(tree.dump())));
    expect(reloaded.root).toBe(tree.root);
    expect(reloaded.proof(20)).toEqual(tree.proof(20));
  });

  it('refuses an empty batch, malformed values and indexes out of range', async () => {
    await expect(MerkleTree.build([])).rejects.toThrow(/at least one leaf/);
    await expect(MerkleTree.build(['0x1234'])).rejects.toThrow(/32-byte/);
    const tree = await MerkleTree.build(signedHashes(2));
    expect(() => tree.proof(2)).toThrow(/no leaf at index 2/);
  });
});
