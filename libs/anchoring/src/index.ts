export { ensureDidRegistryAt } from './chain/did-registry.js';
