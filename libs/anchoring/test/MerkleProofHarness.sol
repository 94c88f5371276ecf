// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/// Test harness: OpenZeppelin's MerkleProof.sol, on chain, judging our proofs.
contract MerkleProofHarness {
    function verify(bytes32[] calldata proof, bytes32 root, bytes32 leaf) external pure returns (bool) {
        return MerkleProof.verifyCalldata(proof, root, leaf);
    }
}
