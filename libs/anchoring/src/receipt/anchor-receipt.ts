import type { SignedBytes, SignedCredentialFormat } from '#schemas';
import { leafHashOf, MERKLE_TREE_FORMAT, verifyProof } from '../merkle/merkle-tree.js';
import { type LeafAlgorithm, leafAlgorithmOf, signedHashOf } from './signed-hash.js';

/** Where and when a batch's root was anchored, and a leaf's place under it: what every receipt version holds. */
interface AnchoredLeaf {
  /** How the tree was built (see MERKLE_TREE_FORMAT). */
  merkleTree: typeof MERKLE_TREE_FORMAT;
  /** The hash of the credential's exact signed bytes (see signedHashOf). */
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
 * The portable proof that a credential existed when a block was mined: enough, with the signed
 * credential and a chain RPC, to check the anchor without us. Its shape is fixed by `type` and
 * `version`: fields are added in a new version, never changed in place, and every version stays readable.
 * - Version 1 (written until receipts named the format): for a VC-JWT; `leaf` is keccak256 of the
 *   JWT as UTF-8.
 * - Version 2: `format` names the signed credential's format, and `leafAlgorithm` how `leaf` was
 *   computed from its bytes (see LeafAlgorithm).
 */
export type AnchorReceipt =
  | ({ type: 'CredentialAnchorReceipt'; version: 1 } & AnchoredLeaf)
  | ({ type: 'CredentialAnchorReceipt'; version: 2; format: SignedCredentialFormat; leafAlgorithm: LeafAlgorithm } & AnchoredLeaf);

/** The receipt written today (version 2) for a leaf of a signed credential in this format. */
export function anchorReceiptOf(format: SignedCredentialFormat, anchored: Omit<AnchoredLeaf, 'merkleTree'>): AnchorReceipt {
  return {
    type: 'CredentialAnchorReceipt',
    version: 2,
    merkleTree: MERKLE_TREE_FORMAT,
    format,
    leafAlgorithm: leafAlgorithmOf(format),
    ...anchored,
  };
}

/**
 * The checks that need no chain: the receipt is about these signed bytes, its leaf computed from
 * them as their format requires, and its proof leads from them to its root. Returns the first
 * problem, or null.
 */
export async function receiptProblem(receipt: AnchorReceipt, signed: SignedBytes): Promise<string | null> {
  if (receipt.type !== 'CredentialAnchorReceipt') return 'unknown receipt type';
  if (receipt.version === 1) {
    if (signed.format !== 'vc-jwt') return `a version 1 receipt is for a VC-JWT, not for a ${signed.format} credential`;
  } else if (receipt.version === 2) {
    if (receipt.format !== signed.format) return `the receipt is for a ${receipt.format} credential, not for a ${signed.format} one`;
    if (receipt.leafAlgorithm !== leafAlgorithmOf(signed.format))
      return `a ${signed.format} credential's leaf is not computed by ${receipt.leafAlgorithm}`;
  } else {
    return `unknown receipt version ${String((receipt as { version: unknown }).version)}`;
  }
  if (receipt.merkleTree !== MERKLE_TREE_FORMAT) return `unknown Merkle tree format ${String(receipt.merkleTree)}`;
  if (receipt.leaf !== signedHashOf(signed)) return 'the receipt is for other signed bytes than this credential';
  if (!(await verifyProof(receipt.root, await leafHashOf(receipt.leaf), receipt.proof)))
    return 'the Merkle proof does not lead to the root';
  return null;
}
