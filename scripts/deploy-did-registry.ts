import { ensureDidRegistryAt } from '#anchoring';
import { loadDeployConfig } from './deploy-did-registry.config.js';

/**
 * Deploys the ERC-1056 DID registry to the chain at CHAIN_RPC_URL unless one is already at
 * DID_REGISTRY_ADDRESS, and prints its address. docker-compose runs it once against its chain;
 * public testnets usually have the registry already (see README).
 */
const config = loadDeployConfig();
const { address, deployed } = await ensureDidRegistryAt(config.rpcUrl, config.chainId, config.deployerKey, config.knownAddress);
console.log(`${deployed ? 'Deployed' : 'Found'} the DID registry at ${address}`);
