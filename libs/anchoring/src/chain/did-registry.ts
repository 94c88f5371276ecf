import { ContractFactory, JsonRpcProvider, type Provider, type Signer, Wallet } from 'ethers';
import didRegistryPackage from 'ethr-did-registry';

// The package is CommonJS: its named exports are reached through the default import.
const { EthereumDIDRegistry } = didRegistryPackage;

/** Deploys the ERC-1056 EthereumDIDRegistry (compiled artifact from `ethr-did-registry`) and returns its address. */
export async function deployDidRegistry(signer: Signer): Promise<string> {
  const factory = new ContractFactory(EthereumDIDRegistry.abi, EthereumDIDRegistry.bytecode, signer);
  const contract = await factory.deploy();
  await contract.waitForDeployment();
  return contract.getAddress();
}

export async function isDeployed(provider: Provider, address: string): Promise<boolean> {
  return (await provider.getCode(address)) !== '0x';
}

/** Reuses the registry at `knownAddress` when its code is there; deploys a new one otherwise. */
export async function ensureDidRegistry(
  provider: Provider,
  signer: Signer,
  knownAddress?: string,
): Promise<{ address: string; deployed: boolean }> {
  if (knownAddress && (await isDeployed(provider, knownAddress))) return { address: knownAddress, deployed: false };
  return { address: await deployDidRegistry(signer), deployed: true };
}

/**
 * ensureDidRegistry against a JSON-RPC endpoint with a deployer key: what `npm start`, the test
 * run and the deploy script each need. The chain id is pinned: a node serving another chain fails.
 */
export async function ensureDidRegistryAt(
  rpcUrl: string,
  chainId: number,
  deployerKey: string,
  knownAddress?: string,
): Promise<{ address: string; deployed: boolean }> {
  const provider = new JsonRpcProvider(rpcUrl, chainId, { staticNetwork: true });
  try {
    const served = (await provider.send('eth_chainId', [])) as string;
    if (BigInt(served) !== BigInt(chainId)) throw new Error(`${rpcUrl} serves chain ${BigInt(served)}, not ${chainId}`);
    return await ensureDidRegistry(provider, new Wallet(deployerKey, provider), knownAddress);
  } finally {
    provider.destroy();
  }
}
