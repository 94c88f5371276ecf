export { ANCHOR_CONTRACT, DID_REGISTRY, type DeployableContract, ensureDeployed } from './chain/deployments.js';
export { AnchorReader, type RootAnchoring } from './chain/anchor-reader.js';
export { AnchorWriter, type FeeCaps, type Fees, type SignedAnchor } from './chain/anchor-writer.js';
export { isTransientChainError } from './chain/chain-errors.js';
export { MERKLE_TREE_FORMAT, MerkleTree, type MerkleTreeDump, leafHashOf, verifyProof } from './merkle/merkle-tree.js';
export { type AnchorReceipt, anchorReceiptOf, receiptProblem } from './receipt/anchor-receipt.js';
export { type LeafAlgorithm, leafAlgorithmOf, signedHashOf } from './receipt/signed-hash.js';
