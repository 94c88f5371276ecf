// Checks a credential package ({verifiableCredential, anchorReceipt}) with nothing but ethers and
// a chain RPC:  node check-receipt.mjs credential-package.json https://rpc.example CONFIRMATIONS
import { readFileSync } from 'node:fs';
import { ethers } from 'ethers';

const [file, rpcUrl, confirmations = '2'] = process.argv.slice(2);
const { verifiableCredential, anchorReceipt: receipt } = JSON.parse(readFileSync(file, 'utf8'));

// 1. The receipt is about these exact signed bytes: its leaf is keccak256 of the JWT as UTF-8 (version 1;
//    version 2 with leafAlgorithm keccak256-utf8: a VC-JWT's proof.jwt, or the JWS in a vc+jwt's
//    EnvelopedVerifiableCredential data URL), or of the whole signed JSON document, proof included,
//    in its RFC 8785 form (keccak256-jcs, for ldp_vc): JSON.stringify with keys sorted at every level.
const jcs = (value) =>
  Array.isArray(value)
    ? `[${value.map(jcs).join(',')}]`
    : value !== null && typeof value === 'object'
      ? `{${Object.keys(value)
          .sort()
          .map((key) => `${JSON.stringify(key)}:${jcs(value[key])}`)
          .join(',')}}`
      : JSON.stringify(value);
const signedBytes =
  receipt.version === 2 && receipt.leafAlgorithm === 'keccak256-jcs'
    ? jcs(verifiableCredential)
    : typeof verifiableCredential === 'string'
      ? verifiableCredential
      : verifiableCredential.type === 'EnvelopedVerifiableCredential'
        ? verifiableCredential.id.slice(verifiableCredential.id.indexOf(',') + 1)
        : verifiableCredential.proof.jwt;
if (ethers.keccak256(ethers.toUtf8Bytes(signedBytes)) !== receipt.leaf) throw new Error('receipt is for other bytes');

// 2. The proof leads from the leaf to the root: the tree leaf is keccak256(keccak256(leaf)), and
//    each step hashes the pair in ascending order (OpenZeppelin StandardMerkleTree / MerkleProof.sol).
let node = ethers.keccak256(ethers.keccak256(receipt.leaf));
for (const sibling of receipt.proof) node = ethers.keccak256(ethers.concat([node, sibling].sort()));
if (node !== receipt.root) throw new Error('proof does not lead to the root');

// 3. The chain holds the root, in that block, under enough blocks.
const provider = new ethers.JsonRpcProvider(rpcUrl);
if ((await provider.getNetwork()).chainId !== BigInt(receipt.chainId)) throw new Error('wrong chain');
const anchor = new ethers.Contract(receipt.contract, ['function anchoredBlock(bytes32) view returns (uint256)'], provider);
if ((await anchor.anchoredBlock(receipt.root)) !== BigInt(receipt.blockNumber)) throw new Error('root not anchored in that block');
const depth = (await provider.getBlockNumber()) - receipt.blockNumber + 1;
if (depth < Number(confirmations)) throw new Error(`only ${depth} confirmations`);
console.log(`anchored in block ${receipt.blockNumber} (${depth} confirmations) at ${receipt.anchoredAt}`);
provider.destroy();
