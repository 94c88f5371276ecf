import type { SignedBytes } from '#schemas';
import { leafHashOf, MERKLE_TREE_FORMAT, verifyProof } from '../merkle/merkle-tree.js';
import { signedHashOf } from './signed-hash.js';

/**
 * The portable proof that a credential existed when a block was mined: enough, with the signed
 * credential and a chain RPC, to check the anchor without us. Its shape is fixed by `type` and
 * `version`: fields are added in a new version, never changed in place.
 */
export interface AnchorReceipt {
  type: 'CredentialAnchorReceipt';
  version: 1;
  /** How the tree was built (see MERKLE_TREE_FORMAT). */
  merkleTree: typeof MERKLE_TREE_FORMAT;
  /** keccak256 of the credential's exact signed bytes (the VC-JWT as UTF-8). */
  leaf: string;
  /** Sibling hashes from the tree leaf of `leaf` up to `root`. */
  proof: string[];
  root: string;
  chainId: number;
  /** The CredentialAnchor contract the root was anchored in. */
  contract: string;
  txHash: string;
  blockNumber: number;
  /** The anchoring block's timestamp, ISO 8601. */
  anchoredAt: string;
}

/**
 * The checks that need no chain: the receipt is about these signed bytes, and its proof leads from
 * them to its root. Returns the first problem, or null.
 */
export async function receiptProblem(receipt: AnchorReceipt, signed: SignedBytes): Promise<string | null> {
  if (receipt.type !== 'CredentialAnchorReceipt' || receipt.version !== 1) return 'unknown receipt type or version';
  if (receipt.merkleTree !== MERKLE_TREE_FORMAT) return `unknown Merkle tree format ${String(receipt.merkleTree)}`;
  if (receipt.leaf !== signedHashOf(signed)) return 'the receipt is for other signed bytes than this credential';
  if (!(await verifyProof(receipt.root, await leafHashOf(receipt.leaf), receipt.proof))) return 'the Merkle proof does not lead to the root';
  return null;
}
