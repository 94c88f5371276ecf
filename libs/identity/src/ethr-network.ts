import type { ConfigReader } from '#service-kit';
import { getResolver } from 'ethr-did-resolver';
import { Resolver } from 'did-resolver';

/** The one EVM chain whose ERC-1056 registry anchors our issuers' did:ethr identifiers. */
export interface EthrNetwork {
  rpcUrl: string;
  chainId: number;
  /** Address of the ERC-1056 EthereumDIDRegistry on that chain. */
  didRegistry: string;
}

export function readEthrNetwork(reader: ConfigReader): EthrNetwork {
  return {
    rpcUrl: reader.url('CHAIN_RPC_URL'),
    chainId: reader.integer('CHAIN_ID', 31337, { min: 1 }),
    didRegistry: reader.matching('DID_REGISTRY_ADDRESS', /^0x[0-9a-fA-F]{40}$/, 'a 0x-prefixed 20-byte address'),
  };
}

/**
 * The did:ethr network name as it appears in identifiers: the chain id in hex, as ethr-did writes
 * it (31337 -> did:ethr:0x7a69:0x...), so an identifier names its chain unambiguously.
 */
export function ethrNetworkName(network: EthrNetwork): string {
  return `0x${network.chainId.toString(16)}`;
}

/**
 * A DID resolver that knows only did:ethr on our chain: a DID naming any other network or method
 * does not resolve, so nothing a credential says can make us query another endpoint.
 */
export function createEthrResolver(network: EthrNetwork): Resolver {
  return new Resolver(
    getResolver({
      networks: [{ name: ethrNetworkName(network), chainId: network.chainId, rpcUrl: network.rpcUrl, registry: network.didRegistry }],
    }),
    { cache: false },
  );
}
