// Integration and end-to-end tiers: a real Postgres and a real anvil chain, both prepared once by
// the global setup. Files run one at a time: each gets its own database cloned from the migrated
// template, and they share the chain's funded accounts.
import { shared } from './jest.config.js';

export default {
  ...shared,
  testMatch: ['<rootDir>/{apps,libs,scripts}/**/*.integration-spec.ts', '<rootDir>/apps/*/test/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  testTimeout: 60000,
};
