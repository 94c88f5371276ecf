import { ensureDidRegistry } from '#anchoring';
import { ethers } from 'ethers';
import { loadDeployConfig } from './deploy-did-registry.config.js';

/**
 * Deploys the ERC-1056 DID registry to the chain at CHAIN_RPC_URL unless one is already at
 * DID_REGISTRY_ADDRESS, and prints its address. docker-compose runs it once against its chain;
 * public testnets usually have the registry already (Sepolia: see README).
 */
const config = loadDeployConfig();
const provider = new ethers.JsonRpcProvider(config.rpcUrl, config.chainId, { staticNetwork: true });
const network = await provider.getNetwork();
if (network.chainId !== BigInt(config.chainId)) {
  console.error(`CHAIN_RPC_URL serves chain ${network.chainId}, not CHAIN_ID ${config.chainId}`);
  process.exit(1);
}
const { address, deployed } = await ensureDidRegistry(provider, new ethers.Wallet(config.deployerKey, provider), config.knownAddress);
console.log(`${deployed ? 'Deployed' : 'Found'} the DID registry at ${address}`);
provider.destroy();
