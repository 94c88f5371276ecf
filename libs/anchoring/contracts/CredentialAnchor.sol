// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title CredentialAnchor
/// @notice Records Merkle roots of batches of signed credentials. Only the 32-byte root goes on chain:
/// nothing personal, and a leaf cannot be guessed from public facts. Anyone may anchor a root; the
/// event names who did, so a verifier can hold an issuer to its own anchoring account.
contract CredentialAnchor {
    /// @dev root => number of the block that anchored it; zero means never anchored.
    mapping(bytes32 => uint256) private anchoredIn;

    event RootAnchored(bytes32 indexed root, address indexed submitter, uint256 leafCount);

    error EmptyRoot();
    error NoLeaves();
    error RootAlreadyAnchored(bytes32 root, uint256 blockNumber);

    /// @notice Anchors `root`, the Merkle root of `leafCount` credential hashes. A root is anchored once.
    function anchor(bytes32 root, uint256 leafCount) external {
        if (root == bytes32(0)) revert EmptyRoot();
        if (leafCount == 0) revert NoLeaves();
        uint256 existing = anchoredIn[root];
        if (existing != 0) revert RootAlreadyAnchored(root, existing);
        anchoredIn[root] = block.number;
        emit RootAnchored(root, msg.sender, leafCount);
    }

    /// @notice The block that anchored `root`, or zero if it never was.
    function anchoredBlock(bytes32 root) external view returns (uint256) {
        return anchoredIn[root];
    }
}
