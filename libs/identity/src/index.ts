export { type EthrNetwork, readEthrNetwork, ethrNetworkName, createEthrResolver, createChainProvider } from './ethr-network.js';
