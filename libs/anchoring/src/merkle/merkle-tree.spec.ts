import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { concat, keccak256, randomBytes, hexlify, toUtf8Bytes } from 'ethers';
import { readFileSync } from 'node:fs';
import { leafHashOf, MerkleTree, type MerkleTreeDump, verifyProof } from './merkle-tree.js';

/** A committed tree: the format is fixed by it, as OpenZeppelin keeps dumps of its own trees. */
const golden = JSON.parse(
  readFileSync(new URL('../../test/fixtures/golden-merkle-tree.json', import.meta.url), 'utf8'),
) as MerkleTreeDump & {
  root: string;
  leaves: string[];
  proofs: string[][];
};

const signedHashes = (count: number) => Array.from({ length: count }, () => keccak256(randomBytes(64)));

describe('MerkleTree', () => {
  it.each([1, 2, 3, 4, 5, 7, 8, 9, 16, 33, 100, 257])(
    "makes proofs that OpenZeppelin's verifier and ours accept for every leaf of a %i-leaf tree",
    async (count) => {
      const values = signedHashes(count);
      const tree = await MerkleTree.build(values);
      for (let i = 0; i < count; i++) {
        const proof = tree.proof(i);
        expect(StandardMerkleTree.verify(tree.root, ['bytes32'], [values[i]], proof)).toBe(true);
        expect(await verifyProof(tree.root, tree.leaf(i), proof)).toBe(true);
      }
    },
  );

  it("computes leaves exactly as OpenZeppelin's StandardMerkleTree does", async () => {
    const values = signedHashes(5);
    const oz = StandardMerkleTree.of(
      values.map((v) => [v]),
      ['bytes32'],
    );
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

  describe('the golden tree', () => {
    it('names its values as its note says', () => {
      expect(golden.values).toEqual(golden.values.map((_, i) => keccak256(toUtf8Bytes(`golden leaf ${i}`))));
    });

    it('is reproduced exactly: root, leaves and every proof', async () => {
      const tree = await MerkleTree.load(golden);
      expect(tree.root).toBe(golden.root);
      expect(golden.values.map((_, i) => tree.leaf(i))).toEqual(golden.leaves);
      expect(golden.values.map((_, i) => tree.proof(i))).toEqual(golden.proofs);
    });

    it('has leaves OpenZeppelin computes and proofs its verifier accepts', () => {
      golden.values.forEach((value, i) => {
        expect(StandardMerkleTree.of([[value]], ['bytes32']).leafHash([value])).toBe(golden.leaves[i]);
        expect(StandardMerkleTree.verify(golden.root, ['bytes32'], [value], golden.proofs[i])).toBe(true);
      });
    });

    it('holds by the rule an outsider applies with ethers alone (docs/check-receipt.mjs)', () => {
      golden.values.forEach((value, i) => {
        let node = keccak256(keccak256(value));
        for (const sibling of golden.proofs[i]) node = keccak256(concat([node, sibling].sort()));
        expect(node).toBe(golden.root);
      });
    });
  });
});
