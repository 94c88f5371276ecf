import { ContractFactory, JsonRpcProvider, type InterfaceAbi, Wallet } from 'ethers';
import didRegistryPackage from 'ethr-did-registry';
import { CREDENTIAL_ANCHOR_ARTIFACT } from '../contracts/credential-anchor.artifact.js';

/** A contract we deploy: its interface, creation code, and the code it leaves on chain. */
export interface DeployableContract {
  name: string;
  abi: InterfaceAbi;
  bytecode: string;
  deployedBytecode: string;
}

// The package is CommonJS: its named exports are reached through the default import.
const { EthereumDIDRegistry } = didRegistryPackage;

/** The ERC-1056 registry that did:ethr identifiers resolve against, as `ethr-did-registry` ships it. */
export const DID_REGISTRY: DeployableContract = {
  name: 'EthereumDIDRegistry',
  abi: EthereumDIDRegistry.abi,
  bytecode: EthereumDIDRegistry.bytecode,
  deployedBytecode: EthereumDIDRegistry.deployedBytecode,
};

/** Our anchor contract (libs/anchoring/contracts/CredentialAnchor.sol). */
export const ANCHOR_CONTRACT: DeployableContract = {
  name: CREDENTIAL_ANCHOR_ARTIFACT.contractName,
  abi: CREDENTIAL_ANCHOR_ARTIFACT.abi,
  bytecode: CREDENTIAL_ANCHOR_ARTIFACT.bytecode,
  deployedBytecode: CREDENTIAL_ANCHOR_ARTIFACT.deployedBytecode,
};

/**
 * Reuses `knownAddress` when the contract's exact code is there, and deploys it otherwise: what
 * `npm start`, the test run and the deploy script each need. The chain id is pinned, so a node
 * serving another chain fails instead of receiving a deployment.
 */
export async function ensureDeployed(
  rpcUrl: string,
  chainId: number,
  deployerKey: string,
  contract: DeployableContract,
  knownAddress?: string,
): Promise<{ address: string; deployed: boolean }> {
  const provider = new JsonRpcProvider(rpcUrl, chainId, { staticNetwork: true });
  try {
    const served = BigInt((await provider.send('eth_chainId', [])) as string);
    if (served !== BigInt(chainId)) throw new Error(`${rpcUrl} serves chain ${served}, not ${chainId}`);
    if (knownAddress && (await provider.getCode(knownAddress)) === contract.deployedBytecode.toLowerCase()) {
      return { address: knownAddress, deployed: false };
    }
    const deployment = await new ContractFactory(contract.abi, contract.bytecode, new Wallet(deployerKey, provider)).deploy();
    await deployment.waitForDeployment();
    return { address: await deployment.getAddress(), deployed: true };
  } finally {
    provider.destroy();
  }
}
