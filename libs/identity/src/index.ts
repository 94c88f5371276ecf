export { type EthrNetwork, readEthrNetwork, ethrNetworkName, createEthrResolver } from './ethr-network.js';
