import { ConfigReader, type Environment } from '#service-kit';

export interface DeployConfig {
  rpcUrl: string;
  chainId: number;
  /** Funded key that pays for the deployment. */
  deployerKey: string;
  /** Where the contracts may already be: each is reused when its exact code is there. */
  didRegistry?: string;
  anchorContract?: string;
}

export function loadDeployConfig(env: Environment = process.env): DeployConfig {
  const read = new ConfigReader(env);
  const config: DeployConfig = {
    rpcUrl: read.url('CHAIN_RPC_URL'),
    chainId: read.integer('CHAIN_ID', 31337, { min: 1 }),
    deployerKey: read.matching('DEPLOYER_PRIVATE_KEY', /^0x[0-9a-fA-F]{64}$/, 'a 0x-prefixed 32-byte hex private key'),
    didRegistry: read.optionalString('DID_REGISTRY_ADDRESS'),
    anchorContract: read.optionalString('ANCHOR_CONTRACT_ADDRESS'),
  };
  read.done();
  return config;
}
