export { deployDidRegistry, ensureDidRegistry, isDeployed } from './chain/did-registry.js';
