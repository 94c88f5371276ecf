import { ANCHOR_CONTRACT, DID_REGISTRY, ensureDeployed } from '#anchoring';
import { loadDeployConfig } from './deploy-contracts.config.js';

/**
 * Deploys what the service needs on an EVM chain: the ERC-1056 DID registry (unless it is already
 * at DID_REGISTRY_ADDRESS; most public testnets have one) and the anchor contract (unless it is at
 * ANCHOR_CONTRACT_ADDRESS), paid by DEPLOYER_PRIVATE_KEY, and prints both addresses.
 *   CHAIN_RPC_URL=… CHAIN_ID=11155111 DEPLOYER_PRIVATE_KEY=0x… node dist/scripts/deploy-contracts.js
 */
const config = loadDeployConfig();
for (const [contract, known] of [
  [DID_REGISTRY, config.didRegistry],
  [ANCHOR_CONTRACT, config.anchorContract],
] as const) {
  const { address, deployed } = await ensureDeployed(config.rpcUrl, config.chainId, config.deployerKey, contract, known);
  console.log(`${contract.name}: ${deployed ? 'deployed at' : 'already at'} ${address}`);
}
