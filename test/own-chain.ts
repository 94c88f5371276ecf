import { ANCHOR_CONTRACT, DID_REGISTRY, ensureDeployed } from '#anchoring';
import { LOCAL_CHAIN_FUNDED_KEYS, startLocalChain } from '#local-stack';
import { JsonRpcProvider } from 'ethers';

export interface OwnChain {
  rpcUrl: string;
  chainId: number;
  anchorContract: string;
  /** What the issuer and the verifier read to use this chain instead of the run's shared one. */
  env: Record<string, string>;
  provider: JsonRpcProvider;
  stop(): Promise<void>;
}

/**
 * A fresh anvil with the DID registry and the anchor contract, for one test file that reverts the
 * chain or stops its mining: the run's shared chain stays as the other files expect it.
 */
export async function startOwnChain(): Promise<OwnChain> {
  const chain = await startLocalChain({});
  try {
    const deploy = (contract: typeof ANCHOR_CONTRACT) => ensureDeployed(chain.rpcUrl, chain.chainId, LOCAL_CHAIN_FUNDED_KEYS[0], contract);
    const { address: didRegistry } = await deploy(DID_REGISTRY);
    const { address: anchorContract } = await deploy(ANCHOR_CONTRACT);
    const provider = new JsonRpcProvider(chain.rpcUrl, chain.chainId, { staticNetwork: true, cacheTimeout: -1 });
    return {
      rpcUrl: chain.rpcUrl,
      chainId: chain.chainId,
      anchorContract,
      env: {
        CHAIN_RPC_URL: chain.rpcUrl,
        CHAIN_ID: String(chain.chainId),
        DID_REGISTRY_ADDRESS: didRegistry,
        ANCHOR_CONTRACT_ADDRESS: anchorContract,
      },
      provider,
      async stop() {
        provider.destroy();
        await chain.stop();
      },
    };
  } catch (error) {
    await chain.stop();
    throw error;
  }
}
