import { createKeccak, type IHasher } from 'hash-wasm';

/**
 * The tree every batch is built with, named in each dump and receipt:
 * - a leaf is `keccak256(keccak256(abi.encode(bytes32 signedHash)))`, where `signedHash` is the
 *   keccak256 of a credential's exact signed JWT bytes: OpenZeppelin StandardMerkleTree's leaf for
 *   the encoding `["bytes32"]`, double-hashed so a leaf can never pass for an inner node;
 * - an inner node is `keccak256(min(a, b) ‖ max(a, b))` (bytes compared as big-endian numbers), so
 *   a proof is just the list of siblings and needs no left/right flags;
 * - leaves are paired level by level in their batch order; an odd node out is carried up as is.
 * OpenZeppelin's `StandardMerkleTree.verify`, `MerkleProof.verify` in Solidity and `verifyProof`
 * below all accept its proofs. Written by hand for speed: OpenZeppelin's builder takes about 156 s
 * for a million leaves here, this one a few seconds (see `npm run bench:anchoring`).
 */
export const MERKLE_TREE_FORMAT = 'keccak256-sorted-pair-v1';

export interface MerkleTreeDump {
  format: typeof MERKLE_TREE_FORMAT;
  leafEncoding: ['bytes32'];
  /** The signed hashes in batch order; the tree is rebuilt from them exactly. */
  values: string[];
}

let hasher: IHasher | undefined;

/** hash-wasm compiles its WebAssembly once; every tree shares the instance. */
async function keccak(): Promise<IHasher> {
  hasher ??= await createKeccak(256);
  return hasher;
}

function hashBytes(h: IHasher, ...parts: Uint8Array[]): Uint8Array {
  h.init();
  for (const part of parts) h.update(part);
  return h.digest('binary');
}

function hashPair(h: IHasher, a: Uint8Array, b: Uint8Array): Uint8Array {
  return Buffer.compare(a, b) <= 0 ? hashBytes(h, a, b) : hashBytes(h, b, a);
}

function bytes32(hex: string): Uint8Array {
  if (!/^0x[0-9a-fA-F]{64}$/.test(hex)) throw new Error(`not a 0x-prefixed 32-byte hex value: ${hex}`);
  return Buffer.from(hex.slice(2), 'hex');
}

const toHex = (bytes: Uint8Array) => `0x${Buffer.from(bytes).toString('hex')}`;

/** The leaf for a credential's signed hash (see MERKLE_TREE_FORMAT). */
export async function leafHashOf(signedHash: string): Promise<string> {
  const h = await keccak();
  return toHex(hashBytes(h, hashBytes(h, bytes32(signedHash))));
}

/** Node `index` of a level stored as consecutive 32-byte hashes (a view, not a copy). */
const nodeAt = (level: Buffer, index: number) => level.subarray(index * 32, index * 32 + 32);
const nodesIn = (level: Buffer) => level.length / 32;

export class MerkleTree {
  private constructor(
    private readonly values: string[],
    /** levels[0] holds the leaves, the last level the root; each is one buffer of 32-byte hashes. */
    private readonly levels: Buffer[],
  ) {}

  static async build(signedHashes: string[]): Promise<MerkleTree> {
    if (signedHashes.length === 0) throw new Error('a Merkle tree needs at least one leaf');
    const h = await keccak();
    const leaves = Buffer.alloc(signedHashes.length * 32);
    signedHashes.forEach((value, i) => leaves.set(hashBytes(h, hashBytes(h, bytes32(value))), i * 32));
    const levels = [leaves];
    for (let level = leaves; nodesIn(level) > 1; level = levels[levels.length - 1]) {
      const count = nodesIn(level);
      const next = Buffer.alloc(Math.ceil(count / 2) * 32);
      for (let i = 0; i < count; i += 2) {
        next.set(i + 1 < count ? hashPair(h, nodeAt(level, i), nodeAt(level, i + 1)) : nodeAt(level, i), (i / 2) * 32);
      }
      levels.push(next);
    }
    return new MerkleTree([...signedHashes], levels);
  }

  static load(dump: MerkleTreeDump): Promise<MerkleTree> {
    if (dump.format !== MERKLE_TREE_FORMAT) throw new Error(`unknown Merkle tree format ${dump.format}`);
    return MerkleTree.build(dump.values);
  }

  get root(): string {
    return toHex(this.levels[this.levels.length - 1]);
  }

  get size(): number {
    return this.values.length;
  }

  leaf(index: number): string {
    return toHex(nodeAt(this.levels[0], this.checked(index)));
  }

  /** Sibling hashes from the leaf up to the root. */
  proof(index: number): string[] {
    const proof: string[] = [];
    let position = this.checked(index);
    for (const level of this.levels.slice(0, -1)) {
      const sibling = position ^ 1;
      if (sibling < nodesIn(level)) proof.push(toHex(nodeAt(level, sibling)));
      position >>= 1;
    }
    return proof;
  }

  dump(): MerkleTreeDump {
    return { format: MERKLE_TREE_FORMAT, leafEncoding: ['bytes32'], values: [...this.values] };
  }

  private checked(index: number): number {
    if (!Number.isInteger(index) || index < 0 || index >= this.values.length) throw new Error(`no leaf at index ${index}`);
    return index;
  }
}

/** Whether `proof` leads from `leaf` to `root` (sorted pairs, as MerkleProof.sol). */
export async function verifyProof(root: string, leaf: string, proof: string[]): Promise<boolean> {
  const h = await keccak();
  const computed = proof.reduce((node, sibling) => hashPair(h, node, bytes32(sibling)), bytes32(leaf));
  return toHex(computed) === root.toLowerCase();
}
