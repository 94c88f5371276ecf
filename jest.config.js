// Unit tier: *.spec.ts beside the code. No network, no database, no chain.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const shared = {
  rootDir: '.',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': require('./jest.swc.cjs') },
  moduleNameMapper: {
    '^#(anchoring|schemas|service-kit|identity|local-stack|verification)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.data/'],
};

export default {
  ...shared,
  testMatch: ['<rootDir>/{apps,libs,scripts}/**/*.spec.ts'],
};
