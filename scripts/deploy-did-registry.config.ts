import { ConfigReader, type Environment } from '#service-kit';

export interface DeployConfig {
  rpcUrl: string;
  chainId: number;
  /** Funded key that pays for the deployment. */
  deployerKey: string;
  /** Where a registry may already be: reused when code is there. */
  knownAddress?: string;
}

export function loadDeployConfig(env: Environment = process.env): DeployConfig {
  const read = new ConfigReader(env);
  const config: DeployConfig = {
    rpcUrl: read.url('CHAIN_RPC_URL'),
    chainId: read.integer('CHAIN_ID', 31337, { min: 1 }),
    deployerKey: read.matching('DEPLOYER_PRIVATE_KEY', /^0x[0-9a-fA-F]{64}$/, 'a 0x-prefixed 32-byte hex private key'),
    knownAddress: read.optionalString('DID_REGISTRY_ADDRESS'),
  };
  read.done();
  return config;
}
