import type { ConfigReader } from '#service-kit';
import { getResolver } from 'ethr-did-resolver';
import { Resolver, type ResolverRegistry } from 'did-resolver';
import { FetchRequest, JsonRpcProvider, Network } from 'ethers';

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

/** How long one chain request may take before the caller reports the chain unreachable. */
const RPC_TIMEOUT_MS = 5000;

/**
 * A provider pinned to the configured chain id: no network detection, which would otherwise retry
 * forever against an unreachable node; a bounded time per request; and no response cache, so each
 * read of a receipt or a nonce is the chain's answer now, not a quarter of a second ago.
 */
export function createChainProvider(network: EthrNetwork): JsonRpcProvider {
  const request = new FetchRequest(network.rpcUrl);
  request.timeout = RPC_TIMEOUT_MS;
  return new JsonRpcProvider(request, network.chainId, { staticNetwork: Network.from(network.chainId), cacheTimeout: -1 });
}

/** The did:ethr method on our chain alone, for a `did-resolver` Resolver. */
export function ethrDidMethod(network: EthrNetwork): ResolverRegistry {
  return getResolver({
    networks: [
      {
        name: ethrNetworkName(network),
        chainId: network.chainId,
        // ethr-did-resolver's types name ethers' CommonJS declarations and ours the ESM ones: the
        // same class at run time, two nominal types to TypeScript.
        provider: createChainProvider(network) as never,
        registry: network.didRegistry,
      },
    ],
  });
}

/**
 * A DID resolver that knows only did:ethr on our chain: a DID naming any other network or method
 * does not resolve, so nothing a credential says can make us query another endpoint.
 */
export function createEthrResolver(network: EthrNetwork): Resolver {
  return new Resolver(ethrDidMethod(network), { cache: false });
}
