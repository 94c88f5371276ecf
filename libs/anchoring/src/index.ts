export { ANCHOR_CONTRACT, DID_REGISTRY, type DeployableContract, ensureDeployed } from './chain/deployments.js';
export { MERKLE_TREE_FORMAT, MerkleTree, type MerkleTreeDump, leafHashOf, verifyProof } from './merkle/merkle-tree.js';
